/// The sum of all elements, as a 0-dimensional tensor (Julia `sum(x)`; read it with `.item`).
@inlinable public func sum<S>(_ x: Tensor<S>) -> Tensor<S> {
    let p = x.base
    var total: S = 0
    for i in 0..<x.count { total += p[i] }
    let shape = x.shape
    return Tensor(total).recorded(recordingParents(x)) { g, _ in InputGradients(Tensor(shape: shape, repeating: g.item)) }
}

/// The mean of all elements, as a 0-dimensional tensor (Julia `mean(x)`).
///
/// One recorded operation: the total divided by the count forward, and that count's share of the
/// output gradient for every element backward.
@inlinable public func mean<S>(_ x: Tensor<S>) -> Tensor<S> {
    let p = x.base, n = S(x.count)
    var total: S = 0
    for i in 0..<x.count { total += p[i] }
    let shape = x.shape
    return Tensor(total / n).recorded(recordingParents(x)) { g, _ in
        InputGradients(Tensor(shape: shape, repeating: g.item / n))
    }
}

/// `sum((a .- b) .^ 2) / divisor` as a 0-dimensional tensor, in one pass and one recorded
/// operation (the kernel behind `mse`): the gradient is `(g / divisor) · 2(a − b)` for `a` and its
/// negation for `b`. `a` and `b` must have the same shape.
@inlinable public func sumOfSquaredDifferences<S>(_ a: Tensor<S>, _ b: Tensor<S>, dividedBy divisor: S = 1) -> Tensor<S> {
    precondition(a.shape == b.shape,
                 "DimensionMismatch: sumOfSquaredDifferences needs equal shapes, got \(formatShape(a.shape)) and \(formatShape(b.shape))")
    let x = a.base, y = b.base
    var total: S = 0
    for i in 0..<a.count {
        let d = x[i] - y[i]
        total += d * d
    }
    return Tensor(total / divisor).recorded(recordingParents(a, b)) { g, tracked in
        let c = g.item / divisor
        let ga = zipKernel(a, b) { xi, yi in c * (2 * (xi - yi)) }
        return InputGradients(tracked[0] ? ga : nil, tracked[1] ? mapKernel(ga, -) : nil)
    }
}

/// Sums along one dimension, keeping it with size 1 (Julia `sum(x, dims = 1)`). `dims` counts
/// from 1 as in Julia: `dims: 1` sums each column, `dims: 2` each row.
@inlinable public func sum<S>(_ x: Tensor<S>, dims: Int) -> Tensor<S> {
    let shape = reducedShape(x.shape, dims)
    let out = sumToShape(x, shape)
    let result = out === x ? x.copy() : out
    let inputShape = x.shape
    return result.recorded(recordingParents(x)) { g, _ in
        InputGradients(broadcastKernel(Tensor<S>(shape: inputShape, repeating: 0), g, +))
    }
}

/// Means along one dimension (Julia `mean(x, dims = 1)`), keeping it with size 1.
@inlinable public func mean<S>(_ x: Tensor<S>, dims: Int) -> Tensor<S> {
    let n = dims <= x.rank ? x.shape[dims - 1] : 1
    return sum(x, dims: dims) ./ S(n)
}

/// `shape` with dimension `dims` (1-based) set to 1; stops on a dimension below 1.
@inlinable func reducedShape(_ shape: [Int], _ dims: Int) -> [Int] {
    precondition(dims >= 1, "dims must be ≥ 1 (Julia counts dimensions from 1), got \(dims)")
    var s = shape
    if dims <= s.count { s[dims - 1] = 1 }
    return s
}

/// The largest element, as a 0-dimensional tensor (Julia `maximum(x)`); the gradient goes to
/// the first position holding it.
@inlinable public func maximum<S>(_ x: Tensor<S>) -> Tensor<S> { extremum(x, >) }

/// The smallest element, as a 0-dimensional tensor (Julia `minimum(x)`).
@inlinable public func minimum<S>(_ x: Tensor<S>) -> Tensor<S> { extremum(x, <) }

/// The first element that `better` prefers to all others, with its gradient routed there.
@inlinable func extremum<S>(_ x: Tensor<S>, _ better: @escaping (S, S) -> Bool) -> Tensor<S> {
    precondition(x.count > 0, "reducing over an empty collection is not allowed (shape \(formatShape(x.shape)))")
    let p = x.base
    var best = 0
    for i in 1..<Swift.max(x.count, 1) where better(p[i], p[best]) || p[i].isNaN && !p[best].isNaN { best = i }
    let shape = x.shape
    return Tensor(p[best]).recorded(recordingParents(x)) { g, _ in
        let gx = Tensor<S>(shape: shape, repeating: 0)
        gx.base[best] = g.item
        return InputGradients(gx)
    }
}

/// Maxima along one dimension, keeping it with size 1 (Julia `maximum(x, dims = 1)`).
@inlinable public func maximum<S>(_ x: Tensor<S>, dims: Int) -> Tensor<S> { extremum(x, dims: dims, >) }

/// Minima along one dimension, keeping it with size 1 (Julia `minimum(x, dims = 1)`).
@inlinable public func minimum<S>(_ x: Tensor<S>, dims: Int) -> Tensor<S> { extremum(x, dims: dims, <) }

/// Per-slice extremum along 1-based dimension `dims`, gradient routed to each slice's winner.
@inlinable func extremum<S>(_ x: Tensor<S>, dims: Int, _ better: @escaping (S, S) -> Bool) -> Tensor<S> {
    let winners = argextremum(x, dims: dims, better)
    let out = Tensor<S>(uninitializedShape: reducedShape(x.shape, dims))
    for (k, i) in winners.enumerated() { out.base[k] = x.base[i] }
    let shape = x.shape
    return out.recorded(recordingParents(x)) { g, _ in
        let gx = Tensor<S>(shape: shape, repeating: 0)
        for (k, i) in winners.enumerated() { gx.base[i] += g.base[k] }
        return InputGradients(gx)
    }
}

/// For each slice along 1-based dimension `dims`, the linear offset of its preferred element,
/// listed in the column-major order of the reduced shape.
@inlinable func argextremum<S>(_ x: Tensor<S>, dims: Int, _ better: (S, S) -> Bool) -> [Int] {
    let shape = reducedShape(x.shape, dims)
    let n = dims <= x.rank ? x.shape[dims - 1] : 1
    precondition(n > 0, "reducing over an empty dimension is not allowed (shape \(formatShape(x.shape)))")
    let inner = x.shape.prefix(dims - 1).reduce(1, *)
    let outCount = shape.reduce(1, *)
    var winners = [Int](repeating: 0, count: outCount)
    let p = x.base
    for k in 0..<outCount {
        let i = k % inner, o = k / inner
        var best = i + o * inner * n
        for j in 1..<Swift.max(n, 1) {
            let at = i + (j + o * n) * inner
            if better(p[at], p[best]) || p[at].isNaN && !p[best].isNaN { best = at }
        }
        winners[k] = best
    }
    return winners
}

/// The 0-based position of the largest element of each slice along 1-based dimension `dims`
/// (Flux's `onecold` uses `dims: 1`: the winning row of each column). Ties go to the first.
@inlinable public func argmax<S>(_ x: Tensor<S>, dims: Int) -> [Int] {
    let inner = x.shape.prefix(dims - 1).reduce(1, *)
    let n = dims <= x.rank ? x.shape[dims - 1] : 1
    return argextremum(x, dims: dims, >).map { ($0 / inner) % n }
}

/// The Euclidean (Frobenius) norm of all elements, as a 0-dimensional tensor (Julia `norm(x)`).
///
/// Like Julia's `generic_norm2` it scales by the largest magnitude first (no overflow or
/// underflow), and returns that magnitude when it is 0 or infinite. Differentiable: `x / ‖x‖`.
@inlinable public func norm<S>(_ x: Tensor<S>) -> Tensor<S> {
    let value = twoNorm(UnsafeBufferPointer(start: x.base, count: x.count))
    return Tensor(value).recorded(recordingParents(x)) { g, _ in
        let scale = value == 0 ? 0 : g.item / value
        return InputGradients(mapKernel(x) { $0 * scale })
    }
}

/// The 2-norm of a buffer as Julia's `generic_norm2` computes it: `maxabs = max|xᵢ|`, returned
/// as is when it is 0 or infinite (NaN when any element is NaN); otherwise the square root of the
/// sum of squares accumulated in `Double`, rescaled by `maxabs` only when `n·maxabs²` would
/// overflow or underflow. The sum is blocked and interleaved (see `sumOfSquaresInDouble`), so
/// only its last bit can differ from a sequential sum, as Julia's own result differs between
/// `generic_norm2` and BLAS `nrm2` (which it uses from 32 elements).
///
/// For `Float` one pass suffices: a `Float`'s square can neither overflow nor underflow in
/// `Double`, and the square root of the sum is already 0, ∞ or NaN exactly when `maxabs` is.
///
/// `forEachBlock(count, body)` must call `body(b)` once for every `b` in `0..<count`, in any
/// order or concurrently; the result does not depend on how. The default runs them in turn.
@inlinable public func twoNorm<S: TensorScalar>(
    _ x: UnsafeBufferPointer<S>,
    forEachBlock: (Int, (Int) -> Void) -> Void = { count, body in for b in 0..<count { body(b) } }
) -> S {
    if S.self == Float.self { return S(sumOfSquaresInDouble(x, forEachBlock: forEachBlock).squareRoot()) }
    var maxabs: S = 0
    for v in x {
        let a = Swift.abs(v)
        if a > maxabs || a.isNaN { maxabs = a }
    }
    if maxabs == 0 || maxabs.isInfinite { return maxabs }
    let m = Double(maxabs)
    if (Double(x.count) * m * m).isFinite && m * m != 0 {
        return S(sumOfSquaresInDouble(x, forEachBlock: forEachBlock).squareRoot())
    }
    var sum = 0.0
    for v in x { let d = Double(v) / m; sum += d * d }
    return S(m * sum.squareRoot())
}

/// Elements per block of `sumOfSquaresInDouble`: the unit of work a thread can take.
@usableFromInline let sumOfSquaresBlock = 1 << 16

/// `Σ Double(xᵢ)²`, fixed by the data alone: the buffer is cut into blocks of
/// `sumOfSquaresBlock` elements; each block's sum is taken in four partial sums — element `i`
/// to sum `i mod 4` while four remain, the rest to a fifth, added as `(s₀ + s₁) + (s₂ + s₃) + s₄`,
/// so that the additions overlap instead of each waiting for the last — and the block sums are
/// added in order. `forEachBlock` (see `twoNorm`) may run the blocks concurrently, up to 64 at a
/// time.
@inlinable func sumOfSquaresInDouble<S: TensorScalar>(_ x: UnsafeBufferPointer<S>,
                                                       forEachBlock: (Int, (Int) -> Void) -> Void) -> Double {
    guard let p = x.baseAddress else { return 0 }
    let blocks = (x.count + sumOfSquaresBlock - 1) / sumOfSquaresBlock
    if blocks == 1 { return sumOfSquaresInDouble(p, count: x.count) }
    // The block sums wait on the stack, 64 at a time (a step allocates nothing on the heap).
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: 64) { sums in
        var total = 0.0
        var first = 0
        while first < blocks {
            let count = Swift.min(64, blocks - first)
            forEachBlock(count) { b in
                let start = (first + b) * sumOfSquaresBlock
                sums[b] = sumOfSquaresInDouble(p + start, count: Swift.min(sumOfSquaresBlock, x.count - start))
            }
            for b in 0..<count { total += sums[b] }
            first += count
        }
        return total
    }
}

/// One block of `sumOfSquaresInDouble`: `count` elements from `p`, in four interleaved partial
/// sums and a fifth for the remainder.
@inlinable func sumOfSquaresInDouble<S: TensorScalar>(_ p: UnsafePointer<S>, count: Int) -> Double {
    var sums = SIMD4<Double>()
    var i = 0
    while i + 4 <= count {
        let v = SIMD4<Double>(Double(p[i]), Double(p[i + 1]), Double(p[i + 2]), Double(p[i + 3]))
        sums += v * v
        i += 4
    }
    var rest = 0.0
    while i < count {
        let d = Double(p[i])
        rest += d * d
        i += 1
    }
    return (sums[0] + sums[1]) + (sums[2] + sums[3]) + rest
}
