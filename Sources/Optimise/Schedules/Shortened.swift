/// A schedule cut off after `nsteps` steps (ParameterSchedulers `Shortened`); a finite schedule.
///
/// s(t) = schedule(t),   t ≤ nsteps
///
/// Past `nsteps`, calling or iterating stops the program with a message naming the step and the
/// length (Julia throws `BoundsError`). `nsteps ≥ 1`.
public struct Shortened<Base: Schedule>: FiniteSchedule {
    /// The schedule being cut off.
    public let schedule: Base
    /// The last valid step.
    public let nsteps: Int

    /// `Shortened(schedule, nsteps)`.
    public init(_ schedule: Base, _ nsteps: Int) {
        requirePositive(nsteps, "Shortened nsteps")
        self.schedule = schedule
        self.nsteps = nsteps
    }

    /// `nsteps`.
    public var length: Int { nsteps }

    /// s(t) = schedule(t); stops the program for t > nsteps.
    public func callAsFunction(_ t: Int) -> Double {
        requireWithinLength(t, nsteps, "Shortened")
        return schedule(t)
    }
}

extension Shortened where Base == AnySchedule {
    /// `Shortened(f, nsteps)` for a function of the step.
    public init(_ f: @escaping @Sendable (Int) -> Double, _ nsteps: Int) { self.init(AnySchedule(f), nsteps) }
}

extension Shortened: Equatable where Base: Equatable {}
