import Tensors

/// The building blocks of Flux v0.6's closure optimisers, for one parameter with value `x` and
/// gradient buffer `Δ`. Each block reads and overwrites `Δ` in place, in Flux's exact evaluation
/// order (ϵ inside the square roots of this era); the final `descent` writes `x` and zeroes `Δ`.
/// State is allocated when the block is built (eagerly, as Flux did), one set per parameter.
enum ClosureBlocks {
    typealias Block = () -> Void

    /// `x ← x − η·Δ`; `Δ ← 0`.
    static func descent<S>(_ x: Tensor<S>, _ Δ: Tensor<S>, _ η: Double) -> Block {
        let e = S(η)
        return { each(x, Δ) { xi, di in xi = xi - e * di; di = 0 } }
    }

    /// `x ← x − η·(Δ + γ·x)`; `Δ ← 0`.
    static func descentWeightDecay<S>(_ x: Tensor<S>, _ Δ: Tensor<S>, _ η: Double, _ γ: Double) -> Block {
        let e = S(η), g = S(γ)
        return { each(x, Δ) { xi, di in xi = xi - e * (di + g * xi); di = 0 } }
    }

    /// `v ← ρ·v − η·Δ`; `Δ ← −v`.
    static func momentum<S>(_ Δ: Tensor<S>, _ ρ: Double, _ η: Double) -> Block {
        let v = Δ.zerosLike(), r = S(ρ), e = S(η)
        return { each(v, Δ) { vi, di in vi = r * vi - e * di; di = -vi } }
    }

    /// `d = (ρ·ρ)·v − ((1+ρ)·η)·Δ`; `v ← ρ·v − η·Δ`; `Δ ← −d`.
    static func nesterov<S>(_ Δ: Tensor<S>, _ ρ: Double, _ η: Double) -> Block {
        let v = Δ.zerosLike(), r = S(ρ), r2 = S(ρ * ρ), a = S((1 + ρ) * η), e = S(η)
        return { each(v, Δ) { vi, di in let d = r2 * vi - a * di; vi = r * vi - e * di; di = -d } }
    }

    /// `acc ← ρ·acc + (1−ρ)·(Δ·Δ)`; `Δ ← Δ·(η/√(acc + ϵ))`.
    static func rmsprop<S>(_ Δ: Tensor<S>, _ η: Double, _ ρ: Double, _ ϵ: Double) -> Block {
        let acc = Δ.zerosLike(), e = S(η), r = S(ρ), c = S(1 - ρ), eps = S(ϵ)
        return { each(acc, Δ) { ai, di in ai = r * ai + c * (di * di); di = di * (e / (ai + eps).squareRoot()) } }
    }

    /// `acc ← acc + Δ·Δ` (acc starts at ϵ); `Δ ← Δ·(η/√(acc + ϵ))`.
    static func adagrad<S>(_ Δ: Tensor<S>, _ η: Double, _ ϵ: Double) -> Block {
        let eps = S(ϵ), acc = Tensor<S>(shape: Δ.shape, repeating: S(ϵ)), e = S(η)
        return { each(acc, Δ) { ai, di in ai = ai + di * di; di = di * (e / (ai + eps).squareRoot()) } }
    }

    /// `acc ← ρ·acc + (1−ρ)·(Δ·Δ)`; `Δ ← Δ·(√(Δacc+ϵ)/√(acc+ϵ))`; `Δacc ← ρ·Δacc + (1−ρ)·(Δ·Δ)` with the new Δ.
    static func adadelta<S>(_ Δ: Tensor<S>, _ ρ: Double, _ ϵ: Double) -> Block {
        let acc = Δ.zerosLike(), Δacc = Δ.zerosLike(), r = S(ρ), c = S(1 - ρ), eps = S(ϵ)
        return {
            let a = acc.pointer, d = Δacc.pointer, g = Δ.pointer
            for i in 0..<Δ.count {
                a[i] = r * a[i] + c * (g[i] * g[i])
                g[i] = g[i] * ((d[i] + eps).squareRoot() / (a[i] + eps).squareRoot())
                d[i] = r * d[i] + c * (g[i] * g[i])
            }
        }
    }

    /// Adam with ϵ inside the root: `Δ ← ((m/(1−β1ᵏ)) / √(v/(1−β2ᵏ) + ϵ))·η`.
    static func adam<S>(_ Δ: Tensor<S>, _ η: Double, _ β1: Double, _ β2: Double, _ ϵ: Double) -> Block {
        let m = Δ.zerosLike(), v = Δ.zerosLike()
        var β1p = β1, β2p = β2
        return {
            let b1 = S(β1), b2 = S(β2), c1 = S(1 - β1), c2 = S(1 - β2)
            let d1 = S(1 - β1p), d2 = S(1 - β2p), e = S(η), eps = S(ϵ)
            let mp = m.pointer, vp = v.pointer, g = Δ.pointer
            for i in 0..<Δ.count {
                mp[i] = b1 * mp[i] + c1 * g[i]
                vp[i] = b2 * vp[i] + c2 * (g[i] * g[i])
                g[i] = ((mp[i] / d1) / (vp[i] / d2 + eps).squareRoot()) * e
            }
            β1p *= β1
            β2p *= β2
        }
    }

    /// AdaMax: `u ← max(β2·u, |Δ|)`; `Δ ← ((η/(1−β1ᵏ))·m)/(u + ϵ)`.
    static func adamax<S>(_ Δ: Tensor<S>, _ η: Double, _ β1: Double, _ β2: Double, _ ϵ: Double) -> Block {
        let m = Δ.zerosLike(), u = Δ.zerosLike()
        var β1p = β1
        return {
            let b1 = S(β1), b2 = S(β2), c1 = S(1 - β1), a = S(η / (1 - β1p)), eps = S(ϵ)
            let mp = m.pointer, up = u.pointer, g = Δ.pointer
            for i in 0..<Δ.count {
                mp[i] = b1 * mp[i] + c1 * g[i]
                up[i] = Swift.max(b2 * up[i], Swift.abs(g[i]))
                g[i] = (a * mp[i]) / (up[i] + eps)
            }
            β1p *= β1
        }
    }

    /// AMSGrad without bias correction or ϵ in the denominator (v and v̂ start at ϵ): `Δ ← (η·m)/√v̂`.
    static func amsgrad<S>(_ Δ: Tensor<S>, _ η: Double, _ β1: Double, _ β2: Double, _ ϵ: Double) -> Block {
        let m = Δ.zerosLike(), v = Tensor<S>(shape: Δ.shape, repeating: S(ϵ)), vhat = Tensor<S>(shape: Δ.shape, repeating: S(ϵ))
        let b1 = S(β1), b2 = S(β2), c1 = S(1 - β1), c2 = S(1 - β2), e = S(η)
        return {
            let mp = m.pointer, vp = v.pointer, hp = vhat.pointer, g = Δ.pointer
            for i in 0..<Δ.count {
                mp[i] = b1 * mp[i] + c1 * g[i]
                vp[i] = b2 * vp[i] + c2 * (g[i] * g[i])
                hp[i] = Swift.max(hp[i], vp[i])
                g[i] = (e * mp[i]) / hp[i].squareRoot()
            }
        }
    }

    /// NADAM with ϵ inside the root.
    static func nadam<S>(_ Δ: Tensor<S>, _ η: Double, _ β1: Double, _ β2: Double, _ ϵ: Double) -> Block {
        let m = Δ.zerosLike(), v = Δ.zerosLike()
        var β1p = β1, β2p = β2
        return {
            let b1 = S(β1), b2 = S(β2), c1 = S(1 - β1), c2 = S(1 - β2)
            let n1 = S(1 - β1 * β1p), d1 = S(1 - β1p), d2 = S(1 - β2p), e = S(η), eps = S(ϵ)
            let mp = m.pointer, vp = v.pointer, g = Δ.pointer
            for i in 0..<Δ.count {
                let gi = g[i]
                mp[i] = b1 * mp[i] + c1 * gi
                vp[i] = b2 * vp[i] + c2 * (gi * gi)
                g[i] = ((b1 * mp[i]) / n1 + (c1 * gi) / d1) / ((vp[i] * b2) / d2 + eps).squareRoot() * e
            }
            β1p *= β1
            β2p *= β2
        }
    }

    /// `Δ ← Δ·(1/(1 + γ·n))`, then `n ← n + 1` (n starts at 0, so the first call is undecayed);
    /// a no-op without a counter when γ = 0.
    static func invdecay<S>(_ Δ: Tensor<S>, _ γ: Double) -> Block {
        if γ == 0 { return {} }
        var n = 0
        return {
            let f = S(1 / (1 + γ * Double(n)))
            let g = Δ.pointer
            for i in 0..<Δ.count { g[i] = g[i] * f }
            n += 1
        }
    }

    /// Runs `body` on corresponding elements of two equal-shaped tensors, in place.
    static func each<S>(_ a: Tensor<S>, _ b: Tensor<S>, _ body: (inout S, inout S) -> Void) {
        let p = a.pointer, q = b.pointer
        for i in 0..<a.count { body(&p[i], &q[i]) }
    }
}

extension Tensor {
    /// The storage as a mutable pointer.
    var pointer: UnsafeMutablePointer<Scalar> { withUnsafeMutableBufferPointer { $0.baseAddress! } }
}
