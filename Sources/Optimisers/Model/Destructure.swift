import Tensors
import Tracker

/// All trainable parameters of `model` as one flat `Float` vector, and a function that rebuilds
/// a model like it from such a vector (Julia `flat, re = Optimisers.destructure(model)`).
///
/// Tensors are flattened column-major and concatenated in ``trainables(_:)`` order, tied tensors
/// once; non-trainable tensors (running statistics) are kept inside the ``Restructure``. Both
/// directions are differentiable: gradients flow from `flat` back to the model's tensors, and
/// from a rebuilt model back to the vector it was built from.
///
/// ```swift
/// let (flat, re) = destructure(model)
/// let model2 = re(2 .* flat)
/// ```
public func destructure<M: Trainable>(_ model: M) -> (Tensor<Float>, Restructure<M, Float>) {
    destructure(model, as: Float.self)
}

/// ``destructure(_:)`` for a model whose parameters have element type `S` (e.g. `Double`);
/// stops when a trainable tensor has another element type.
public func destructure<M: Trainable, S: TensorScalar>(_ model: M, as type: S.Type) -> (Tensor<S>, Restructure<M, S>) {
    let tensors = trainables(model, as: S.self)
    let flat = tensors.isEmpty ? Tensor<S>(shape: [0], repeating: 0) : concatenate(tensors.map { vec($0) }, along: 0)
    return (flat, Restructure(model: model, length: flat.count))
}

/// Rebuilds a model from a flat parameter vector (Julia's `Optimisers.Restructure`), as returned
/// by ``destructure(_:)``. Calling it is differentiable with respect to the vector.
public struct Restructure<M: Trainable, S: TensorScalar> {
    /// The model whose structure, shapes and non-trainable tensors are reused.
    public let model: M
    /// The number of trainable parameters (the required vector length).
    public let length: Int

    /// A model like ``model`` whose trainable tensors are consecutive slices of `flat`, reshaped
    /// (Julia `re(flat)`); stops when `flat` does not have ``length`` elements.
    public func callAsFunction(_ flat: Tensor<S>) -> M {
        precondition(flat.rank == 1 && flat.count == length,
                     "Restructure: expected a vector of \(length) parameters, got shape \(formatShape(flat.shape))")
        let row = reshape(flat, 1, length)
        var offset = 0
        return fmap(model, trainableOnly: true) { tensor in
            let n = tensor.count
            defer { offset += n }
            return reshape(row[columns: offset ..< offset + n], tensor.shape)
        } as! M
    }
}
