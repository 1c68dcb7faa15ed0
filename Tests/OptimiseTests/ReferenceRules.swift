import Foundation

// An independent reference implementation of every Flux.Optimise v0.14.25 rule, written
// directly from shared/spec/flux_optimise_spec.md §2.2, in the spec's evaluation order.
// Plain loops over [Double]; state per parameter is keyed by a caller-chosen integer id and
// created on first use. Nothing here calls the library.
//
// `step(id, x, g)` returns the array the rule would return (the caller does x ← x − step); `x`
// is the parameter's value before this update.

protocol RefRule: AnyObject {
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double]
}

final class RefDescent: RefRule {
    var eta: Double
    init(_ eta: Double = 0.1) { self.eta = eta }
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] { g.map { $0 * eta } }
}

final class RefMomentum: RefRule {
    var eta: Double, rho: Double
    var v: [Int: [Double]] = [:]
    init(_ eta: Double = 0.01, _ rho: Double = 0.9) { self.eta = eta; self.rho = rho }
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] {
        var vel = v[id] ?? Array(repeating: 0, count: g.count)
        var out = g
        for i in g.indices {
            vel[i] = rho * vel[i] - eta * g[i]
            out[i] = -vel[i]
        }
        v[id] = vel
        return out
    }
}

final class RefNesterov: RefRule {
    var eta: Double, rho: Double
    var v: [Int: [Double]] = [:]
    init(_ eta: Double = 0.001, _ rho: Double = 0.9) { self.eta = eta; self.rho = rho }
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] {
        var vel = v[id] ?? Array(repeating: 0, count: g.count)
        var out = g
        for i in g.indices {
            let vOld = vel[i]
            let d = (rho * rho) * vOld - ((1 + rho) * eta) * g[i]
            vel[i] = rho * vOld - eta * g[i]
            out[i] = -d
        }
        v[id] = vel
        return out
    }
}

final class RefRMSProp: RefRule {
    var eta: Double, rho: Double, eps: Double
    var acc: [Int: [Double]] = [:]
    init(_ eta: Double = 0.001, _ rho: Double = 0.9, _ eps: Double = 1e-8) { self.eta = eta; self.rho = rho; self.eps = eps }
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] {
        var a = acc[id] ?? Array(repeating: 0, count: g.count)
        var out = g
        for i in g.indices {
            a[i] = rho * a[i] + ((1 - rho) * g[i]) * g[i]
            out[i] = g[i] * (eta / (a[i].squareRoot() + eps))
        }
        acc[id] = a
        return out
    }
}

/// Moment state of the Adam family: m, v (or u, s), an optional third buffer, βp and t.
final class RefMoments {
    var m: [Double], v: [Double], w: [Double]
    var b1p: Double, b2p: Double
    var t = 1
    init(count: Int, initial: Double = 0, beta: (Double, Double)) {
        m = Array(repeating: initial, count: count)
        v = Array(repeating: initial, count: count)
        w = Array(repeating: initial, count: count)
        b1p = beta.0
        b2p = beta.1
    }
    func advance(_ beta: (Double, Double)) { b1p *= beta.0; b2p *= beta.1; t += 1 }
}

class RefMomentRule {
    var eta: Double, beta: (Double, Double), eps: Double
    var states: [Int: RefMoments] = [:]
    let initial: Double
    init(_ eta: Double, _ beta: (Double, Double), _ eps: Double, initial: Double = 0) {
        self.eta = eta; self.beta = beta; self.eps = eps; self.initial = initial
    }
    func state(_ id: Int, _ n: Int) -> RefMoments {
        if let s = states[id] { return s }
        let s = RefMoments(count: n, initial: initial, beta: beta)
        states[id] = s
        return s
    }
}

final class RefAdam: RefMomentRule, RefRule {
    init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ eps: Double = 1e-8) { super.init(eta, beta, eps) }
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] {
        let s = state(id, g.count)
        let (b1, b2) = beta
        var out = g
        for i in g.indices {
            s.m[i] = b1 * s.m[i] + (1 - b1) * g[i]
            s.v[i] = b2 * s.v[i] + ((1 - b2) * g[i]) * g[i]
            out[i] = ((s.m[i] / (1 - s.b1p)) / ((s.v[i] / (1 - s.b2p)).squareRoot() + eps)) * eta
        }
        s.advance(beta)
        return out
    }
}

final class RefRAdam: RefMomentRule, RefRule {
    init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ eps: Double = 1e-8) { super.init(eta, beta, eps) }
    /// The ρt of each call, for tests that check the branch.
    var rhoHistory: [Double] = []
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] {
        let s = state(id, g.count)
        let (b1, b2) = beta
        let rhoInf = 2 / (1 - b2) - 1
        let rhoT = rhoInf - ((2 * Double(s.t)) * s.b2p) / (1 - s.b2p)
        rhoHistory.append(rhoT)
        var out = g
        for i in g.indices {
            s.m[i] = b1 * s.m[i] + (1 - b1) * g[i]
            s.v[i] = b2 * s.v[i] + ((1 - b2) * g[i]) * g[i]
            if rhoT > 4 {
                let r = ((((rhoT - 4) * (rhoT - 2)) * rhoInf) / (((rhoInf - 4) * (rhoInf - 2)) * rhoT)).squareRoot()
                out[i] = (((s.m[i] / (1 - s.b1p)) / ((s.v[i] / (1 - s.b2p)).squareRoot() + eps)) * eta) * r
            } else {
                out[i] = (s.m[i] / (1 - s.b1p)) * eta
            }
        }
        s.advance(beta)
        return out
    }
}

final class RefAdaMax: RefMomentRule, RefRule {
    init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ eps: Double = 1e-8) { super.init(eta, beta, eps) }
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] {
        let s = state(id, g.count)
        let (b1, b2) = beta
        var out = g
        for i in g.indices {
            s.m[i] = b1 * s.m[i] + (1 - b1) * g[i]
            s.v[i] = Swift.max(b2 * s.v[i], Swift.abs(g[i]))
            out[i] = ((eta / (1 - s.b1p)) * s.m[i]) / (s.v[i] + eps)
        }
        s.advance(beta)
        return out
    }
}

final class RefOAdam: RefMomentRule, RefRule {
    init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.5, 0.9), _ eps: Double = 1e-8) { super.init(eta, beta, eps) }
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] {
        let s = state(id, g.count)
        let (b1, b2) = beta
        var out = g
        for i in g.indices {
            s.m[i] = b1 * s.m[i] + (1 - b1) * g[i]
            s.v[i] = b2 * s.v[i] + ((1 - b2) * g[i]) * g[i]
            out[i] = -s.w[i]                        // Δ = −s_prev
            s.w[i] = ((eta * s.m[i]) / (1 - s.b1p)) / ((s.v[i] / (1 - s.b2p)).squareRoot() + eps)
            out[i] += 2 * s.w[i]                    // Δ += 2 s
        }
        s.advance(beta)
        return out
    }
}

final class RefAdaGrad: RefRule {
    var eta: Double, eps: Double
    var acc: [Int: [Double]] = [:]
    init(_ eta: Double = 0.1, _ eps: Double = 1e-8) { self.eta = eta; self.eps = eps }
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] {
        var a = acc[id] ?? Array(repeating: eps, count: g.count)   // starts at ϵ
        var out = g
        for i in g.indices {
            a[i] = a[i] + g[i] * g[i]
            out[i] = g[i] * (eta / (a[i].squareRoot() + eps))
        }
        acc[id] = a
        return out
    }
}

final class RefAdaDelta: RefRule {
    var rho: Double, eps: Double
    var acc: [Int: ([Double], [Double])] = [:]
    init(_ rho: Double = 0.9, _ eps: Double = 1e-8) { self.rho = rho; self.eps = eps }
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] {
        var (a, d) = acc[id] ?? (Array(repeating: 0, count: g.count), Array(repeating: 0, count: g.count))
        var out = g
        for i in g.indices {
            a[i] = rho * a[i] + ((1 - rho) * g[i]) * g[i]
            out[i] = g[i] * ((d[i] + eps).squareRoot() / (a[i] + eps).squareRoot())
            d[i] = rho * d[i] + ((1 - rho) * out[i]) * out[i]
        }
        acc[id] = (a, d)
        return out
    }
}

final class RefAMSGrad: RefMomentRule, RefRule {
    init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ eps: Double = 1e-8) {
        super.init(eta, beta, eps, initial: eps)               // m, v, v̂ all start at ϵ
    }
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] {
        let s = state(id, g.count)
        let (b1, b2) = beta
        var out = g
        for i in g.indices {
            s.m[i] = b1 * s.m[i] + (1 - b1) * g[i]
            s.v[i] = b2 * s.v[i] + (1 - b2) * (g[i] * g[i])
            s.w[i] = Swift.max(s.w[i], s.v[i])
            out[i] = (eta * s.m[i]) / (s.w[i].squareRoot() + eps)
        }
        return out
    }
}

final class RefNAdam: RefMomentRule, RefRule {
    init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ eps: Double = 1e-8) { super.init(eta, beta, eps) }
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] {
        let s = state(id, g.count)
        let (b1, b2) = beta
        let b1p = s.b1p, b2p = s.b2p
        var out = g
        for i in g.indices {
            s.m[i] = b1 * s.m[i] + (1 - b1) * g[i]
            s.v[i] = b2 * s.v[i] + ((1 - b2) * g[i]) * g[i]
            out[i] = ((b1 * s.m[i]) / (1 - b1 * b1p) + ((1 - b1) * g[i]) / (1 - b1p))
                / (((s.v[i] * b2) / (1 - b2p)).squareRoot() + eps) * eta
        }
        s.advance(beta)
        return out
    }
}

final class RefAdaBelief: RefMomentRule, RefRule {
    init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ eps: Double = 1e-8) { super.init(eta, beta, eps) }
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] {
        let st = state(id, g.count)
        let (b1, b2) = beta
        let e2 = eps * eps
        var out = g
        for i in g.indices {
            st.m[i] = b1 * st.m[i] + (1 - b1) * g[i]
            let r = g[i] - st.m[i]
            st.v[i] = (b2 * st.v[i] + ((1 - b2) * r) * r) + e2
            out[i] = ((eta * st.m[i]) / (1 - st.b1p)) / ((st.v[i] / (1 - st.b2p)).squareRoot() + e2)
        }
        st.advance(beta)
        return out
    }
}

final class RefWeightDecay: RefRule {
    var wd: Double
    init(_ wd: Double = 0) { self.wd = wd }
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] { g.indices.map { g[$0] + wd * x[$0] } }
}

final class RefSignDecay: RefRule {
    let lambda32: Double
    init(_ lambda: Double = 1e-3) { lambda32 = Double(Float(lambda)) }   // Flux stores λ as Float32
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] { g.indices.map { g[$0] + lambda32 * jsign(x[$0]) } }
}

final class RefClipValue: RefRule {
    let thresh: Double
    init(_ thresh: Double) { self.thresh = thresh }
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] {
        g.map { $0.isNaN ? $0 : Swift.min(Swift.max($0, -thresh), thresh) }
    }
}

/// Julia's generic_norm2: max-abs guard, then the sequential sum of squares.
func refNorm2(_ g: [Double]) -> Double {
    var maxabs = 0.0
    for v in g { let a = Swift.abs(v); if a > maxabs || a.isNaN { maxabs = a } }
    if maxabs == 0 || maxabs.isInfinite { return maxabs }
    var s = 0.0
    for v in g { s += v * v }
    return s.squareRoot()
}

final class RefClipNorm: RefRule {
    let thresh: Double
    init(_ thresh: Double) { self.thresh = thresh }
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] {
        let nu = refNorm2(g)
        return nu > thresh ? g.map { $0 * (thresh / nu) } : g
    }
}

final class RefInvDecay: RefRule {
    let gamma: Double
    var n: [Int: Int] = [:]
    init(_ gamma: Double = 0.001) { self.gamma = gamma }
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] {
        let k = n[id] ?? 1
        let factor = 1 / (1 + gamma * Double(k))
        n[id] = k + 1
        return g.map { $0 * factor }
    }
}

final class RefExpDecay: RefRule {
    var eta: Double
    let decay: Double, s: Int, clip: Double, start: Int
    var current: [Int: Int] = [:]
    /// The η used at each call, in order.
    var etaHistory: [Double] = []
    init(_ eta: Double = 0.001, _ decay: Double = 0.1, _ s: Int = 1000, _ clip: Double = 1e-4, _ start: Int = 0) {
        self.eta = eta; self.decay = decay; self.s = s; self.clip = clip; self.start = start
    }
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] {
        let n = (current[id] ?? 0) + 1
        current[id] = n
        if n > start && n % s == 0 && current.values.filter({ $0 > start && $0 % s == 0 }).count == 1 {
            eta = Swift.max(eta * decay, clip)
        }
        etaHistory.append(eta)
        return g.map { $0 * eta }
    }
}

final class RefChain: RefRule {
    let rules: [any RefRule]
    init(_ rules: any RefRule...) { self.rules = rules }
    func step(_ id: Int, _ x: [Double], _ g: [Double]) -> [Double] {
        rules.reduce(g) { d, r in r.step(id, x, d) }
    }
}

/// Flux's AdamW(η, β, decay) = Optimiser(Adam(η, β), WeightDecay(decay)).
func RefAdamW(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ decay: Double = 0) -> RefChain {
    RefChain(RefAdam(eta, beta), RefWeightDecay(decay))
}
