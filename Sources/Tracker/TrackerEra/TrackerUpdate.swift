import Tensors

/// Tracker-era update (Flux v0.6 `Tracker.update!(x, Δ)`): **adds** `Δ` to `x` in place and zeroes
/// `x`'s accumulated gradient. Gradient descent is therefore `Tracker.update(p, -η * grads[p]!)`.
///
/// Call it qualified, `Tracker.update(p, Δ)`: the unqualified `update(x, x̄)` is Flux 0.12's
/// `update!(x, x̄)` from `Optimise`, which *subtracts*. `Δ` must have `x`'s shape.
@_disfavoredOverload
public func update<S>(_ x: Tensor<S>, _ Δ: Tensor<S>) {
    precondition(x.shape == Δ.shape, "Tracker.update: Δ has shape \(formatShape(Δ.shape)) but the parameter has \(formatShape(x.shape))")
    x .+= Δ
    zeroGrad(x)
}
