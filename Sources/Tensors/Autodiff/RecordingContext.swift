#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The per-thread key under which the active ``RecordingContext`` is stored.
///
/// Each thread sees only its own context, so two threads may run their own `gradient` calls at
/// the same time; there is no process-wide mutable state.
@usableFromInline let recordingKey: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key, nil)
    precondition(status == 0, "could not create the autodiff thread-local key (status \(status))")
    return key
}()

/// What the operations on the current thread record into.
///
/// A `gradient` call installs a context that maps its parameters (by identity) to leaf nodes, for
/// the duration of the call; a backward pass installs a *paused* context so the pullbacks' own
/// arithmetic is not recorded. Outside both, operations record only when an operand already
/// carries a node (a Tracker-era `param` or a result computed from one).
public final class RecordingContext {
    /// Leaves for the parameters of the running `gradient` call, by the parameter's identity: the
    /// tensor (held, so an identifier cannot be reused while the call runs) and its node.
    @exclusivity(unchecked) @usableFromInline var leaves: IdentityMap<Leaf>

    /// A parameter and its leaf node.
    @usableFromInline struct Leaf {
        @usableFromInline let tensor: AnyObject
        @usableFromInline let node: AnyObject
        @inlinable init(tensor: AnyObject, node: AnyObject) { (self.tensor, self.node) = (tensor, node) }
    }
    /// `true` while a backward pass runs: nothing is recorded.
    @usableFromInline let isPaused: Bool
    /// Every node recorded under this context, in the order the operations ran — a topological
    /// order, since an operation runs after the operations that produced its inputs. The backward
    /// pass of a `gradient` call walks it in reverse instead of sorting the graph.
    @exclusivity(unchecked) @usableFromInline var tape: ContiguousArray<AnyObject> = []

    /// Creates a context with room for `parameterCount` parameters; a paused one records nothing.
    @inlinable public init(paused: Bool = false, parameterCount: Int = 0) {
        isPaused = paused
        leaves = IdentityMap(capacity: parameterCount)
    }

    /// The context installed on the calling thread, if any.
    @inlinable public static var current: RecordingContext? {
        guard let raw = pthread_getspecific(recordingKey) else { return nil }
        return Unmanaged<RecordingContext>.fromOpaque(raw).takeUnretainedValue()
    }

    /// Installs this context on the calling thread while `body` runs, then restores the previous one.
    @inlinable public func activate<R>(_ body: () throws -> R) rethrows -> R {
        let previous = pthread_getspecific(recordingKey)
        pthread_setspecific(recordingKey, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(recordingKey, previous) }
        return try withExtendedLifetime(self) { try body() }
    }

    /// Makes `tensor` a leaf of this context and returns its node.
    @inlinable public func track<S>(_ tensor: Tensor<S>) -> Node<S> {
        if let existing = leaf(for: tensor) { return existing }
        let node = Node<S>(leafOfShape: tensor.shape, persistent: false)
        leaves[ObjectIdentifier(tensor)] = Leaf(tensor: tensor, node: node)
        return node
    }

    /// The leaf node of `tensor` in this context, if it is one of the tracked parameters.
    @inlinable public func leaf<S>(for tensor: Tensor<S>) -> Node<S>? {
        guard let entry = leaves[ObjectIdentifier(tensor)] else { return nil }
        return unsafeDowncast(entry.node, to: Node<S>.self)
    }
}

/// The nodes of `inputs` if the operation must be recorded on this thread, `nil` otherwise.
///
/// A tensor that is a parameter of the running `gradient` call is represented by that call's
/// leaf; any other tensor by the node it carries. Nothing is recorded during a backward pass, or
/// when no input is tracked.
@inlinable public func recordingParents<S>(of inputs: [Tensor<S>]) -> OperationInputs<S>? {
    let context = RecordingContext.current
    if let context, context.isPaused { return nil }
    let nodes = inputs.map { context?.leaf(for: $0) ?? $0.node }
    return nodes.contains { $0 != nil } ? OperationInputs(nodes) : nil
}

/// ``recordingParents(of:)`` for a one-input operation.
@inlinable public func recordingParents<S>(_ a: Tensor<S>) -> OperationInputs<S>? {
    guard let context = RecordingContext.current else { return a.node.map { OperationInputs($0) } }
    if context.isPaused { return nil }
    return (context.leaf(for: a) ?? a.node).map { OperationInputs($0) }
}

/// ``recordingParents(of:)`` for a two-input operation.
@inlinable public func recordingParents<S>(_ a: Tensor<S>, _ b: Tensor<S>) -> OperationInputs<S>? {
    guard let context = RecordingContext.current else {
        if a.node == nil && b.node == nil { return nil }
        return OperationInputs(a.node, b.node)
    }
    if context.isPaused { return nil }
    let na = context.leaf(for: a) ?? a.node, nb = context.leaf(for: b) ?? b.node
    if na == nil && nb == nil { return nil }
    return OperationInputs(na, nb)
}

extension Tensor {
    /// Attaches a node to this freshly computed result when its inputs are tracked, and returns it.
    @inlinable public func recorded(_ parents: OperationInputs<Scalar>?,
                                    _ pullback: @escaping Pullback<Scalar>) -> Tensor {
        if let parents {
            let recorded = Node(parents: parents, pullback: pullback)
            node = recorded
            RecordingContext.current?.tape.append(recorded)
        }
        return self
    }

    /// Whether this tensor takes part in gradient computation on this thread: it carries a node,
    /// or it is a parameter of the running `gradient` call.
    @inlinable public var isTracked: Bool {
        if node != nil { return true }
        return RecordingContext.current?.leaf(for: self) != nil
    }
}

extension Tensor {
    /// The autodiff node this tensor carries: the operation that produced it from tracked
    /// operands, or its persistent leaf if it is a Tracker-era parameter.
    @inlinable public var autodiffNode: Node<Scalar>? { node }

    /// Makes this tensor a persistent leaf (a Tracker-era parameter) with a zero gradient
    /// accumulator, unless it already is one.
    @inlinable public func makePersistentLeaf() {
        if node?.isPersistent != true { node = Node(leafOfShape: shape, persistent: true) }
    }
}
