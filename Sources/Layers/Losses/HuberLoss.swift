import Tensors

/// Huber loss (Flux `Losses.huber_loss(ŷ, y; agg = mean, δ = 1)`): with `e = |ŷ − y|`, each
/// element is `e²/2` where `e < δ` and `δ(e − δ/2)` elsewhere, then `agg`.
///
/// `ŷ` and `y` must have the same shape; differentiable in both.
@inlinable public func huber_loss<S>(_ ŷ: Tensor<S>, _ y: Tensor<S>, agg: Aggregation = .mean, delta δ: S = 1) -> Tensor<S> {
    checkLossShapes(ŷ, y, "huber_loss")
    let error = abs(ŷ .- y)
    let inside = Tensor<S>(shape: error.shape, scalars: error.scalars.map { $0 < δ ? 1 : 0 })
    let half: S = 0.5
    return agg(abs2(error) .* inside .* half .+ δ .* (error .- half * δ) .* (1 .- inside))
}
