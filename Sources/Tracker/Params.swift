import Tensors

/// An ordered set of parameter tensors keyed by identity (Zygote's `Params`).
///
/// It holds its tensors strongly and iterates them in insertion order; `Float` and `Double`
/// tensors can be mixed. ``append(_:)`` and ``params(_:)-(Trainable...)`` skip a tensor
/// already present, while ``init(_:)`` keeps duplicates, as Zygote's `Params(xs)` constructor
/// does — so `Params([W, W])` lists `W` twice and `update` steps it twice.
///
/// ```swift
/// let W = rand(2, 5), b = rand(2)
/// let θ = params(W, b)
/// θ.count          // 2
/// θ.contains(W)    // true
/// ```
public final class Params: Sequence, CustomStringConvertible {
    /// The tensors in order.
    public private(set) var order: [any TensorProtocol]
    /// How many times each tensor (by identity) occurs in ``order``.
    var multiplicity: IdentityMap<Int>

    /// An empty parameter set.
    public init() {
        order = []
        multiplicity = IdentityMap()
    }

    /// A parameter set holding `xs` in order, duplicates included (Zygote's `Params(xs)`).
    public init(_ xs: [any TensorProtocol]) {
        order = xs
        multiplicity = IdentityMap(capacity: xs.count)
        for x in xs { multiplicity[ObjectIdentifier(x)] = (multiplicity[ObjectIdentifier(x)] ?? 0) + 1 }
    }

    /// The number of entries, duplicates included (Julia `length(ps)`).
    public var count: Int { order.count }

    /// Whether the set is empty.
    public var isEmpty: Bool { order.isEmpty }

    /// The entry at a 0-based position.
    public subscript(i: Int) -> any TensorProtocol { order[i] }

    /// Whether `x` (by identity) is in the set (Julia `x in ps`).
    public func contains(_ x: any TensorProtocol) -> Bool { multiplicity[ObjectIdentifier(x)] != nil }

    /// Adds `x` at the end unless it is already present (Julia `push!(ps, x)`).
    public func append(_ x: any TensorProtocol) {
        guard !contains(x) else { return }
        multiplicity[ObjectIdentifier(x)] = 1
        order.append(x)
    }

    /// Adds each of `xs` that is not already present, in order (Julia `union!(ps, xs)`).
    public func append(contentsOf xs: [any TensorProtocol]) { xs.forEach(append) }

    /// Removes `x` (its first position) if present (Julia `delete!(ps, x)`).
    public func delete(_ x: any TensorProtocol) {
        let id = ObjectIdentifier(x)
        guard let n = multiplicity[id], let i = order.firstIndex(where: { ObjectIdentifier($0) == id }) else { return }
        order.remove(at: i)
        multiplicity[id] = n > 1 ? n - 1 : nil
    }

    /// Iterates the tensors in insertion order.
    public func makeIterator() -> IndexingIterator<[any TensorProtocol]> { order.makeIterator() }

    /// `Params([…])` listing each tensor's shape and element type.
    public var description: String {
        "Params([" + order.map { "\($0.scalarTypeName)\(formatShape($0.shape))" }.joined(separator: ", ") + "])"
    }
}

extension Params: Equatable {
    /// Two parameter sets are equal when they list the same tensors (by identity) in the same order.
    public static func == (a: Params, b: Params) -> Bool {
        a.order.map { ObjectIdentifier($0) } == b.order.map { ObjectIdentifier($0) }
    }
}

/// The parameters of the given tensors and models, depth first, without duplicates (Flux
/// `params(W, b)`, `params(m)`).
public func params(_ xs: any Trainable...) -> Params { params(xs) }

/// The parameters of the given tensors and models, depth first, without duplicates (Flux
/// `params([W, b])`).
public func params(_ xs: [any Trainable]) -> Params {
    let ps = Params()
    for x in xs { x.collectParameters(into: ps) }
    return ps
}

/// ``params(_:)-([Trainable])`` for an array of tensors.
@_disfavoredOverload
public func params(_ xs: [any TensorProtocol]) -> Params {
    let ps = Params()
    ps.append(contentsOf: xs)
    return ps
}
