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
        Self.step(x, g, wd: wd, into: sink)
    }

    /// The kernel on explicit state and hyper-parameters, shared with the Optimisers.jl-style rule
    /// of the same name: advances `state` and gives every element's step to `sink`.
    @inlinable
    public static func step<S, Sink: StepSink>(_ x: Tensor<S>, _ g: Tensor<S>, wd: Double, into sink: Sink) where Sink.Scalar == S {
        // x is read through explicit lanes: it is also the sink's target, which would defeat
        // LLVM's alias checks and keep a scalar loop scalar.
        let λ = S(wd), xp = x.pointer, gp = g.pointer
        forEachChunk(g.count) { range in forEachLaneGroup(in: range) { i, k in sink.put(i, k, load(gp, i, k) + λ * load(xp, i, k)) } }
    }
}
