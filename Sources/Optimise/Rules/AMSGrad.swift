import Tensors

/// AMSGrad (Flux `AMSGrad(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`): Adam with a running maximum
/// of the second moment and no bias correction.
///
/// m = β1·m + (1−β1)·g;  v = β2·v + (1−β2)·(g·g);  v̂ = max(v̂, v);  step = (η·m) / (√v̂ + ϵ)
///
/// As in Flux, `m`, `v` and `v̂` all start at **ϵ**, and `g·g` is computed first.
public final class AMSGrad: MomentRule, ElementwiseRule {
    /// `AMSGrad(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`.
    /// AMSGrad keeps the running maximum of v as its third array.
    override class var keepsThirdMoment: Bool { true }

    public init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ epsilon: Double = 1e-8) {
        super.init(eta, beta, epsilon, ruleName: "AMSGrad")
    }

    /// `AMSGrad(eta:beta:epsilon:)`.
    public convenience init(eta: Double = 0.001, beta: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8) {
        self.init(eta, beta, epsilon)
    }

    @_specialize(where S == Float, Sink == WriteStep<Float>)
    @_specialize(where S == Float, Sink == SubtractStep<Float>)
    @_specialize(where S == Double, Sink == WriteStep<Double>)
    @_specialize(where S == Double, Sink == SubtractStep<Double>)
    public func step<S, Sink: StepSink>(_ x: Tensor<S>, _ g: Tensor<S>, into sink: Sink) where Sink.Scalar == S {
        Self.step(state.get(x, default: MomentState(like: x, initial: S(epsilon), third: true, beta: beta)), g, eta: eta, beta: beta, epsilon: epsilon, into: sink)
    }

    /// The kernel on explicit state and hyper-parameters, shared with the Optimisers.jl-style rule
    /// of the same name: advances `state` and gives every element's step to `sink`.
    @inlinable
    public static func step<S, Sink: StepSink>(_ state: MomentState<S>, _ g: Tensor<S>, eta: Double, beta: (Double, Double), epsilon: Double, into sink: Sink) where Sink.Scalar == S {
        let ϵ = S(epsilon)
        let s = state
        let m = s.m.pointer, v = s.v.pointer, vmax = s.w!.pointer, gp = g.pointer
        let β1 = S(beta.0), β2 = S(beta.1), c1 = S(1 - beta.0), c2 = S(1 - beta.1), η = S(eta)
        let wide = WideRuleParameters(beta.0, 1 - beta.0, beta.1, 1 - beta.1, eta, epsilon)
        if runWideRule(.amsgrad, count: g.count, g: gp, state0: m, state1: v, state2: vmax, parameters: wide, into: sink) { return }
        forEachChunk(g.count) { range in forEachLaneGroup(in: range) { i, k in
            let gi = load(gp, i, k)
            let mi = β1 * load(m, i, k) + c1 * gi
            let vi = β2 * load(v, i, k) + c2 * (gi * gi)
            let vhat = pointwiseMax(load(vmax, i, k), vi)
            store(mi, m, i, k)
            store(vi, v, i, k)
            store(vhat, vmax, i, k)
            sink.put(i, k, (η * mi) / (squareRoot(vhat) + ϵ))
        } }
    }
}

extension AMSGrad: GradientBoundReader {}
