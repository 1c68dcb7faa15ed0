import Tensors
import Tracker

/// One pass of training over `data` (Flux `train!(loss, ps, data, opt; cb)`).
///
/// For each item: `withgradient` of `loss(item)` with respect to `ps`; if the loss is not finite,
/// throw ``NonFiniteLossError`` (before that update, so the parameters stay finite); otherwise
/// `update(opt, ps, gs)`, then the callbacks. ``stop()`` (from the loss or a callback) ends the
/// loop; ``skip()`` from the loss skips that item's update (Flux v0.13 semantics).
///
/// This overload passes each item whole; tuple items are splatted by the two- and
/// three-argument overloads, as Flux's `batchmemaybe` does:
/// ```swift
/// try train({ x, y in loss(x, y) }, ps, [(x, y)], opt, cb: throttle({ print(loss(x, y)) }, 10))
/// ```
public func train<S, D: Sequence>(_ loss: (D.Element) throws -> Tensor<S>, _ ps: Params, _ data: D,
                                  _ opt: any AbstractOptimiser, cb: [() throws -> Void]) throws {
    for (i, item) in data.enumerated() {
        do {
            let (value, grads) = try withgradient({ try loss(item) }, ps)
            let l = Double(value)
            if !l.isFinite { throw NonFiniteLossError(loss: l, item: i + 1) }
            try update(opt, ps, grads)
            for callback in cb { try callback() }
        } catch is StopException {
            break
        } catch is SkipException {
            continue
        }
    }
}

/// Training with a list of callbacks (above), given one callback (default: none).
public func train<S, D: Sequence>(_ loss: (D.Element) throws -> Tensor<S>, _ ps: Params, _ data: D,
                                  _ opt: any AbstractOptimiser, cb: @escaping () throws -> Void = {}) throws {
    try train(loss, ps, data, opt, cb: [cb])
}

/// Training with two-element items splatted into a two-argument loss: `loss(x, y)`.
public func train<S, A, B, D: Sequence>(_ loss: (A, B) throws -> Tensor<S>, _ ps: Params, _ data: D,
                                        _ opt: any AbstractOptimiser, cb: [() throws -> Void]) throws where D.Element == (A, B) {
    try train({ (item: (A, B)) in try loss(item.0, item.1) }, ps, data, opt, cb: cb)
}

/// Training with two-element items splatted into a two-argument loss, with one callback.
public func train<S, A, B, D: Sequence>(_ loss: (A, B) throws -> Tensor<S>, _ ps: Params, _ data: D,
                                        _ opt: any AbstractOptimiser, cb: @escaping () throws -> Void = {}) throws where D.Element == (A, B) {
    try train(loss, ps, data, opt, cb: [cb])
}

/// Training with three-element items splatted into a three-argument loss: `loss(x, y, w)`.
public func train<S, A, B, C, D: Sequence>(_ loss: (A, B, C) throws -> Tensor<S>, _ ps: Params, _ data: D,
                                           _ opt: any AbstractOptimiser, cb: [() throws -> Void]) throws where D.Element == (A, B, C) {
    try train({ (item: (A, B, C)) in try loss(item.0, item.1, item.2) }, ps, data, opt, cb: cb)
}

/// Training with three-element items splatted into a three-argument loss, with one callback.
public func train<S, A, B, C, D: Sequence>(_ loss: (A, B, C) throws -> Tensor<S>, _ ps: Params, _ data: D,
                                           _ opt: any AbstractOptimiser, cb: @escaping () throws -> Void = {}) throws where D.Element == (A, B, C) {
    try train(loss, ps, data, opt, cb: [cb])
}
