import Tensors

/// Binary cross-entropy of probabilities (Flux
/// `Losses.binarycrossentropy(ŷ, y; agg = mean, ϵ = eps(eltype(ŷ)))`):
/// `agg(-xlogy.(y, ŷ .+ ϵ) .- xlogy.(1 .- y, 1 .- ŷ .+ ϵ))`.
///
/// Prefer ``logitbinarycrossentropy(_:_:agg:)`` on raw scores over `binarycrossentropy(σ(x), y)`.
/// Differentiable in both arguments.
@inlinable public func binarycrossentropy<S>(_ ŷ: Tensor<S>, _ y: Tensor<S>, agg: Aggregation = .mean,
                                            epsilon ϵ: S = S.ulpOfOne) -> Tensor<S> {
    checkLossShapes(ŷ, y, "binarycrossentropy")
    return agg(-xlogy(y, ŷ .+ ϵ) .- xlogy(1 .- y, 1 .- ŷ .+ ϵ))
}

/// Binary cross-entropy from raw scores (Flux `Losses.logitbinarycrossentropy(ŷ, y; agg = mean)`):
/// `agg((1 .- y) .* ŷ .- logσ.(ŷ))` with `logσ(x) = −softplus(−x)`, stable for any scores.
/// Differentiable in both arguments.
@inlinable public func logitbinarycrossentropy<S>(_ ŷ: Tensor<S>, _ y: Tensor<S>, agg: Aggregation = .mean) -> Tensor<S> {
    checkLossShapes(ŷ, y, "logitbinarycrossentropy")
    return agg((1 .- y) .* ŷ .+ softplus(-ŷ))
}
