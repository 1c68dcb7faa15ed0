import Tensors

/// The error `back` throws for a loss that is not finite (Flux v0.6's `"Loss is NaN"` /
/// `"Loss is Inf"`); no gradient has been accumulated when it is thrown.
public struct NonFiniteLoss: Error, CustomStringConvertible, Equatable {
    /// The offending loss value.
    public let value: Double
    /// `"Loss is NaN"` or `"Loss is Inf"`, as Flux prints it.
    public var description: String { value.isNaN ? "Loss is NaN" : "Loss is Inf" }
}

/// Backpropagates a scalar loss into the accumulated gradients of every `param` it depends on
/// (Flux v0.6 `back!(l)`): `grad(p) .+= ∂l/∂p`. Gradients add up across calls until an optimiser
/// call, `Tracker.update` or ``zeroGrad(_:)`` resets them.
///
/// Throws ``NonFiniteLoss`` for a NaN or infinite loss, before touching any gradient. A loss
/// with more than one element stops with Flux's message (seed it with ``back(_:_:)``).
@_specialize(where S == Float)
@_specialize(where S == Double)
public func back<S>(_ l: Tensor<S>) throws {
    precondition(l.count == 1, "Value is not scalar; use back(sum(x)) or back(x, Δ) (got shape \(formatShape(l.shape)))")
    let value = Double(l.item)
    if !value.isFinite { throw NonFiniteLoss(value: value) }
    back(l, Tensor(shape: l.shape, repeating: 1))
}

/// Backpropagates the seed `Δ` (the gradient of some scalar with respect to `x`) into the
/// accumulated gradients of every `param` that `x` depends on (Flux `back!(x, Δ)`). Does nothing
/// when `x` is not tracked.
@_specialize(where S == Float)
@_specialize(where S == Double)
public func back<S>(_ x: Tensor<S>, _ Δ: Tensor<S>) {
    precondition(Δ.shape == x.shape, "back: the seed has shape \(formatShape(Δ.shape)) but the value has \(formatShape(x.shape))")
    guard let root = x.autodiffNode else { return }
    backpropagate(from: root, seed: Δ, intoPersistentLeaves: true)
}
