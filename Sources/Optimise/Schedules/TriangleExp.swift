/// A triangle wave whose amplitude decays exponentially per step (ParameterSchedulers
/// `TriangleExp`, PyTorch `CyclicLR(mode = "exp_range")`).
///
/// s(t) = (range · decay^(t − 1)) · tri(t) + offset,   tri(t) = (2/π)·|asin(sin(π(t − 1)/period))|
///
/// Julia builds it as `ComposedSchedule(Triangle(range, offset, period), (Exp(range, decay),
/// offset, period))`; this computes the same value in the same order.
///
/// Spellings: `TriangleExp(l0:l1:period:decay:)` (v0.4.1+), `TriangleExp(λ0:λ1:period:γ:)`
/// (v0.2–v0.4.0; Julia v0.4.1+ rejects `γ` here by mistake, Swift accepts it), both with
/// endpoints in any order; positional `TriangleExp(range, offset, period, decay)`. `period ≥ 1`.
public struct TriangleExp: Schedule, Equatable {
    /// The initial amplitude |l0 − l1|.
    public let range: Double
    /// The minimum min(l0, l1).
    public let offset: Double
    /// The full period, in steps.
    public let period: Int
    /// The amplitude's decay per step.
    public let decay: Double

    /// `TriangleExp(range, offset, period, decay)`.
    public init(_ range: Double, _ offset: Double, _ period: Int, _ decay: Double) {
        requirePositive(period, "TriangleExp period")
        self.range = range
        self.offset = offset
        self.period = period
        self.decay = decay
    }

    /// `TriangleExp(l0 = …, l1 = …, period = …, decay = …)`: endpoints, any order.
    public init(l0: Double, l1: Double, period: Int, decay: Double) {
        self.init(Swift.abs(l0 - l1), Swift.min(l0, l1), period, decay)
    }

    /// `TriangleExp(λ0 = …, λ1 = …, period = …, γ = …)` (v0.2–v0.4.0 keywords): endpoints.
    public init(λ0: Double, λ1: Double, period: Int, γ: Double) { self.init(l0: λ0, l1: λ1, period: period, decay: γ) }

    /// s(t) = (range · decay^(t − 1)) · tri(t) + offset.
    public func callAsFunction(_ t: Int) -> Double {
        (range * juliaPower(decay, t - 1)) * triangleWave(t, period) + offset
    }
}
