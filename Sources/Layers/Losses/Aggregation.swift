import Tensors

/// How a loss reduces its elementwise values (Flux's `agg` keyword).
public enum Aggregation: Sendable {
    /// The mean of all elements (Flux's default, `agg = mean`).
    case mean
    /// The sum of all elements (`agg = sum`).
    case sum
    /// No reduction: the elementwise loss (`agg = identity`).
    case none

    /// Applies the aggregation, keeping the computation differentiable.
    @inlinable public func callAsFunction<S>(_ x: Tensor<S>) -> Tensor<S> {
        switch self {
        case .mean: return Tensors.mean(x)
        case .sum: return Tensors.sum(x)
        case .none: return x
        }
    }
}
