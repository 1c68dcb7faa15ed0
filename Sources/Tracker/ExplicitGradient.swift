import Tensors

/// The gradient of a scalar function of one tensor (Zygote `gradient(x -> sum(x .^ 2), x)[1]`),
/// or `nil` when the result does not depend on `x`.
///
/// ```swift
/// let x = Tensor<Double>([1, 2, 3])
/// gradient({ x in sum(x .^ 2) }, x)!   // [2, 4, 6]
/// ```
public func gradient<S>(_ f: (Tensor<S>) throws -> Tensor<S>, _ x: Tensor<S>) rethrows -> Tensor<S>? {
    try withgradient(f, x).gradient
}

/// The value and gradient of a scalar function of one tensor.
@_specialize(where S == Float)
@_specialize(where S == Double)
public func withgradient<S>(_ f: (Tensor<S>) throws -> Tensor<S>, _ x: Tensor<S>) rethrows -> (value: S, gradient: Tensor<S>?) {
    let (value, grads) = try withgradient({ try f(x) }, Params([x]))
    return (value, grads[x])
}

/// The gradients of a scalar function of two tensors (Zygote `gradient(f, a, b)`), each `nil`
/// when the result does not depend on it.
public func gradient<S>(_ f: (Tensor<S>, Tensor<S>) throws -> Tensor<S>, _ a: Tensor<S>, _ b: Tensor<S>) rethrows -> (Tensor<S>?, Tensor<S>?) {
    let grads = try gradient({ try f(a, b) }, Params([a, b]))
    return (grads[a], grads[b])
}
