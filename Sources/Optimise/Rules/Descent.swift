import Tensors

/// Classic gradient descent (Flux `Descent(η = 0.1)`).
///
/// step = g · η
///
/// No state. `opt.eta` may be changed at any time (schedules do).
public final class Descent: ElementwiseRule {
    /// Learning rate η.
    public var eta: Double

    /// `Descent(η = 0.1)`.
    public init(_ eta: Double = 0.1) { self.eta = eta }

    /// `Descent(eta: 0.1)`.
    public convenience init(eta: Double) { self.init(eta) }

    @_specialize(where S == Float, Sink == WriteStep<Float>)
    @_specialize(where S == Float, Sink == SubtractStep<Float>)
    @_specialize(where S == Double, Sink == WriteStep<Double>)
    @_specialize(where S == Double, Sink == SubtractStep<Double>)
    public func step<S, Sink: StepSink>(_ x: Tensor<S>, _ g: Tensor<S>, into sink: Sink) where Sink.Scalar == S {
        Self.step(g, eta: eta, into: sink)
    }

    /// The kernel on explicit state and hyper-parameters, shared with the Optimisers.jl-style rule
    /// of the same name: advances `state` and gives every element's step to `sink`.
    @inlinable
    public static func step<S, Sink: StepSink>(_ g: Tensor<S>, eta: Double, into sink: Sink) where Sink.Scalar == S {
        let η = S(eta), gp = g.pointer
        if runWideRule(.descent, count: g.count, g: gp, parameters: WideRuleParameters(eta), into: sink) { return }
        forEachChunk(g.count) { range in for i in range { sink.put(i, gp[i] * η) } }
    }
}

extension Descent: GradientBoundReader {}
