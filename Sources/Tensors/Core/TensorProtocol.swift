/// A tensor whose element type is not known statically: what `Params` and `Grads` hold, so one
/// parameter set can mix `Float` and `Double` tensors.
///
/// ``Tensor`` is the only conforming type. Generic code recovers the typed tensor by passing an
/// `any TensorProtocol` to a function generic over `T: TensorProtocol` and reading ``tensor``.
public protocol TensorProtocol: AnyObject {
    /// The element type.
    associatedtype Scalar: TensorScalar
    /// This value as a typed tensor (the same object).
    var tensor: Tensor<Scalar> { get }
    /// The size of each dimension.
    var shape: [Int] { get }
    /// The number of elements.
    var count: Int { get }
    /// A token that lives exactly as long as this tensor (see ``LifetimeToken``).
    var lifetimeToken: LifetimeToken { get }
}

extension Tensor: TensorProtocol {
    /// `self`.
    @inlinable public var tensor: Tensor { self }
}

extension TensorProtocol {
    /// The element type's Julia name, for messages (`Float32`, `Float64`).
    public var scalarTypeName: String { Scalar.juliaName }
}
