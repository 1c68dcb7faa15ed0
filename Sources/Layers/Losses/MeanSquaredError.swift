import Tensors

/// Mean squared error (Flux `Losses.mse(ŷ, y; agg = mean)`): `agg((ŷ .- y) .^ 2)`.
///
/// `ŷ` and `y` must broadcast together; differentiable in both.
@inlinable public func mse<S>(_ ŷ: Tensor<S>, _ y: Tensor<S>, agg: Aggregation = .mean) -> Tensor<S> {
    agg(abs2(ŷ .- y))
}

/// Flux's `Losses` namespace, so `Losses.mse(ŷ, y)` ports as written.
public enum Losses {
    /// ``mse(_:_:agg:)``.
    @inlinable public static func mse<S>(_ ŷ: Tensor<S>, _ y: Tensor<S>, agg: Aggregation = .mean) -> Tensor<S> {
        Layers.mse(ŷ, y, agg: agg)
    }
}
