import Tracker

/// A state tree whose rules have the learning rate `eta`, keeping every momentum and counter
/// (Julia `Optimisers.adjust(tree, η)`); `tree` is unchanged, and the new tree holds copies of its
/// state, so training with one does not move the other.
///
/// ```swift
/// let faster = Optimisers.adjust(state, 0.03)
/// ```
public func adjust(_ tree: Tree<Leaf>, _ eta: Double) -> Tree<Leaf> {
    adjust(tree, Adjustment(eta: eta))
}

/// A state tree with the named hyper-parameters changed in every rule that has them (Julia
/// `Optimisers.adjust(tree; rho = 0.95)`): `adjust(state, rho: 0.95)`. Rules without such a
/// field are left as they are; state is kept.
public func adjust(_ tree: Tree<Leaf>, eta: Double? = nil, rho: Double? = nil, beta: (Double, Double)? = nil,
                   epsilon: Double? = nil, lambda: Double? = nil, delta: Double? = nil, omega: Double? = nil) -> Tree<Leaf> {
    adjust(tree, Adjustment(eta: eta, rho: rho, beta: beta, epsilon: epsilon, lambda: lambda, delta: delta, omega: omega))
}

/// ``adjust(_:_:)-(_,Double)`` with the changes as a value.
public func adjust(_ tree: Tree<Leaf>, _ changes: Adjustment) -> Tree<Leaf> {
    var copies: [ObjectIdentifier: Leaf] = [:]
    return tree.mapLeaves { leaf in
        if let copy = copies[ObjectIdentifier(leaf)] { return copy }
        let copy = Leaf(adjusted(leaf.rule, changes), copyState(leaf.state), frozen: leaf.frozen)
        copies[ObjectIdentifier(leaf)] = copy
        return copy
    }
}

/// Changes the learning rate of every leaf under `tree` in place, keeping state (Julia
/// `Optimisers.adjust!(tree, η)`): `adjustInPlace(state, 0.03)` or, for one layer,
/// `adjustInPlace(state.layers[2], 0.04)`.
public func adjustInPlace(_ tree: Tree<Leaf>, _ eta: Double) {
    adjustInPlace(tree, Adjustment(eta: eta))
}

/// Changes the named hyper-parameters of every leaf under `tree` in place (Julia
/// `Optimisers.adjust!(tree; rho = 0.95)`).
public func adjustInPlace(_ tree: Tree<Leaf>, eta: Double? = nil, rho: Double? = nil, beta: (Double, Double)? = nil,
                          epsilon: Double? = nil, lambda: Double? = nil, delta: Double? = nil, omega: Double? = nil) {
    adjustInPlace(tree, Adjustment(eta: eta, rho: rho, beta: beta, epsilon: epsilon, lambda: lambda, delta: delta, omega: omega))
}

/// ``adjustInPlace(_:_:)-(_,Double)`` with the changes as a value.
public func adjustInPlace(_ tree: Tree<Leaf>, _ changes: Adjustment) {
    for leaf in uniqueLeaves(tree) { leaf.rule = adjusted(leaf.rule, changes) }
}

/// A bare rule with learning rate `eta` (Julia `Optimisers.adjust(rule, η)`).
public func adjust<R: AbstractRule>(_ rule: R, _ eta: Double) -> R {
    rule.adjusted(Adjustment(eta: eta))
}

/// A bare rule with the named hyper-parameters changed (Julia `Optimisers.adjust(rule; kw...)`).
public func adjust<R: AbstractRule>(_ rule: R, eta: Double? = nil, rho: Double? = nil, beta: (Double, Double)? = nil,
                                    epsilon: Double? = nil, lambda: Double? = nil, delta: Double? = nil, omega: Double? = nil) -> R {
    rule.adjusted(Adjustment(eta: eta, rho: rho, beta: beta, epsilon: epsilon, lambda: lambda, delta: delta, omega: omega))
}

/// `rule.adjusted(changes)` for a type-erased rule.
func adjusted(_ rule: any AbstractRule, _ changes: Adjustment) -> any AbstractRule {
    rule.adjusted(changes)
}

/// The leaves under `tree`, each once, in depth-first order.
func uniqueLeaves(_ tree: Tree<Leaf>) -> [Leaf] {
    var seen = Set<ObjectIdentifier>()
    return tree.leafValues.filter { seen.insert(ObjectIdentifier($0)).inserted }
}
