import Tensors

/// A model's children as Functors.jl sees them: named fields (a struct) or positional elements
/// (a tuple or vector).
public enum FunctorChildren {
    /// Named fields in declaration order, e.g. `[("weight", W), ("bias", b)]`.
    case fields([(name: String, value: any Trainable)])
    /// Positional elements, e.g. a chain's layers.
    case elements([any Trainable])

    /// The children's values in order.
    public var values: [any Trainable] {
        switch self {
        case .fields(let fields): fields.map(\.value)
        case .elements(let elements): elements
        }
    }

    /// The children's names (`nil` for positional elements).
    public var names: [String]? {
        switch self {
        case .fields(let fields): fields.map(\.name)
        case .elements: nil
        }
    }
}

/// A model whose structure can be walked and rebuilt (Functors.jl's `@functor`): what the
/// explicit, Optimisers.jl-style API (`setup`, `update`, `destructure`, model gradients) needs
/// beyond ``Trainable``.
///
/// Adopt it by naming the fields that hold tensors or sub-models, and by rebuilding a copy from
/// replacements for them; `trainable` then follows from ``children`` and ``trainableNames``:
///
/// ```swift
/// struct Affine: Functor {
///     let alpha: Tensor<Double>, beta: Tensor<Double>, length: Int
///     var children: FunctorChildren { .fields([("alpha", alpha), ("beta", beta)]) }
///     func reconstructed(from c: [any Trainable]) -> Affine {
///         Affine(alpha: c[0] as! Tensor<Double>, beta: c[1] as! Tensor<Double>, length: length)
///     }
///     var trainableNames: [String] { ["alpha"] }   // Optimisers.trainable(x) = (; alpha = x.alpha)
/// }
/// ```
///
/// Children that are not tensors or models (activation functions, sizes, flags) are left out of
/// ``children`` and carried over by ``reconstructed(from:)``.
public protocol Functor: Trainable {
    /// Every field holding a tensor or a sub-model, in declaration order (Functors `children`).
    var children: FunctorChildren { get }

    /// A model like this one whose children are `children`, in the order of ``children``; other
    /// fields are kept. The replacements have the same kinds (and, for tensors, shapes) as the
    /// originals.
    func reconstructed(from children: [any Trainable]) -> Self

    /// The names of the fields an optimiser may change (Optimisers `trainable`); by default every
    /// field. Ignored for positional children, which are all trainable.
    var trainableNames: [String] { get }
}

extension Functor {
    /// Every named field.
    public var trainableNames: [String] { children.names ?? [] }

    /// The trainable children, in order.
    public var trainable: [any Trainable] {
        switch children {
        case .fields(let fields):
            let names = Set(trainableNames)
            return fields.filter { names.contains($0.name) }.map(\.value)
        case .elements(let elements):
            return elements
        }
    }

    /// Whether the child at `index` of ``children`` is trainable.
    public func isTrainableChild(at index: Int) -> Bool {
        guard case .fields(let fields) = children else { return true }
        return trainableNames.contains(fields[index].name)
    }
}

/// A vector of models or tensors is a model whose children are its elements (a Julia tuple or
/// vector of layers).
extension Array: Trainable, Functor where Element == any Trainable {
    /// The elements, in order.
    public var children: FunctorChildren { .elements(self) }

    /// The replacements themselves.
    public func reconstructed(from children: [any Trainable]) -> [any Trainable] { children }
}

/// The children of any trainable value: a ``Functor``'s own, a plain ``Trainable``'s members as
/// positional elements, nothing for a tensor.
public func functorChildren(_ x: any Trainable) -> FunctorChildren {
    if x is any TensorProtocol { return .elements([]) }
    if let f = x as? any Functor { return f.children }
    return .elements(x.trainable)
}

/// `x` rebuilt with new children (Functors `re(children)`): a tensor is replaced by its single
/// replacement; a value without children is returned as it is. Stops, naming the type, for a
/// plain ``Trainable`` with members, which cannot be rebuilt.
public func reconstruct(_ x: any Trainable, from children: [any Trainable]) -> any Trainable {
    if let f = x as? any Functor { return f.reconstructed(from: children) }
    precondition(children.isEmpty && x.trainable.isEmpty,
                 "\(type(of: x)) must adopt Functor (children and reconstructed(from:)) to be rebuilt")
    return x
}

/// Applies `transform` to every tensor in `model` and rebuilds the model around the results
/// (Functors `fmap`). A tensor that appears several times is transformed once and the result
/// shared, so ties stay tied. With `trainableOnly`, tensors outside `trainable` are kept as they
/// are.
public func fmap(_ model: any Trainable, trainableOnly: Bool = false,
                 _ transform: (any TensorProtocol) throws -> any TensorProtocol) rethrows -> any Trainable {
    var cache: [ObjectIdentifier: any Trainable] = [:]
    return try fmapWalk(model, trainableOnly: trainableOnly, cache: &cache, transform)
}

/// The recursive walk of ``fmap(_:trainableOnly:_:)``.
private func fmapWalk(_ x: any Trainable, trainableOnly: Bool, cache: inout [ObjectIdentifier: any Trainable],
                      _ transform: (any TensorProtocol) throws -> any TensorProtocol) rethrows -> any Trainable {
    if let t = x as? any TensorProtocol {
        if let done = cache[ObjectIdentifier(t)] { return done }
        // Every tensor is Trainable (an extension in this module); TensorProtocol cannot say so.
        let result = try transform(t) as! any Trainable
        cache[ObjectIdentifier(t)] = result
        return result
    }
    let values = functorChildren(x).values
    guard !values.isEmpty else { return x }
    let functor = x as? any Functor
    var replaced: [any Trainable] = []
    replaced.reserveCapacity(values.count)
    for (i, child) in values.enumerated() {
        if trainableOnly, let functor, !functor.isTrainableChild(at: i) {
            replaced.append(child)
        } else {
            replaced.append(try fmapWalk(child, trainableOnly: trainableOnly, cache: &cache, transform))
        }
    }
    return reconstruct(x, from: replaced)
}
