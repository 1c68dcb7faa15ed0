import Tensors

/// Exponential learning-rate decay (Flux `ExpDecay(η = 0.001, decay = 0.1, decay_step = 1000,
/// clip = 1e-4, start = 0)`): multiplies the shared learning rate by `decay` every `decay_step`
/// updates, never below `clip`.
///
/// n = n + 1 (per parameter)
/// if n > start and n mod s = 0 and exactly one parameter's counter c has c > start and
///    c mod s = 0:   η ← max(η·decay, clip)   (stored back into `eta`)
/// step = g · η
///
/// This reproduces Flux exactly, quirks included: the decayed η already applies on the call that
/// triggers it; η lives in the rule, so reusing it continues the schedule; `clip` is applied with
/// `max`, so an η already below `clip` is *raised* to it at the first decay; with
/// `decay_step = 1` and two or more parameters η decays once and never again; and parameters
/// skipped with a `nil` gradient make the counters drift apart. Counters of parameters that no
/// longer exist are not counted. State: one counter per parameter, plus the shared `eta`.
public final class ExpDecay: ElementwiseRule {
    /// The current (shared) learning rate.
    public var eta: Double
    /// Factor applied at each decay.
    public var decay: Double
    /// Number of updates between decays (Flux's `decay_step`, field `step`).
    public var step: Int { didSet { precondition(step >= 1, "ExpDecay decay_step must be ≥ 1, got \(step)") } }
    /// Floor for the learning rate.
    public var clip: Double
    /// Updates before decay may start.
    public var start: Int
    /// The update counter per parameter (Flux's `current`).
    public let current = IdDict()

    /// `ExpDecay(η = 0.001, decay = 0.1, decay_step = 1000, clip = 1e-4, start = 0)`.
    public init(_ eta: Double = 0.001, _ decay: Double = 0.1, _ decayStep: Int = 1000, _ clip: Double = 1e-4, _ start: Int = 0) {
        precondition(decayStep >= 1, "ExpDecay decay_step must be ≥ 1, got \(decayStep)")
        self.eta = eta
        self.decay = decay
        self.step = decayStep
        self.clip = clip
        self.start = start
    }

    /// `ExpDecay(eta:decay:decayStep:clip:start:)`.
    public convenience init(eta: Double = 0.001, decay: Double = 0.1, decayStep: Int = 1000, clip: Double = 1e-4, start: Int = 0) {
        self.init(eta, decay, decayStep, clip, start)
    }

    @_specialize(where S == Float, Sink == WriteStep<Float>)
    @_specialize(where S == Float, Sink == SubtractStep<Float>)
    @_specialize(where S == Double, Sink == WriteStep<Double>)
    @_specialize(where S == Double, Sink == SubtractStep<Double>)
    public func step<S, Sink: StepSink>(_ x: Tensor<S>, _ g: Tensor<S>, into sink: Sink) where Sink.Scalar == S {
        let counter = current.get(x, default: Box(0))
        counter.value += 1
        let n = counter.value
        if n > start && n % step == 0 && triggeredCount() == 1 {
            eta = Swift.max(eta * decay, clip)
        }
        // Flux's `Δ .*= η`: Descent's step with the decayed η, so Descent's kernels (wide ones too).
        Descent.step(g, eta: eta, into: sink)
    }

    /// How many live parameters' counters are past `start` and on a multiple of `step`.
    func triggeredCount() -> Int {
        current.liveValues.reduce(0) { total, value in
            let c = unsafeDowncast(value, to: Box<Int>.self).value
            return total + (c > start && c % step == 0 ? 1 : 0)
        }
    }
}
