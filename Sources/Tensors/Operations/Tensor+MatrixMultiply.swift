extension Tensor {
    /// Matrix product (Julia `W * x`): matrix × matrix, matrix × vector, or a vector (as an n×1
    /// column) × a 1×m row. Inner dimensions must agree; otherwise it stops naming both shapes.
    ///
    /// Differentiable: the pullback of `C = A·B` is `(Ḡ·Bᵀ, Aᵀ·Ḡ)`.
    @inlinable public static func * (a: Tensor, b: Tensor) -> Tensor {
        let (m, k) = matrixDimensions(a)
        let (k2, n) = b.rank == 1 ? (b.shape[0], 1) : matrixDimensions(b)
        precondition(k == k2 && a.rank >= 1 && b.rank >= 1 && a.rank <= 2 && b.rank <= 2,
                     "DimensionMismatch: matrix A has shape \(formatShape(a.shape)), matrix B has shape \(formatShape(b.shape)); inner dimensions \(k) and \(k2) must agree")
        let shape = b.rank == 1 ? [m] : [m, n]
        let out = Tensor(uninitializedShape: shape)
        matrixMultiply(a.base, b.base, out.base, m: m, k: k, n: n)
        return out.recorded(recordingParents(a, b)) { g, tracked in
            // A vector's storage is also its n×1 column, so g, a and b need no reshaping.
            let ga = tracked[0] ? Tensor(uninitializedShape: a.shape) : nil
            let gb = tracked[1] ? Tensor(uninitializedShape: b.shape) : nil
            if let ga { matrixMultiply(g.base, b.base, ga.base, m: m, k: n, n: k, transposingB: true) }
            if let gb { matrixMultiply(a.base, g.base, gb.base, m: k, k: m, n: n, transposingA: true) }
            return InputGradients(ga, gb)
        }
    }

    /// `(rows, columns)` of a tensor used as the left factor of a product: a vector is an n×1 column.
    @inlinable static func matrixDimensions(_ t: Tensor) -> (Int, Int) {
        switch t.rank {
        case 1: return (t.shape[0], 1)
        case 2: return (t.shape[0], t.shape[1])
        default:
            preconditionFailure("DimensionMismatch: matrix multiplication needs a vector or matrix, got shape \(formatShape(t.shape))")
        }
    }
}

/// The transpose of a vector (as a 1×n row) or matrix, as a new tensor; not recorded.
@inlinable func transposeMatrix<S>(_ x: Tensor<S>) -> Tensor<S> {
    let (m, n) = x.rank == 1 ? (x.shape[0], 1) : (x.shape[0], x.shape[1])
    let out = Tensor<S>(uninitializedShape: [n, m])
    let src = x.base, dst = out.base
    let block = 32
    var j0 = 0
    while j0 < n {
        var i0 = 0
        while i0 < m {
            for j in j0..<Swift.min(j0 + block, n) {
                for i in i0..<Swift.min(i0 + block, m) { dst[j + i * n] = src[i + j * m] }
            }
            i0 += block
        }
        j0 += block
    }
    return out
}

/// The transpose of a vector (giving a 1×n row) or matrix (Julia `transpose(x)`).
@inlinable public func transpose<S>(_ x: Tensor<S>) -> Tensor<S> {
    precondition(x.rank == 1 || x.rank == 2, "transpose: expected a vector or matrix, got shape \(formatShape(x.shape))")
    let shape = x.shape
    return transposeMatrix(x).recorded(recordingParents(x)) { g, _ in
        let back = transposeMatrix(g)
        return InputGradients(shape.count == 1 ? Tensor(shape: shape, scalars: back.scalars) : back)
    }
}

/// The transpose (Julia `x'` for real arrays): `W′`.
@inlinable public postfix func ′ <S>(x: Tensor<S>) -> Tensor<S> { transpose(x) }
