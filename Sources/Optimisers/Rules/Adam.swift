import Optimise
import Tensors

/// Adam (Optimisers.jl `Adam(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`).
///
/// m = β1·m + (1−β1)·dx;  v = β2·v + (1−β2)·dx²
/// step = η · (m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ϵ)
///
/// State: `m`, `v` (zeros) and the powers `β1ᵗ, β2ᵗ`. The same kernel as Flux's `Adam`
/// (Optimisers.jl rounds `(1−β2)·dx²` in another order: last-ulp differences only).
public struct Adam: MomentFamilyRule {
    /// Learning rate η.
    public var eta: Double
    /// Moment decays (β1, β2).
    public var beta: (Double, Double)
    /// ϵ.
    public var epsilon: Double

    /// `Adam(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`.
    public init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ epsilon: Double = 1e-8) {
        requireLearningRate(eta, "Adam")
        requireDecays(beta, "Adam")
        self.eta = eta
        self.beta = beta
        self.epsilon = epsilon
    }

    /// `Adam(eta:beta:epsilon:)`.
    public init(eta: Double = 0.001, beta: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8) {
        self.init(eta, beta, epsilon)
    }

    /// The shared Flux.Optimise kernel on this leaf's moments.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func step<T: TensorScalar>(_ state: MomentState<T>, _ x: Tensor<T>, _ dx: Tensor<T>, into sink: WriteStep<T>) {
        Optimise.Adam.step(state, dx, eta: eta, beta: beta, epsilon: epsilon, into: sink)
    }
}
