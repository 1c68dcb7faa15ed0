import Tensors

/// Flux's `Losses` namespace, so `Losses.mse(ŷ, y)` ports as written; each member is the
/// unqualified loss of the same name.
public enum Losses {
    /// ``mse(_:_:agg:)``.
    @inlinable public static func mse<S>(_ ŷ: Tensor<S>, _ y: Tensor<S>, agg: Aggregation = .mean) -> Tensor<S> {
        Layers.mse(ŷ, y, agg: agg)
    }

    /// ``mae(_:_:agg:)``.
    @inlinable public static func mae<S>(_ ŷ: Tensor<S>, _ y: Tensor<S>, agg: Aggregation = .mean) -> Tensor<S> {
        Layers.mae(ŷ, y, agg: agg)
    }

    /// ``huber_loss(_:_:agg:delta:)``.
    @inlinable public static func huber_loss<S>(_ ŷ: Tensor<S>, _ y: Tensor<S>, agg: Aggregation = .mean, delta: S = 1) -> Tensor<S> {
        Layers.huber_loss(ŷ, y, agg: agg, delta: delta)
    }

    /// ``crossentropy(_:_:dims:agg:epsilon:)``.
    @inlinable public static func crossentropy<S>(_ ŷ: Tensor<S>, _ y: Tensor<S>, dims: Int = 1, agg: Aggregation = .mean,
                                                  epsilon: S = S.ulpOfOne) -> Tensor<S> {
        Layers.crossentropy(ŷ, y, dims: dims, agg: agg, epsilon: epsilon)
    }

    /// ``logitcrossentropy(_:_:dims:agg:)``.
    @inlinable public static func logitcrossentropy<S>(_ ŷ: Tensor<S>, _ y: Tensor<S>, dims: Int = 1, agg: Aggregation = .mean) -> Tensor<S> {
        Layers.logitcrossentropy(ŷ, y, dims: dims, agg: agg)
    }

    /// ``binarycrossentropy(_:_:agg:epsilon:)``.
    @inlinable public static func binarycrossentropy<S>(_ ŷ: Tensor<S>, _ y: Tensor<S>, agg: Aggregation = .mean,
                                                        epsilon: S = S.ulpOfOne) -> Tensor<S> {
        Layers.binarycrossentropy(ŷ, y, agg: agg, epsilon: epsilon)
    }

    /// ``logitbinarycrossentropy(_:_:agg:)``.
    @inlinable public static func logitbinarycrossentropy<S>(_ ŷ: Tensor<S>, _ y: Tensor<S>, agg: Aggregation = .mean) -> Tensor<S> {
        Layers.logitbinarycrossentropy(ŷ, y, agg: agg)
    }
}

/// Stops unless prediction and target have the same shape, naming both (Flux's `_check_sizes`).
@inlinable func checkLossShapes<S>(_ ŷ: Tensor<S>, _ y: Tensor<S>, _ name: String) {
    precondition(ŷ.shape == y.shape,
                 "DimensionMismatch: \(name) needs ŷ and y of the same shape, got ŷ \(formatShape(ŷ.shape)) and y \(formatShape(y.shape))")
}
