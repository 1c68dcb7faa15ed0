/// A schedule from any function of the step, or a type-erased schedule (Julia: any callable is a
/// schedule).
///
/// s(t) = function(t)
///
/// ```swift
/// let s = AnySchedule { t in 0.1 / Double(t).squareRoot() }   // a Julia function t -> 0.1 / sqrt(t)
/// let stages = Sequence((AnySchedule { t in log(Double(t)) }, 5), (Exp(1, 0.5), 10))
/// ```
public struct AnySchedule: Schedule {
    /// The function giving s(t).
    public let function: @Sendable (Int) -> Double

    /// The schedule t ↦ `function(t)`.
    public init(_ function: @escaping @Sendable (Int) -> Double) { self.function = function }

    /// `schedule`, type-erased.
    public init(_ schedule: some Schedule) { self.function = { schedule($0) } }

    /// s(t) = function(t).
    public func callAsFunction(_ t: Int) -> Double { function(t) }
}
