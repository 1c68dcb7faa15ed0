/// A `Double` tensor of zeros (Julia `zeros(2, 3)`).
@inlinable public func zeros(_ dims: Int...) -> Tensor<Double> { Tensor(shape: dims, repeating: 0) }

/// A tensor of zeros of the given element type (Julia `zeros(Float32, 2, 3)`).
@inlinable public func zeros<S: TensorScalar>(_ type: S.Type, _ dims: Int...) -> Tensor<S> { Tensor(shape: dims, repeating: 0) }

/// A `Double` tensor of ones (Julia `ones(2, 3)`).
@inlinable public func ones(_ dims: Int...) -> Tensor<Double> { Tensor(shape: dims, repeating: 1) }

/// A tensor of ones of the given element type (Julia `ones(Float32, 2, 3)`).
@inlinable public func ones<S: TensorScalar>(_ type: S.Type, _ dims: Int...) -> Tensor<S> { Tensor(shape: dims, repeating: 1) }

/// A tensor of the given shape with every element `value` (Julia `fill(0.5, 2, 3)`); the element
/// type is `value`'s.
@inlinable public func fill<S: TensorScalar>(_ value: S, _ dims: Int...) -> Tensor<S> { Tensor(shape: dims, repeating: value) }

extension Tensor {
    /// A tensor of zeros with this tensor's shape and element type (Julia `zero(x)`).
    @inlinable public func zerosLike() -> Tensor { Tensor(shape: shape, repeating: 0) }
}
