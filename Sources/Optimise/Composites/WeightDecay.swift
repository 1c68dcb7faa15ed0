import Tensors

/// L2 weight decay (Flux `WeightDecay(λ = 0)`): adds `wd·x` to the gradient. Put it first in a chain.
///
/// step = g + wd·x
public final class WeightDecay: ElementwiseRule {
    /// Decay coefficient.
    public var wd: Double

    /// `WeightDecay(λ = 0)`.
    public init(_ wd: Double = 0) { self.wd = wd }

    /// `WeightDecay(wd:)`.
    public convenience init(wd: Double) { self.init(wd) }

    @_specialize(where S == Float, Sink == WriteStep<Float>)
    @_specialize(where S == Float, Sink == SubtractStep<Float>)
    @_specialize(where S == Double, Sink == WriteStep<Double>)
    @_specialize(where S == Double, Sink == SubtractStep<Double>)
    public func step<S, Sink: StepSink>(_ x: Tensor<S>, _ g: Tensor<S>, into sink: Sink) where Sink.Scalar == S {
        let λ = S(wd), xp = x.pointer, gp = g.pointer
        for i in 0..<g.count { sink.put(i, gp[i] + λ * xp[i]) }
    }
}
