import Optimise
import Tensors

/// Nesterov Adam (Optimisers.jl `NAdam(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`).
///
/// m, v as Adam;  step = η·(β1·m/(1−β1·β1ᵗ) + (1−β1)·dx/(1−β1ᵗ)) / (√(β2·v/(1−β2ᵗ)) + ϵ)
///
/// The β2 factor inside the root is Flux's and Optimisers.jl's. State: `m`, `v`, the powers.
/// The Flux.Optimise kernel.
public struct NAdam: MomentFamilyRule {
    /// Learning rate η.
    public var eta: Double
    /// Moment decays (β1, β2).
    public var beta: (Double, Double)
    /// ϵ.
    public var epsilon: Double

    /// `NAdam(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`.
    public init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ epsilon: Double = 1e-8) {
        requireLearningRate(eta, "NAdam")
        requireDecays(beta, "NAdam")
        self.eta = eta
        self.beta = beta
        self.epsilon = epsilon
    }

    /// `NAdam(eta:beta:epsilon:)`.
    public init(eta: Double = 0.001, beta: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8) {
        self.init(eta, beta, epsilon)
    }

    /// The shared Flux.Optimise kernel on this leaf's moments.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func step<T: TensorScalar>(_ state: MomentState<T>, _ x: Tensor<T>, _ dx: Tensor<T>, into sink: WriteStep<T>) {
        Optimise.NAdam.step(state, dx, eta: eta, beta: beta, epsilon: epsilon, into: sink)
    }
}
