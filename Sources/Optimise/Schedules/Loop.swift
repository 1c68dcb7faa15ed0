/// A schedule (or function) repeated every `period` steps (ParameterSchedulers `Loop`).
///
/// s(t) = f(mod1(t, period)),   mod1 ∈ 1 … period
///
/// `Loop(Exp(start: 0.1, decay: 0.4), 10)` restarts the decay every 10 steps;
/// `Loop({ t in log(Double(t)) }, 10)` loops a plain function. `period ≥ 1`.
public struct Loop<Base: Schedule>: Schedule {
    /// The looped schedule.
    public let f: Base
    /// The number of steps before it starts again.
    public let period: Int

    /// `Loop(f, period)`.
    public init(_ f: Base, _ period: Int) {
        requirePositive(period, "Loop period")
        self.f = f
        self.period = period
    }

    /// s(t) = f(mod1(t, period)).
    public func callAsFunction(_ t: Int) -> Double { f(juliaMod1(t, period)) }
}

extension Loop where Base == AnySchedule {
    /// `Loop(f, period)` for a function of the step.
    public init(_ f: @escaping @Sendable (Int) -> Double, _ period: Int) { self.init(AnySchedule(f), period) }
}

extension Loop: Equatable where Base: Equatable {}
