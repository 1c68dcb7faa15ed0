import Optimise
import Tensors

/// AdaBelief (Optimisers.jl `AdaBelief(η = 0.001, β = (0.9, 0.999), ϵ = 1e-16)`).
///
/// m = β1·m + (1−β1)·dx;  s = β2·s + (1−β2)·(dx−m)² + ϵ
/// step = η·(m/(1−β1ᵗ)) / (√(s/(1−β2ᵗ)) + ϵ)
///
/// Unlike Flux's `AdaBelief`, ϵ is used **as given**, not squared (the defaults 1e-16 and
/// (1e-8)² differ by one ulp). State: `m`, `s` (zeros) and the powers.
public struct AdaBelief: MomentFamilyRule {
    /// Learning rate η.
    public var eta: Double
    /// Moment decays (β1, β2).
    public var beta: (Double, Double)
    /// ϵ.
    public var epsilon: Double

    /// `AdaBelief(η = 0.001, β = (0.9, 0.999), ϵ = 1e-16)`.
    public init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ epsilon: Double = 1e-16) {
        requireLearningRate(eta, "AdaBelief")
        requireDecays(beta, "AdaBelief")
        self.eta = eta
        self.beta = beta
        self.epsilon = epsilon
    }

    /// `AdaBelief(eta:beta:epsilon:)`.
    public init(eta: Double = 0.001, beta: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-16) {
        self.init(eta, beta, epsilon)
    }

    /// The shared Flux.Optimise kernel on this leaf's moments.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func step<T: TensorScalar>(_ state: MomentState<T>, _ x: Tensor<T>, _ dx: Tensor<T>, into sink: WriteStep<T>) {
        Optimise.AdaBelief.step(state, dx, eta: eta, beta: beta, shift: epsilon, into: sink)
    }
}
