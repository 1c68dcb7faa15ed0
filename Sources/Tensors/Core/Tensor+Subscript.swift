extension Tensor {
    /// The element at a linear, 0-based, column-major position (Julia `x[i + 1]`).
    @inlinable public subscript(i: Int) -> Scalar {
        get {
            precondition(i >= 0 && i < count, "index \(i) is out of bounds for a tensor of shape \(formatShape(shape))")
            return base[i]
        }
        set {
            precondition(i >= 0 && i < count, "index \(i) is out of bounds for a tensor of shape \(formatShape(shape))")
            base[i] = newValue
        }
    }

    /// The element at 0-based row `i`, column `j` of a matrix (Julia `x[i + 1, j + 1]`).
    @inlinable public subscript(i: Int, j: Int) -> Scalar {
        get { base[offset([i, j])] }
        set { base[offset([i, j])] = newValue }
    }

    /// The element at 0-based position `(i, j, k)` of a 3-dimensional tensor.
    @inlinable public subscript(i: Int, j: Int, k: Int) -> Scalar {
        get { base[offset([i, j, k])] }
        set { base[offset([i, j, k])] = newValue }
    }

    /// The column-major offset of a full 0-based index, checked against the shape.
    @inlinable func offset(_ index: [Int]) -> Int {
        precondition(index.count == shape.count,
                     "a tensor of shape \(formatShape(shape)) needs \(shape.count) indices, got \(index.count)")
        var offset = 0
        var stride = 1
        for (d, i) in index.enumerated() {
            precondition(i >= 0 && i < shape[d],
                         "index \(formatShape(index)) is out of bounds for a tensor of shape \(formatShape(shape))")
            offset += i * stride
            stride *= shape[d]
        }
        return offset
    }
}
