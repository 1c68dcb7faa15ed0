/// A rectified sine wave between `offset` and `offset + range` (ParameterSchedulers `Sin`).
///
/// s(t) = range · |sin(π · (t − 1) / period)| + offset
///
/// Starts at the minimum, peaks when t − 1 = period/2; `period` is the full cycle.
///
/// Spellings: `Sin(l0:l1:period:)` and `Sin(λ0:λ1:period:)` take the two **endpoints** in any
/// order; the positional `Sin(range, offset, period)` takes the **range and offset** (v0.3+).
/// `period ≥ 1`.
public struct Sin: ComposableSchedule, Equatable {
    /// The amplitude |l0 − l1|.
    public let range: Double
    /// The minimum min(l0, l1).
    public let offset: Double
    /// The full period, in steps.
    public let period: Int

    /// `Sin(range, offset, period)`: values in `[offset, offset + range]`.
    public init(_ range: Double, _ offset: Double, _ period: Int) {
        requirePositive(period, "Sin period")
        self.range = range
        self.offset = offset
        self.period = period
    }

    /// `Sin(l0 = …, l1 = …, period = …)`: between the endpoints `l0` and `l1` (any order).
    public init(l0: Double, l1: Double, period: Int) { self.init(Swift.abs(l0 - l1), Swift.min(l0, l1), period) }

    /// `Sin(λ0 = …, λ1 = …, period = …)` (v0.2–v0.4.0 keywords): endpoints.
    public init(λ0: Double, λ1: Double, period: Int) { self.init(l0: λ0, l1: λ1, period: period) }

    /// Fields `range, offset, period` (for ``ComposedSchedule``).
    public init(fields: [Double]) {
        requireFieldCount(fields, "Sin", ["range", "offset", "period"])
        self.init(fields[0], fields[1], integerField(fields[2], "period", of: "Sin"))
    }

    /// s(t) = range · |sin(π(t − 1)/period)| + offset.
    public func callAsFunction(_ t: Int) -> Double { range * sineWave(t, period) + offset }
}
