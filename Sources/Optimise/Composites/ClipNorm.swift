import Tensors

/// Rescales a gradient whose 2-norm exceeds `thresh` (Flux `ClipNorm(thresh)`), per parameter array.
///
/// ν = ‖g‖₂;  step = ν > thresh ? g · (thresh/ν) : g
///
/// The norm is Julia's `generic_norm2` (see `twoNorm`). A NaN norm fails the comparison, so the
/// gradient passes unchanged; an infinite norm gives factor 0 (Inf entries become NaN), as in Flux.
public final class ClipNorm: ElementwiseRule {
    /// The threshold, ≥ 0.
    public var thresh: Double { didSet { requireNonNegative(thresh, "ClipNorm thresh") } }

    /// `ClipNorm(thresh)`.
    public init(_ thresh: Double) {
        requireNonNegative(thresh, "ClipNorm thresh")
        self.thresh = thresh
    }

    /// `ClipNorm(thresh:)`.
    public convenience init(thresh: Double) { self.init(thresh) }

    @_specialize(where S == Float, Sink == WriteStep<Float>)
    @_specialize(where S == Float, Sink == SubtractStep<Float>)
    @_specialize(where S == Double, Sink == WriteStep<Double>)
    @_specialize(where S == Double, Sink == SubtractStep<Double>)
    public func step<S, Sink: StepSink>(_ x: Tensor<S>, _ g: Tensor<S>, into sink: Sink) where Sink.Scalar == S {
        let gp = g.pointer
        let ν = Double(g.withUnsafeBufferPointer { twoNorm($0, forEachBlock: forEachBlock) })
        if ν > thresh {
            let factor = S(thresh / ν)
            forEachChunk(g.count) { range in for i in range { sink.put(i, gp[i] * factor) } }
        } else {
            forEachChunk(g.count) { range in for i in range { sink.put(i, gp[i]) } }
        }
    }
}
