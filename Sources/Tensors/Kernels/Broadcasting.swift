/// The error of an expression whose operand shapes do not fit together (Julia's `DimensionMismatch`).
public struct DimensionMismatch: Error, CustomStringConvertible, Equatable {
    /// What was expected and what was found, naming both shapes.
    public let message: String
    /// Creates the error with its message.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { "DimensionMismatch: " + message }
}

/// The shape of Julia's `broadcast` over operands of shapes `a` and `b`.
///
/// Dimensions are aligned from the first (leading) one; a missing trailing dimension counts as
/// size 1, and a size-1 dimension stretches to the other operand's size. `(2, 3)` with `(2,)`
/// gives `(2, 3)`; `(2, 1)` with `(1, 3)` gives `(2, 3)`; `(2, 3)` with `(3,)` does not broadcast.
@inlinable public func broadcastShape(_ a: [Int], _ b: [Int]) throws(DimensionMismatch) -> [Int] {
    let rank = Swift.max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for d in 0..<rank {
        let x = d < a.count ? a[d] : 1
        let y = d < b.count ? b[d] : 1
        if x == y || y == 1 { result[d] = x } else if x == 1 { result[d] = y } else {
            throw DimensionMismatch("arrays could not be broadcast to a common size: got shapes \(formatShape(a)) and \(formatShape(b)) (dimension \(d + 1): \(x) against \(y))")
        }
    }
    return result
}

/// ``broadcastShape(_:_:)`` for an expression that is malformed if the shapes do not fit: stops
/// with the message naming both shapes.
@inlinable func broadcastShapeOrStop(_ a: [Int], _ b: [Int]) -> [Int] {
    do { return try broadcastShape(a, b) } catch { preconditionFailure(error.description) }
}

/// The column-major strides of `shape` padded to `rank` dimensions, with 0 wherever the tensor
/// is stretched along a dimension of `target`.
@inlinable func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
    var strides = [Int](repeating: 0, count: target.count)
    var stride = 1
    for d in 0..<target.count {
        let size = d < shape.count ? shape[d] : 1
        strides[d] = (size == 1 && target[d] != 1) ? 0 : stride
        stride *= size
    }
    return strides
}

/// Visits every element of a tensor of shape `shape` in column-major order, calling `body` with
/// runs along the first dimension: the offsets of the run's first element in two strided
/// operands, the run length and the two operands' strides along the first dimension.
@inlinable func forEachRun(_ shape: [Int], _ sa: [Int], _ sb: [Int],
                           _ body: (_ oa: Int, _ ob: Int, _ n: Int, _ da: Int, _ db: Int) -> Void) {
    let count = shape.reduce(1, *)
    if count == 0 { return }
    let rank = shape.count
    if rank == 0 { body(0, 0, 1, 0, 0); return }
    var index = [Int](repeating: 0, count: rank)
    var oa = 0, ob = 0
    let n = shape[0]
    while true {
        body(oa, ob, n, sa[0], sb[0])
        var d = 1
        while d < rank {
            index[d] += 1
            oa += sa[d]; ob += sb[d]
            if index[d] < shape[d] { break }
            oa -= sa[d] * shape[d]; ob -= sb[d] * shape[d]
            index[d] = 0
            d += 1
        }
        if d == rank { return }
    }
}

/// `op` applied elementwise over the broadcast of `a` and `b` (the kernel behind `.+`, `.*`, …).
@inlinable func broadcastKernel<S>(_ a: Tensor<S>, _ b: Tensor<S>, _ op: (S, S) -> S) -> Tensor<S> {
    let shape = a.shape == b.shape ? a.shape : broadcastShapeOrStop(a.shape, b.shape)
    let out = Tensor<S>(uninitializedShape: shape)
    let o = out.base, x = a.base, y = b.base
    if a.shape == b.shape {
        for i in 0..<out.count { o[i] = op(x[i], y[i]) }
    } else if b.count == 1 {
        let v = y[0]
        for i in 0..<out.count { o[i] = op(x[i], v) }
    } else if a.count == 1 {
        let v = x[0]
        for i in 0..<out.count { o[i] = op(v, y[i]) }
    } else {
        let sa = broadcastStrides(a.shape, to: shape), sb = broadcastStrides(b.shape, to: shape)
        var k = 0
        forEachRun(shape, sa, sb) { oa, ob, n, da, db in
            for i in 0..<n { o[k + i] = op(x[oa + i * da], y[ob + i * db]) }
            k += n
        }
    }
    return out
}

/// `op(target, source)` stored into `target` over the broadcast of `source` to `target`'s
/// shape (the kernel behind `.+=`, `.=`, …). The result shape must be `target`'s.
@inlinable func broadcastAssignKernel<S>(_ target: Tensor<S>, _ source: Tensor<S>, _ op: (S, S) -> S) {
    if target.shape != source.shape {
        let shape = broadcastShapeOrStop(target.shape, source.shape)
        precondition(trimmingTrailingOnes(shape) == trimmingTrailingOnes(target.shape),
                     "DimensionMismatch: cannot broadcast a source of shape \(formatShape(source.shape)) into a destination of shape \(formatShape(target.shape))")
    }
    let o = target.base, y = source.base
    if target.shape == source.shape || source.count == target.count {
        for i in 0..<target.count { o[i] = op(o[i], y[i]) }
    } else if source.count == 1 {
        let v = y[0]
        for i in 0..<target.count { o[i] = op(o[i], v) }
    } else {
        let st = broadcastStrides(target.shape, to: target.shape)
        let ss = broadcastStrides(source.shape, to: target.shape)
        forEachRun(target.shape, st, ss) { ot, os, n, dt, ds in
            for i in 0..<n { o[ot + i * dt] = op(o[ot + i * dt], y[os + i * ds]) }
        }
    }
}

/// The sum of `g` over the dimensions along which an operand of shape `shape` was stretched,
/// so the gradient of a broadcast operand has that operand's shape (Julia's `unbroadcast`).
@inlinable public func sumToShape<S>(_ g: Tensor<S>, _ shape: [Int]) -> Tensor<S> {
    if g.shape == shape { return g }
    let out = Tensor<S>(shape: shape, repeating: 0)
    if g.count == out.count {
        for i in 0..<g.count { out.base[i] = g.base[i] }
        return out
    }
    let so = broadcastStrides(shape, to: g.shape)
    let sg = broadcastStrides(g.shape, to: g.shape)
    let o = out.base, x = g.base
    forEachRun(g.shape, so, sg) { oo, og, n, dout, dg in
        for i in 0..<n { o[oo + i * dout] += x[og + i * dg] }
    }
    return out
}

/// `shape` without its trailing size-1 dimensions; two shapes equal after trimming lay out
/// their elements identically.
@inlinable func trimmingTrailingOnes(_ shape: [Int]) -> [Int] {
    var s = shape
    while s.last == 1 { s.removeLast() }
    return s
}
