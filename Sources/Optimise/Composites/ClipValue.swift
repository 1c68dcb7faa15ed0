import Tensors

/// Clips each gradient element to `[−thresh, thresh]` (Flux `ClipValue(thresh)`); NaN passes through.
///
/// step = clamp(g, −thresh, thresh)
public final class ClipValue: ElementwiseRule {
    /// The threshold, ≥ 0.
    public var thresh: Double { didSet { requireNonNegative(thresh, "ClipValue thresh") } }

    /// `ClipValue(thresh)`.
    public init(_ thresh: Double) {
        requireNonNegative(thresh, "ClipValue thresh")
        self.thresh = thresh
    }

    /// `ClipValue(thresh:)`.
    public convenience init(thresh: Double) { self.init(thresh) }

    @_specialize(where S == Float, Sink == WriteStep<Float>)
    @_specialize(where S == Float, Sink == SubtractStep<Float>)
    @_specialize(where S == Double, Sink == WriteStep<Double>)
    @_specialize(where S == Double, Sink == SubtractStep<Double>)
    public func step<S, Sink: StepSink>(_ x: Tensor<S>, _ g: Tensor<S>, into sink: Sink) where Sink.Scalar == S {
        Self.step(g, thresh: thresh, into: sink)
    }

    /// The kernel on explicit state and hyper-parameters, shared with the Optimisers.jl-style rule
    /// of the same name: advances `state` and gives every element's step to `sink`.
    @inlinable
    public static func step<S, Sink: StepSink>(_ g: Tensor<S>, thresh: Double, into sink: Sink) where Sink.Scalar == S {
        let hi = S(thresh), lo = -S(thresh), gp = g.pointer
        forEachChunk(g.count) { range in for i in range {
            let gi = gp[i]
            sink.put(i, gi > hi ? hi : (gi < lo ? lo : gi))
        } }
    }
}
