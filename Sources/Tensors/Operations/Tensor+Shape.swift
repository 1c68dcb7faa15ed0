/// A tensor with the same elements in the same column-major order and a new shape
/// (Julia `reshape(x, 2, 3)`). Unlike Julia the result is a copy, not a view.
@inlinable public func reshape<S>(_ x: Tensor<S>, _ dims: Int...) -> Tensor<S> { reshape(x, dims) }

/// A tensor with the same elements and a new shape; one dimension may be `-1` (Julia's `:`),
/// meaning "whatever makes the count match".
@inlinable public func reshape<S>(_ x: Tensor<S>, _ dims: [Int]) -> Tensor<S> {
    var shape = dims
    if let free = dims.firstIndex(of: -1) {
        let known = dims.enumerated().filter { $0.offset != free }.map(\.element).reduce(1, *)
        precondition(known > 0 && x.count % known == 0,
                     "DimensionMismatch: cannot reshape \(formatShape(x.shape)) to \(formatShape(dims))")
        shape[free] = x.count / known
    }
    precondition(shape.reduce(1, *) == x.count && shape.allSatisfy { $0 >= 0 },
                 "DimensionMismatch: cannot reshape a tensor of shape \(formatShape(x.shape)) (\(x.count) elements) to \(formatShape(dims))")
    let original = x.shape
    return x.copy().reshaped(shape).recorded(recordingParents(x)) { g, _ in InputGradients(g.reshaped(original)) }
}

/// All elements as a vector in column-major order (Julia `vec(x)`).
@inlinable public func vec<S>(_ x: Tensor<S>) -> Tensor<S> { reshape(x, [x.count]) }

extension Tensor {
    /// This tensor's storage copied under a new shape with the same count; not recorded.
    @inlinable func reshaped(_ shape: [Int]) -> Tensor {
        let out = Tensor(uninitializedShape: shape)
        if count > 0 { out.base.update(from: base, count: count) }
        return out
    }
}

/// Concatenation along the first dimension (Julia `vcat(a, b, …)`); vectors stack into a longer
/// vector, matrices stack their rows. All other dimensions must agree.
@inlinable public func vcat<S>(_ xs: Tensor<S>...) -> Tensor<S> { concatenate(xs, along: 0) }

/// Concatenation along the second dimension (Julia `hcat(a, b, …)`); vectors become columns.
@inlinable public func hcat<S>(_ xs: Tensor<S>...) -> Tensor<S> { concatenate(xs, along: 1) }

/// Concatenation of `xs` along the 0-based dimension `axis`, differentiable.
@inlinable public func concatenate<S>(_ xs: [Tensor<S>], along axis: Int) -> Tensor<S> {
    precondition(!xs.isEmpty, "concatenate: expected at least one tensor")
    let rank = Swift.max(axis + 1, xs.map(\.rank).max()!)
    let shapes = xs.map { t in (0..<rank).map { $0 < t.rank ? t.shape[$0] : 1 } }
    for s in shapes {
        for d in 0..<rank where d != axis {
            precondition(s[d] == shapes[0][d],
                         "DimensionMismatch: cannot concatenate shapes \(xs.map { formatShape($0.shape) }.joined(separator: ", ")) along dimension \(axis + 1)")
        }
    }
    var shape = shapes[0]
    shape[axis] = shapes.map { $0[axis] }.reduce(0, +)
    let out = Tensor<S>(uninitializedShape: shape)
    let inner = shape[..<axis].reduce(1, *)
    let outer = shape[(axis + 1)...].reduce(1, *)
    var offset = 0
    for (t, s) in zip(xs, shapes) {
        let chunk = inner * s[axis]
        for o in 0..<outer {
            (out.base + o * inner * shape[axis] + offset).update(from: t.base + o * chunk, count: chunk)
        }
        offset += chunk
    }
    let parents = recordingParents(of: xs)
    return out.recorded(parents) { g, tracked in
        var grads: [Tensor<S>?] = []
        var offset = 0
        for (i, (t, s)) in zip(xs, shapes).enumerated() {
            let chunk = inner * s[axis]
            defer { offset += chunk }
            guard tracked[i] else {
                grads.append(nil)
                continue
            }
            let gi = Tensor<S>(uninitializedShape: t.shape)
            for o in 0..<outer {
                (gi.base + o * chunk).update(from: g.base + o * inner * shape[axis] + offset, count: chunk)
            }
            grads.append(gi)
        }
        return InputGradients(grads)
    }
}

extension Tensor {
    /// The slices along the last dimension at the given 0-based indices (Julia `x[:, idx]` for a
    /// matrix: the columns, i.e. the samples of a batch), in the order given; differentiable.
    @inlinable public subscript(columns indices: [Int]) -> Tensor {
        let last = Swift.max(rank, 1) - 1
        let n = rank == 0 ? 1 : shape[last]
        let slice = rank == 0 ? 1 : count / Swift.max(n, 1)
        for i in indices {
            precondition(i >= 0 && i < n, "column index \(i) is out of bounds for a tensor of shape \(formatShape(shape))")
        }
        var outShape = shape
        if rank > 0 { outShape[last] = indices.count }
        let out = Tensor(uninitializedShape: outShape)
        for (k, i) in indices.enumerated() {
            (out.base + k * slice).update(from: base + i * slice, count: slice)
        }
        let inputShape = shape
        return out.recorded(recordingParents(self)) { g, _ in
            let gx = Tensor(shape: inputShape, repeating: 0)
            for (k, i) in indices.enumerated() {
                let dst = gx.base + i * slice, src = g.base + k * slice
                for e in 0..<slice { dst[e] += src[e] }
            }
            return InputGradients(gx)
        }
    }

    /// The slices along the last dimension in a 0-based range (Julia `x[:, 1:32]` is `x[columns: 0..<32]`).
    @inlinable public subscript(columns range: Range<Int>) -> Tensor { self[columns: Array(range)] }

    /// The slice along the last dimension at one 0-based index, with that dimension dropped
    /// (Julia `x[:, j]` gives a vector).
    @inlinable public subscript(column j: Int) -> Tensor {
        let picked = self[columns: [j]]
        return reshape(picked, Array(shape.dropLast()))
    }
}
