import Tensors

/// Mean absolute error (Flux `Losses.mae(ŷ, y; agg = mean)`): `agg(abs.(ŷ .- y))`.
///
/// `ŷ` and `y` must have the same shape; differentiable in both (the derivative of `|0|` is 0).
@inlinable public func mae<S>(_ ŷ: Tensor<S>, _ y: Tensor<S>, agg: Aggregation = .mean) -> Tensor<S> {
    checkLossShapes(ŷ, y, "mae")
    return agg(abs(ŷ .- y))
}
