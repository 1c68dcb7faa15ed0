import Tensors
import Tracker

/// The step `opt` would take for `x` with gradient `Δ` (Flux `apply!(opt, x, Δ)`); advances the
/// rule's state and may overwrite `Δ`. Throws ``UpdateError`` (changing nothing) if `Δ`'s shape
/// is not `x`'s.
@discardableResult
@_specialize(where S == Float)
@_specialize(where S == Double)
public func apply<S>(_ opt: any AbstractOptimiser, _ x: Tensor<S>, _ Δ: Tensor<S>) throws(UpdateError) -> Tensor<S> {
    try checkShapes(x, Δ, position: nil)
    if try refusedByGuard(opt, CollectionOfOne(Δ as (any TensorProtocol)?), single: true) { return Δ.zerosLike() }
    return opt.apply(x, Δ)
}

/// One optimiser step on one parameter (Flux `update!(opt, x, x̄)`): `x .-= apply(opt, x, copy(x̄))`.
/// The caller's gradient is never changed. Throws ``UpdateError`` (changing nothing) if `x̄`'s
/// shape is not `x`'s.
@_specialize(where S == Float)
@_specialize(where S == Double)
public func update<S>(_ opt: any AbstractOptimiser, _ x: Tensor<S>, _ x̄: Tensor<S>) throws(UpdateError) {
    try checkShapes(x, x̄, position: nil)
    if try refusedByGuard(opt, CollectionOfOne(x̄ as (any TensorProtocol)?), single: true) { return }
    opt.update(x, x̄)
}

/// One optimiser step on every parameter (Flux `update!(opt, ps, gs)`), in `ps` order; a
/// parameter whose gradient is `nil` is skipped and its state does not advance.
///
/// The whole call is validated first: if any gradient's shape or element type differs from its
/// parameter's, it throws ``UpdateError`` before any parameter or state is touched.
public func update(_ opt: any AbstractOptimiser, _ ps: Params, _ gs: Grads) throws(UpdateError) {
    for (i, p) in ps.enumerated() {
        if let g = gs[p] { try checkErased(p, g, position: i) }
    }
    if try refusedByGuard(opt, ps.lazy.map { gs[$0] }, single: false) { return }
    for p in ps {
        if let g = gs[p] { stepErased(opt, p, g) }
    }
}

/// Flux 0.12's `update!(x, x̄)`: `x .-= x̄`. Throws ``UpdateError`` (changing nothing) if the
/// shapes differ. (The Tracker-era `Tracker.update(x, Δ)` *adds* instead.)
@_specialize(where S == Float)
@_specialize(where S == Double)
public func update<S>(_ x: Tensor<S>, _ x̄: Tensor<S>) throws(UpdateError) {
    try checkShapes(x, x̄, position: nil)
    subtractStep(x, x̄)
}

/// Throws unless `g` has `x`'s shape.
/// Whether a ``GuardFinite`` in `opt` refuses the step because one of `gradients` (`nil`: no
/// gradient; read only when there is a guard) holds `NaN` or `±Inf`: throws under the throw
/// policy, returns `true` (skip) under the skip policy, `false` when there is no guard or every
/// gradient is finite. `single` marks a one-tensor call, whose error names no position.
func refusedByGuard<G: Sequence>(_ opt: any AbstractOptimiser, _ gradients: G,
                                 single: Bool) throws(UpdateError) -> Bool where G.Element == (any TensorProtocol)? {
    guard let guardRule = opt.finiteGuard else { return false }
    for (i, g) in gradients.enumerated() {
        guard let g else { continue }
        let bad = nonFiniteCount(g)
        if bad > 0 {
            if let error = guardRule.refusal(position: single ? nil : i, nonFinite: bad, count: g.count) { throw error }
            return true
        }
    }
    return false
}

func checkShapes<S>(_ x: Tensor<S>, _ g: Tensor<S>, position: Int?) throws(UpdateError) {
    if x.shape != g.shape { throw .shapeMismatch(position: position, parameter: x.shape, gradient: g.shape) }
}

/// Throws unless the type-erased gradient `g` has the element type and shape of parameter `p`.
func checkErased(_ p: any TensorProtocol, _ g: any TensorProtocol, position: Int) throws(UpdateError) {
    if ObjectIdentifier(type(of: p as AnyObject)) != ObjectIdentifier(type(of: g as AnyObject)) {
        throw .elementTypeMismatch(position: position, parameter: p.scalarTypeName, gradient: g.scalarTypeName)
    }
    if p.shape != g.shape { throw .shapeMismatch(position: position, parameter: p.shape, gradient: g.shape) }
}

/// `opt.update(p, g)` for a validated type-erased pair.
func stepErased(_ opt: any AbstractOptimiser, _ p: any TensorProtocol, _ g: any TensorProtocol) {
    visit(p, with: Stepping(optimiser: opt, gradient: g as AnyObject))
}

/// Updates a parameter with a gradient already checked to have its element type and shape.
struct Stepping: TensorVisitor {
    let optimiser: any AbstractOptimiser
    let gradient: AnyObject
    func visit<S: TensorScalar>(_ p: Tensor<S>) { optimiser.update(p, unsafeDowncast(gradient, to: Tensor<S>.self)) }
}
