/// A triangle wave between `offset` and `offset + range` (ParameterSchedulers `Triangle`).
///
/// tri(t) = (2/π) · |asin(sin(π · (t − 1) / period))|
/// s(t) = range · tri(t) + offset
///
/// It starts at the minimum `offset` (t = 1), peaks at `offset + range` when t − 1 = period/2 and
/// is back at the minimum when t − 1 = period: `period` is the full cycle. (Floating point makes
/// the "zeros" tiny numbers such as 7.8e-17·range.)
///
/// Spellings: `Triangle(l0:l1:period:)` takes the two **endpoints** in either order (range =
/// |l0 − l1|, offset = min(l0, l1)); so do `Triangle(λ0:λ1:period:)` (v0.2–v0.4.0 keywords). The
/// positional `Triangle(range, offset, period)` takes the **range and offset** (the v0.3+
/// meaning): `Triangle(0.1, 0.5, 10)` spans 0.5…0.6. `period ≥ 1`.
public struct Triangle: ComposableSchedule, Equatable {
    /// The amplitude |l0 − l1|.
    public let range: Double
    /// The minimum min(l0, l1).
    public let offset: Double
    /// The full period, in steps.
    public let period: Int

    /// `Triangle(range, offset, period)`: values in `[offset, offset + range]`.
    public init(_ range: Double, _ offset: Double, _ period: Int) {
        requirePositive(period, "Triangle period")
        self.range = range
        self.offset = offset
        self.period = period
    }

    /// `Triangle(l0 = …, l1 = …, period = …)`: between the endpoints `l0` and `l1` (any order).
    public init(l0: Double, l1: Double, period: Int) { self.init(Swift.abs(l0 - l1), Swift.min(l0, l1), period) }

    /// `Triangle(λ0 = …, λ1 = …, period = …)` (v0.2–v0.4.0 keywords): endpoints.
    public init(λ0: Double, λ1: Double, period: Int) { self.init(l0: λ0, l1: λ1, period: period) }

    /// Fields `range, offset, period` (for ``ComposedSchedule``).
    public init(fields: [Double]) {
        requireFieldCount(fields, "Triangle", ["range", "offset", "period"])
        self.init(fields[0], fields[1], integerField(fields[2], "period", of: "Triangle"))
    }

    /// s(t) = range · (2/π)·|asin(sin(π(t − 1)/period))| + offset.
    public func callAsFunction(_ t: Int) -> Double { range * triangleWave(t, period) + offset }
}
