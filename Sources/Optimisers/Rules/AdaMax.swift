import Optimise
import Tensors

/// AdaMax, Adam with the infinity norm (Optimisers.jl `AdaMax(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`).
///
/// m = β1·m + (1−β1)·dx;  u = max(β2·u, |dx|)
/// step = (η/(1−β1ᵗ))·m / (u + ϵ)
///
/// State: `m`, `u` (zeros) and the powers. The Flux.Optimise kernel.
public struct AdaMax: MomentFamilyRule {
    /// Learning rate η.
    public var eta: Double
    /// Moment decays (β1, β2).
    public var beta: (Double, Double)
    /// ϵ.
    public var epsilon: Double

    /// `AdaMax(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`.
    public init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ epsilon: Double = 1e-8) {
        requireLearningRate(eta, "AdaMax")
        requireDecays(beta, "AdaMax")
        self.eta = eta
        self.beta = beta
        self.epsilon = epsilon
    }

    /// `AdaMax(eta:beta:epsilon:)`.
    public init(eta: Double = 0.001, beta: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8) {
        self.init(eta, beta, epsilon)
    }

    /// The shared Flux.Optimise kernel on this leaf's moments.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func step<T: TensorScalar>(_ state: MomentState<T>, _ x: Tensor<T>, _ dx: Tensor<T>, into sink: WriteStep<T>) {
        Optimise.AdaMax.step(state, dx, eta: eta, beta: beta, epsilon: epsilon, into: sink)
    }
}
