/// What the values of a per-parameter state dictionary are, so that loading can check stored
/// state before a rule ever reads it.
public enum StateKind: Sendable, Equatable {
    /// A tensor of the parameter's shape and element type (Momentum's velocity, AdaGrad's sum).
    case tensor
    /// A ``MomentState`` of the parameter's shape and element type, with or without its third array.
    case moments(withThird: Bool)
    /// A ``Box`` of `Int` (a step counter).
    case counter
}

/// One of an optimiser's per-parameter state dictionaries and the kind of value it holds.
public struct StateDictionary {
    /// The dictionary.
    public let dictionary: IdDict
    /// What its values are.
    public let kind: StateKind

    /// A dictionary holding values of `kind`.
    public init(_ dictionary: IdDict, holding kind: StateKind) { (self.dictionary, self.kind) = (dictionary, kind) }
}
