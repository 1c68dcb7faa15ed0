/// A rectified sine wave whose amplitude halves every period (ParameterSchedulers `SinDecay2`).
///
/// k = ceil(t / period)            (Double division; the cycle number, from 1)
/// s(t) = (range · 0.5^(k − 1)) · |sin(π(t − 1)/period)| + offset
///
/// Julia builds it as `ComposedSchedule(Sin(range, offset, period),
/// (Interpolator(Exp(range, 1/2), period), offset, period))`; this computes the same value in the
/// same order (bit-identical). The halving happens at t = k·period + 1.
///
/// Spellings: `SinDecay2(l0:l1:period:)`, `SinDecay2(λ0:λ1:period:)` (endpoints, any
/// order); positional `SinDecay2(range, offset, period)`. `period ≥ 1`.
public struct SinDecay2: Schedule, Equatable {
    /// The initial amplitude |l0 − l1|.
    public let range: Double
    /// The minimum min(l0, l1).
    public let offset: Double
    /// The full period, in steps.
    public let period: Int

    /// `SinDecay2(range, offset, period)`.
    public init(_ range: Double, _ offset: Double, _ period: Int) {
        requirePositive(period, "SinDecay2 period")
        self.range = range
        self.offset = offset
        self.period = period
    }

    /// `SinDecay2(l0 = …, l1 = …, period = …)`: endpoints, any order.
    public init(l0: Double, l1: Double, period: Int) { self.init(Swift.abs(l0 - l1), Swift.min(l0, l1), period) }

    /// `SinDecay2(λ0 = …, λ1 = …, period = …)` (v0.2–v0.4.0 keywords): endpoints.
    public init(λ0: Double, λ1: Double, period: Int) { self.init(l0: λ0, l1: λ1, period: period) }

    /// s(t) = (range · 0.5^(ceil(t/period) − 1)) · |sin(π(t − 1)/period)| + offset.
    public func callAsFunction(_ t: Int) -> Double {
        let amplitude = range * juliaPower(0.5, ceilDivided(t, Double(period)) - 1)
        return amplitude * sineWave(t, period) + offset
    }
}
