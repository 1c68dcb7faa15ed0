import Optimise
import Tensors

/// Weight decay, L2 regularisation (Optimisers.jl `WeightDecay(λ = 5e-4)`; Flux's default is 0).
///
/// step = dx + λ·x
///
/// No state. Put it before the rule whose step it should feed: `OptimiserChain(WeightDecay(), Adam())`.
public struct WeightDecay: AbstractRule {
    /// λ.
    public var lambda: Double

    /// `WeightDecay(λ = 5e-4)`.
    public init(_ lambda: Double = 5e-4) { self.lambda = lambda }

    /// `WeightDecay(lambda:)`.
    public init(lambda: Double) { self.init(lambda) }

    /// No state.
    public func `init`<T: TensorScalar>(_ x: Tensor<T>) {}

    /// `dx + λ·x` (Flux's kernel).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func apply<T: TensorScalar>(_ state: Void, _ x: Tensor<T>, _ dx: Tensor<T>) -> (Void, Tensor<T>?) {
        ((), overwriting(dx) { Optimise.WeightDecay.step(x, dx, wd: lambda, into: $0) })
    }

    /// Changes `lambda`.
    public func adjusted(_ changes: Adjustment) -> WeightDecay {
        var rule = self
        changes.apply(changes.lambda, to: &rule.lambda)
        return rule
    }
}
