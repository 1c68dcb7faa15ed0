import Tensors
import Tracker

/// Every trainable tensor of `model`, depth first, each tied tensor once (Julia
/// `Optimisers.trainables(model)`); BatchNorm contributes β and γ, not its running statistics.
/// The tensors are the model's own, so a loss written over them is differentiable with respect
/// to the model.
public func trainables(_ model: any Trainable) -> [any TensorProtocol] {
    let ps = Params()
    model.collectParameters(into: ps)     // the walk `params(model)` does
    return ps.order
}

/// ``trainables(_:)`` as typed tensors, for arithmetic over them:
/// `trainables(m, as: Float.self).map { sum($0 .^ 2) }`. Stops when one has another element type.
public func trainables<S: TensorScalar>(_ model: any Trainable, as type: S.Type) -> [Tensor<S>] {
    trainables(model).map { tensor in
        guard let typed = tensor as? Tensor<S> else {
            preconditionFailure("trainables: found a \(tensor.scalarTypeName) tensor, expected \(S.juliaName)")
        }
        return typed
    }
}
