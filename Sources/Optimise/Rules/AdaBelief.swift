import Tensors

/// AdaBelief (Flux `AdaBelief(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`, in its v0.13.1+ form):
/// Adam whose second moment tracks the "belief" `(g − m)²`.
///
/// e = ϵ·ϵ;  m = β1·m + (1−β1)·g;  s = (β2·s + ((1−β2)·(g−m))·(g−m)) + e
/// step = ((η·m)/(1−β1ᵗ)) / (√(s/(1−β2ᵗ)) + e)
///
/// As in Flux the user's ϵ is **squared** and the square is used both inside `s` and in the
/// denominator (Optimisers.jl uses ϵ unsquared). `m` in `g − m` is the new `m`.
/// State: `m`, `s` (zeros) and the powers.
public final class AdaBelief: MomentRule, ElementwiseRule {
    /// `AdaBelief(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`.
    public init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ epsilon: Double = 1e-8) {
        super.init(eta, beta, epsilon, ruleName: "AdaBelief")
    }

    /// `AdaBelief(eta:beta:epsilon:)`.
    public convenience init(eta: Double = 0.001, beta: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8) {
        self.init(eta, beta, epsilon)
    }

    @_specialize(where S == Float, Sink == WriteStep<Float>)
    @_specialize(where S == Float, Sink == SubtractStep<Float>)
    @_specialize(where S == Double, Sink == WriteStep<Double>)
    @_specialize(where S == Double, Sink == SubtractStep<Double>)
    public func step<S, Sink: StepSink>(_ x: Tensor<S>, _ g: Tensor<S>, into sink: Sink) where Sink.Scalar == S {
        Self.step(state.get(x, default: MomentState(like: x, beta: beta)), g, eta: eta, beta: beta, shift: epsilon * epsilon, into: sink)
    }

    /// The kernel on explicit state and hyper-parameters, shared with the Optimisers.jl-style rule
    /// of the same name: advances `state` and gives every element's step to `sink`.
    @inlinable
    public static func step<S, Sink: StepSink>(_ state: MomentState<S>, _ g: Tensor<S>, eta: Double, beta: (Double, Double), shift: Double, into sink: Sink) where Sink.Scalar == S {
        let st = state
        let m = st.m.pointer, s = st.v.pointer, gp = g.pointer
        let β1 = S(beta.0), β2 = S(beta.1), c1 = S(1 - beta.0), c2 = S(1 - beta.1)
        let b1 = S(1 - st.β1p), b2 = S(1 - st.β2p), η = S(eta), e = S(shift)
        let wide = WideRuleParameters(beta.0, 1 - beta.0, beta.1, 1 - beta.1, 1 - st.β1p, 1 - st.β2p, eta, shift)
        if !runWideRule(.adabelief, count: g.count, g: gp, state0: m, state1: s, parameters: wide, into: sink) {
            forEachChunk(g.count) { range in forEachLaneGroup(in: range) { i, k in
                let gi = load(gp, i, k)
                let mi = β1 * load(m, i, k) + c1 * gi
                let r = gi - mi
                let si = (β2 * load(s, i, k) + (c2 * r) * r) + e
                store(mi, m, i, k)
                store(si, s, i, k)
                sink.put(i, k, ((η * mi) / b1) / (squareRoot(si / b2) + e))
            } }
        }
        st.advance(beta)
    }
}

extension AdaBelief: GradientBoundReader {}
