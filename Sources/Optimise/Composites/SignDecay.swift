import Tensors

/// L1 weight decay (Flux `SignDecay(λ = 1f-3)`, v0.14.12+): adds `λ·sign(x)` to the gradient.
///
/// step = g + λ₃₂·sign(x)
///
/// As in Flux, λ is stored as a `Float` (Julia `Float32`): `SignDecay(0.01)` applies
/// 0.009999999776482582.
public final class SignDecay: ElementwiseRule {
    /// Decay coefficient, stored in single precision as Flux does.
    public var lambda: Float

    /// `SignDecay(λ = 1f-3)`.
    public init(_ lambda: Double = 1e-3) { self.lambda = Float(lambda) }

    /// `SignDecay(lambda:)`.
    public convenience init(lambda: Double) { self.init(lambda) }

    @_specialize(where S == Float, Sink == WriteStep<Float>)
    @_specialize(where S == Float, Sink == SubtractStep<Float>)
    @_specialize(where S == Double, Sink == WriteStep<Double>)
    @_specialize(where S == Double, Sink == SubtractStep<Double>)
    public func step<S, Sink: StepSink>(_ x: Tensor<S>, _ g: Tensor<S>, into sink: Sink) where Sink.Scalar == S {
        Self.step(x, g, lambda: Double(lambda), into: sink)
    }

    /// The kernel with an explicit λ, shared with the Optimisers.jl-style `SignDecay`:
    /// gives `g + λ·sign(x)` of every element to `sink`.
    @inlinable
    public static func step<S, Sink: StepSink>(_ x: Tensor<S>, _ g: Tensor<S>, lambda: Double, into sink: Sink) where Sink.Scalar == S {
        // x is read through explicit lanes: it is also the sink's target, which would defeat
        // LLVM's alias checks and keep a scalar loop scalar.
        let λ = S(lambda), xp = x.pointer, gp = g.pointer
        forEachChunk(g.count) { range in forEachLaneGroup(in: range) { i, k in
            let xi = load(xp, i, k)
            var sign = xi                                    // ±0 and NaN stay as they are
            sign.replace(with: 1, where: xi .> 0)
            sign.replace(with: -1, where: xi .< 0)
            sink.put(i, k, load(gp, i, k) + λ * sign)
        } }
    }
}
