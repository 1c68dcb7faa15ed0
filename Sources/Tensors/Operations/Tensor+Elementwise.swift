// Elementwise functions: Julia's `f.(x)` is `f(x)` on a tensor. Each is differentiable.

/// Elementwise exponential (Julia `exp.(x)`).
@inlinable public func exp<S>(_ x: Tensor<S>) -> Tensor<S> { elementwise(x, S.exp, derivative: S.exp) }

/// Elementwise natural logarithm (Julia `log.(x)`).
@inlinable public func log<S>(_ x: Tensor<S>) -> Tensor<S> { elementwise(x, S.log, derivative: { 1 / $0 }) }

/// Elementwise square root (Julia `sqrt.(x)`).
@inlinable public func sqrt<S>(_ x: Tensor<S>) -> Tensor<S> {
    elementwise(x, { $0.squareRoot() }, derivative: { 1 / (2 * $0.squareRoot()) })
}

/// Elementwise absolute value (Julia `abs.(x)`); the derivative at 0 is 0, as `sign(0)`.
@inlinable public func abs<S>(_ x: Tensor<S>) -> Tensor<S> {
    elementwise(x, { Swift.abs($0) }, derivative: { signum($0) })
}

/// Elementwise square (Julia `abs2.(x)`).
@inlinable public func abs2<S>(_ x: Tensor<S>) -> Tensor<S> { elementwise(x, { $0 * $0 }, derivative: { 2 * $0 }) }

/// Elementwise hyperbolic tangent (Julia `tanh.(x)`).
@inlinable public func tanh<S>(_ x: Tensor<S>) -> Tensor<S> {
    elementwise(x, S.tanh, derivative: { let t = S.tanh($0); return 1 - t * t })
}

/// The logistic sigmoid `1 / (1 + e^−x)` of one scalar, computed without overflow.
@inlinable public func σ<S: TensorScalar>(_ x: S) -> S {
    if x >= 0 { return 1 / (1 + S.exp(-x)) }
    let e = S.exp(x)
    return e / (1 + e)
}

/// Elementwise logistic sigmoid (Julia/Flux `σ.(x)`).
@inlinable public func σ<S>(_ x: Tensor<S>) -> Tensor<S> {
    elementwise(x, { σ($0) }, derivative: { let s = σ($0); return s * (1 - s) })
}

/// Elementwise logistic sigmoid, the ASCII name of ``σ(_:)-5ltvp``.
@inlinable public func sigmoid<S>(_ x: Tensor<S>) -> Tensor<S> { σ(x) }

/// Elementwise rectified linear unit `max(x, 0)` (Flux `relu.(x)`); the derivative at 0 is 0.
@inlinable public func relu<S>(_ x: Tensor<S>) -> Tensor<S> {
    elementwise(x, { $0 > 0 ? $0 : 0 }, derivative: { $0 > 0 ? 1 : 0 })
}

/// Elementwise leaky ReLU `x > 0 ? x : a·x` (Flux `leakyrelu.(x, a)`, default `a = 0.01`).
@inlinable public func leakyrelu<S>(_ x: Tensor<S>, _ a: S = 0.01) -> Tensor<S> {
    elementwise(x, { $0 > 0 ? $0 : a * $0 }, derivative: { $0 > 0 ? 1 : a })
}

/// Elementwise exponential linear unit `x > 0 ? x : α(eˣ − 1)` (Flux `elu.(x, α)`, default `α = 1`).
@inlinable public func elu<S>(_ x: Tensor<S>, _ alpha: S = 1) -> Tensor<S> {
    elementwise(x, { $0 > 0 ? $0 : alpha * S.expm1($0) }, derivative: { $0 > 0 ? 1 : alpha * S.exp($0) })
}

/// `log(1 + eˣ)` of one scalar, computed without overflow as Flux does.
@inlinable public func softplus<S: TensorScalar>(_ x: S) -> S {
    (x > 0 ? x : 0) + S.log1p(S.exp(-Swift.abs(x)))
}

/// Elementwise softplus `log(1 + eˣ)` (Flux `softplus.(x)`).
@inlinable public func softplus<S>(_ x: Tensor<S>) -> Tensor<S> {
    elementwise(x, { softplus($0) }, derivative: { σ($0) })
}

/// The sign of one scalar: −1, 0 or 1 (NaN stays NaN), as Julia's `sign`.
@inlinable public func signum<S: TensorScalar>(_ x: S) -> S {
    x > 0 ? 1 : (x < 0 ? -1 : x)
}

/// Elementwise sign (Julia `sign.(x)`); its derivative is zero.
@inlinable public func sign<S>(_ x: Tensor<S>) -> Tensor<S> { elementwise(x, { signum($0) }, derivative: { _ in 0 }) }

/// Elementwise clamp to `[lo, hi]` (Julia `clamp.(x, lo, hi)`); the gradient passes where `x` is inside.
@inlinable public func clamp<S>(_ x: Tensor<S>, _ lo: S, _ hi: S) -> Tensor<S> {
    precondition(lo <= hi, "clamp: expected lo ≤ hi, got lo = \(lo), hi = \(hi)")
    return elementwise(x, { Swift.min(Swift.max($0, lo), hi) }, derivative: { $0 >= lo && $0 <= hi ? 1 : 0 })
}

/// Elementwise maximum with a scalar (Julia `max.(x, s)`); the gradient passes where `x ≥ s`.
@inlinable public func max<S>(_ x: Tensor<S>, _ s: S) -> Tensor<S> {
    elementwise(x, { Swift.max($0, s) }, derivative: { $0 >= s ? 1 : 0 })
}

/// Elementwise minimum with a scalar (Julia `min.(x, s)`); the gradient passes where `x ≤ s`.
@inlinable public func min<S>(_ x: Tensor<S>, _ s: S) -> Tensor<S> {
    elementwise(x, { Swift.min($0, s) }, derivative: { $0 <= s ? 1 : 0 })
}
