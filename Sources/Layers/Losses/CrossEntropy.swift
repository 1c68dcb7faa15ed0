import Tensors

/// Cross-entropy between predicted probabilities and targets (Flux
/// `Losses.crossentropy(ŷ, y; dims = 1, agg = mean, ϵ = eps(eltype(ŷ)))`):
/// `agg(-sum(xlogy.(y, ŷ .+ ϵ); dims))`.
///
/// Columns (with the default `dims: 1`) are samples, so the mean is over the batch. Use
/// ``logitcrossentropy(_:_:dims:agg:)`` on raw scores instead of `crossentropy(softmax(x), y)`:
/// it is exact where this form loses precision. Differentiable in both arguments.
@inlinable public func crossentropy<S>(_ ŷ: Tensor<S>, _ y: Tensor<S>, dims: Int = 1, agg: Aggregation = .mean,
                                      epsilon ϵ: S = S.ulpOfOne) -> Tensor<S> {
    checkLossShapes(ŷ, y, "crossentropy")
    return agg(-sum(xlogy(y, ŷ .+ ϵ), dims: dims))
}

/// Cross-entropy from unnormalised scores (Flux `Losses.logitcrossentropy(ŷ, y; dims = 1, agg = mean)`):
/// `agg(-sum(y .* logsoftmax(ŷ; dims); dims))`, mathematically
/// `crossentropy(softmax(ŷ), y)` but stable for any scores. Differentiable in both arguments.
@inlinable public func logitcrossentropy<S>(_ ŷ: Tensor<S>, _ y: Tensor<S>, dims: Int = 1, agg: Aggregation = .mean) -> Tensor<S> {
    checkLossShapes(ŷ, y, "logitcrossentropy")
    return agg(-sum(y .* logsoftmax(ŷ, dims: dims), dims: dims))
}
