import Tensors

/// Flux v0.6 `train!(loss, data, opt; cb)`: for each item, `l = loss(item...)`, `back(l)`, `opt()`,
/// then the callbacks. There is no parameter argument: the optimiser updates whatever it was
/// built over. ``stop()`` from the loss or a callback ends the loop; a NaN or infinite loss
/// throws ``NonFiniteLoss`` ("Loss is NaN") at that item, after the earlier items' updates.
public func train<S, A, B, D: Sequence>(_ loss: (A, B) throws -> Tensor<S>, _ data: D, _ opt: TrackerOptimiser,
                                        cb: @escaping () throws -> Void = {}) throws where D.Element == (A, B) {
    for (x, y) in data {
        do {
            try back(try loss(x, y))
            opt()
            try cb()
        } catch is StopException {
            break
        }
    }
}
