import Tensors

/// RMSProp (Flux `RMSProp(η = 0.001, ρ = 0.9, ϵ = 1e-8)`), often a good choice for recurrent networks.
///
/// a = ρ·a + ((1−ρ)·g)·g;  step = g · (η / (√a + ϵ))
///
/// ϵ sits outside the square root. State: the accumulator `a`, zeros on first use.
public final class RMSProp: ElementwiseRule {
    /// Learning rate η.
    public var eta: Double
    /// Decay ρ of the squared-gradient average, in [0, 1].
    public var rho: Double { didSet { requireUnitInterval(rho, "RMSProp ρ") } }
    /// ϵ, added to the root.
    public var epsilon: Double
    /// Accumulators per parameter.
    public let acc = IdDict()

    /// `RMSProp(η = 0.001, ρ = 0.9, ϵ = 1e-8)`.
    public init(_ eta: Double = 0.001, _ rho: Double = 0.9, _ epsilon: Double = 1e-8) {
        requireUnitInterval(rho, "RMSProp ρ")
        self.eta = eta
        self.rho = rho
        self.epsilon = epsilon
    }

    /// `RMSProp(eta:rho:epsilon:)`.
    public convenience init(eta: Double = 0.001, rho: Double = 0.9, epsilon: Double = 1e-8) { self.init(eta, rho, epsilon) }

    @_specialize(where S == Float, Sink == WriteStep<Float>)
    @_specialize(where S == Float, Sink == SubtractStep<Float>)
    @_specialize(where S == Double, Sink == WriteStep<Double>)
    @_specialize(where S == Double, Sink == SubtractStep<Double>)
    public func step<S, Sink: StepSink>(_ x: Tensor<S>, _ g: Tensor<S>, into sink: Sink) where Sink.Scalar == S {
        Self.step(acc.get(x, default: x.zerosLike()), g, eta: eta, rho: rho, epsilon: epsilon, into: sink)
    }

    /// The kernel on explicit state and hyper-parameters, shared with the Optimisers.jl-style rule
    /// of the same name: advances `state` and gives every element's step to `sink`.
    @inlinable
    public static func step<S, Sink: StepSink>(_ state: Tensor<S>, _ g: Tensor<S>, eta: Double, rho: Double, epsilon: Double, into sink: Sink) where Sink.Scalar == S {
        let a = state.pointer
        let η = S(eta), ρ = S(rho), c = S(1 - rho), ϵ = S(epsilon), gp = g.pointer
        let wide = WideRuleParameters(eta, rho, 1 - rho, epsilon)
        if runWideRule(.rmsprop, count: g.count, g: gp, state0: a, parameters: wide, into: sink) { return }
        forEachChunk(g.count) { range in forEachLaneGroup(in: range) { i, k in
            let gi = load(gp, i, k)
            let ai = ρ * load(a, i, k) + (c * gi) * gi
            store(ai, a, i, k)
            sink.put(i, k, gi * (η / (squareRoot(ai) + ϵ)))
        } }
    }
}

extension RMSProp: GradientBoundReader {}
