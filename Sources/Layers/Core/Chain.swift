import Tensors
import Tracker

/// Layers applied in sequence (Flux `Chain`): `Chain(Dense(10, 5, σ), Dense(5, 2), softmax)(x)`
/// is `softmax(Dense(5, 2)(Dense(10, 5, σ)(x)))`.
///
/// Members are any ``Layer``: dense layers, activation values such as `relu` and `softmax`,
/// other chains, or user layers. A chain is indexable from 0 (`m[0]` is Flux's `m[1]`);
/// ``layer(_:as:)`` returns a member with its concrete type. `params(m)` collects the members'
/// parameters in order, each shared tensor once.
public final class Chain: Layer, Functor, RandomAccessCollection {
    /// The members, in call order.
    public let layers: [any Layer]
    /// The members' names for a chain built with ``init(named:)``, else `nil`.
    public let names: [String]?

    /// A chain of the given layers.
    public convenience init(_ layers: any Layer...) { self.init(layers) }

    /// A chain of an array of layers.
    public convenience init(_ layers: [any Layer]) { self.init(layers: layers, names: nil) }

    /// A chain of `layers`, named by `names` when given.
    private init(layers: [any Layer], names: [String]?) {
        self.layers = layers
        self.names = names
    }

    /// A chain with named members, Julia's `Chain(; enc, dec)` or `Chain(enc = …, dec = …)`:
    /// `Chain(named: ["enc": enc, "dec": dec])`. Members are called in the order written, and
    /// trees of the chain (gradients, optimiser state) address them by name: `state.layers.enc`.
    public convenience init(named layers: KeyValuePairs<String, any Layer>) {
        precondition(Set(layers.map(\.key)).count == layers.count, "Chain(named:): member names must be distinct, got \(layers.map(\.key))")
        self.init(layers: layers.map(\.value), names: layers.map(\.key))
    }

    /// The member called `name` in a chain built with ``init(named:)``; stops when there is none.
    public subscript(name: String) -> any Layer {
        guard let i = names?.firstIndex(of: name) else {
            preconditionFailure("Chain has no member named '\(name)'; its names are \(names ?? [])")
        }
        return layers[i]
    }

    /// One field, `layers`, holding the members in call order (so a state tree reads
    /// `state.layers[2].bias`).
    /// Named members form a node with one field per name.
    public var children: FunctorChildren {
        let members = layers.map { $0 as any Trainable }
        guard let names else { return .fields([("layers", members)]) }
        return .fields([("layers", NamedMembers(names: names, members: members))])
    }

    /// A chain of the rebuilt members, with the same names.
    public func reconstructed(from children: [any Trainable]) -> Chain {
        let members = (children[0] as? NamedMembers)?.members ?? (children[0] as! [any Trainable])
        let rebuilt = members.map { $0 as! any Layer }
        return Chain(layers: rebuilt, names: names)
    }

    /// Applies each member in turn.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func callAsFunction<T: TensorScalar>(_ x: Tensor<T>) -> Tensor<T> {
        layers.reduce(x) { y, layer in layer(y) }
    }

    /// The first index, 0.
    public var startIndex: Int { layers.startIndex }
    /// One past the last member.
    public var endIndex: Int { layers.endIndex }
    /// The member at `i` (0-based; Julia's `m[i + 1]`).
    public subscript(i: Int) -> any Layer { layers[i] }

    /// The member at `i` with its concrete type: `m.layer(0, as: Dense<Float>.self).weight`.
    /// Stops naming both types when the member is something else.
    public func layer<L: Layer>(_ i: Int, as type: L.Type) -> L {
        guard let layer = layers[i] as? L else {
            preconditionFailure("Chain member \(i) is a \(Swift.type(of: layers[i])), not a \(L.self)")
        }
        return layer
    }
}
