import Tensors

/// Inverse time decay (Flux `InvDecay(γ = 0.001)`): scales the step by `1/(1 + γ·n)` where `n`
/// counts this parameter's updates, starting at 1.
///
/// step = g · (1/(1 + γ·n));  n ← n + 1
///
/// Even the first step is scaled, by `1/(1+γ)`. Used alone it is SGD with learning rate
/// `1/(1+γn)`; in a chain, put it last. State: the counter `n` per parameter.
public final class InvDecay: ElementwiseRule {
    /// Decay γ.
    public var gamma: Double { didSet { requireNonNegative(gamma, "InvDecay γ") } }
    /// The counter `n` per parameter.
    public let state = IdDict()

    /// `InvDecay(γ = 0.001)`.
    public init(_ gamma: Double = 0.001) {
        requireNonNegative(gamma, "InvDecay γ")
        self.gamma = gamma
    }

    /// `InvDecay(gamma:)`.
    public convenience init(gamma: Double) { self.init(gamma) }

    @_specialize(where S == Float, Sink == WriteStep<Float>)
    @_specialize(where S == Float, Sink == SubtractStep<Float>)
    @_specialize(where S == Double, Sink == WriteStep<Double>)
    @_specialize(where S == Double, Sink == SubtractStep<Double>)
    public func step<S, Sink: StepSink>(_ x: Tensor<S>, _ g: Tensor<S>, into sink: Sink) where Sink.Scalar == S {
        let n = state.get(x, default: Box(1))
        let factor = S(1 / (1 + gamma * Double(n.value))), gp = g.pointer
        forEachChunk(g.count) { range in for i in range { sink.put(i, gp[i] * factor) } }
        n.value += 1
    }
}
