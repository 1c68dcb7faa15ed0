import Tensors

/// Optimistic Adam (Flux `OAdam(η = 0.001, β = (0.5, 0.9), ϵ = 1e-8)`; Flux 0.12 `OADAM`),
/// suited to adversarial training. Flux's docstring says η = 0.0001; the code, and this port, use 0.001.
///
/// m, v as Adam;  sₜ = ((η·m)/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ϵ);  step = −sₜ₋₁ + 2·sₜ   (s₀ = 0)
///
/// State: `m`, `v`, the previous `s` (zeros) and the powers.
public final class OAdam: MomentRule, ElementwiseRule {
    /// `OAdam(η = 0.001, β = (0.5, 0.9), ϵ = 1e-8)`.
    /// OAdam keeps the previous step as its third array.
    override class var keepsThirdMoment: Bool { true }

    public init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.5, 0.9), _ epsilon: Double = 1e-8) {
        super.init(eta, beta, epsilon, ruleName: "OAdam")
    }

    /// `OAdam(eta:beta:epsilon:)`.
    public convenience init(eta: Double = 0.001, beta: (Double, Double) = (0.5, 0.9), epsilon: Double = 1e-8) {
        self.init(eta, beta, epsilon)
    }

    @_specialize(where S == Float, Sink == WriteStep<Float>)
    @_specialize(where S == Float, Sink == SubtractStep<Float>)
    @_specialize(where S == Double, Sink == WriteStep<Double>)
    @_specialize(where S == Double, Sink == SubtractStep<Double>)
    public func step<S, Sink: StepSink>(_ x: Tensor<S>, _ g: Tensor<S>, into sink: Sink) where Sink.Scalar == S {
        Self.step(state.get(x, default: MomentState(like: x, third: true, beta: beta)), g, eta: eta, beta: beta, epsilon: epsilon, into: sink)
    }

    /// The kernel on explicit state and hyper-parameters, shared with the Optimisers.jl-style rule
    /// of the same name: advances `state` and gives every element's step to `sink`.
    @inlinable
    public static func step<S, Sink: StepSink>(_ state: MomentState<S>, _ g: Tensor<S>, eta: Double, beta: (Double, Double), epsilon: Double, into sink: Sink) where Sink.Scalar == S {
        let s = state
        let m = s.m.pointer, v = s.v.pointer, previous = s.w!.pointer, gp = g.pointer
        let β1 = S(beta.0), β2 = S(beta.1), c1 = S(1 - beta.0), c2 = S(1 - beta.1)
        let b1 = S(1 - s.β1p), b2 = S(1 - s.β2p), η = S(eta), ϵ = S(epsilon)
        let wide = WideRuleParameters(beta.0, 1 - beta.0, beta.1, 1 - beta.1, 1 - s.β1p, 1 - s.β2p, eta, epsilon)
        if !runWideRule(.oadam, count: g.count, g: gp, state0: m, state1: v, state2: previous, parameters: wide, into: sink) {
            forEachChunk(g.count) { range in forEachLaneGroup(in: range) { i, k in
                let gi = load(gp, i, k)
                let mi = β1 * load(m, i, k) + c1 * gi
                let vi = β2 * load(v, i, k) + (c2 * gi) * gi
                store(mi, m, i, k)
                store(vi, v, i, k)
                let si = ((η * mi) / b1) / (squareRoot(vi / b2) + ϵ)
                // Julia's −w + 2s, written 2s − w: the same IEEE result (x − y is x + (−y)), whereas the
                // SIMD prefix minus is 0 − w, which turns −0 into +0 (and −w + 2s's −0 + −0 into +0).
                let step = 2 * si - load(previous, i, k)
                store(si, previous, i, k)
                sink.put(i, k, step)
            } }
        }
        s.advance(beta)
    }
}

extension OAdam: GradientBoundReader {}
