/// Inverse decay (ParameterSchedulers `Inv`).
///
/// s(t) = start / (1 + (t − 1) · decay)^degree
///
/// Spellings: `Inv(start:decay:degree:)` (v0.4.1+), `Inv(0.1, 0.5, 2)`, `Inv(λ:γ:p:)`
/// (v0.2–v0.4.0).
public struct Inv: ComposableSchedule, Equatable {
    /// The value at t = 1.
    public let start: Double
    /// The decay rate.
    public let decay: Double
    /// The degree of decay.
    public let degree: Int

    /// `Inv(start, decay, degree)`.
    public init(_ start: Double, _ decay: Double, _ degree: Int) {
        self.start = start
        self.decay = decay
        self.degree = degree
    }

    /// `Inv(start = …, decay = …, degree = …)` (v0.4.1+ keywords).
    public init(start: Double, decay: Double, degree: Int) { self.init(start, decay, degree) }

    /// `Inv(λ = …, γ = …, p = …)` (v0.2–v0.4.0 keywords).
    public init(λ: Double, γ: Double, p: Int) { self.init(λ, γ, p) }

    /// Fields `start, decay, degree` (for ``ComposedSchedule``).
    public init(fields: [Double]) {
        requireFieldCount(fields, "Inv", ["start", "decay", "degree"])
        self.init(fields[0], fields[1], integerField(fields[2], "degree", of: "Inv"))
    }

    /// s(t) = start / (1 + (t − 1) · decay)^degree.
    public func callAsFunction(_ t: Int) -> Double {
        start / juliaPower(1 + Double(t - 1) * decay, degree)
    }
}
