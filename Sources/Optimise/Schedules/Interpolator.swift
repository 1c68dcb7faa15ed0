#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// A schedule read at a different rate (ParameterSchedulers `Interpolator`): e.g. a schedule in
/// epochs, iterated per batch.
///
/// s(t) = schedule(ceilFn(t / rate)),   ceilFn = ceil by default
///
/// `t / rate` is a `Double` division followed by the ceiling, exactly as Julia's
/// `ceil(Int, t / rate)` (no exact rational arithmetic). With an integer rate r, inner step k
/// covers t ∈ ((k − 1)r, kr]: `Interpolator(Exp(lr, γ), steps)` is the staircase
/// lr·γ^(ceil(t/steps) − 1). Pass another rounding, e.g. `{ Int(floor($0)) }`, as `ceilFn`.
/// Julia's continuous-time use (`ceil_fn = identity` with real t) has no Swift form: schedules
/// take integer steps. `rate > 0`.
public struct Interpolator<Base: Schedule>: Schedule {
    /// The schedule in its own units.
    public let schedule: Base
    /// Steps of this schedule per step of `schedule`.
    public let rate: Double
    /// The rounding from `t / rate` to the inner step (default: ceil).
    public let ceilFn: @Sendable (Double) -> Int

    /// `Interpolator(schedule, rate, ceil_fn = x -> ceil(Int, x))`.
    public init(_ schedule: Base, _ rate: Double, _ ceilFn: @escaping @Sendable (Double) -> Int = { x in Int(ceil(x)) }) {
        requireSchedule(rate > 0 && rate.isFinite, "Interpolator rate must be > 0 and finite, got \(rate)")
        self.schedule = schedule
        self.rate = rate
        self.ceilFn = ceilFn
    }

    /// `Interpolator(schedule, rate)` with an integer rate (converted to `Double`, as Julia's
    /// `t / rate` does).
    public init(_ schedule: Base, _ rate: Int, _ ceilFn: @escaping @Sendable (Double) -> Int = { x in Int(ceil(x)) }) {
        self.init(schedule, Double(rate), ceilFn)
    }

    /// s(t) = schedule(ceilFn(t / rate)).
    public func callAsFunction(_ t: Int) -> Double { schedule(ceilFn(Double(t) / rate)) }
}

extension Interpolator where Base == AnySchedule {
    /// `Interpolator(f, rate)` for a function of the (integer) step.
    public init(_ f: @escaping @Sendable (Int) -> Double, _ rate: Double,
                _ ceilFn: @escaping @Sendable (Double) -> Int = { x in Int(ceil(x)) }) {
        self.init(AnySchedule(f), rate, ceilFn)
    }
}
