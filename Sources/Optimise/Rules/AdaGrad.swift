import Tensors

/// AdaGrad (Flux `AdaGrad(η = 0.1, ϵ = 1e-8)`; Flux 0.12 `ADAGrad`): per-element learning
/// rates that shrink with the accumulated squared gradient.
///
/// a = a + g·g;  step = g · (η / (√a + ϵ))
///
/// State: the accumulator `a`, which starts at **ϵ**, not 0 (as in Flux).
public final class AdaGrad: ElementwiseRule {
    /// Learning rate η.
    public var eta: Double
    /// ϵ: the accumulator's start and the term added to its root.
    public var epsilon: Double
    /// Accumulators per parameter.
    public let acc = IdDict()

    /// `AdaGrad(η = 0.1, ϵ = 1e-8)`.
    public init(_ eta: Double = 0.1, _ epsilon: Double = 1e-8) {
        self.eta = eta
        self.epsilon = epsilon
    }

    /// `AdaGrad(eta:epsilon:)`.
    public convenience init(eta: Double = 0.1, epsilon: Double = 1e-8) { self.init(eta, epsilon) }

    @_specialize(where S == Float, Sink == WriteStep<Float>)
    @_specialize(where S == Float, Sink == SubtractStep<Float>)
    @_specialize(where S == Double, Sink == WriteStep<Double>)
    @_specialize(where S == Double, Sink == SubtractStep<Double>)
    public func step<S, Sink: StepSink>(_ x: Tensor<S>, _ g: Tensor<S>, into sink: Sink) where Sink.Scalar == S {
        Self.step(acc.get(x, default: Tensor(shape: x.shape, repeating: S(epsilon))), g, eta: eta, epsilon: epsilon, into: sink)
    }

    /// The kernel on explicit state and hyper-parameters, shared with the Optimisers.jl-style rule
    /// of the same name: advances `state` and gives every element's step to `sink`.
    @inlinable
    public static func step<S, Sink: StepSink>(_ state: Tensor<S>, _ g: Tensor<S>, eta: Double, epsilon: Double, into sink: Sink) where Sink.Scalar == S {
        let ϵ = S(epsilon)
        let a = state.pointer
        let η = S(eta), gp = g.pointer
        if runWideRule(.adagrad, count: g.count, g: gp, state0: a, parameters: WideRuleParameters(eta, epsilon), into: sink) { return }
        forEachChunk(g.count) { range in forEachLaneGroup(in: range) { i, k in
            let gi = load(gp, i, k)
            let ai = load(a, i, k) + gi * gi
            store(ai, a, i, k)
            sink.put(i, k, gi * (η / (squareRoot(ai) + ϵ)))
        } }
    }
}

extension AdaGrad: GradientBoundReader {}
