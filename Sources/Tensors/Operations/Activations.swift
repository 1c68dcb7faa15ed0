// Flux's activation functions as callable values.
//
// `σ(x)`, `relu(x)`, `softplus(x)` … apply elementwise as Julia's `σ.(x)` does, and the same
// names can be handed to a layer or a `Chain` as values — `Dense(10, 5, σ)`,
// `Chain(Dense(5, 2), softmax)` — which a set of generic functions could not be in Swift.
// Each is a stateless value of its own type conforming to ``Activation``.

/// An elementwise (or, for `softmax`, columnwise) function usable as a layer's activation.
public protocol Activation: Sendable {
    /// Applies the function; differentiable.
    func callAsFunction<S: TensorScalar>(_ x: Tensor<S>) -> Tensor<S>
}

/// The logistic sigmoid `1 / (1 + e^−x)` (Flux `σ`, `sigmoid`), computed without overflow.
public struct Sigmoid: Activation {
    /// The activation value; use ``σ`` or ``sigmoid``.
    @inlinable public init() {}

    /// The sigmoid of one scalar.
    @inlinable public func callAsFunction<S: TensorScalar>(_ x: S) -> S {
        if x >= 0 { return 1 / (1 + S.exp(-x)) }
        let e = S.exp(x)
        return e / (1 + e)
    }

    /// Elementwise sigmoid (Julia `σ.(x)`); the derivative is `σ(x)(1 − σ(x))`.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inlinable public func callAsFunction<S: TensorScalar>(_ x: Tensor<S>) -> Tensor<S> {
        elementwise(x, { self($0) }, derivative: { let s = self($0); return s * (1 - s) })
    }
}

/// The logistic sigmoid (Flux `σ`): `σ(x)` on a scalar or elementwise on a tensor.
public let σ = Sigmoid()
/// The logistic sigmoid under its ASCII name (Flux `sigmoid`).
public let sigmoid = Sigmoid()

/// The rectified linear unit `max(x, 0)` (Flux `relu`); the derivative at 0 is 0.
public struct ReLU: Activation {
    /// The activation value; use ``relu``.
    @inlinable public init() {}

    /// Elementwise ReLU (Julia `relu.(x)`).
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inlinable public func callAsFunction<S: TensorScalar>(_ x: Tensor<S>) -> Tensor<S> {
        elementwise(x, { $0 > 0 ? $0 : 0 }, derivative: { $0 > 0 ? 1 : 0 })
    }
}

/// The rectified linear unit (Flux `relu`).
public let relu = ReLU()

/// The leaky ReLU `x > 0 ? x : a·x` (Flux `leakyrelu`, slope `a = 0.01` by default).
public struct LeakyReLU: Activation {
    /// The activation value; use ``leakyrelu``.
    @inlinable public init() {}

    /// Elementwise leaky ReLU with slope 0.01 (Julia `leakyrelu.(x)`).
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inlinable public func callAsFunction<S: TensorScalar>(_ x: Tensor<S>) -> Tensor<S> { self(x, 0.01) }

    /// Elementwise leaky ReLU with slope `a` (Julia `leakyrelu.(x, a)`).
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inlinable public func callAsFunction<S: TensorScalar>(_ x: Tensor<S>, _ a: S) -> Tensor<S> {
        elementwise(x, { $0 > 0 ? $0 : a * $0 }, derivative: { $0 > 0 ? 1 : a })
    }
}

/// The leaky rectified linear unit (Flux `leakyrelu`).
public let leakyrelu = LeakyReLU()

/// The exponential linear unit `x > 0 ? x : α(eˣ − 1)` (Flux `elu`, `α = 1` by default).
public struct ELU: Activation {
    /// The activation value; use ``elu``.
    @inlinable public init() {}

    /// Elementwise ELU with `α = 1` (Julia `elu.(x)`).
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inlinable public func callAsFunction<S: TensorScalar>(_ x: Tensor<S>) -> Tensor<S> { self(x, 1) }

    /// Elementwise ELU with the given `α` (Julia `elu.(x, α)`).
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inlinable public func callAsFunction<S: TensorScalar>(_ x: Tensor<S>, _ alpha: S) -> Tensor<S> {
        elementwise(x, { $0 > 0 ? $0 : alpha * S.expm1($0) }, derivative: { $0 > 0 ? 1 : alpha * S.exp($0) })
    }
}

/// The exponential linear unit (Flux `elu`).
public let elu = ELU()

/// `log(1 + eˣ)` (Flux `softplus`), computed without overflow as `max(x, 0) + log1p(e^−|x|)`.
public struct Softplus: Activation {
    /// The activation value; use ``softplus``.
    @inlinable public init() {}

    /// The softplus of one scalar.
    @inlinable public func callAsFunction<S: TensorScalar>(_ x: S) -> S {
        (x > 0 ? x : 0) + S.log1p(S.exp(-Swift.abs(x)))
    }

    /// Elementwise softplus (Julia `softplus.(x)`); the derivative is `σ(x)`.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inlinable public func callAsFunction<S: TensorScalar>(_ x: Tensor<S>) -> Tensor<S> {
        elementwise(x, { self($0) }, derivative: { σ($0) })
    }
}

/// The softplus function (Flux `softplus`).
public let softplus = Softplus()

/// The identity (Julia `identity`), the default activation of a layer: returns its input.
public struct Identity: Activation {
    /// The activation value; use ``identity``.
    @inlinable public init() {}

    /// Returns `x` itself.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inlinable public func callAsFunction<S: TensorScalar>(_ x: Tensor<S>) -> Tensor<S> { x }
}

/// The identity function (Julia `identity`).
public let identity = Identity()

/// The hyperbolic tangent as an activation value, for places that take an ``Activation``;
/// `tanh(x)` itself stays a function so it does not shadow the C library's `tanh`.
public struct Tanh: Activation {
    /// The activation value.
    @inlinable public init() {}

    /// Elementwise `tanh(x)`.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inlinable public func callAsFunction<S: TensorScalar>(_ x: Tensor<S>) -> Tensor<S> { tanh(x) }
}
