import Tensors
import Tracker

/// One training step on copies (Julia `Optimisers.update(tree, model, grad)`): returns a new
/// state tree and a new model; `tree` and `model` are left as they were.
///
/// `grad` is the model's gradient, shaped like it (``Tracker/gradient(_:_:)-(_,M)``). Each
/// leaf's rule turns the gradient into a step that is subtracted from the parameter; a
/// parameter whose gradient is empty, or whose leaf is frozen, keeps its value and its state
/// (a `nil` gradient is not a zero gradient). Tied tensors get the sum of their gradients and
/// stay tied in the new model. Throws ``ModelUpdateError`` for a gradient or state tree that does
/// not fit the model (structure, shape, element type) and what a rule throws
/// (``NonFiniteNormError``), leaving `tree` and `model` unchanged.
///
/// ```swift
/// (state, model) = Optimisers.update(state, model, ∇model)
/// ```
public func update<M: Trainable>(_ tree: Tree<Leaf>, _ model: M, _ grad: ModelGradient) throws -> (Tree<Leaf>, M) {
    let newModel = fmap(model) { copyTensor($0) } as! M
    return try updateInPlace(copyTree(tree), newModel, grad)
}

/// ``update(_:_:_:)`` for a model that is a single tensor (`Optimisers.update(st, flat, ∇flat)`).
public func update<S>(_ tree: Tree<Leaf>, _ x: Tensor<S>, _ grad: Tensor<S>) throws -> (Tree<Leaf>, Tensor<S>) {
    try update(tree, x, .leaf(grad))
}

/// One training step in place (Julia `Optimisers.update!(tree, model, grad)`): the parameters
/// and the leaves change; returns `tree` and `model` for symmetry with ``update(_:_:_:)``.
///
/// Julia marks mutation with `!`; here the mutating twin of `update` is spelled `updateInPlace`.
/// The whole gradient and state tree are checked against the model first: a misfit throws
/// ``ModelUpdateError`` before any leaf is stepped. Rules that can throw
/// (``AbstractRule/mayThrow``: ``ClipNorm``, chains and schedules holding one) are first
/// rehearsed on copies of their state and gradient, so a rejected gradient throws with every
/// parameter and state as they were; ``update(_:_:_:)`` never changes its inputs.
@discardableResult
public func updateInPlace<M: Trainable>(_ tree: Tree<Leaf>, _ model: M, _ grad: ModelGradient) throws -> (Tree<Leaf>, M) {
    var steps = StepPlan()
    try steps.gather(model, tree, grad)
    let active = steps.entries.filter { !$0.leaf.frozen }
    for (leaf, x, g) in active { try leaf.rehearse(x, g) }
    for (leaf, x, g) in active { try leaf.step(x, g) }
    return (tree, model)
}

/// ``updateInPlace(_:_:_:)`` for a model that is a single tensor.
@discardableResult
public func updateInPlace<S>(_ tree: Tree<Leaf>, _ x: Tensor<S>, _ grad: Tensor<S>) throws -> (Tree<Leaf>, Tensor<S>) {
    try updateInPlace(tree, x, .leaf(grad))
}

/// The leaves that receive a gradient, each once, with its parameter and the sum of its
/// gradients (a private buffer the rule may overwrite).
struct StepPlan {
    private(set) var entries: [(leaf: Leaf, x: any TensorProtocol, g: any TensorProtocol)] = []
    private var index: [ObjectIdentifier: Int] = [:]
    private var owned: Set<ObjectIdentifier> = []

    /// Walks `model`, its state tree and its gradient together; throws ``ModelUpdateError`` at
    /// the first gradient or state that does not fit, before any leaf is stepped.
    mutating func gather(_ model: any Trainable, _ tree: Tree<Leaf>, _ grad: ModelGradient,
                         path: String = "model") throws(ModelUpdateError) {
        if case .empty = grad { return }
        if case .empty = tree { return }
        if let x = model as? any TensorProtocol {
            guard case .leaf(let leaf) = tree else {
                throw .stateStructure(path: path, expected: "a leaf", found: tree.kindDescription)
            }
            guard case .leaf(let g) = grad else {
                throw .gradientStructure(path: path, expected: "a gradient tensor", found: grad.kindDescription)
            }
            try add(leaf, x, g, path: path)
            return
        }
        let children = functorChildren(model)
        let names = children.names
        let states = tree.subtrees, grads = grad.subtrees
        func found(_ node: Tree<some Any>) -> String {
            node.subtrees.isEmpty ? node.kindDescription : "\(node.kindDescription) with \(node.subtrees.count) children"
        }
        guard states.count == children.values.count else {
            throw .stateStructure(path: path, expected: "\(children.values.count) children", found: found(tree))
        }
        guard grads.count == children.values.count else {
            throw .gradientStructure(path: path, expected: "\(children.values.count) children", found: found(grad))
        }
        if let names, case .fields(let fields) = grad, fields.map(\.name) != names {
            throw .gradientStructure(path: path, expected: "fields \(names)", found: "fields \(fields.map(\.name))")
        }
        for (i, child) in children.values.enumerated() {
            try gather(child, states[i], grads[i], path: names.map { "\(path).\($0[i])" } ?? "\(path)[\(i)]")
        }
    }

    /// Records `g` for `leaf`, summing when the leaf was seen before (tied tensors); throws
    /// unless `g` has `x`'s element type and shape.
    private mutating func add(_ leaf: Leaf, _ x: any TensorProtocol, _ g: any TensorProtocol, path: String) throws(ModelUpdateError) {
        guard g.scalarTypeName == x.scalarTypeName else {
            throw .elementTypeMismatch(path: path, parameter: x.scalarTypeName, gradient: g.scalarTypeName)
        }
        guard g.shape == x.shape else { throw .shapeMismatch(path: path, parameter: x.shape, gradient: g.shape) }
        let id = ObjectIdentifier(leaf)
        if let i = index[id] {
            entries[i].g = addErased(entries[i].g, g)
        } else {
            index[id] = entries.count
            entries.append((leaf, x, copyTensor(g)))
        }
    }
}

/// `a .+ b` for two tensors of the same (erased) element type.
func addErased(_ a: any TensorProtocol, _ b: any TensorProtocol) -> any TensorProtocol {
    func typed<A: TensorProtocol>(_ a: A) -> any TensorProtocol {
        guard let b = b as? Tensor<A.Scalar> else {
            preconditionFailure("update: gradients of one tied parameter have different element types")
        }
        return a.tensor .+ b
    }
    return typed(a)
}

/// A copy of a state tree with new leaves holding copied state; a leaf shared by several
/// positions is copied once and the copy shared.
func copyTree(_ tree: Tree<Leaf>) -> Tree<Leaf> {
    var copies: [ObjectIdentifier: Leaf] = [:]
    return tree.mapLeaves { leaf in
        if let copy = copies[ObjectIdentifier(leaf)] { return copy }
        let copy = leaf.copied()
        copies[ObjectIdentifier(leaf)] = copy
        return copy
    }
}
