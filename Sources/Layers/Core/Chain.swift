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

    /// A chain of the given layers.
    public init(_ layers: any Layer...) { self.layers = layers }

    /// A chain of an array of layers.
    public init(_ layers: [any Layer]) { self.layers = layers }

    /// One field, `layers`, holding the members in call order (so a state tree reads
    /// `state.layers[2].bias`).
    public var children: FunctorChildren { .fields([("layers", layers.map { $0 as any Trainable })]) }

    /// A chain of the rebuilt members.
    public func reconstructed(from children: [any Trainable]) -> Chain {
        Chain((children[0] as! [any Trainable]).map { $0 as! any Layer })
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
