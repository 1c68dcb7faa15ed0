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
        if runWideRule(.signDecay, count: g.count, g: gp, x: xp, parameters: WideRuleParameters(lambda), into: sink) { return }
        // The lane groups are walked here rather than through `forEachLaneGroup`, whose closure the
        // optimiser would not inline around the sign's selects (a call per four elements).
        forEachChunk(g.count) { range in
            var i = range.lowerBound
            while i < range.upperBound {
                let k = Swift.min(4, range.upperBound - i)
                sink.put(i, k, load(gp, i, k) + λ * signOf(load(xp, i, k)))
                i += 4
            }
        }
    }

    /// Julia's `sign` lane by lane: 1 or −1 by the sign of a nonzero number, ±0 and NaN as they
    /// are.
    @inlinable @inline(__always)
    static func signOf<S: TensorScalar>(_ x: SIMD4<S>) -> SIMD4<S> {
        x.replacing(with: 1, where: x .> 0).replacing(with: -1, where: x .< 0)
    }
}

extension SignDecay: GradientBoundReader {}
