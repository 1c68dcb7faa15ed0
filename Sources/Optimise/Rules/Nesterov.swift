import Tensors

/// Gradient descent with Nesterov momentum (Flux `Nesterov(η = 0.001, ρ = 0.9)`).
///
/// d = (ρ·ρ)·v − ((1+ρ)·η)·g;  v = ρ·v − η·g;  step = −d
///
/// The look-ahead form `x ← x + ρ²v − (1+ρ)ηg`. Note the default η is ten times smaller than
/// Momentum's. State: the velocity `v`, zeros on first use.
public final class Nesterov: ElementwiseRule {
    /// Learning rate η.
    public var eta: Double
    /// Momentum ρ, in [0, 1].
    public var rho: Double { didSet { requireUnitInterval(rho, "Nesterov ρ") } }
    /// Velocity per parameter.
    public let velocity = IdDict()

    /// `Nesterov(η = 0.001, ρ = 0.9)`.
    public init(_ eta: Double = 0.001, _ rho: Double = 0.9) {
        requireUnitInterval(rho, "Nesterov ρ")
        self.eta = eta
        self.rho = rho
    }

    /// `Nesterov(eta:rho:)`.
    public convenience init(eta: Double = 0.001, rho: Double = 0.9) { self.init(eta, rho) }

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
        let η = S(eta), ρ = S(rho), ρ2 = S(rho * rho), a = S((1 + rho) * eta), gp = g.pointer
        let wide = WideRuleParameters(eta, rho, rho * rho, (1 + rho) * eta)
        if runWideRule(.nesterov, count: g.count, g: gp, state0: v, parameters: wide, into: sink) { return }
        forEachChunk(g.count) { range in for i in range {
            let gi = gp[i], vi = v[i]
            let d = ρ2 * vi - a * gi
            v[i] = ρ * vi - η * gi
            sink.put(i, -d)
        } }
    }
}

extension Nesterov: GradientBoundReader {}
