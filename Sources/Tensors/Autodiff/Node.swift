/// A vertex of the reverse-mode autodiff graph.
///
/// Every tensor computed from tracked operands carries the node that produced it; the node
/// holds its parents' nodes and a pullback that maps the gradient of its output to gradients of
/// its inputs. Pullbacks capture their inputs (never their output, which would form a cycle), so
/// a graph lives exactly as long as the tensors computed from it.
///
/// Leaves are the tensors gradients are taken with respect to: a parameter of a running
/// `gradient` call, or a Tracker-era `param`, whose leaf is *persistent* and keeps accumulating
/// into its gradient buffer across `back!` calls until something zeroes it.
public final class Node<Scalar: TensorScalar> {
    /// The nodes of the operation's tensor inputs, `nil` for untracked inputs.
    @usableFromInline let parents: OperationInputs<Scalar>
    /// Maps the output's gradient to one gradient per input (`nil` where none flows); `nil` for leaves.
    @usableFromInline let pullback: Pullback<Scalar>?
    /// The gradient accumulated so far in the current backward pass (or, for a persistent leaf,
    /// across passes).
    @exclusivity(unchecked) @usableFromInline var gradient: Tensor<Scalar>?
    /// Whether ``gradient`` is a buffer this node allocated (so it may be added to in place) rather
    /// than a tensor a pullback handed over, which may be shared with another node.
    @exclusivity(unchecked) @usableFromInline var ownsGradient = false
    /// Scratch mark for graph traversal; false outside a traversal.
    @exclusivity(unchecked) @usableFromInline var visited = false
    /// Scratch position in ``parents`` for graph traversal; 0 outside a traversal.
    @exclusivity(unchecked) @usableFromInline var cursor = 0
    /// `true` for a Tracker-era `param` leaf: its gradient buffer persists and accumulates.
    public let isPersistent: Bool

    /// An interior node.
    @inlinable init(parents: OperationInputs<Scalar>, pullback: @escaping Pullback<Scalar>) {
        self.parents = parents
        self.pullback = pullback
        self.isPersistent = false
    }

    /// A leaf; a persistent leaf starts with a zero gradient of the given shape.
    @inlinable init(leafOfShape shape: [Int], persistent: Bool) {
        self.parents = OperationInputs()
        self.pullback = nil
        self.isPersistent = persistent
        if persistent {
            gradient = Tensor(shape: shape, repeating: 0)
            ownsGradient = true
        }
    }

    /// The gradient accumulated in this node (a leaf's, after a backward pass).
    @inlinable public var accumulatedGradient: Tensor<Scalar>? { gradient }

    /// Removes the accumulated gradient from this node and returns it as a tensor nobody else
    /// holds: the node's own buffer, or a tensor a pullback handed over that no other node or
    /// closure still refers to, as it is; otherwise a copy. `nil` when no gradient reached the node.
    @inlinable public func takeAccumulatedGradient() -> Tensor<Scalar>? {
        guard var g = gradient else { return nil }
        gradient = nil
        let exclusive = ownsGradient || isKnownUniquelyReferenced(&g)
        ownsGradient = false
        return exclusive ? g : g.copy()
    }

    /// Whether this node is a leaf (a parameter) rather than an operation.
    @inlinable var isLeaf: Bool { pullback == nil }

    /// Adds `g` to this node's gradient, copying only when a shared tensor must be changed.
    @inlinable func accumulate(_ g: Tensor<Scalar>) {
        guard let existing = gradient else {
            gradient = g
            ownsGradient = false
            return
        }
        if ownsGradient {
            addInPlace(existing, g)
        } else {
            let sum = existing.copy()
            addInPlace(sum, g)
            gradient = sum
            ownsGradient = true
        }
    }

    /// `target .+= g` for equal shapes, as a plain loop (no recording).
    @inlinable func addInPlace(_ target: Tensor<Scalar>, _ g: Tensor<Scalar>) {
        precondition(target.shape == g.shape,
                     "gradient of shape \(formatShape(g.shape)) does not match \(formatShape(target.shape))")
        let t = target.base, s = g.base
        for i in 0..<target.count { t[i] += s[i] }
    }
}
