/// A computation over a tensor whose element type is known only at run time.
///
/// Code that holds tensors as `any TensorProtocol` (a `Params` set, a `Grads` table) reaches
/// their elements by passing a visitor to ``visit(_:with:)``. The call checks the
/// element type once and runs ``visit(_:)`` compiled for `Float` or `Double`, so the generic body
/// never pays for run-time type lookups in a hot loop; other element types take the generic path.
public protocol TensorVisitor {
    /// What a visit returns.
    associatedtype Result
    /// The computation, for a tensor of element type `S`.
    func visit<S: TensorScalar>(_ tensor: Tensor<S>) -> Result
}

/// Runs `visitor` on a type-erased tensor, specialised for `Float` and `Double` elements.
@inlinable public func visit<V: TensorVisitor>(_ tensor: any TensorProtocol, with visitor: V) -> V.Result {
    let object = tensor as AnyObject
    if type(of: object) == Tensor<Float>.self { return visitor.visit(unsafeDowncast(object, to: Tensor<Float>.self)) }
    if type(of: object) == Tensor<Double>.self { return visitor.visit(unsafeDowncast(object, to: Tensor<Double>.self)) }
    return visitGeneric(tensor, with: visitor)
}

/// ``visit(_:with:)`` for element types other than `Float` and `Double`.
@inlinable func visitGeneric<T: TensorProtocol, V: TensorVisitor>(_ tensor: T, with visitor: V) -> V.Result {
    visitor.visit(tensor.tensor)
}

extension Tensor {
    /// This tensor as a `Tensor<Float>` or `Tensor<Double>` when `Scalar` is that type, for
    /// generic code that wants to call a specialised implementation (`nil` for other types).
    @inlinable public func specialised<T: TensorScalar>(as type: T.Type) -> Tensor<T>? {
        Scalar.self == T.self ? unsafeDowncast(self as AnyObject, to: Tensor<T>.self) : nil
    }
}
