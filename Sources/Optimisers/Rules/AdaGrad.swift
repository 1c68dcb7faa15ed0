import Optimise
import Tensors

/// AdaGrad (Optimisers.jl `AdaGrad(η = 0.1, ϵ = 1e-8)`).
///
/// acc = acc + dx²;  step = dx·η / (√acc + ϵ)
///
/// State: `acc`, starting at ϵ. The Flux.Optimise kernel (it rounds `dx·(η/(√acc + ϵ))`).
public struct AdaGrad: AbstractRule {
    /// Learning rate η.
    public var eta: Double
    /// ϵ.
    public var epsilon: Double

    /// `AdaGrad(η = 0.1, ϵ = 1e-8)`.
    public init(_ eta: Double = 0.1, _ epsilon: Double = 1e-8) {
        requireLearningRate(eta, "AdaGrad")
        self.eta = eta
        self.epsilon = epsilon
    }

    /// `AdaGrad(eta:epsilon:)`.
    public init(eta: Double = 0.1, epsilon: Double = 1e-8) { self.init(eta, epsilon) }

    /// The accumulator, filled with ϵ.
    public func `init`<T: TensorScalar>(_ x: Tensor<T>) -> any TensorProtocol {
        Tensor(shape: x.shape, repeating: T(epsilon))
    }

    /// Accumulates `dx²` and scales the step.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func apply<T: TensorScalar>(_ state: any TensorProtocol, _ x: Tensor<T>, _ dx: Tensor<T>) -> (any TensorProtocol, Tensor<T>?) {
        let acc = typedState(state, T.self)
        return (acc, overwriting(dx) { Optimise.AdaGrad.step(acc, dx, eta: eta, epsilon: epsilon, into: $0) })
    }

    /// Changes `eta` and `epsilon`.
    public func adjusted(_ changes: Adjustment) -> AdaGrad {
        var rule = self
        changes.apply(changes.eta, to: &rule.eta)
        changes.apply(changes.epsilon, to: &rule.epsilon)
        return rule
    }
}
