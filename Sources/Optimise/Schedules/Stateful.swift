/// A schedule with a step counter (ParameterSchedulers `Stateful`), read with ``next(_:)`` and
/// restarted with ``reset(_:)`` (Julia `next!`, `reset!`).
///
/// next(it):  value = schedule(state);  if advance(state) { state ← state + 1 };  return value
/// reset(it): state ← 1
///
/// The state starts at 1, so the first `next` returns s(1). `advance` receives the state that was
/// just used (a step number, not the value); while it returns `false` the state stays put — e.g.
/// a plateau test over training metrics gives `ReduceLROnPlateau`-style schedules. Like Julia's,
/// a `Stateful` is neither callable nor iterable.
///
/// ```swift
/// let schedule = Stateful(Cos(λ0: 1e-4, λ1: 1e-2, period: 10))
/// for _ in 1...100 { opt.eta = next(schedule); … }
/// ```
public final class Stateful<Base: Schedule> {
    /// The schedule read.
    public let schedule: Base
    /// The step the next ``next(_:)`` reads; starts at 1.
    public var state: Int
    /// Whether to move on after reading at `state` (default: always).
    public let advance: (Int) -> Bool

    /// `Stateful(schedule; advance = state -> true)`.
    public init(_ schedule: Base, advance: @escaping (Int) -> Bool = { _ in true }) {
        self.schedule = schedule
        self.state = 1
        self.advance = advance
    }
}

extension Stateful where Base == AnySchedule {
    /// `Stateful(f; advance)` for a function of the step.
    public convenience init(_ f: @escaping @Sendable (Int) -> Double, advance: @escaping (Int) -> Bool = { _ in true }) {
        self.init(AnySchedule(f), advance: advance)
    }
}

/// Julia's `next!(it)`: the value at the current state, then the state moves on if
/// `it.advance(state)` says so.
///
/// value = it.schedule(it.state);  if it.advance(it.state) { it.state += 1 }
@discardableResult
public func next<Base>(_ it: Stateful<Base>) -> Double {
    let value = it.schedule(it.state)
    if it.advance(it.state) { it.state += 1 }
    return value
}

/// Julia's `reset!(it)`: back to the first step (state = 1); returns `it`.
@discardableResult
public func reset<Base>(_ it: Stateful<Base>) -> Stateful<Base> {
    it.state = 1
    return it
}
