import Tensors
import Tracker

/// Calls `body(offset, stride, n)` for every slice of `shape` along 1-based dimension `dims`:
/// the slice's elements sit at `offset + k·stride` for `k` in `0..<n`.
@inlinable func forEachSlice(of shape: [Int], dims: Int, _ body: (_ offset: Int, _ stride: Int, _ n: Int) -> Void) {
    precondition(dims >= 1, "dims must be at least 1, got \(dims)")
    let inner = shape.prefix(dims - 1).reduce(1, *)
    let n = dims <= shape.count ? shape[dims - 1] : 1
    let outer = dims <= shape.count ? shape.suffix(from: dims).reduce(1, *) : 1
    for o in 0..<outer {
        for i in 0..<inner { body(i + o * inner * n, inner, n) }
    }
}

/// The largest of the `n > 0` elements at `offset + k·stride`.
@inlinable func sliceMaximum<S: TensorScalar>(_ p: UnsafeBufferPointer<S>, _ offset: Int, _ stride: Int, _ n: Int) -> S {
    var m = p[offset]
    for k in 1..<n { m = Swift.max(m, p[offset + k * stride]) }
    return m
}

/// A map applied slice by slice along dimension `dims`, recorded with a slice-wise pullback:
/// `forward(x, y, offset, stride, n)` fills one slice of `y` from `x`; `backward(y, ȳ, x̄, offset,
/// stride, n)` fills one slice of `x̄` from the output and its gradient.
///
/// The pullback needs the output's values, but it must not hold the output tensor itself: that
/// tensor carries the node that holds the pullback, and the cycle (output → node → pullback →
/// output) would keep the output and the whole graph behind it (with the parameters the pullbacks
/// hold) alive for ever. So when the operation is recorded, the pullback keeps a copy of the
/// values (a tensor without a node); the gradients are the same, bit for bit.
@inlinable func sliceMap<S: TensorScalar>(
    _ x: Tensor<S>, dims: Int,
    forward: (UnsafeBufferPointer<S>, UnsafeMutableBufferPointer<S>, Int, Int, Int) -> Void,
    backward: @escaping (UnsafeBufferPointer<S>, UnsafeBufferPointer<S>, UnsafeMutableBufferPointer<S>, Int, Int, Int) -> Void
) -> Tensor<S> {
    let y = Tensor<S>(shape: x.shape, repeating: 0)
    x.withUnsafeBufferPointer { xp in
        y.withUnsafeMutableBufferPointer { yp in
            forEachSlice(of: x.shape, dims: dims) { offset, stride, n in
                if n > 0 { forward(xp, yp, offset, stride, n) }
            }
        }
    }
    guard let parents = recordingParents(x) else { return y }
    let shape = x.shape, values = y.copy()
    return y.recorded(parents) { g, _ in
        let gx = Tensor<S>(shape: shape, repeating: 0)
        values.withUnsafeBufferPointer { yp in
            g.withUnsafeBufferPointer { gp in
                gx.withUnsafeMutableBufferPointer { out in
                    forEachSlice(of: shape, dims: dims) { offset, stride, n in backward(yp, gp, out, offset, stride, n) }
                }
            }
        }
        return InputGradients(gx)
    }
}

/// `softmax(x; dims = 1)` (Flux/NNlib): `exp.(x .- maximum(x; dims)) ./ sum(…; dims)`, so each
/// column of a (classes, batch) matrix becomes a probability vector.
public struct Softmax: Activation, Layer {
    /// The activation value; use ``softmax``.
    @inlinable public init() {}

    /// No parameters.
    public var trainable: [any Trainable] { [] }

    /// Softmax over the first dimension.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inlinable public func callAsFunction<S: TensorScalar>(_ x: Tensor<S>) -> Tensor<S> { self(x, dims: 1) }

    /// Softmax over dimension `dims` (1-based). Differentiable: `x̄ = y .* (ȳ .- sum(ȳ .* y; dims))`.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inlinable public func callAsFunction<S: TensorScalar>(_ x: Tensor<S>, dims: Int) -> Tensor<S> {
        sliceMap(x, dims: dims, forward: { xp, yp, offset, stride, n in
            let m = sliceMaximum(xp, offset, stride, n)
            var total: S = 0
            for k in 0..<n {
                let e = S.exp(xp[offset + k * stride] - m)
                yp[offset + k * stride] = e
                total += e
            }
            for k in 0..<n { yp[offset + k * stride] /= total }
        }, backward: { yp, gp, out, offset, stride, n in
            var dot: S = 0
            for k in 0..<n { dot += gp[offset + k * stride] * yp[offset + k * stride] }
            for k in 0..<n {
                let i = offset + k * stride
                out[i] = yp[i] * (gp[i] - dot)
            }
        })
    }
}

/// `logsoftmax(x; dims = 1)` (Flux/NNlib): `x .- maximum(x; dims) .- log.(sum(exp.(x .- max); dims))`,
/// the numerically stable logarithm of ``softmax``.
public struct LogSoftmax: Activation, Layer {
    /// The activation value; use ``logsoftmax``.
    @inlinable public init() {}

    /// No parameters.
    public var trainable: [any Trainable] { [] }

    /// Log-softmax over the first dimension.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inlinable public func callAsFunction<S: TensorScalar>(_ x: Tensor<S>) -> Tensor<S> { self(x, dims: 1) }

    /// Log-softmax over dimension `dims` (1-based). Differentiable:
    /// `x̄ = ȳ .- exp.(y) .* sum(ȳ; dims)`.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inlinable public func callAsFunction<S: TensorScalar>(_ x: Tensor<S>, dims: Int) -> Tensor<S> {
        sliceMap(x, dims: dims, forward: { xp, yp, offset, stride, n in
            let m = sliceMaximum(xp, offset, stride, n)
            var total: S = 0
            for k in 0..<n { total += S.exp(xp[offset + k * stride] - m) }
            let lse = S.log(total)
            for k in 0..<n { yp[offset + k * stride] = xp[offset + k * stride] - m - lse }
        }, backward: { yp, gp, out, offset, stride, n in
            var total: S = 0
            for k in 0..<n { total += gp[offset + k * stride] }
            for k in 0..<n {
                let i = offset + k * stride
                out[i] = gp[i] - S.exp(yp[i]) * total
            }
        })
    }
}

/// Softmax over the first dimension (Flux `softmax`); `softmax(x, dims: 2)` for another one.
public let softmax = Softmax()

/// Log-softmax over the first dimension (Flux `logsoftmax`); `logsoftmax(x, dims: 2)` for another one.
public let logsoftmax = LogSoftmax()
