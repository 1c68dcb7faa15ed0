import Tensors
import Tracker

/// A callable model component with trainable members (Flux's layers and anything that can sit in
/// a ``Chain``).
///
/// Adopt it with a `callAsFunction` and the list of trainable members:
///
/// ```swift
/// final class Scale: Layer {
///     let s = ones(Float.self, 3)
///     var trainable: [any Trainable] { [s] }
///     func callAsFunction<T: TensorScalar>(_ x: Tensor<T>) -> Tensor<T> {
///         x .* convertible(s, to: T.self)
///     }
/// }
/// ```
///
/// Activation values (`relu`, `softmax`, …) are layers without parameters, so they can be
/// members of a chain as in Flux.
public protocol Layer: Trainable {
    /// Applies the layer to a vector or a (features, batch) matrix; differentiable.
    func callAsFunction<T: TensorScalar>(_ x: Tensor<T>) -> Tensor<T>
}

/// `x` as a `Tensor<T>`, for a layer whose parameters have element type `S`; stops naming both
/// types when they differ (a `Float` model fed `Double` data).
@inlinable public func convertible<S: TensorScalar, T: TensorScalar>(_ x: Tensor<S>, to type: T.Type) -> Tensor<T> {
    guard let same = x.specialised(as: T.self) else {
        preconditionFailure("layer parameters are \(S.juliaName) but the input is \(T.juliaName); convert the data (e.g. Tensor<\(S.self)>(x))")
    }
    return same
}

extension Sigmoid: Layer { public var trainable: [any Trainable] { [] } }
extension ReLU: Layer { public var trainable: [any Trainable] { [] } }
extension LeakyReLU: Layer { public var trainable: [any Trainable] { [] } }
extension ELU: Layer { public var trainable: [any Trainable] { [] } }
extension Softplus: Layer { public var trainable: [any Trainable] { [] } }
extension Identity: Layer { public var trainable: [any Trainable] { [] } }
extension Tanh: Layer { public var trainable: [any Trainable] { [] } }
