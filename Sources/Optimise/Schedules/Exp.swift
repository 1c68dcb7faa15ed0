/// Exponential decay (ParameterSchedulers `Exp`).
///
/// s(t) = start · decay^(t − 1)
///
/// `s(1) = start`; `decay > 1` grows. Spellings: `Exp(start: 0.1, decay: 0.5)` (v0.4.1+),
/// `Exp(0.1, 0.5)`, `Exp(λ: 0.1, γ: 0.5)` (v0.2–v0.4.0).
public struct Exp: ComposableSchedule, Equatable {
    /// The value at t = 1.
    public let start: Double
    /// The factor applied per step.
    public let decay: Double

    /// `Exp(start, decay)`.
    public init(_ start: Double, _ decay: Double) {
        self.start = start
        self.decay = decay
    }

    /// `Exp(start = …, decay = …)` (ParameterSchedulers v0.4.1+ keywords).
    public init(start: Double, decay: Double) { self.init(start, decay) }

    /// `Exp(λ = …, γ = …)` (v0.2–v0.4.0 keywords).
    public init(λ: Double, γ: Double) { self.init(λ, γ) }

    /// Fields `start, decay` (for ``ComposedSchedule``).
    public init(fields: [Double]) {
        requireFieldCount(fields, "Exp", ["start", "decay"])
        self.init(fields[0], fields[1])
    }

    /// s(t) = start · decay^(t − 1).
    public func callAsFunction(_ t: Int) -> Double { start * juliaPower(decay, t - 1) }
}
