import Tensors

/// AdaMax, Adam with the ∞-norm (Flux `AdaMax(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`).
///
/// m = β1·m + (1−β1)·g;  u = max(β2·u, |g|);  step = ((η/(1−β1ᵗ)) · m) / (u + ϵ)
///
/// State: `m`, `u` (zeros) and `β1ᵗ`.
public final class AdaMax: MomentRule, ElementwiseRule {
    /// `AdaMax(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`.
    public init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ epsilon: Double = 1e-8) {
        super.init(eta, beta, epsilon, ruleName: "AdaMax")
    }

    /// `AdaMax(eta:beta:epsilon:)`.
    public convenience init(eta: Double = 0.001, beta: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8) {
        self.init(eta, beta, epsilon)
    }

    @_specialize(where S == Float, Sink == WriteStep<Float>)
    @_specialize(where S == Float, Sink == SubtractStep<Float>)
    @_specialize(where S == Double, Sink == WriteStep<Double>)
    @_specialize(where S == Double, Sink == SubtractStep<Double>)
    public func step<S, Sink: StepSink>(_ x: Tensor<S>, _ g: Tensor<S>, into sink: Sink) where Sink.Scalar == S {
        Self.step(state.get(x, default: MomentState(like: x, beta: beta)), g, eta: eta, beta: beta, epsilon: epsilon, into: sink)
    }

    /// The kernel on explicit state and hyper-parameters, shared with the Optimisers.jl-style rule
    /// of the same name: advances `state` and gives every element's step to `sink`.
    @inlinable
    public static func step<S, Sink: StepSink>(_ state: MomentState<S>, _ g: Tensor<S>, eta: Double, beta: (Double, Double), epsilon: Double, into sink: Sink) where Sink.Scalar == S {
        let s = state
        let m = s.m.pointer, u = s.v.pointer, gp = g.pointer
        let β1 = S(beta.0), β2 = S(beta.1), c1 = S(1 - beta.0)
        let a = S(eta / (1 - s.β1p)), ϵ = S(epsilon)
        let wide = WideRuleParameters(beta.0, 1 - beta.0, beta.1, eta / (1 - s.β1p), epsilon)
        if !runWideRule(.adamax, count: g.count, g: gp, state0: m, state1: u, parameters: wide, into: sink) {
            forEachChunk(g.count) { range in for i in range {
                let gi = gp[i]
                let mi = β1 * m[i] + c1 * gi
                let ui = juliaMax(β2 * u[i], Swift.abs(gi))
                m[i] = mi
                u[i] = ui
                sink.put(i, (a * mi) / (ui + ϵ))
            } }
        }
        s.advance(beta)
    }
}

extension AdaMax: GradientBoundReader {}
