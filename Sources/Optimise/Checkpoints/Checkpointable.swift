/// An optimiser whose hyper-parameters and per-parameter state can be saved in a checkpoint and
/// loaded back exactly. Every Flux.Optimise rule, composite, `Optimiser` chain and `Scheduler`
/// adopts it; a rule of your own adopts it by listing its fields and state dictionaries:
///
/// ```swift
/// final class DecayDescent: AbstractOptimiser, Checkpointable {
///     var eta: Double
///     let counts = IdDict()
///     init(_ eta: Double = 0.1) { self.eta = eta }
///     func apply<S: TensorScalar>(_ x: Tensor<S>, _ Δ: Tensor<S>) -> Tensor<S> {
///         let n = counts.get(x, default: Box(1))
///         defer { n.value += 1 }
///         Δ .*= S(eta / Double(n.value).squareRoot())
///         return Δ
///     }
///     var hyperParameterFields: [HyperParameterField] { [.real("eta", of: self, \.eta)] }
///     var stateDictionaries: [StateDictionary] { [StateDictionary(counts, holding: .counter)] }
/// }
/// ```
///
/// State values are tensors of the parameter's shape and element type, ``MomentState``s, or
/// ``Box``es of `Int` (counters), as each ``StateDictionary`` declares; saving anything else throws
/// ``CheckpointError/unsupportedState(location:position:type:)``.
public protocol Checkpointable: AbstractOptimiser {
    /// The hyper-parameters, in a fixed order (the order they are stored in).
    var hyperParameterFields: [HyperParameterField] { get }
    /// The dictionaries holding per-parameter state and what they hold, in a fixed order; empty
    /// for a stateless rule.
    var stateDictionaries: [StateDictionary] { get }
}

extension Checkpointable {
    /// A stateless rule has no state dictionaries.
    public var stateDictionaries: [StateDictionary] { [] }

    /// The kind stored in checkpoints and settings: the Swift type name.
    var checkpointKind: String { String(describing: type(of: self)) }
}

/// An optimiser in a checkpoint walk: the rule, where it sits (for messages) and its members.
struct CheckpointNode {
    /// The optimiser.
    let rule: any Checkpointable
    /// Where it sits: `optimiser`, `optimiser[1]`, `optimiser[1][0]`…, with its kind.
    let location: String
    /// The optimisers it runs (a chain's rules, a scheduler's optimiser).
    let members: [CheckpointNode]

    /// The tree of `opt` and its members; throws if one of them cannot be checkpointed.
    init(_ opt: any AbstractOptimiser, at path: String = "optimiser") throws(CheckpointError) {
        guard let rule = opt as? any Checkpointable else {
            throw .unsupportedOptimiser(location: path, type: String(describing: type(of: opt)))
        }
        self.rule = rule
        self.location = "\(path) (\(rule.checkpointKind))"
        var members: [CheckpointNode] = []
        for (i, member) in ((opt as? any OptimiserContainer)?.members ?? []).enumerated() {
            members.append(try CheckpointNode(member, at: "\(path)[\(i)]"))
        }
        self.members = members
    }

    /// The settings of this node and its members.
    var settings: OptimiserSettings {
        OptimiserSettings(kind: rule.checkpointKind,
                          hyperParameters: rule.hyperParameterFields.map { HyperParameter($0.name, $0.value) },
                          members: members.map(\.settings))
    }

    /// Checks `stored` against this node (kind, member count, names, values) and returns the
    /// writes that apply it, to be run only once everything else has been checked.
    func plan(_ stored: OptimiserSettings) throws(CheckpointError) -> [() -> Void] {
        guard stored.kind == rule.checkpointKind else {
            throw .optimiserKind(location: location, checkpoint: stored.kind, model: rule.checkpointKind)
        }
        guard stored.members.count == members.count else {
            throw .memberCount(location: location, checkpoint: stored.members.count, model: members.count)
        }
        let fields = rule.hyperParameterFields
        guard stored.hyperParameters.map(\.name) == fields.map(\.name) else {
            throw .hyperParameterNames(location: location, checkpoint: stored.hyperParameters.map(\.name), model: fields.map(\.name))
        }
        var writes: [() -> Void] = []
        for (field, value) in zip(fields, stored.hyperParameters.map(\.value)) {
            guard field.requirement.accepts(value) else {
                throw .hyperParameterValue(location: location, name: field.name, value: value, requirement: field.requirement.description)
            }
            writes.append { field.write(value) }
        }
        for (member, storedMember) in zip(members, stored.members) { writes += try member.plan(storedMember) }
        return writes
    }
}

/// The hyper-parameters of `opt` and its members as a `Codable` value (see ``OptimiserSettings``).
/// Throws ``CheckpointError/unsupportedOptimiser(location:type:)`` for a member that does not
/// adopt ``Checkpointable``.
public func settings(of opt: any AbstractOptimiser) throws(CheckpointError) -> OptimiserSettings {
    try CheckpointNode(opt).settings
}

/// Sets the hyper-parameters of `opt` and its members from `settings`, after checking that the
/// kinds, member counts, names and values all fit; on any mismatch it throws and changes nothing.
/// Per-parameter state is left as it is.
public func restore(_ settings: OptimiserSettings, into opt: any AbstractOptimiser) throws(CheckpointError) {
    for write in try CheckpointNode(opt).plan(settings) { write() }
}
