import Tracker

/// The members of a named ``Chain`` as one node with a field per name (Julia's `NamedTuple` of
/// layers), so trees read `state.layers.enc`.
struct NamedMembers: Functor {
    /// The names, in order.
    let names: [String]
    /// The members, in order.
    let members: [any Trainable]

    /// One field per member.
    var children: FunctorChildren { .fields(Array(zip(names, members)).map { (name: $0.0, value: $0.1) }) }

    /// The same names with rebuilt members.
    func reconstructed(from children: [any Trainable]) -> NamedMembers {
        NamedMembers(names: names, members: children)
    }
}
