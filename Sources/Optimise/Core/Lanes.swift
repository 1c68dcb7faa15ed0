import Tensors

// Four-lane vector helpers for the optimiser kernels.
//
// On Linux `squareRoot()` is lowered to a libm call that may set `errno`, which stops LLVM from
// vectorising any loop that takes a square root (and `SIMD.squareRoot()` is scalarised the same
// way). Binding the LLVM vector intrinsics directly gives `sqrtps`/`sqrtpd` with IEEE-exact
// results, so the rules that need a root run four lanes at a time with the same numbers as the
// scalar formulas.
//
// `FLUX_PORTABLE_SQRT` (`-Xswiftc -DFLUX_PORTABLE_SQRT`) leaves the intrinsics out and takes the
// root with `SIMD.squareRoot()` instead: the same correctly rounded results, lane by lane rather
// than vectorised. It exists for the Thread Sanitizer run in `.ci/run`: with `-sanitize=thread`,
// Swift 6.3.1 emits the calls to these `@_silgen_name` intrinsics as LLVM `invoke`s, which the
// LLVM verifier rejects ("Cannot invoke an intrinsic other than …"), and swift-frontend aborts
// while compiling this module. (AddressSanitizer builds compile them fine.) Normal builds never
// set the condition.

#if !FLUX_PORTABLE_SQRT
/// `llvm.sqrt.v4f32`: IEEE square root of four `Float`s.
@usableFromInline @_silgen_name("llvm.sqrt.v4f32") func vectorSquareRoot4(_ x: SIMD4<Float>) -> SIMD4<Float>

/// `llvm.sqrt.v2f64`: IEEE square root of two `Double`s.
@usableFromInline @_silgen_name("llvm.sqrt.v2f64") func vectorSquareRoot2(_ x: SIMD2<Double>) -> SIMD2<Double>
#endif

/// The lane-wise IEEE square root, vectorised for `Float` and `Double` (unless built with
/// `FLUX_PORTABLE_SQRT`, see above).
@inlinable @inline(__always)
func squareRoot<S: TensorScalar>(_ v: SIMD4<S>) -> SIMD4<S> {
#if !FLUX_PORTABLE_SQRT
    if S.self == Float.self {
        return unsafeBitCast(vectorSquareRoot4(unsafeBitCast(v, to: SIMD4<Float>.self)), to: SIMD4<S>.self)
    }
    if S.self == Double.self {
        let d = unsafeBitCast(v, to: SIMD4<Double>.self)
        let r = SIMD4<Double>(lowHalf: vectorSquareRoot2(d.lowHalf), highHalf: vectorSquareRoot2(d.highHalf))
        return unsafeBitCast(r, to: SIMD4<S>.self)
    }
#endif
    return v.squareRoot()
}

/// Calls `body(i, lanes)` for `i = lower, lower + 4, …` covering `range`; `lanes` is 4 except for
/// a final partial group. Kernels call it inside ``forEachChunk(_:_:)``'s closure, so that the
/// loop is compiled into the code each thread runs:
///
///     forEachChunk(n) { range in forEachLaneGroup(in: range) { i, k in … } }
@inlinable @inline(__always)
func forEachLaneGroup(in range: Range<Int>, _ body: (_ i: Int, _ lanes: Int) -> Void) {
    var i = range.lowerBound
    while i + 4 <= range.upperBound {
        body(i, 4)
        i += 4
    }
    if i < range.upperBound { body(i, range.upperBound - i) }
}

/// Elements `i ..< i+lanes` of `p` as a vector, zero-padded past `lanes`.
@inlinable @inline(__always)
func load<S: TensorScalar>(_ p: UnsafeMutablePointer<S>, _ i: Int, _ lanes: Int) -> SIMD4<S> {
    if lanes == 4 { return UnsafeRawPointer(p + i).loadUnaligned(as: SIMD4<S>.self) }
    var v = SIMD4<S>()
    for k in 0..<lanes { v[k] = p[i + k] }
    return v
}

/// Stores the first `lanes` lanes of `v` at `p + i`.
@inlinable @inline(__always)
func store<S: TensorScalar>(_ v: SIMD4<S>, _ p: UnsafeMutablePointer<S>, _ i: Int, _ lanes: Int) {
    if lanes == 4 {
        UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: SIMD4<S>.self)
    } else {
        for k in 0..<lanes { p[i + k] = v[k] }
    }
}

/// The lane-wise maximum with Julia's `max` semantics: NaN in either operand gives NaN.
@inlinable @inline(__always)
func pointwiseMax<S: TensorScalar>(_ a: SIMD4<S>, _ b: SIMD4<S>) -> SIMD4<S> {
    SIMD4(juliaMax(a[0], b[0]), juliaMax(a[1], b[1]), juliaMax(a[2], b[2]), juliaMax(a[3], b[3]))
}

/// Julia's `max` of two scalars: NaN in either operand gives NaN.
@inlinable @inline(__always)
public func juliaMax<S: TensorScalar>(_ a: S, _ b: S) -> S {
    a.isNaN || b.isNaN ? S.nan : (a > b ? a : b)
}

/// Julia's `min` of two scalars: NaN in either operand gives NaN.
@inlinable @inline(__always)
public func juliaMin<S: TensorScalar>(_ a: S, _ b: S) -> S {
    a.isNaN || b.isNaN ? S.nan : (a < b ? a : b)
}
