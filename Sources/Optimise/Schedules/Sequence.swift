/// Schedules played one after another, each for a number of steps (ParameterSchedulers
/// `Sequence`). Build it with the function `Sequence((value, steps), …)`:
/// `Sequence((1e-1, 5), (5e-2, 4), (3.4e-3, 10))` is Julia's
/// `Sequence(1e-1 => 5, 5e-2 => 4, 3.4e-3 => 10)`.
///
/// S_k = n₁ + … + n_k  (S₀ = 0);   stage(t) = the k with S_{k−1} < t ≤ S_k
/// s(t) = schedule_k(t − S_{k−1})                (local step: every stage starts at its step 1)
/// s(t) = schedule_K(t − S_{K−1})  for t > S_K    (the last schedule keeps going)
///
/// So `Sequence((1, 1), (Step(0.1, 0.5, 10), 50))` gives s(1) = 1, s(2) = 0.1, s(42) = 0.00625,
/// s(52) = 0.003125. Numbers are ``Constant``s. There must be as many schedules as step sizes,
/// at least one, and every step size must be ≥ 1.
///
/// With ``Sequence(stage:)`` the stages come from a function of the stage number and never end
/// (Julia's `Sequence(generator)` over `OneToInf()`).
///
/// The type is not called `Sequence` because that would hide Swift's `Sequence` protocol from
/// every module importing this one; the functions named `Sequence` do not.
public struct SequenceSchedule: Schedule {
    /// Where the stages come from.
    enum Stages: Sendable {
        case list([any Schedule], [Int])
        case generated(@Sendable (Int) -> (any ScheduleConvertible, Int))
    }

    let stages: Stages

    /// The stages `schedules[k]` for `stepSizes[k]` steps each (`schedules.count ==
    /// stepSizes.count ≥ 1`, every step size ≥ 1).
    public init(_ schedules: [any ScheduleConvertible], _ stepSizes: [Int]) {
        requireSchedule(!schedules.isEmpty, "Sequence: needs at least one schedule")
        requireSchedule(schedules.count == stepSizes.count,
                        "Sequence: \(schedules.count) schedules but \(stepSizes.count) step sizes; the counts must be equal")
        for (k, n) in stepSizes.enumerated() { requirePositive(n, "Sequence step size \(k + 1)") }
        stages = .list(schedules.map(\.asSchedule), stepSizes)
    }

    /// Endless stages: `stage(k)` is the k-th (schedule, step size), k = 1, 2, …; every step size
    /// must be ≥ 1.
    public init(stage: @escaping @Sendable (Int) -> (any ScheduleConvertible, Int)) {
        stages = .generated(stage)
    }

    /// The number of stages, or `nil` for endless generated stages.
    public var stageCount: Int? {
        if case .list(_, let sizes) = stages { return sizes.count }
        return nil
    }

    /// The k-th stage (1-based): its schedule and its number of steps.
    public func stage(_ k: Int) -> (schedule: any Schedule, length: Int) {
        switch stages {
        case .list(let schedules, let sizes):
            requireSchedule(k >= 1 && k <= sizes.count, "Sequence: stage \(k) does not exist (there are \(sizes.count))")
            return (schedules[k - 1], sizes[k - 1])
        case .generated(let make):
            let (schedule, n) = make(k)
            requirePositive(n, "Sequence step size of stage \(k)")
            return (schedule.asSchedule, n)
        }
    }

    /// s(t) = schedule_k(t − S_{k−1}) for the stage k holding t; the last schedule continues past
    /// the end.
    public func callAsFunction(_ t: Int) -> Double {
        switch stages {
        case .list(let schedules, let sizes):
            var before = 0                      // S_{k−1}
            for k in 0 ..< sizes.count - 1 {
                guard t > before + sizes[k] else { return schedules[k](t - before) }
                before += sizes[k]
            }
            return schedules[sizes.count - 1](t - before)
        case .generated:
            var before = 0, k = 1
            while true {
                let (schedule, n) = stage(k)
                if t <= before + n { return schedule(t - before) }
                before += n
                k += 1
            }
        }
    }
}

/// `Sequence(s₁ => n₁, s₂ => n₂, …)`: each stage as a `(schedule or number, steps)` pair.
///
/// s(t) = schedule_k(t − S_{k−1}), S_k = n₁ + … + n_k; the last schedule continues past the end.
///
/// ```swift
/// Sequence((1e-1, 5), (5e-2, 4), (3.4e-3, 10))     // Sequence(1e-1 => 5, 5e-2 => 4, 3.4e-3 => 10)
/// Sequence((1, 1), (Step(0.1, 0.5, 10), 50))      // Sequence(1 => 1, Step(0.1, 0.5, 10) => 50)
/// ```
public func Sequence(_ stages: (any ScheduleConvertible, Int)...) -> SequenceSchedule {
    Sequence(stages)
}

/// `Sequence([s₁ => n₁, s₂ => n₂, …]...)`: the stages as an array of pairs.
///
/// s(t) = schedule_k(t − S_{k−1}), S_k = n₁ + … + n_k; the last schedule continues past the end.
public func Sequence(_ stages: [(any ScheduleConvertible, Int)]) -> SequenceSchedule {
    SequenceSchedule(stages.map(\.0), stages.map(\.1))
}

/// `Sequence(schedules, step_sizes)`: `schedules[k]` (a schedule or a number) for `stepSizes[k]`
/// steps.
///
/// s(t) = schedule_k(t − S_{k−1}), S_k = n₁ + … + n_k; the last schedule continues past the end.
public func Sequence(_ schedules: [any ScheduleConvertible], _ stepSizes: [Int]) -> SequenceSchedule {
    SequenceSchedule(schedules, stepSizes)
}

/// `Sequence(f(k) for k in OneToInf())`: endless stages, `stage(k)` giving the k-th
/// (schedule, steps).
///
/// s(t) = schedule_k(t − S_{k−1}) for the k with S_{k−1} < t ≤ S_k.
///
/// ```swift
/// Sequence { k in (Exp(1.0, 0.5 * Double(k)), k) }   // Sequence(Exp(1.0, 0.5 * k) for k in OneToInf())
/// ```
public func Sequence(stage: @escaping @Sendable (Int) -> (any ScheduleConvertible, Int)) -> SequenceSchedule {
    SequenceSchedule(stage: stage)
}
