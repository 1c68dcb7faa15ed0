import Tensors

/// Something `params` can collect parameters from: a tensor (itself a parameter) or a model made
/// of tensors and other models (Flux's `Functors.@functor` plus `trainable`).
///
/// A model adopts it by listing its trainable members in Flux order — weight before bias,
/// sub-layers in call order:
///
/// ```swift
/// final class Affine: Trainable {
///     let W = randn(2, 3), b = zeros(2)
///     var trainable: [any Trainable] { [W, b] }
/// }
/// let ps = params(Affine())          // [W, b]
/// ```
///
/// Members left out of ``trainable`` (running statistics, frozen weights) are not collected.
public protocol Trainable {
    /// The trainable members: tensors and nested models, in the order `params` visits them.
    var trainable: [any Trainable] { get }
}

extension Trainable {
    /// Appends this value's parameters to `ps`, depth first; a tensor already in `ps` is skipped.
    public func collectParameters(into ps: Params) {
        if let tensor = self as? any TensorProtocol {
            ps.append(tensor)
        } else {
            for member in trainable { member.collectParameters(into: ps) }
        }
    }
}

extension Tensor: Trainable {
    /// A tensor is a parameter itself and has no members.
    public var trainable: [any Trainable] { [] }
}
