import Optimise
import Tensors

/// Rectified Adam (Optimisers.jl `RAdam(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`).
///
/// ρ∞ = 2/(1−β2) − 1;  ρₜ = ρ∞ − 2t·β2ᵗ/(1−β2ᵗ)
/// if ρₜ > 4: step = η·r·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ϵ) with r = √((ρₜ−4)(ρₜ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρₜ))
/// else:      step = η·m/(1−β1ᵗ)
///
/// State: `m`, `v`, the powers and the step count `t`. The Flux.Optimise kernel.
public struct RAdam: MomentFamilyRule {
    /// Learning rate η.
    public var eta: Double
    /// Moment decays (β1, β2).
    public var beta: (Double, Double)
    /// ϵ.
    public var epsilon: Double

    /// `RAdam(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`.
    public init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ epsilon: Double = 1e-8) {
        requireLearningRate(eta, "RAdam")
        requireDecays(beta, "RAdam")
        self.eta = eta
        self.beta = beta
        self.epsilon = epsilon
    }

    /// `RAdam(eta:beta:epsilon:)`.
    public init(eta: Double = 0.001, beta: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8) {
        self.init(eta, beta, epsilon)
    }

    /// The shared Flux.Optimise kernel on this leaf's moments.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func step<T: TensorScalar>(_ state: MomentState<T>, _ x: Tensor<T>, _ dx: Tensor<T>, into sink: WriteStep<T>) {
        Optimise.RAdam.step(state, dx, eta: eta, beta: beta, epsilon: epsilon, into: sink)
    }
}
