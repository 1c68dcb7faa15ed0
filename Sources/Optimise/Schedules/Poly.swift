/// Polynomial decay over `maxIter` steps (ParameterSchedulers `Poly`); a finite schedule.
///
/// s(t) = start · (1 − (t − 1)/maxIter)^degree,   t ≤ maxIter
///
/// `(t − 1)/maxIter` is a `Double` division. The value never reaches 0: s(maxIter) =
/// start·(1/maxIter)^degree. (Julia's docstring says `start / (…)^degree`; the code multiplies,
/// and so does this.) Past `maxIter`, calling or iterating stops the program with a message
/// naming the step and the length (Julia throws `BoundsError`).
///
/// Spellings: `Poly(start:degree:maxIter:)` (v0.4.1+; Julia's `max_iter` is `maxIter`),
/// `Poly(0.1, 2, 100)`, `Poly(λ:p:maxIter:)` (v0.2–v0.4.0).
public struct Poly: FiniteSchedule, ComposableSchedule, Equatable {
    /// The value at t = 1.
    public let start: Double
    /// The polynomial degree.
    public let degree: Int
    /// The number of steps.
    public let maxIter: Int

    /// `Poly(start, degree, max_iter)`, `maxIter ≥ 1`.
    public init(_ start: Double, _ degree: Int, _ maxIter: Int) {
        requirePositive(maxIter, "Poly max_iter")
        self.start = start
        self.degree = degree
        self.maxIter = maxIter
    }

    /// `Poly(start = …, degree = …, max_iter = …)` (v0.4.1+ keywords).
    public init(start: Double, degree: Int, maxIter: Int) { self.init(start, degree, maxIter) }

    /// `Poly(λ = …, p = …, max_iter = …)` (v0.2–v0.4.0 keywords).
    public init(λ: Double, p: Int, maxIter: Int) { self.init(λ, p, maxIter) }

    /// Fields `start, degree, maxIter` (for ``ComposedSchedule``).
    public init(fields: [Double]) {
        requireFieldCount(fields, "Poly", ["start", "degree", "max_iter"])
        self.init(fields[0], integerField(fields[1], "degree", of: "Poly"), integerField(fields[2], "max_iter", of: "Poly"))
    }

    /// `maxIter`.
    public var length: Int { maxIter }

    /// s(t) = start · (1 − (t − 1)/maxIter)^degree; stops the program for t > maxIter.
    public func callAsFunction(_ t: Int) -> Double {
        requireWithinLength(t, maxIter, "Poly")
        return start * juliaPower(1 - Double(t - 1) / Double(maxIter), degree)
    }
}
