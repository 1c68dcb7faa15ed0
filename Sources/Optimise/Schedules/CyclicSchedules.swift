/// The wave a cyclic schedule follows: a value in `[0, 1]` for every step, 0 at t = 1 and
/// (about) 0 again at t − 1 = period. ``TriangleWave`` and ``SinWave`` are the two
/// ParameterSchedulers uses (`_tri` and `_sin`).
public protocol CyclicWave {
    /// The wave at the 1-based step `t` of a cycle `period` steps long.
    static func value(_ t: Int, _ period: Int) -> Double
    /// The name of the plain schedule on this wave (`"Triangle"`, `"Sin"`); the decaying ones
    /// append `Exp` or `Decay2`. Messages and printed values use it.
    static var name: String { get }
}

/// `name(field: value, …)` with `value`'s stored fields, as Swift prints a struct named `name`
/// (`qualified`: with the module, as `debugPrint` and nested values do).
func scheduleDescription(_ value: Any, named name: String, qualified: Bool) -> String {
    let fields = Mirror(reflecting: value).children.map { "\($0.label ?? "_"): \(String(reflecting: $0.value))" }
    return (qualified ? "Optimise." : "") + name + "(" + fields.joined(separator: ", ") + ")"
}

/// The triangle wave (ParameterSchedulers' `_tri`), the wave of ``Triangle``, ``TriangleExp`` and
/// ``TriangleDecay2``: tri(t) = (2/π) · |asin(sin(π · (t − 1) / period))|.
public enum TriangleWave: CyclicWave {
    /// `"Triangle"`.
    public static var name: String { "Triangle" }
    /// tri(t) = (2/π)·|asin(sin(π(t − 1)/period))|.
    public static func value(_ t: Int, _ period: Int) -> Double { triangleWave(t, period) }
}

/// The rectified sine (ParameterSchedulers' `_sin`), the wave of ``Sin``, ``SinExp`` and
/// ``SinDecay2``: |sin(π · (t − 1) / period)|.
public enum SinWave: CyclicWave {
    /// `"Sin"`.
    public static var name: String { "Sin" }
    /// |sin(π(t − 1)/period)|.
    public static func value(_ t: Int, _ period: Int) -> Double { sineWave(t, period) }
}

/// How the amplitude of a ``CyclicSchedule`` changes from cycle to cycle: ``ConstantAmplitude`` (`Triangle`,
/// `Sin`) or ``HalvingPerPeriod`` (`TriangleDecay2`, `SinDecay2`).
public protocol CyclicEnvelope {
    /// The amplitude at the 1-based step `t` for the initial amplitude `range`.
    static func amplitude(_ range: Double, _ t: Int, _ period: Int) -> Double
    /// What the schedule's name appends to the wave's (`""`, `"Decay2"`).
    static var suffix: String { get }
}

/// A constant amplitude: a(t) = range.
public enum ConstantAmplitude: CyclicEnvelope {
    /// a(t) = range.
    public static func amplitude(_ range: Double, _ t: Int, _ period: Int) -> Double { range }
    /// `""`.
    public static var suffix: String { "" }
}

/// An amplitude that halves every period: a(t) = range · 0.5^(ceil(t/period) − 1) (Double
/// division; Julia's `Interpolator(Exp(range, 1/2), period)`). The halving happens at
/// t = k·period + 1.
public enum HalvingPerPeriod: CyclicEnvelope {
    /// a(t) = range · 0.5^(ceil(t/period) − 1).
    public static func amplitude(_ range: Double, _ t: Int, _ period: Int) -> Double {
        range * juliaPower(0.5, ceilDivided(t, Double(period)) - 1)
    }
    /// `"Decay2"`.
    public static var suffix: String { "Decay2" }
}

/// A wave between `offset` and `offset + amplitude(t)`: ``Triangle`` and ``Sin`` (constant
/// amplitude), ``TriangleDecay2`` and ``SinDecay2`` (amplitude halving every period); spell it by
/// those names.
///
/// s(t) = amplitude(t) · wave(t) + offset,   amplitude(t) = range (plain) or
///        range · 0.5^(ceil(t/period) − 1) (Decay2)
///
/// `Triangle(l0:l1:period:)`, `SinDecay2(l0:l1:period:)` etc. and the `λ0:λ1:` forms take the two
/// **endpoints** in any order; the positional `Triangle(range, offset, period)` takes the
/// **range and offset** (v0.3+). `period ≥ 1`.
public struct CyclicSchedule<Wave: CyclicWave, Envelope: CyclicEnvelope>: Schedule, Equatable {
    /// The (initial) amplitude |l0 − l1|.
    public let range: Double
    /// The minimum min(l0, l1).
    public let offset: Double
    /// The full period, in steps.
    public let period: Int

    /// `Triangle(range, offset, period)`, `Sin(…)`, `TriangleDecay2(…)`, `SinDecay2(…)`: values
    /// in `[offset, offset + range]`.
    public init(_ range: Double, _ offset: Double, _ period: Int) {
        requirePositive(period, "\(Wave.name)\(Envelope.suffix) period")
        self.range = range
        self.offset = offset
        self.period = period
    }

    /// `Triangle(l0 = …, l1 = …, period = …)` (and the others): between the endpoints `l0` and
    /// `l1` (any order).
    public init(l0: Double, l1: Double, period: Int) { self.init(Swift.abs(l0 - l1), Swift.min(l0, l1), period) }

    /// `Triangle(λ0 = …, λ1 = …, period = …)` (and the others; v0.2–v0.4.0 keywords): endpoints.
    public init(λ0: Double, λ1: Double, period: Int) { self.init(l0: λ0, l1: λ1, period: period) }

    /// s(t) = amplitude(t) · wave(t) + offset.
    public func callAsFunction(_ t: Int) -> Double { Envelope.amplitude(range, t, period) * Wave.value(t, period) + offset }
}

extension CyclicSchedule: ComposableSchedule where Envelope == ConstantAmplitude {
    /// Fields `range, offset, period` (for ``ComposedSchedule``; `Triangle` and `Sin` only).
    public init(fields: [Double]) {
        requireFieldCount(fields, Wave.name, ["range", "offset", "period"])
        self.init(fields[0], fields[1], integerField(fields[2], "period", of: Wave.name))
    }
}

extension CyclicSchedule: CustomStringConvertible, CustomDebugStringConvertible {
    /// `Triangle(range: …, offset: …, period: …)` (or `Sin(…)`, `TriangleDecay2(…)`, …).
    public var description: String { scheduleDescription(self, named: Wave.name + Envelope.suffix, qualified: false) }
    /// `Optimise.Triangle(range: …, offset: …, period: …)` (or `Optimise.Sin(…)`, …).
    public var debugDescription: String { scheduleDescription(self, named: Wave.name + Envelope.suffix, qualified: true) }
}

/// A wave whose amplitude decays exponentially per step: ``TriangleExp`` and ``SinExp``; spell it
/// by those names.
///
/// s(t) = (range · decay^(t − 1)) · wave(t) + offset
///
/// Julia builds it as `ComposedSchedule(Triangle(range, offset, period), (Exp(range, decay),
/// offset, period))` (or with `Sin`); this computes the same value in the same order.
public struct CyclicExpSchedule<Wave: CyclicWave>: Schedule, Equatable {
    /// The initial amplitude |l0 − l1|.
    public let range: Double
    /// The minimum min(l0, l1).
    public let offset: Double
    /// The full period, in steps.
    public let period: Int
    /// The amplitude's decay per step.
    public let decay: Double

    /// `TriangleExp(range, offset, period, decay)`, `SinExp(range, offset, period, decay)`.
    public init(_ range: Double, _ offset: Double, _ period: Int, _ decay: Double) {
        requirePositive(period, "\(Wave.name)Exp period")
        self.range = range
        self.offset = offset
        self.period = period
        self.decay = decay
    }

    /// `TriangleExp(l0 = …, l1 = …, period = …, decay = …)`, `SinExp(…)`: endpoints, any order.
    public init(l0: Double, l1: Double, period: Int, decay: Double) {
        self.init(Swift.abs(l0 - l1), Swift.min(l0, l1), period, decay)
    }

    /// `TriangleExp(λ0 = …, λ1 = …, period = …, γ = …)`, `SinExp(…)` (v0.2–v0.4.0 keywords):
    /// endpoints.
    public init(λ0: Double, λ1: Double, period: Int, γ: Double) { self.init(l0: λ0, l1: λ1, period: period, decay: γ) }

    /// s(t) = (range · decay^(t − 1)) · wave(t) + offset.
    public func callAsFunction(_ t: Int) -> Double {
        (range * juliaPower(decay, t - 1)) * Wave.value(t, period) + offset
    }
}

extension CyclicExpSchedule: CustomStringConvertible, CustomDebugStringConvertible {
    /// `TriangleExp(range: …, offset: …, period: …, decay: …)` (or `SinExp(…)`).
    public var description: String { scheduleDescription(self, named: Wave.name + "Exp", qualified: false) }
    /// `Optimise.TriangleExp(…)` (or `Optimise.SinExp(…)`).
    public var debugDescription: String { scheduleDescription(self, named: Wave.name + "Exp", qualified: true) }
}
