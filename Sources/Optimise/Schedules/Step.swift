/// Piecewise-constant exponential decay (ParameterSchedulers `Step`, v0.3+ semantics).
///
/// i = #{k ≥ 1 : t > n₁ + … + n_k}   (the number of completed step ranges)
/// s(t) = start · decay^i
///
/// With one step size `n` (an `Int`) it repeats forever: one decay every `n` steps, the first at
/// t = n + 1 (`Step(0.1, 0.5, 10)` is 0.05 from t = 11). With a list `[n₁, n₂, …]` it decays once
/// at the end of each listed range and then stays at `start · decay^count`:
/// `Step(start: 1, decay: 0.8, stepSizes: [2, 3, 2])` is 1, 1, .8, .8, .8, .64, .64, .512, … .
/// Every step size must be ≥ 1.
///
/// Spellings: `Step(start:decay:stepSizes:)` (v0.4.1+ keywords; Julia's `step_sizes` is
/// `stepSizes`), `Step(0.1, 0.5, 10)`, `Step(λ:γ:stepSizes:)` (v0.2–v0.4.0 keywords).
public struct Step: Schedule, Equatable {
    /// One step size repeated forever, or a list of step sizes.
    public enum StepSizes: Sendable, Equatable {
        /// Decay every `n` steps, forever (Julia `step_sizes = n`, i.e. `Iterators.repeated(n)`).
        case every(Int)
        /// Decay at the end of each range, then hold (Julia `step_sizes = [n₁, n₂, …]`).
        case list([Int])
    }

    /// The value before the first decay.
    public let start: Double
    /// The factor applied at the end of each range.
    public let decay: Double
    /// The lengths of the ranges.
    public let stepSizes: StepSizes

    /// `Step(start, decay, n)`: decay every `n` steps (`n ≥ 1`).
    public init(_ start: Double, _ decay: Double, _ stepSize: Int) {
        requirePositive(stepSize, "Step step size")
        self.start = start
        self.decay = decay
        self.stepSizes = .every(stepSize)
    }

    /// `Step(start, decay, [n₁, n₂, …])`: decay at the end of each range (every `n_k ≥ 1`).
    public init(_ start: Double, _ decay: Double, _ stepSizes: [Int]) {
        for (k, n) in stepSizes.enumerated() { requirePositive(n, "Step step_sizes[\(k + 1)]") }
        self.start = start
        self.decay = decay
        self.stepSizes = .list(stepSizes)
    }

    /// `Step(start = …, decay = …, step_sizes = n)` (v0.4.1+ keywords).
    public init(start: Double, decay: Double, stepSizes: Int) { self.init(start, decay, stepSizes) }

    /// `Step(start = …, decay = …, step_sizes = [n₁, …])` (v0.4.1+ keywords).
    public init(start: Double, decay: Double, stepSizes: [Int]) { self.init(start, decay, stepSizes) }

    /// `Step(λ = …, γ = …, step_sizes = n)` (v0.2–v0.4.0 keywords).
    public init(λ: Double, γ: Double, stepSizes: Int) { self.init(λ, γ, stepSizes) }

    /// `Step(λ = …, γ = …, step_sizes = [n₁, …])` (v0.2–v0.4.0 keywords).
    public init(λ: Double, γ: Double, stepSizes: [Int]) { self.init(λ, γ, stepSizes) }

    /// The number of completed ranges before step `t`.
    public func completedRanges(at t: Int) -> Int {
        switch stepSizes {
        case .every(let n):
            return t > 0 ? (t - 1) / n : 0
        case .list(let sizes):
            var total = 0, i = 0
            for n in sizes {
                total += n
                guard t > total else { break }
                i += 1
            }
            return i
        }
    }

    /// s(t) = start · decay^i, i = the number of completed ranges.
    public func callAsFunction(_ t: Int) -> Double { start * juliaPower(decay, completedRanges(at: t)) }
}
