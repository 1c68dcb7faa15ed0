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
        let λ = S(lambda), xp = x.pointer, gp = g.pointer
        for i in 0..<g.count { sink.put(i, gp[i] + λ * signum(xp[i])) }
    }
}
