import Optimise
import Tensors

/// Adam with decoupled weight decay (Optimisers.jl v0.4 `AdamW(η = 0.001, β = (0.9, 0.999),
/// λ = 0, ϵ = 1e-8; couple = true)`).
///
/// a = (m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ϵ) with Adam's m, v
/// couple:  step = η·a + (η·λ)·x   (PyTorch's convention, the default)
/// else:    step = η·a + λ·x       (Flux's `AdamW`)
///
/// State: Adam's. The positional order is Optimisers.jl ≥ 0.4.2's: η, β, λ, ϵ.
public struct AdamW: MomentFamilyRule {
    /// Learning rate η.
    public var eta: Double
    /// Moment decays (β1, β2).
    public var beta: (Double, Double)
    /// Weight decay λ.
    public var lambda: Double
    /// ϵ.
    public var epsilon: Double
    /// Whether the decay is scaled by η.
    public var couple: Bool

    /// `AdamW(η = 0.001, β = (0.9, 0.999), λ = 0, ϵ = 1e-8; couple = true)`.
    public init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ lambda: Double = 0,
                _ epsilon: Double = 1e-8, couple: Bool = true) {
        requireLearningRate(eta, "AdamW")
        checkBeta(beta, "AdamW")
        self.eta = eta
        self.beta = beta
        self.lambda = lambda
        self.epsilon = epsilon
        self.couple = couple
    }

    /// `AdamW(eta:beta:lambda:epsilon:couple:)`. Disfavoured so that `AdamW()` and
    /// `AdamW(couple: false)`, which both initialisers accept, pick the positional one.
    @_disfavoredOverload
    public init(eta: Double = 0.001, beta: (Double, Double) = (0.9, 0.999), lambda: Double = 0,
                epsilon: Double = 1e-8, couple: Bool = true) {
        self.init(eta, beta, lambda, epsilon, couple: couple)
    }

    /// Adam's kernel, then the decay term with Flux's weight-decay kernel.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func step<T: TensorScalar>(_ state: MomentState<T>, _ x: Tensor<T>, _ dx: Tensor<T>, into sink: WriteStep<T>) {
        Optimise.Adam.step(state, dx, eta: eta, beta: beta, epsilon: epsilon, into: sink)
        Optimise.WeightDecay.step(x, dx, wd: couple ? eta * lambda : lambda, into: sink)
    }

    /// Changes `eta`, `beta`, `lambda` and `epsilon`.
    public func adjusted(_ changes: Adjustment) -> AdamW {
        var rule = self
        changes.apply(changes.eta, to: &rule.eta)
        changes.apply(changes.beta, to: &rule.beta)
        changes.apply(changes.lambda, to: &rule.lambda)
        changes.apply(changes.epsilon, to: &rule.epsilon)
        return rule
    }
}
