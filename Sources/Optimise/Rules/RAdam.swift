import Tensors

/// Rectified Adam (Flux `RAdam(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`; Flux 0.12 `RADAM`).
///
/// ρ∞ = 2/(1−β2) − 1;  m, v as Adam;  ρt = ρ∞ − ((2t)·β2ᵗ)/(1−β2ᵗ)
/// if ρt > 4:  r = √( ((ρt−4)(ρt−2))·ρ∞ / (((ρ∞−4)(ρ∞−2))·ρt) ),
///             step = ((((m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ϵ)) · η) · r
/// else:       step = (m/(1−β1ᵗ)) · η
///
/// With β2 = 0.999 the first four steps are un-rectified (bias-corrected momentum only).
/// State: `m`, `v`, `β1ᵗ`, `β2ᵗ` and the step count `t`.
public final class RAdam: MomentRule, ElementwiseRule {
    /// `RAdam(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`.
    public init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ epsilon: Double = 1e-8) {
        super.init(eta, beta, epsilon, ruleName: "RAdam")
    }

    /// `RAdam(eta:beta:epsilon:)`.
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
        let ρInf = 2 / (1 - beta.1) - 1
        let ρt = ρInf - ((2 * Double(s.t)) * s.β2p) / (1 - s.β2p)
        let β1 = S(beta.0), β2 = S(beta.1), c1 = S(1 - beta.0), c2 = S(1 - beta.1)
        let b1 = S(1 - s.β1p), b2 = S(1 - s.β2p), η = S(eta), ϵ = S(epsilon)
        let rectified = ρt > 4
        let rectification = rectified ? ((((ρt - 4) * (ρt - 2)) * ρInf) / (((ρInf - 4) * (ρInf - 2)) * ρt)).squareRoot() : 1
        let wide = WideRuleParameters(beta.0, 1 - beta.0, beta.1, 1 - beta.1, 1 - s.β1p, 1 - s.β2p, eta, epsilon, rectification)
        if !runWideRule(rectified ? .radam : .radamWarmup, count: g.count, g: gp, state0: m, state1: v, parameters: wide, into: sink) {
            if rectified {
                let r = S(rectification)
                forEachChunk(g.count) { range in forEachLaneGroup(in: range) { i, k in
                    let gi = load(gp, i, k)
                    let mi = β1 * load(m, i, k) + c1 * gi
                    let vi = β2 * load(v, i, k) + (c2 * gi) * gi
                    store(mi, m, i, k)
                    store(vi, v, i, k)
                    sink.put(i, k, (((mi / b1) / (squareRoot(vi / b2) + ϵ)) * η) * r)
                } }
            } else {
                forEachChunk(g.count) { range in for i in range {
                    let gi = gp[i]
                    let mi = β1 * m[i] + c1 * gi
                    m[i] = mi
                    v[i] = β2 * v[i] + (c2 * gi) * gi
                    sink.put(i, (mi / b1) * η)
                } }
            }
        }
        s.advance(beta)
    }
}

extension RAdam: GradientBoundReader {}
