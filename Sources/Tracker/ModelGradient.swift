import Tensors

/// The gradient of a scalar function of a model, shaped like the model (Zygote's explicit
/// `gradient(m -> loss(m(x), y), model)[1]`).
///
/// Every tensor in the model is differentiated; the result holds each tensor's gradient at its
/// position (`∇.layers[0].weight`) and ``Tree/empty`` where the loss does not depend on it or
/// where the model holds no tensor. A tensor that appears at several positions (tied weights)
/// gets its whole gradient at the first position and `empty` at the others, so that summing a
/// tree's leaves per tensor — what `Optimisers.update` does — counts it once.
public func gradient<M: Trainable, S>(_ f: (M) throws -> Tensor<S>, _ model: M) rethrows -> ModelGradient {
    try withgradient(f, model).gradient
}

/// The loss value and the model gradient from one evaluation (Zygote `withgradient(f, model)`).
public func withgradient<M: Trainable, S>(_ f: (M) throws -> Tensor<S>, _ model: M) rethrows -> (value: S, gradient: ModelGradient) {
    let ps = allTensors(of: model)
    let (value, grads) = try withgradient({ try f(model) }, ps)
    return (value, gradientTree(model, grads))
}

/// The gradients of a scalar function of a model and a tensor, Julia's
/// `∇model, ∇x = gradient(model, x) do m, x … end`: `gradient(model, x) { m, x in … }`.
public func gradient<M: Trainable, S>(_ model: M, _ x: Tensor<S>,
                                      _ f: (M, Tensor<S>) throws -> Tensor<S>) rethrows -> (ModelGradient, Tensor<S>?) {
    let ps = allTensors(of: model)
    ps.append(x)
    let grads = try gradient({ try f(model, x) }, ps)
    return (gradientTree(model, grads), grads[x])
}

/// Every tensor held anywhere in `model` (trainable or not), each once, depth first.
func allTensors(of model: any Trainable) -> Params {
    let ps = Params()
    func walk(_ x: any Trainable) {
        if let t = x as? any TensorProtocol { ps.append(t) } else { functorChildren(x).values.forEach(walk) }
    }
    walk(model)
    return ps
}

/// The tree of `grads` laid out like `model`, each tensor's gradient at its first position only.
func gradientTree(_ model: any Trainable, _ grads: Grads) -> ModelGradient {
    var seen = Set<ObjectIdentifier>()
    func walk(_ x: any Trainable) -> ModelGradient {
        if let t = x as? any TensorProtocol {
            guard seen.insert(ObjectIdentifier(t)).inserted, let g = grads[t] else { return .empty }
            return .leaf(g)
        }
        switch functorChildren(x) {
        case .fields(let fields):
            return fields.isEmpty ? .empty : .fields(fields.map { ($0.name, walk($0.value)) })
        case .elements(let elements):
            return elements.isEmpty ? .empty : .elements(elements.map(walk))
        }
    }
    return walk(model)
}
