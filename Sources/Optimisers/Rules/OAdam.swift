import Optimise
import Tensors

/// Optimistic Adam (Optimisers.jl `OAdam(η = 0.001, β = (0.5, 0.9), ϵ = 1e-8)`).
///
/// term = η·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ϵ) with Adam's m, v
/// step = 2·term − previous term
///
/// State: `m`, `v`, the previous term (zeros) and the powers. The Flux.Optimise kernel.
public struct OAdam: MomentFamilyRule {
    /// Learning rate η.
    public var eta: Double
    /// Moment decays (β1, β2).
    public var beta: (Double, Double)
    /// ϵ.
    public var epsilon: Double

    /// `OAdam(η = 0.001, β = (0.5, 0.9), ϵ = 1e-8)`.
    public init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.5, 0.9), _ epsilon: Double = 1e-8) {
        requireLearningRate(eta, "OAdam")
        requireDecays(beta, "OAdam")
        self.eta = eta
        self.beta = beta
        self.epsilon = epsilon
    }

    /// `OAdam(eta:beta:epsilon:)`.
    public init(eta: Double = 0.001, beta: (Double, Double) = (0.5, 0.9), epsilon: Double = 1e-8) {
        self.init(eta, beta, epsilon)
    }

    /// OAdam keeps the previous term.
    public var keepsThirdBuffer: Bool { true }

    /// The shared Flux.Optimise kernel on this leaf's moments.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func step<T: TensorScalar>(_ state: MomentState<T>, _ x: Tensor<T>, _ dx: Tensor<T>, into sink: WriteStep<T>) {
        Optimise.OAdam.step(state, dx, eta: eta, beta: beta, epsilon: epsilon, into: sink)
    }
}
