/// A schedule: a value `s(t)` for every 1-based step `t` (ParameterSchedulers.jl's
/// `AbstractSchedule`), e.g. a learning rate per epoch or per update.
///
/// s(t) = the schedule's formula at step t;  s(1) is the initial value
///
/// A schedule is an immutable value. Call it (`s(t)`) or iterate it: every schedule is an
/// **infinite** `Sequence` yielding `s(1), s(2), …`, so the Julia idioms port unchanged:
///
/// ```swift
/// let schedule = Cos(λ0: 1e-4, λ1: 1e-2, period: 10)
/// for (eta, epoch) in zip(schedule, 1...100) { opt.eta = eta; … }
/// schedule(100)                              // 0.00034227024433899005
/// Array(schedule.prefix(5))                  // the first five values
/// ```
///
/// Iteration never ends by itself: take a `prefix`, `zip` with a finite range, or use `.lazy`
/// (an eager `map` or `Array(s)` would not return). A finite schedule (``FiniteSchedule``: `Poly`,
/// `Shortened`, `OneCycle`) iterated past its end stops the program with the same message as
/// calling it there. Nothing checks `t ≥ 1`: like Julia, `s(0)` evaluates the formula at 0.
///
/// To write your own, implement ``callAsFunction(_:)``; iteration comes for free:
/// ```swift
/// struct Warmup: Schedule {
///     let steps: Int, peak: Double
///     func callAsFunction(_ t: Int) -> Double { peak * Double(min(t, steps)) / Double(steps) }
/// }
/// ```
/// A plain function becomes a schedule with ``AnySchedule`` (`AnySchedule { t in 1 / Double(t) }`).
public protocol Schedule: Swift.Sequence, ScheduleConvertible where Element == Double {
    /// The value at the 1-based step `t`: s(t).
    func callAsFunction(_ t: Int) -> Double
}

extension Schedule {
    /// An iterator yielding s(1), s(2), … (Julia's `iterate(s, t = 1) = (s(t), t + 1)`); it never
    /// returns `nil`.
    public func makeIterator() -> ScheduleIterator<Self> { ScheduleIterator(self) }

    /// The schedule itself.
    public var asSchedule: any Schedule { self }
}

/// The iterator of every ``Schedule``: yields s(t) for t = 1, 2, 3, … and never ends.
public struct ScheduleIterator<Base: Schedule>: IteratorProtocol, Sendable {
    /// The schedule being iterated.
    public let schedule: Base
    /// The step whose value the next call to ``next()`` returns.
    public private(set) var t: Int

    /// An iterator starting at step `t` (default 1).
    public init(_ schedule: Base, t: Int = 1) {
        self.schedule = schedule
        self.t = t
    }

    /// s(t), then t ← t + 1. Never `nil`.
    public mutating func next() -> Double? {
        let value = schedule(t)
        t += 1
        return value
    }
}

/// A schedule with a last step (Julia's `AbstractSchedule{true}`, with `length`): `Poly`,
/// `Shortened`, `OneCycle`. Calling it — or iterating it — past ``length`` stops the program with
/// a message naming the step and the length.
public protocol FiniteSchedule: Schedule {
    /// The number of steps: s(t) is defined for t ≤ length (Julia `length(s)`).
    var length: Int { get }
}

/// Anything usable where ParameterSchedulers accepts "a schedule or a number": every
/// ``Schedule``, and the numbers `Double`, `Float`, `Int` and `Bool`, which become a
/// ``Constant`` (as Julia wraps numbers in `Constant`). Used by `Sequence` stages and
/// `ComposedSchedule` parameters.
public protocol ScheduleConvertible: Sendable {
    /// This value as a schedule: itself for a schedule, `Constant(value)` for a number.
    var asSchedule: any Schedule { get }
}

extension Double: ScheduleConvertible {
    /// `Constant(self)`.
    public var asSchedule: any Schedule { Constant(self) }
}

extension Float: ScheduleConvertible {
    /// `Constant(Double(self))`.
    public var asSchedule: any Schedule { Constant(Double(self)) }
}

extension Int: ScheduleConvertible {
    /// `Constant(Double(self))`.
    public var asSchedule: any Schedule { Constant(Double(self)) }
}

extension Bool: ScheduleConvertible {
    /// `Constant(1)` for `true`, `Constant(0)` for `false` (Julia: a `Bool` is a number).
    public var asSchedule: any Schedule { Constant(self ? 1 : 0) }
}
