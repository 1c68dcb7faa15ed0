import Tensors

/// Gradient descent with momentum (Flux `Momentum(η = 0.01, ρ = 0.9)`).
///
/// v = ρ·v − η·g;  step = −v   (so x ← x + v)
///
/// State: the velocity `v`, zeros on first use.
public final class Momentum: ElementwiseRule {
    /// Learning rate η.
    public var eta: Double
    /// Momentum ρ, in [0, 1].
    public var rho: Double { didSet { requireUnitInterval(rho, "Momentum ρ") } }
    /// Velocity per parameter.
    public let velocity = IdDict()

    /// `Momentum(η = 0.01, ρ = 0.9)`.
    public init(_ eta: Double = 0.01, _ rho: Double = 0.9) {
        requireUnitInterval(rho, "Momentum ρ")
        self.eta = eta
        self.rho = rho
    }

    /// `Momentum(eta:rho:)`.
    public convenience init(eta: Double = 0.01, rho: Double = 0.9) { self.init(eta, rho) }

    @_specialize(where S == Float, Sink == WriteStep<Float>)
    @_specialize(where S == Float, Sink == SubtractStep<Float>)
    @_specialize(where S == Double, Sink == WriteStep<Double>)
    @_specialize(where S == Double, Sink == SubtractStep<Double>)
    public func step<S, Sink: StepSink>(_ x: Tensor<S>, _ g: Tensor<S>, into sink: Sink) where Sink.Scalar == S {
        Self.step(velocity.get(x, default: x.zerosLike()), g, eta: eta, rho: rho, into: sink)
    }

    /// The kernel on explicit state and hyper-parameters, shared with the Optimisers.jl-style rule
    /// of the same name: advances `state` and gives every element's step to `sink`.
    @inlinable
    public static func step<S, Sink: StepSink>(_ state: Tensor<S>, _ g: Tensor<S>, eta: Double, rho: Double, into sink: Sink) where Sink.Scalar == S {
        let v = state.pointer
        let η = S(eta), ρ = S(rho), gp = g.pointer
        if runWideRule(.momentum, count: g.count, g: gp, state0: v, parameters: WideRuleParameters(eta, rho), into: sink) { return }
        forEachChunk(g.count) { range in for i in range {
            let vi = ρ * v[i] - η * gp[i]
            v[i] = vi
            sink.put(i, -vi)
        } }
    }
}

extension Momentum: GradientBoundReader {}
