import Optimise
import Tensors

/// Clips each gradient element to [−δ, δ] (Optimisers.jl `ClipGrad(δ = 10)`; Flux's `ClipValue`
/// has no default).
///
/// step = clamp(dx, −δ, δ)
///
/// No state. Put it first in an ``OptimiserChain``.
public struct ClipGrad: AbstractRule {
    /// The bound δ.
    public var delta: Double

    /// `ClipGrad(δ = 10)`.
    public init(_ delta: Double = 10) {
        precondition(delta >= 0, "ClipGrad: δ must be ≥ 0, got \(delta)")
        self.delta = delta
    }

    /// `ClipGrad(delta:)`.
    public init(delta: Double) { self.init(delta) }

    /// No state.
    public func `init`<T: TensorScalar>(_ x: Tensor<T>) {}

    /// `clamp(dx, −δ, δ)` (Flux's ClipValue kernel).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func apply<T: TensorScalar>(_ state: Void, _ x: Tensor<T>, _ dx: Tensor<T>) -> (Void, Tensor<T>?) {
        ((), overwriting(dx) { Optimise.ClipValue.step(dx, thresh: delta, into: $0) })
    }

    /// Changes `delta`.
    public func adjusted(_ changes: Adjustment) -> ClipGrad {
        var rule = self
        changes.apply(changes.delta, to: &rule.delta)
        return rule
    }
}
