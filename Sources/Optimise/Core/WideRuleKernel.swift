import CKernels
import Tensors
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Wide-vector kernels for the most used rules.
//
// The Swift kernels run on the four-lane vectors of the package's baseline target. On a processor
// with AVX2 or AVX-512 (`flux_vector_level()`, capped by `FLUX_VECTOR_LEVEL`), the steps of every
// built-in rule with state per element — Descent, Momentum, Nesterov, RMSProp, Adam, RAdam, AdaMax,
// OAdam, AdaGrad, AdaDelta, AMSGrad, NAdam, AdaBelief (and so AdamW) — and of SignDecay, into a
// ``WriteStep`` or ``SubtractStep``, run instead in C kernels compiled for those units
// (Sources/CKernels, RuleKernel.h). They compute the same IEEE operations in the same order, without fused
// multiply-adds, so every element gets the same bits on either path; the tests compare the two.

/// The rules with a wide kernel.
@usableFromInline enum WideRule: Sendable {
    case descent, momentum, nesterov, rmsprop, adam, radam, radamWarmup, adamax, oadam, adagrad, adadelta
    case amsgrad, nadam, adabelief, signDecay

    /// The C kernel's number for the rule.
    var code: Int32 {
        switch self {
        case .descent: FLUX_RULE_DESCENT
        case .momentum: FLUX_RULE_MOMENTUM
        case .nesterov: FLUX_RULE_NESTEROV
        case .rmsprop: FLUX_RULE_RMSPROP
        case .adam: FLUX_RULE_ADAM
        case .radam: FLUX_RULE_RADAM
        case .radamWarmup: FLUX_RULE_RADAM_WARMUP
        case .adamax: FLUX_RULE_ADAMAX
        case .oadam: FLUX_RULE_OADAM
        case .adagrad: FLUX_RULE_ADAGRAD
        case .adadelta: FLUX_RULE_ADADELTA
        case .amsgrad: FLUX_RULE_AMSGRAD
        case .nadam: FLUX_RULE_NADAM
        case .adabelief: FLUX_RULE_ADABELIEF
        case .signDecay: FLUX_RULE_SIGN_DECAY
        }
    }
}

/// A rule's hyper-parameters for its wide kernel, in the order `flux_rule_call` documents, as
/// `Double`s (the kernel rounds each to the element type, as the Swift kernels do).
@usableFromInline struct WideRuleParameters {
    @usableFromInline let values: (Double, Double, Double, Double, Double, Double, Double, Double, Double, Double)
    /// Up to ten values; the rest are unused.
    @inlinable init(_ p0: Double, _ p1: Double = 0, _ p2: Double = 0, _ p3: Double = 0, _ p4: Double = 0,
                    _ p5: Double = 0, _ p6: Double = 0, _ p7: Double = 0, _ p8: Double = 0, _ p9: Double = 0) {
        values = (p0, p1, p2, p3, p4, p5, p6, p7, p8, p9)
    }
}

/// Tensors shorter than this stay on the Swift kernel, which the compiler inlines into the rule:
/// for them the call into C costs more than it saves.
@usableFromInline let wideRuleMinimumCount = 32

/// The processor's vector level (0: none; 1: AVX2; 2: AVX-512F), after `FLUX_VECTOR_LEVEL`.
let processorVectorLevel = Int(flux_vector_level())

/// The per-thread key holding a ``withRuleVectorLevel(_:_:)`` cap (the level plus one; 0 unset).
let ruleVectorLevelKey: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key, nil)
    precondition(status == 0, "could not create the rule-vector-level thread-local key (status \(status))")
    return key
}()

/// The vector level the rule kernels use on the calling thread: the processor's, lowered by the
/// innermost ``withRuleVectorLevel(_:_:)`` around the call.
var ruleVectorLevel: Int {
    let stored = Int(bitPattern: pthread_getspecific(ruleVectorLevelKey))
    return stored > 0 ? Swift.min(stored - 1, processorVectorLevel) : processorVectorLevel
}

/// Runs `body` with the rule kernels on the calling thread limited to vector level `level`
/// (0: the Swift kernels only), then restores the previous limit; for comparing the paths.
func withRuleVectorLevel<R>(_ level: Int, _ body: () throws -> R) rethrows -> R {
    precondition(level >= 0, "withRuleVectorLevel: the level must be ≥ 0, got \(level)")
    let previous = pthread_getspecific(ruleVectorLevelKey)
    pthread_setspecific(ruleVectorLevelKey, UnsafeRawPointer(bitPattern: level + 1))
    defer { pthread_setspecific(ruleVectorLevelKey, previous) }
    return try body()
}

/// Whether a wide kernel runs for a tensor of `count` elements of `S` on the calling thread (into a
/// ``WriteStep`` or a ``SubtractStep``).
func wideRuleRuns<S: TensorScalar>(_: S.Type, count: Int) -> Bool {
    count >= wideRuleMinimumCount && (S.self == Float.self || S.self == Double.self) && ruleVectorLevel > 0
}

/// Runs `rule`'s wide kernel on `count` elements into `sink` and returns `true`, or returns `false`
/// (having done nothing) when the Swift kernel should run instead: a short tensor, an element type
/// other than `Float` and `Double`, a sink other than ``WriteStep`` and ``SubtractStep``, or no
/// wide vectors (``wideRuleRuns(_:count:)``). Every test but the last is decided when the kernel is
/// specialised. A sink with a gradient bound must reach a wide kernel: the Swift kernels do not
/// read one, so it stops otherwise.
@inlinable @inline(__always)
func runWideRule<S: TensorScalar, Sink: StepSink>(
    _ rule: WideRule, count: Int, g: UnsafeMutablePointer<S>, x: UnsafeMutablePointer<S>? = nil,
    state0: UnsafeMutablePointer<S>? = nil, state1: UnsafeMutablePointer<S>? = nil,
    state2: UnsafeMutablePointer<S>? = nil, parameters: WideRuleParameters, into sink: Sink
) -> Bool where Sink.Scalar == S {
    var mode = WideSink.write, target = x.map(UnsafeMutableRawPointer.init), out: UnsafeMutableRawPointer? = nil
    var decay = 0.0, bound: Double? = nil
    if Sink.self == WriteStep<S>.self {
        out = UnsafeMutableRawPointer(unsafeBitCast(sink, to: WriteStep<S>.self).out)
    } else if Sink.self == SubtractStep<S>.self {
        let subtract = unsafeBitCast(sink, to: SubtractStep<S>.self)
        target = UnsafeMutableRawPointer(subtract.x)
        bound = subtract.gradientBound.map(Double.init)
        if let λ = subtract.weightDecay {
            mode = .subtractDecayed
            decay = Double(λ)
        } else {
            mode = .subtract
        }
    } else {
        return false
    }
    let ran = count >= wideRuleMinimumCount && (S.self == Float.self || S.self == Double.self)
        && runWideRule(rule, count: count, double: S.self == Double.self, sink: mode, x: target, g: UnsafeRawPointer(g),
                       out: out, state0: state0.map(UnsafeMutableRawPointer.init),
                       state1: state1.map(UnsafeMutableRawPointer.init),
                       state2: state2.map(UnsafeMutableRawPointer.init), parameters: parameters, decay: decay,
                       gradientBound: bound)
    precondition(ran || bound == nil, "a ClipValue bound reached a rule whose wide kernel cannot run")
    return ran
}

/// Where a wide kernel puts its steps: ``WriteStep``, ``SubtractStep`` without or with decay.
@usableFromInline enum WideSink: Sendable {
    case write, subtract, subtractDecayed

    /// The C kernel's number for the sink.
    var code: Int32 {
        switch self {
        case .write: FLUX_SINK_WRITE
        case .subtract: FLUX_SINK_SUBTRACT
        case .subtractDecayed: FLUX_SINK_SUBTRACT_DECAYED
        }
    }
}

/// Runs `rule`'s kernel over `0..<count` elements (`Double`s or `Float`s) on the wide kernel of
/// the calling thread's level, split over threads as the Swift kernels are
/// (``forEachChunk(_:_:)``); `false`, having done nothing, when the level is 0.
@usableFromInline func runWideRule(
    _ rule: WideRule, count: Int, double: Bool, sink: WideSink, x: UnsafeMutableRawPointer?, g: UnsafeRawPointer,
    out: UnsafeMutableRawPointer?, state0: UnsafeMutableRawPointer?, state1: UnsafeMutableRawPointer?,
    state2: UnsafeMutableRawPointer?, parameters: WideRuleParameters, decay: Double, gradientBound: Double?
) -> Bool {
    let level = Int32(ruleVectorLevel)
    if level == 0 { return false }
    var call = flux_rule_call(rule: rule.code, sink: sink.code, x: x, g: g, out: out, state0: state0, state1: state1,
                              state2: state2, p: parameters.values, decay: decay, clip: gradientBound == nil ? 0 : 1,
                              bound: gradientBound ?? 0)
    withUnsafePointer(to: &call) { call in
        nonisolated(unsafe) let call = call
        forEachChunk(count) { range in
            if double {
                flux_rule_f64(call, range.lowerBound, range.upperBound, level)
            } else {
                flux_rule_f32(call, range.lowerBound, range.upperBound, level)
            }
        }
    }
    return true
}
