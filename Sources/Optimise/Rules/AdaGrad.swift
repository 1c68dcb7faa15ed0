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
        let ϵ = S(epsilon)
        let a = acc.get(x, default: Tensor(shape: x.shape, repeating: ϵ)).pointer
        let η = S(eta), gp = g.pointer
        forEachLaneGroup(g.count) { i, k in
            let gi = load(gp, i, k)
            let ai = load(a, i, k) + gi * gi
            store(ai, a, i, k)
            sink.put(i, k, gi * (η / (squareRoot(ai) + ϵ)))
        }
    }
}
