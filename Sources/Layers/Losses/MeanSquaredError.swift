import Tensors

/// Mean squared error (Flux `Losses.mse(ŷ, y; agg = mean)`): `agg((ŷ .- y) .^ 2)`.
///
/// `ŷ` and `y` must have the same shape (Flux's `_check_sizes`); differentiable in both. With
/// `.mean` or `.sum` the loss is one fused operation (``sumOfSquaredDifferences(_:_:dividedBy:)``)
/// with the same values as the composed expression.
@inlinable public func mse<S>(_ ŷ: Tensor<S>, _ y: Tensor<S>, agg: Aggregation = .mean) -> Tensor<S> {
    checkLossShapes(ŷ, y, "mse")
    switch agg {
    case .mean: return sumOfSquaredDifferences(ŷ, y, dividedBy: S(ŷ.count))
    case .sum: return sumOfSquaredDifferences(ŷ, y)
    case .none: return abs2(ŷ .- y)
    }
}

