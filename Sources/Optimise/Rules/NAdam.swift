import Tensors

/// Nesterov-accelerated Adam (Flux `NAdam(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`; Flux 0.12 `NADAM`).
///
/// m = β1·m + (1−β1)·g;  v = β2·v + ((1−β2)·g)·g
/// step = ((β1·m)/(1 − β1·β1ᵗ) + ((1−β1)·g)/(1 − β1ᵗ)) / (√((v·β2)/(1 − β2ᵗ)) + ϵ) · η
///
/// Transcribed from Flux as written, including the extra β2 inside the root.
/// State: `m`, `v` (zeros) and the powers.
public final class NAdam: MomentRule, ElementwiseRule {
    /// `NAdam(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`.
    public init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ epsilon: Double = 1e-8) {
        super.init(eta, beta, epsilon, ruleName: "NAdam")
    }

    /// `NAdam(eta:beta:epsilon:)`.
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
        let m = s.m.pointer, v = s.v.pointer, gp = g.pointer
        let β1 = S(beta.0), β2 = S(beta.1), c1 = S(1 - beta.0), c2 = S(1 - beta.1)
        let d1 = S(1 - beta.0 * s.β1p), d2 = S(1 - s.β1p), b2 = S(1 - s.β2p), η = S(eta), ϵ = S(epsilon)
        let wide = WideRuleParameters(beta.0, 1 - beta.0, beta.1, 1 - beta.1, 1 - beta.0 * s.β1p, 1 - s.β1p, 1 - s.β2p, eta, epsilon)
        if !runWideRule(.nadam, count: g.count, g: gp, state0: m, state1: v, parameters: wide, into: sink) {
            forEachChunk(g.count) { range in forEachLaneGroup(in: range) { i, k in
                let gi = load(gp, i, k)
                let mi = β1 * load(m, i, k) + c1 * gi
                let vi = β2 * load(v, i, k) + (c2 * gi) * gi
                store(mi, m, i, k)
                store(vi, v, i, k)
                sink.put(i, k, ((β1 * mi) / d1 + (c1 * gi) / d2) / (squareRoot((vi * β2) / b2) + ϵ) * η)
            } }
        }
        s.advance(beta)
    }
}

extension NAdam: GradientBoundReader {}
