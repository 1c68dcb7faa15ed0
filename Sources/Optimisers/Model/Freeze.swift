import Tracker

/// Freezes every leaf in `tree` (Julia `Optimisers.freeze!`): frozen parameters are not updated
/// and their state does not advance until ``thaw(_:)``. Pass a subtree to freeze part of a
/// model: `freeze(state.layers[2])`.
public func freeze(_ tree: Tree<Leaf>) {
    setFrozen(tree, true)
}

/// Unfreezes every leaf in `tree` (Julia `Optimisers.thaw!`).
public func thaw(_ tree: Tree<Leaf>) {
    setFrozen(tree, false)
}

/// Sets the frozen flag of every leaf under `tree`.
private func setFrozen(_ tree: Tree<Leaf>, _ frozen: Bool) {
    for leaf in tree.leafValues { leaf.frozen = frozen }
}
