import Tensors
import Tracker

/// The state tree for training `model` with `rule` (Julia `Optimisers.setup(rule, model)`).
///
/// Every trainable tensor gets a ``Leaf`` holding `rule` and `rule.init(x)`; the tree has the
/// model's shape, so `state.layers[2].bias` is the leaf of `model.layers[2].bias`. Positions
/// without trainable tensors (activations, running statistics, fields outside `trainable`) are
/// ``Tree/empty``. A tensor that appears several times (tied weights) gets one leaf, shared.
///
/// ```swift
/// let state = Optimisers.setup(Optimisers.Adam(), model)
/// ```
public func setup(_ rule: some AbstractRule, _ model: any Trainable) -> Tree<Leaf> {
    var leaves: [ObjectIdentifier: Leaf] = [:]
    func walk(_ x: any Trainable) -> Tree<Leaf> {
        if let tensor = x as? any TensorProtocol {
            if let leaf = leaves[ObjectIdentifier(tensor)] { return .leaf(leaf) }
            let leaf = Leaf(rule, initialState(rule, tensor))
            leaves[ObjectIdentifier(tensor)] = leaf
            return .leaf(leaf)
        }
        let trainable = x as? any Functor
        switch functorChildren(x) {
        case .fields(let fields) where !fields.isEmpty:
            return .fields(fields.enumerated().map { i, field in
                (field.name, trainable?.isTrainableChild(at: i) == false ? .empty : walk(field.value))
            })
        case .elements(let elements) where !elements.isEmpty:
            return .elements(elements.map(walk))
        default:
            return .empty
        }
    }
    return walk(model)
}

/// `rule.init(x)` for a type-erased tensor.
func initialState<R: AbstractRule>(_ rule: R, _ x: any TensorProtocol) -> Any {
    func typed<X: TensorProtocol>(_ x: X) -> Any { initialState(rule, x.tensor) }
    return typed(x)
}
