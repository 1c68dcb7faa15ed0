import Optimise
import Tensors

/// AMSGrad (Optimisers.jl `AMSGrad(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`).
///
/// m = β1·m + (1−β1)·dx;  v = β2·v + (1−β2)·dx²;  v̂ = max(v̂, v)
/// step = η·m / (√v̂ + ϵ)   (no bias correction)
///
/// State: `m`, `v`, `v̂`, all starting at ϵ. The Flux.Optimise kernel.
public struct AMSGrad: MomentFamilyRule {
    /// Learning rate η.
    public var eta: Double
    /// Moment decays (β1, β2).
    public var beta: (Double, Double)
    /// ϵ.
    public var epsilon: Double

    /// `AMSGrad(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`.
    public init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ epsilon: Double = 1e-8) {
        requireLearningRate(eta, "AMSGrad")
        requireDecays(beta, "AMSGrad")
        self.eta = eta
        self.beta = beta
        self.epsilon = epsilon
    }

    /// `AMSGrad(eta:beta:epsilon:)`.
    public init(eta: Double = 0.001, beta: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8) {
        self.init(eta, beta, epsilon)
    }

    /// The buffers start at ϵ.
    public func initialMoment<T: TensorScalar>(_ type: T.Type) -> T { T(epsilon) }
    /// AMSGrad keeps `v̂`.
    public var keepsThirdBuffer: Bool { true }

    /// The shared Flux.Optimise kernel on this leaf's moments.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func step<T: TensorScalar>(_ state: MomentState<T>, _ x: Tensor<T>, _ dx: Tensor<T>, into sink: WriteStep<T>) {
        Optimise.AMSGrad.step(state, dx, eta: eta, beta: beta, epsilon: epsilon, into: sink)
    }
}
