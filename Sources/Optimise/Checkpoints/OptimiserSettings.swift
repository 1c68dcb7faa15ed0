/// One named hyper-parameter value (`eta = 0.001`). Integer and `Float` hyper-parameters are
/// stored as the `Double` that represents them exactly.
public struct HyperParameter: Codable, Equatable, Sendable {
    /// The field's name, as the rule spells it (`eta`, `beta1`, `rho`, `step`…).
    public var name: String
    /// The value.
    public var value: Double

    /// A named value.
    public init(_ name: String, _ value: Double) { (self.name, self.value) = (name, value) }
}

/// An optimiser's hyper-parameters as a `Codable` value: its kind, its named values, and the
/// settings of its members for a chain or a scheduler — everything but the per-parameter state.
///
/// Read it with ``settings(of:)``, store it as JSON (or any `Codable` format), and put it back
/// with ``restore(_:into:)``:
///
/// ```swift
/// let opt = Optimiser(ClipNorm(1.0), Adam(1e-3))
/// let json = try JSONEncoder().encode(try settings(of: opt))
/// try restore(try JSONDecoder().decode(OptimiserSettings.self, from: json), into: opt)
/// ```
public struct OptimiserSettings: Codable, Equatable, Sendable {
    /// The optimiser's Swift type name (`Adam`, `Optimiser`, `Scheduler<Exp, Descent>`).
    public var kind: String
    /// Its hyper-parameters, in the order the rule lists them.
    public var hyperParameters: [HyperParameter]
    /// The settings of the optimisers it runs, in order (empty for a rule).
    public var members: [OptimiserSettings]

    /// Settings from their parts.
    public init(kind: String, hyperParameters: [HyperParameter], members: [OptimiserSettings] = []) {
        (self.kind, self.hyperParameters, self.members) = (kind, hyperParameters, members)
    }
}
