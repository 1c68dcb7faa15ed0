/// A schedule whose own fields follow schedules (ParameterSchedulers `ComposedSchedule`).
///
/// p_i = parameters[i](t)                       (numbers are constants)
/// s(t) = compose(schedule, [p_1, p_2, …])(t)   (default compose: the schedule type with fields p)
///
/// The default form needs a ``ComposableSchedule`` and one parameter per field, in order:
/// ```swift
/// // a triangle wave whose amplitude halves every period (= TriangleDecay2(range, offset, period))
/// ComposedSchedule(Triangle(range, offset, period), [Interpolator(Exp(range, 0.5), period), offset, period])
/// // cosine annealing whose peak decays by m every period (CosAnneal needs all four fields)
/// ComposedSchedule(CosAnneal(range, offset, period), [Step(range, m, period), offset, period, true])
/// ```
/// Give `compose` to build the schedule yourself (Julia's three-argument / `do` form):
/// ```swift
/// ComposedSchedule(Sin(range, offset, period), [Exp(range, 0.9), offset, period]) { s, p in
///     Sin(p[0], p[1], Int(p[2]))
/// }
/// ```
public struct ComposedSchedule<Base: Schedule>: Schedule {
    /// Builds the schedule for one step from the template and the parameter values.
    public let compose: @Sendable (Base, [Double]) -> any Schedule
    /// The template schedule (its type, and whatever `compose` reads from it).
    public let schedule: Base
    /// The schedules giving the fields' values at each step.
    public let parameters: [any Schedule]

    /// `ComposedSchedule(compose_fn, schedule, parameters)`.
    public init(_ compose: @escaping @Sendable (Base, [Double]) -> any Schedule, _ schedule: Base,
                _ parameters: [any ScheduleConvertible]) {
        self.compose = compose
        self.schedule = schedule
        self.parameters = parameters.map(\.asSchedule)
    }

    /// `ComposedSchedule(schedule, parameters) do s, ps … end`: `compose` as a trailing closure.
    public init(_ schedule: Base, _ parameters: [any ScheduleConvertible],
                _ compose: @escaping @Sendable (Base, [Double]) -> any Schedule) {
        self.init(compose, schedule, parameters)
    }

    /// s(t) = compose(schedule, parameters.map { $0(t) })(t).
    public func callAsFunction(_ t: Int) -> Double {
        let values = parameters.map { parameter in parameter.callAsFunction(t) }
        let scheduleAtT = compose(schedule, values)
        return scheduleAtT.callAsFunction(t)
    }
}

extension ComposedSchedule where Base: ComposableSchedule {
    /// `ComposedSchedule(schedule, parameters)`: at each step, a `Base` with the parameters'
    /// values as its fields (Julia's `T(ps...)`). Needs exactly one parameter per field.
    public init(_ schedule: Base, _ parameters: [any ScheduleConvertible]) {
        self.init({ _, values in Base(fields: values) }, schedule, parameters)
    }
}
