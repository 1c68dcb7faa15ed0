extension TensorScalar {
    /// A uniform variate in `[0, 1)` from the top bits of one generator output:
    /// 53 bits for `Double`, 24 for `Float`.
    @inlinable static func uniform<G: RandomNumberGenerator>(using g: inout G) -> Self {
        let bits = Self.significandBitCount + 1
        return Self(g.next() >> UInt64(64 - bits)) * Self(sign: .plus, exponent: Exponent(-bits), significand: 1)
    }

    /// A standard normal variate by the Marsaglia polar method, computed in `Double` with
    /// ``portableLog(_:)`` and rounded to `Self`; one of each accepted pair is used.
    @inlinable static func normal<G: RandomNumberGenerator>(using g: inout G) -> Self {
        while true {
            let u = 2 * Double.uniform(using: &g) - 1
            let v = 2 * Double.uniform(using: &g) - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return Self(u * (-2 * portableLog(s) / s).squareRoot())
            }
        }
    }
}

/// A `Double` tensor of uniform variates in `[0, 1)` from the default generator (Julia `rand(2, 5)`).
@inlinable public func rand(_ dims: Int...) -> Tensor<Double> { rand(Double.self, dims) }

/// A tensor of uniform variates in `[0, 1)` of the given element type (Julia `rand(Float32, 2, 5)`).
@inlinable public func rand<S: TensorScalar>(_ type: S.Type, _ dims: Int...) -> Tensor<S> { rand(type, dims) }

/// A tensor of uniform variates in `[0, 1)` of the given element type and shape.
@inlinable public func rand<S: TensorScalar>(_ type: S.Type, _ dims: [Int]) -> Tensor<S> {
    withDefaultGenerator { g in rand(type, dims, using: &g) }
}

/// A `Double` tensor of uniform variates in `[0, 1)` drawn from `generator`.
@inlinable public func rand<G: RandomNumberGenerator>(_ dims: Int..., using generator: inout G) -> Tensor<Double> {
    rand(Double.self, dims, using: &generator)
}

/// A tensor of uniform variates in `[0, 1)` drawn from `generator`.
@inlinable public func rand<S: TensorScalar, G: RandomNumberGenerator>(_ type: S.Type, _ dims: [Int], using generator: inout G) -> Tensor<S> {
    let t = Tensor<S>(uninitializedShape: dims)
    for i in 0..<t.count { t.base[i] = S.uniform(using: &generator) }
    return t
}

/// A `Double` tensor of standard normal variates from the default generator (Julia `randn(10, 10)`).
@inlinable public func randn(_ dims: Int...) -> Tensor<Double> { randn(Double.self, dims) }

/// A tensor of standard normal variates of the given element type (Julia `randn(Float32, 3)`).
@inlinable public func randn<S: TensorScalar>(_ type: S.Type, _ dims: Int...) -> Tensor<S> { randn(type, dims) }

/// A tensor of standard normal variates of the given element type and shape.
@inlinable public func randn<S: TensorScalar>(_ type: S.Type, _ dims: [Int]) -> Tensor<S> {
    withDefaultGenerator { g in randn(type, dims, using: &g) }
}

/// A `Double` tensor of standard normal variates drawn from `generator`.
@inlinable public func randn<G: RandomNumberGenerator>(_ dims: Int..., using generator: inout G) -> Tensor<Double> {
    randn(Double.self, dims, using: &generator)
}

/// A tensor of standard normal variates drawn from `generator`.
@inlinable public func randn<S: TensorScalar, G: RandomNumberGenerator>(_ type: S.Type, _ dims: [Int], using generator: inout G) -> Tensor<S> {
    let t = Tensor<S>(uninitializedShape: dims)
    for i in 0..<t.count { t.base[i] = S.normal(using: &generator) }
    return t
}
