/// A schedule started at a later step (ParameterSchedulers `Shifted`).
///
/// s(t) = schedule(t − 1 + offset),   so s(1) = schedule(offset)
public struct Shifted<Base: Schedule>: Schedule {
    /// The shifted schedule.
    public let schedule: Base
    /// The inner step played at t = 1.
    public let offset: Int

    /// `Shifted(schedule, offset)`.
    public init(_ schedule: Base, _ offset: Int) {
        self.schedule = schedule
        self.offset = offset
    }

    /// s(t) = schedule(t − 1 + offset).
    public func callAsFunction(_ t: Int) -> Double { schedule(t - 1 + offset) }
}

extension Shifted where Base == AnySchedule {
    /// `Shifted(f, offset)` for a function of the step.
    public init(_ f: @escaping @Sendable (Int) -> Double, _ offset: Int) { self.init(AnySchedule(f), offset) }
}

extension Shifted: Equatable where Base: Equatable {}
