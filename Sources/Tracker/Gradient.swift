import Tensors

/// Gradients of a scalar loss with respect to implicit parameters (Zygote
/// `gradient(() -> loss(x, y), ps)`).
///
/// While `loss` runs, every operation with an operand in `ps` (or computed from one) is recorded
/// on a tape that exists only for this call and only on this thread; the reverse pass then
/// fills a ``Grads`` in which a parameter the loss does not touch has `nil`.
///
/// ```swift
/// let gs = gradient({ loss(x, y) }, θ)
/// gs[W]!   // ∂loss/∂W
/// ```
///
/// The loss must be 0-dimensional or have one element; anything else stops with a message
/// naming its shape.
@_specialize(where S == Float)
@_specialize(where S == Double)
public func gradient<S>(_ loss: () throws -> Tensor<S>, _ ps: Params) rethrows -> Grads {
    try withgradient(loss, ps).grads
}

/// The trailing-closure form, Julia's `gradient(ps) do … end`: `gradient(ps) { loss(x, y) }`.
@_specialize(where S == Float)
@_specialize(where S == Double)
public func gradient<S>(_ ps: Params, _ loss: () throws -> Tensor<S>) rethrows -> Grads {
    try withgradient(loss, ps).grads
}

/// The loss value together with its gradients (Zygote `withgradient`), from one evaluation.
@_specialize(where S == Float)
@_specialize(where S == Double)
public func withgradient<S>(_ loss: () throws -> Tensor<S>, _ ps: Params) rethrows -> (value: S, grads: Grads) {
    let context = RecordingContext(parameterCount: ps.count)
    for p in ps { track(p, in: context) }
    let y = try context.activate(loss)
    precondition(y.count == 1,
                 "gradient: the loss must be a scalar (a 0-dimensional or one-element tensor), got shape \(formatShape(y.shape)); reduce it first, e.g. with sum(…)")
    if let root = context.leaf(for: y) ?? y.autodiffNode {
        context.backpropagate(from: root, seed: Tensor(shape: y.shape, repeating: 1))
    }
    let grads = Grads(ps)
    for p in ps { collect(p, from: context, into: grads) }
    return (y.item, grads)
}

/// The trailing-closure form of ``withgradient(_:_:)``: `withgradient(ps) { loss(x, y) }`.
public func withgradient<S>(_ ps: Params, _ loss: () throws -> Tensor<S>) rethrows -> (value: S, grads: Grads) {
    try withgradient(loss, ps)
}

/// Makes a type-erased parameter a leaf of `context`.
func track(_ p: any TensorProtocol, in context: RecordingContext) {
    visit(p, with: Tracking(context: context))
}

/// Moves the gradient accumulated in `p`'s leaf, if any, into `grads`; a gradient the backward
/// pass shares with another tensor is copied so callers may overwrite it.
func collect(_ p: any TensorProtocol, from context: RecordingContext, into grads: Grads) {
    visit(p, with: Collecting(context: context, grads: grads))
}

/// Registers a parameter as a leaf of a recording context.
struct Tracking: TensorVisitor {
    let context: RecordingContext
    func visit<S: TensorScalar>(_ p: Tensor<S>) { _ = context.track(p) }
}

/// Moves a parameter's accumulated gradient from its leaf into a `Grads`.
struct Collecting: TensorVisitor {
    let context: RecordingContext
    let grads: Grads
    func visit<S: TensorScalar>(_ p: Tensor<S>) {
        guard let g = context.leaf(for: p)?.takeAccumulatedGradient() else { return }
        grads[p] = g
    }
}
