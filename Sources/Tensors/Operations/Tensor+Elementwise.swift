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
