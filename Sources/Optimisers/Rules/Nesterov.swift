import Optimise
import Tensors

/// Nesterov momentum (Optimisers.jl `Nesterov(η = 0.001, ρ = 0.9)`).
///
/// step = −ρ²·v + (1+ρ)·η·dx;  then v = ρ·v − η·dx
///
/// State: the velocity `v` (zeros). Identical, bit for bit, to Flux's `Nesterov`.
public struct Nesterov: AbstractRule {
    /// Learning rate η.
    public var eta: Double
    /// Momentum ρ.
    public var rho: Double

    /// `Nesterov(η = 0.001, ρ = 0.9)`.
    public init(_ eta: Double = 0.001, _ rho: Double = 0.9) {
        requireLearningRate(eta, "Nesterov")
        self.eta = eta
        self.rho = rho
    }

    /// `Nesterov(eta:rho:)`.
    public init(eta: Double = 0.001, rho: Double = 0.9) { self.init(eta, rho) }

    /// The velocity, zeros like `x`.
    public func `init`<T: TensorScalar>(_ x: Tensor<T>) -> any TensorProtocol { x.zerosLike() }

    /// The look-ahead step; advances the velocity.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func apply<T: TensorScalar>(_ state: any TensorProtocol, _ x: Tensor<T>, _ dx: Tensor<T>) -> (any TensorProtocol, Tensor<T>?) {
        let v = typedState(state, T.self)
        return (v, overwriting(dx) { Optimise.Nesterov.step(v, dx, eta: eta, rho: rho, into: $0) })
    }

    /// Changes `eta` and `rho`.
    public func adjusted(_ changes: Adjustment) -> Nesterov {
        var rule = self
        changes.apply(changes.eta, to: &rule.eta)
        changes.apply(changes.rho, to: &rule.rho)
        return rule
    }
}
