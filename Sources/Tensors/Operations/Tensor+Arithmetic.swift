extension Tensor {
    /// Elementwise sum of two tensors of the same shape (Julia `a + b`); use `.+` to broadcast.
    @inlinable public static func + (a: Tensor, b: Tensor) -> Tensor {
        requireSameShape(a, b, "+")
        return a .+ b
    }

    /// Elementwise difference of two tensors of the same shape (Julia `a - b`); use `.-` to broadcast.
    @inlinable public static func - (a: Tensor, b: Tensor) -> Tensor {
        requireSameShape(a, b, "-")
        return a .- b
    }

    /// Elementwise negation (Julia `-x`).
    @inlinable public static prefix func - (x: Tensor) -> Tensor {
        mapKernel(x, -).recorded(recordingParents(x)) { g, _ in InputGradients(mapKernel(g, -)) }
    }

    /// A scalar multiple (Julia `η * g`).
    @inlinable public static func * (s: Scalar, x: Tensor) -> Tensor { s .* x }

    /// A scalar multiple (Julia `g * η`).
    @inlinable public static func * (x: Tensor, s: Scalar) -> Tensor { x .* s }

    /// Division by a scalar (Julia `x / n`).
    @inlinable public static func / (x: Tensor, s: Scalar) -> Tensor { x ./ s }

    /// Stops unless `a` and `b` have the same shape, naming both.
    @inlinable static func requireSameShape(_ a: Tensor, _ b: Tensor, _ op: String) {
        precondition(a.shape == b.shape,
                     "DimensionMismatch: `\(op)` needs equal shapes, got \(formatShape(a.shape)) and \(formatShape(b.shape)); use the dotted operator to broadcast")
    }
}
