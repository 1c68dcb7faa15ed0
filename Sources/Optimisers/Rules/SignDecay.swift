import Optimise
import Tensors

/// Sign decay, L1 regularisation (Optimisers.jl `SignDecay(λ = 1e-3)`).
///
/// step = dx + λ·sign(x)
///
/// No state. λ is a `Double` here (Flux's `SignDecay` keeps a `Float32`).
public struct SignDecay: AbstractRule {
    /// λ.
    public var lambda: Double

    /// `SignDecay(λ = 1e-3)`.
    public init(_ lambda: Double = 1e-3) { self.lambda = lambda }

    /// `SignDecay(lambda:)`.
    public init(lambda: Double) { self.init(lambda) }

    /// No state.
    public func `init`<T: TensorScalar>(_ x: Tensor<T>) {}

    /// `dx + λ·sign(x)` (Flux's kernel).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func apply<T: TensorScalar>(_ state: Void, _ x: Tensor<T>, _ dx: Tensor<T>) -> (Void, Tensor<T>?) {
        ((), overwriting(dx) { Optimise.SignDecay.step(x, dx, lambda: lambda, into: $0) })
    }

    /// Changes `lambda`.
    public func adjusted(_ changes: Adjustment) -> SignDecay {
        var rule = self
        changes.apply(changes.lambda, to: &rule.lambda)
        return rule
    }
}
