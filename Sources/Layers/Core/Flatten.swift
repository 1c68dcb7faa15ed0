import Tensors
import Tracker

/// Flux's `flatten` (MLUtils): reshapes an array to a matrix, keeping the last dimension and
/// merging all others, `reshape(x, :, size(x)[end])`. A (13, 13, 3, batch) convolution output
/// becomes (507, batch), ready for a `Dense` layer.
///
/// Use the value ``flatten`` as a chain member (`Chain(Conv(…), flatten, Dense(…))`) or call it
/// (`flatten(x)`). Differentiable; a vector becomes a 1×n row, as in Julia.
public struct Flatten: Layer, Sendable {
    /// The layer value; use ``flatten``.
    public init() {}

    /// No parameters.
    public var trainable: [any Trainable] { [] }

    /// `reshape(x, :, size(x)[end])`; stops on a 0-dimensional tensor.
    public func callAsFunction<T: TensorScalar>(_ x: Tensor<T>) -> Tensor<T> {
        precondition(x.rank >= 1, "flatten: expected an array with at least one dimension, got shape \(formatShape(x.shape))")
        let last = x.shape[x.rank - 1]
        return reshape(x, [x.shape.dropLast().reduce(1, *), last])
    }
}

/// Flux's `flatten` as a callable value: `flatten(x)`, or a ``Chain`` member.
public let flatten = Flatten()
