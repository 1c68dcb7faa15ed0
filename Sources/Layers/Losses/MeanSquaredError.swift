import Tensors

/// Mean squared error (Flux `Losses.mse(ŷ, y; agg = mean)`): `agg((ŷ .- y) .^ 2)`.
///
/// `ŷ` and `y` must have the same shape (Flux's `_check_sizes`); differentiable in both.
@inlinable public func mse<S>(_ ŷ: Tensor<S>, _ y: Tensor<S>, agg: Aggregation = .mean) -> Tensor<S> {
    checkLossShapes(ŷ, y, "mse")
    return agg(abs2(ŷ .- y))
}

