// Broadcasting arithmetic with Julia's rules and gradients reduced back over stretched
// dimensions. A scalar operand is a constant: no gradient flows to it.

/// Broadcasting sum (Julia `a .+ b`).
@inlinable public func .+ <S>(a: Tensor<S>, b: Tensor<S>) -> Tensor<S> {
    broadcastKernel(a, b, +).recorded(recordingParents(a, b)) { g, tracked in
        InputGradients(tracked[0] ? sumToShape(g, a.shape) : nil, tracked[1] ? sumToShape(g, b.shape) : nil)
    }
}

/// Broadcasting difference (Julia `a .- b`).
@inlinable public func .- <S>(a: Tensor<S>, b: Tensor<S>) -> Tensor<S> {
    broadcastKernel(a, b, -).recorded(recordingParents(a, b)) { g, tracked in
        InputGradients(tracked[0] ? sumToShape(g, a.shape) : nil,
                       tracked[1] ? sumToShape(mapKernel(g, -), b.shape) : nil)
    }
}

/// Broadcasting product (Julia `a .* b`).
@inlinable public func .* <S>(a: Tensor<S>, b: Tensor<S>) -> Tensor<S> {
    broadcastKernel(a, b, *).recorded(recordingParents(a, b)) { g, tracked in
        InputGradients(tracked[0] ? sumToShape(broadcastKernel(g, b, *), a.shape) : nil,
                       tracked[1] ? sumToShape(broadcastKernel(g, a, *), b.shape) : nil)
    }
}

/// Broadcasting quotient (Julia `a ./ b`).
@inlinable public func ./ <S>(a: Tensor<S>, b: Tensor<S>) -> Tensor<S> {
    broadcastKernel(a, b, /).recorded(recordingParents(a, b)) { g, tracked in
        let ga = broadcastKernel(g, b, /)
        let gb = tracked[1] ? mapKernel(broadcastKernel(broadcastKernel(ga, b, /), a, *), -) : nil
        return InputGradients(tracked[0] ? sumToShape(ga, a.shape) : nil, gb.map { sumToShape($0, b.shape) })
    }
}

/// `x .+ s` for a scalar `s`.
@inlinable public func .+ <S>(x: Tensor<S>, s: S) -> Tensor<S> {
    mapKernel(x) { $0 + s }.recorded(recordingParents(x)) { g, _ in InputGradients(g) }
}

/// `s .+ x` for a scalar `s`.
@inlinable public func .+ <S>(s: S, x: Tensor<S>) -> Tensor<S> {
    mapKernel(x) { s + $0 }.recorded(recordingParents(x)) { g, _ in InputGradients(g) }
}

/// `x .- s` for a scalar `s`.
@inlinable public func .- <S>(x: Tensor<S>, s: S) -> Tensor<S> {
    mapKernel(x) { $0 - s }.recorded(recordingParents(x)) { g, _ in InputGradients(g) }
}

/// `s .- x` for a scalar `s`.
@inlinable public func .- <S>(s: S, x: Tensor<S>) -> Tensor<S> {
    mapKernel(x) { s - $0 }.recorded(recordingParents(x)) { g, _ in InputGradients(mapKernel(g, -)) }
}

/// `x .* s` for a scalar `s`.
@inlinable public func .* <S>(x: Tensor<S>, s: S) -> Tensor<S> {
    mapKernel(x) { $0 * s }.recorded(recordingParents(x)) { g, _ in InputGradients(mapKernel(g) { $0 * s }) }
}

/// `s .* x` for a scalar `s`.
@inlinable public func .* <S>(s: S, x: Tensor<S>) -> Tensor<S> {
    mapKernel(x) { s * $0 }.recorded(recordingParents(x)) { g, _ in InputGradients(mapKernel(g) { s * $0 }) }
}

/// `x ./ s` for a scalar `s`.
@inlinable public func ./ <S>(x: Tensor<S>, s: S) -> Tensor<S> {
    mapKernel(x) { $0 / s }.recorded(recordingParents(x)) { g, _ in InputGradients(mapKernel(g) { $0 / s }) }
}

/// `s ./ x` for a scalar `s`.
@inlinable public func ./ <S>(s: S, x: Tensor<S>) -> Tensor<S> {
    mapKernel(x) { s / $0 }.recorded(recordingParents(x)) { g, _ in
        InputGradients(zipKernel(g, x) { gi, xi in -gi * s / (xi * xi) })
    }
}

/// Elementwise power with a scalar exponent (Julia `x .^ p`). Exponents 2 and 3 multiply
/// (`x*x`, `x*x*x`) as Julia's literal powers do; others call `pow`.
///
/// `.^` binds tighter than the other dotted operators (`1 .- x .^ 2`), but looser than undotted
/// ones; see the porting guide.
@inlinable public func .^ <S>(x: Tensor<S>, p: S) -> Tensor<S> {
    elementwise(x, { power($0, p) }, derivative: { p * power($0, p - 1) })
}

/// `x^p` with Julia's literal-power special cases for small integer exponents.
@inlinable func power<S: TensorScalar>(_ x: S, _ p: S) -> S {
    switch p {
    case 0: return 1
    case 1: return x
    case 2: return x * x
    case 3: return x * x * x
    case -1: return 1 / x
    default: return S.pow(x, p)
    }
}

/// In place `x .+= y`; `y` broadcasts to `x`'s shape. Not recorded for gradients.
@inlinable public func .+= <S>(x: Tensor<S>, y: Tensor<S>) { broadcastAssignKernel(x, y, +) }
/// In place `x .-= y`; `y` broadcasts to `x`'s shape. Not recorded for gradients.
@inlinable public func .-= <S>(x: Tensor<S>, y: Tensor<S>) { broadcastAssignKernel(x, y, -) }
/// In place `x .*= y`; `y` broadcasts to `x`'s shape. Not recorded for gradients.
@inlinable public func .*= <S>(x: Tensor<S>, y: Tensor<S>) { broadcastAssignKernel(x, y, *) }
/// In place `x ./= y`; `y` broadcasts to `x`'s shape. Not recorded for gradients.
@inlinable public func ./= <S>(x: Tensor<S>, y: Tensor<S>) { broadcastAssignKernel(x, y, /) }
/// In place `x .= y` (copy, broadcasting `y` to `x`'s shape). Not recorded for gradients.
@inlinable public func .= <S>(x: Tensor<S>, y: Tensor<S>) { broadcastAssignKernel(x, y) { _, v in v } }

/// In place `x .+= s`.
@inlinable public func .+= <S>(x: Tensor<S>, s: S) {
    let p = x.base
    for i in 0..<x.count { p[i] += s }
}
/// In place `x .-= s`.
@inlinable public func .-= <S>(x: Tensor<S>, s: S) {
    let p = x.base
    for i in 0..<x.count { p[i] -= s }
}
/// In place `x .*= s`.
@inlinable public func .*= <S>(x: Tensor<S>, s: S) {
    let p = x.base
    for i in 0..<x.count { p[i] *= s }
}
/// In place `x ./= s`.
@inlinable public func ./= <S>(x: Tensor<S>, s: S) {
    let p = x.base
    for i in 0..<x.count { p[i] /= s }
}
/// In place `x .= s`: every element becomes `s` (Julia `fill!(x, s)`).
@inlinable public func .= <S>(x: Tensor<S>, s: S) { x.base.update(repeating: s, count: x.count) }
