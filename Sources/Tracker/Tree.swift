import Tensors

/// A tree shaped like a model (Julia's nested `NamedTuple`s and `Tuple`s): the gradient of a
/// model, an optimiser state tree, or anything else that follows a model's ``Functor`` structure.
///
/// Address it like the model, 0-based: `∇model.layers[0].weight`, `state.layers[2].bias`.
/// A field that holds nothing (an activation function, a tensor the loss did not use, a
/// non-trainable field) is ``empty``, Julia's `()` or `nothing`.
@dynamicMemberLookup
public enum Tree<Value>: CustomStringConvertible {
    /// A value at a tensor's position.
    case leaf(Value)
    /// Named fields, in the model's order (a `NamedTuple`).
    case fields([(name: String, tree: Tree)])
    /// Positional elements (a `Tuple`).
    case elements([Tree])
    /// Nothing here (`()` / `nothing`).
    case empty

    /// The subtree of field `name`; stops, listing the fields, when there is none.
    public subscript(dynamicMember name: String) -> Tree {
        guard case .fields(let fields) = self else {
            preconditionFailure("this tree node has no field '\(name)': it is \(kindDescription)")
        }
        guard let field = fields.first(where: { $0.name == name }) else {
            preconditionFailure("no field '\(name)' in this tree node; its fields are \(fields.map(\.name))")
        }
        return field.tree
    }

    /// The subtree at 0-based position `i` (of elements or fields); stops when out of range.
    public subscript(i: Int) -> Tree {
        let subtrees = self.subtrees
        precondition(subtrees.indices.contains(i),
                     "tree index \(i) out of range: this node has \(subtrees.count) children")
        return subtrees[i]
    }

    /// The value of a leaf, `nil` otherwise.
    public var leafValue: Value? {
        if case .leaf(let value) = self { return value }
        return nil
    }

    /// The children of a node in order (none for a leaf or an empty tree).
    public var subtrees: [Tree] {
        switch self {
        case .fields(let fields): fields.map(\.tree)
        case .elements(let elements): elements
        case .leaf, .empty: []
        }
    }

    /// Every leaf value, depth first.
    public var leafValues: [Value] {
        if case .leaf(let value) = self { return [value] }
        return subtrees.flatMap(\.leafValues)
    }

    /// The same shape with every leaf value transformed.
    public func mapLeaves<T>(_ transform: (Value) throws -> T) rethrows -> Tree<T> {
        switch self {
        case .leaf(let value): .leaf(try transform(value))
        case .fields(let fields): .fields(try fields.map { ($0.name, try $0.tree.mapLeaves(transform)) })
        case .elements(let elements): .elements(try elements.map { try $0.mapLeaves(transform) })
        case .empty: .empty
        }
    }

    /// Julia's printing: `(weight = …, bias = …)` for fields, `(…, …)` for elements, `()` for empty.
    public var description: String {
        switch self {
        case .leaf(let value): return String(describing: value)
        case .fields(let fields):
            let body = fields.map { "\($0.name) = \($0.tree)" }.joined(separator: ", ")
            return fields.count == 1 ? "(\(body),)" : "(\(body))"
        case .elements(let elements):
            let body = elements.map(\.description).joined(separator: ", ")
            return elements.count == 1 ? "(\(body),)" : "(\(body))"
        case .empty: return "()"
        }
    }

    /// What kind of node this is ("a leaf", "a tuple", …), for messages.
    public var kindDescription: String {
        switch self {
        case .leaf: "a leaf"
        case .fields: "a node with fields"
        case .elements: "a tuple"
        case .empty: "empty"
        }
    }
}

/// The gradient of a model: a tensor at each position the loss depends on.
public typealias ModelGradient = Tree<any TensorProtocol>

extension Tree where Value == any TensorProtocol {
    /// The gradient at a leaf with element type `S`, or `nil` for an empty position; stops when
    /// the leaf holds another element type.
    public func tensor<S: TensorScalar>(as type: S.Type = S.self) -> Tensor<S>? {
        guard let value = leafValue else { return nil }
        guard let tensor = value as? Tensor<S> else {
            preconditionFailure("the gradient here is \(Swift.type(of: value)), not Tensor<\(S.self)>")
        }
        return tensor
    }
}
