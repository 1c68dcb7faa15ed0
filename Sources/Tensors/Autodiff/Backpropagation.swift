/// Runs the reverse pass from `root`, seeding it with `seed`, and leaves each leaf's gradient in
/// its node. Persistent (Tracker-era `param`) leaves accumulate only when
/// `intoPersistentLeaves` is true, as for `back`; a `gradient` call leaves their accumulators alone.
///
/// Nodes are visited in reverse topological order (each node after every node that consumed its
/// output), so a tensor used several times receives the sum of its gradients. Interior nodes
/// drop their gradients as soon as they have been propagated. The pass runs under a paused
/// ``RecordingContext``, so the pullbacks' arithmetic is not recorded.
@inlinable public func backpropagate<S>(from root: Node<S>, seed: Tensor<S>, intoPersistentLeaves: Bool) {
    let order = topologicalOrder(from: root)
    for node in order where !node.isPersistent && !node.isLeaf {
        node.gradient = nil
    }
    RecordingContext(paused: true).activate {
        if intoPersistentLeaves || !root.isPersistent { root.accumulate(seed) }
        for node in order.reversed() {
            propagate(node, intoPersistentLeaves: intoPersistentLeaves)
        }
    }
}

extension RecordingContext {
    /// The backward pass of a `gradient` call run under this context: seeds `root` and walks the
    /// tape (every node the call recorded, in the order the operations ran) in reverse, so each
    /// node is visited after every node that consumed its output without sorting the graph. Nodes
    /// of another element type and nodes that received no gradient are passed over; persistent
    /// (Tracker-era) leaves are left alone. The tape is emptied afterwards.
    ///
    /// Nodes recorded outside the call cannot lead to the call's own leaves (those leaves did not
    /// exist when such nodes were made), so the tape holds every node a gradient can flow through.
    @inlinable public func backpropagate<S>(from root: Node<S>, seed: Tensor<S>) {
        let tape = self.tape
        self.tape = []
        RecordingContext(paused: true).activate {
            if !root.isPersistent { root.accumulate(seed) }
            var i = tape.count
            while i > 0 {
                i -= 1
                let entry = tape[i]
                guard ObjectIdentifier(type(of: entry)) == ObjectIdentifier(Node<S>.self) else { continue }
                propagate(unsafeDowncast(entry, to: Node<S>.self), intoPersistentLeaves: false)
            }
        }
    }
}

/// Hands `node`'s accumulated gradient (if any) to its pullback, adds the results to the parents'
/// gradients and drops the node's own.
@inlinable func propagate<S>(_ node: Node<S>, intoPersistentLeaves: Bool) {
    guard let pullback = node.pullback, let g = node.gradient else { return }
    node.gradient = nil
    let parents = node.parents
    let inputGradients = pullback(g, parents.tracked)
    for i in 0..<parents.count {
        if let parent = parents[i], let gradient = inputGradients[i],
           intoPersistentLeaves || !parent.isPersistent {
            parent.accumulate(gradient)
        }
    }
}

/// The nodes reachable from `root`, each listed after all of its parents (iterative depth-first
/// post-order, so deep graphs do not overflow the stack).
@inlinable func topologicalOrder<S>(from root: Node<S>) -> [Node<S>] {
    var order: [Node<S>] = [], stack: [Node<S>] = []
    order.reserveCapacity(32)
    stack.reserveCapacity(32)
    stack.append(root)
    root.visited = true
    while let node = stack.last {
        let next = node.cursor
        if next < node.parents.count {
            node.cursor = next + 1
            if let parent = node.parents[next], !parent.visited {
                parent.visited = true
                stack.append(parent)
            }
        } else {
            node.cursor = 0
            order.append(node)
            stack.removeLast()
        }
    }
    for node in order { node.visited = false }
    return order
}
