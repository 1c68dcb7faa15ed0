import Foundation

// An independent reference implementation of every Optimisers.jl v0.4.8 rule, written directly
// from shared/spec/flux_optimise_spec.md §6.2 (and §2.2 for the rules marked "as Flux"), in
// Optimisers.jl's evaluation order: (1−β2)·dx², (dx·η)/…, powers βᵗ by `pow`. Plain loops over
// [Double]; one instance holds the state of one parameter array. Nothing here calls the library.
//
// `step(x, g)` returns what the rule subtracts from x (x is the value before this update), or
// `nil` for "do not update" (AccumGrad between accumulations, a chain stopped by it).
// Hyper-parameters are `var`s so that tests can adjust them mid-run, as `adjust!` does.

class RefRule {
    func step(_ x: [Double], _ g: [Double]) -> [Double]? { fatalError("abstract") }
    /// Applies `adjust`-style changes (names as in Optimisers.jl); unknown names are ignored.
    func adjust(eta: Double? = nil, rho: Double? = nil) {}
}

final class RefDescent: RefRule {
    var eta: Double
    init(_ eta: Double) { self.eta = eta }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? { g.map { $0 * eta } }
    override func adjust(eta: Double? = nil, rho: Double? = nil) { if let eta { self.eta = eta } }
}

final class RefMomentum: RefRule {
    var eta: Double, rho: Double
    var mvel: [Double]? = nil
    init(_ eta: Double = 0.01, _ rho: Double = 0.9) { self.eta = eta; self.rho = rho }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        var v = mvel ?? Array(repeating: 0, count: g.count)
        for i in g.indices { v[i] = rho * v[i] + eta * g[i] }
        mvel = v
        return v
    }
    override func adjust(eta: Double? = nil, rho: Double? = nil) {
        if let eta { self.eta = eta }
        if let rho { self.rho = rho }
    }
}

final class RefNesterov: RefRule {
    var eta: Double, rho: Double
    var vel: [Double]? = nil
    init(_ eta: Double = 0.001, _ rho: Double = 0.9) { self.eta = eta; self.rho = rho }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        var v = vel ?? Array(repeating: 0, count: g.count)
        var out = g
        for i in g.indices {
            out[i] = -(rho * rho) * v[i] + (1 + rho) * eta * g[i]
            v[i] = rho * v[i] - eta * g[i]
        }
        vel = v
        return out
    }
    override func adjust(eta: Double? = nil, rho: Double? = nil) {
        if let eta { self.eta = eta }
        if let rho { self.rho = rho }
    }
}

final class RefRMSProp: RefRule {
    var eta: Double, rho: Double, eps: Double
    let centred: Bool
    var quad: [Double]? = nil, lin: [Double]? = nil
    init(_ eta: Double = 0.001, _ rho: Double = 0.9, _ eps: Double = 1e-8, centred: Bool = false) {
        self.eta = eta; self.rho = rho; self.eps = eps; self.centred = centred
    }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        var q = quad ?? Array(repeating: 0, count: g.count)
        var l = lin ?? Array(repeating: 0, count: g.count)
        var out = g
        for i in g.indices {
            q[i] = rho * q[i] + (1 - rho) * (g[i] * g[i])
            if centred { l[i] = rho * l[i] + (1 - rho) * g[i] }
            let denominator = centred ? (q[i] - l[i] * l[i]).squareRoot() + eps : q[i].squareRoot() + eps
            out[i] = (g[i] * eta) / denominator
        }
        quad = q; lin = l
        return out
    }
    override func adjust(eta: Double? = nil, rho: Double? = nil) {
        if let eta { self.eta = eta }
        if let rho { self.rho = rho }
    }
}

final class RefRprop: RefRule {
    var eta: Double, ell: (Double, Double), gamma: (Double, Double)
    var previous: [Double]? = nil, sizes: [Double]? = nil
    init(_ eta: Double = 1e-3, _ ell: (Double, Double) = (0.5, 1.2), _ gamma: (Double, Double) = (1e-6, 50.0)) {
        self.eta = eta; self.ell = ell; self.gamma = gamma
    }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        var p = previous ?? Array(repeating: 0, count: g.count)
        var s = sizes ?? Array(repeating: eta, count: g.count)
        var out = g
        for i in g.indices {
            let product = p[i] * g[i]
            if product > 0 { s[i] = Swift.min(s[i] * ell.1, gamma.1) }
            if product < 0 { s[i] = Swift.max(s[i] * ell.0, gamma.0) }
            p[i] = product < 0 ? 0 : g[i]
            out[i] = s[i] * jsign(p[i])
        }
        previous = p; sizes = s
        return out
    }
}

/// Adam-family moments: m, v (or u, s), a third buffer, and the 1-based step t.
class RefMomentRule: RefRule {
    var eta: Double, beta: (Double, Double), eps: Double
    var m: [Double] = [], v: [Double] = [], w: [Double] = []
    var t = 0
    let initial: Double
    init(_ eta: Double, _ beta: (Double, Double), _ eps: Double, initial: Double = 0) {
        self.eta = eta; self.beta = beta; self.eps = eps; self.initial = initial
    }
    /// Starts the buffers on first use and advances t; returns (β1ᵗ, β2ᵗ).
    func begin(_ n: Int) -> (Double, Double) {
        if m.isEmpty {
            m = Array(repeating: initial, count: n)
            v = Array(repeating: initial, count: n)
            w = Array(repeating: initial, count: n)
        }
        t += 1
        return (Foundation.pow(beta.0, Double(t)), Foundation.pow(beta.1, Double(t)))
    }
    override func adjust(eta: Double? = nil, rho: Double? = nil) { if let eta { self.eta = eta } }
}

final class RefAdam: RefMomentRule {
    init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ eps: Double = 1e-8) { super.init(eta, beta, eps) }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        let (b1t, b2t) = begin(g.count)
        var out = g
        for i in g.indices {
            m[i] = beta.0 * m[i] + (1 - beta.0) * g[i]
            v[i] = beta.1 * v[i] + (1 - beta.1) * (g[i] * g[i])
            out[i] = eta * (m[i] / (1 - b1t)) / ((v[i] / (1 - b2t)).squareRoot() + eps)
        }
        return out
    }
}

/// Lion as Optimisers.jl codes it (spec §6.2 and §8 item 11), not as the paper writes it.
final class RefLion: RefRule {
    var eta: Double, beta: (Double, Double)
    var m: [Double]? = nil
    init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999)) { self.eta = eta; self.beta = beta }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        var mm = m ?? Array(repeating: 0, count: g.count)
        var out = g
        for i in g.indices {
            mm[i] = beta.1 * g[i] + (1 - beta.1) * mm[i]
            out[i] = eta * jsign((beta.1 - beta.0) * g[i] + beta.0 * mm[i])
        }
        m = mm
        return out
    }
}

final class RefRAdam: RefMomentRule {
    init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ eps: Double = 1e-8) { super.init(eta, beta, eps) }
    /// ρₜ of the last step, to check which branch ran.
    var lastRho = 0.0
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        let (b1t, b2t) = begin(g.count)
        let rhoInf = 2 / (1 - beta.1) - 1
        let rho = rhoInf - 2 * Double(t) * b2t / (1 - b2t)
        lastRho = rho
        var out = g
        for i in g.indices {
            m[i] = beta.0 * m[i] + (1 - beta.0) * g[i]
            v[i] = beta.1 * v[i] + (1 - beta.1) * (g[i] * g[i])
            if rho > 4 {
                let r = ((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho)).squareRoot()
                out[i] = eta * r * (m[i] / (1 - b1t)) / ((v[i] / (1 - b2t)).squareRoot() + eps)
            } else {
                out[i] = eta * m[i] / (1 - b1t)
            }
        }
        return out
    }
}

final class RefAdaMax: RefMomentRule {
    init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ eps: Double = 1e-8) { super.init(eta, beta, eps) }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        let (b1t, _) = begin(g.count)
        var out = g
        for i in g.indices {
            m[i] = beta.0 * m[i] + (1 - beta.0) * g[i]
            v[i] = Swift.max(beta.1 * v[i], Swift.abs(g[i]))
            out[i] = (eta / (1 - b1t)) * m[i] / (v[i] + eps)
        }
        return out
    }
}

/// OAdam: `w` keeps the previous term.
final class RefOAdam: RefMomentRule {
    init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.5, 0.9), _ eps: Double = 1e-8) { super.init(eta, beta, eps) }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        let (b1t, b2t) = begin(g.count)
        var out = g
        for i in g.indices {
            m[i] = beta.0 * m[i] + (1 - beta.0) * g[i]
            v[i] = beta.1 * v[i] + (1 - beta.1) * (g[i] * g[i])
            let term = eta * (m[i] / (1 - b1t)) / ((v[i] / (1 - b2t)).squareRoot() + eps)
            out[i] = 2 * term - w[i]
            w[i] = term
        }
        return out
    }
}

final class RefAdaGrad: RefRule {
    var eta: Double, eps: Double
    var acc: [Double]? = nil
    init(_ eta: Double = 0.1, _ eps: Double = 1e-8) { self.eta = eta; self.eps = eps }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        var a = acc ?? Array(repeating: eps, count: g.count)
        var out = g
        for i in g.indices {
            a[i] = a[i] + g[i] * g[i]
            out[i] = (g[i] * eta) / (a[i].squareRoot() + eps)
        }
        acc = a
        return out
    }
    override func adjust(eta: Double? = nil, rho: Double? = nil) { if let eta { self.eta = eta } }
}

final class RefAdaDelta: RefRule {
    var rho: Double, eps: Double
    var acc: [Double]? = nil, deltaAcc: [Double]? = nil
    init(_ rho: Double = 0.9, _ eps: Double = 1e-8) { self.rho = rho; self.eps = eps }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        var a = acc ?? Array(repeating: 0, count: g.count)
        var d = deltaAcc ?? Array(repeating: 0, count: g.count)
        var out = g
        for i in g.indices {
            a[i] = rho * a[i] + (1 - rho) * (g[i] * g[i])
            out[i] = g[i] * (d[i] + eps).squareRoot() / (a[i] + eps).squareRoot()
            d[i] = rho * d[i] + (1 - rho) * (out[i] * out[i])
        }
        acc = a; deltaAcc = d
        return out
    }
    override func adjust(eta: Double? = nil, rho: Double? = nil) { if let rho { self.rho = rho } }
}

/// AMSGrad: m, v and v̂ (`w`) all start at ϵ; no bias correction.
final class RefAMSGrad: RefMomentRule {
    init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ eps: Double = 1e-8) {
        super.init(eta, beta, eps, initial: eps)
    }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        _ = begin(g.count)
        var out = g
        for i in g.indices {
            m[i] = beta.0 * m[i] + (1 - beta.0) * g[i]
            v[i] = beta.1 * v[i] + (1 - beta.1) * (g[i] * g[i])
            w[i] = Swift.max(w[i], v[i])
            out[i] = eta * m[i] / (w[i].squareRoot() + eps)
        }
        return out
    }
}

final class RefNAdam: RefMomentRule {
    init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ eps: Double = 1e-8) { super.init(eta, beta, eps) }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        let (b1t, b2t) = begin(g.count)
        var out = g
        for i in g.indices {
            m[i] = beta.0 * m[i] + (1 - beta.0) * g[i]
            v[i] = beta.1 * v[i] + (1 - beta.1) * (g[i] * g[i])
            let numerator = beta.0 * m[i] / (1 - beta.0 * b1t) + (1 - beta.0) * g[i] / (1 - b1t)
            out[i] = eta * numerator / ((beta.1 * v[i] / (1 - b2t)).squareRoot() + eps)
        }
        return out
    }
}

final class RefAdamW: RefMomentRule {
    var lambda: Double
    let couple: Bool
    init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ lambda: Double = 0, _ eps: Double = 1e-8,
         couple: Bool = true) {
        self.lambda = lambda; self.couple = couple
        super.init(eta, beta, eps)
    }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        let (b1t, b2t) = begin(g.count)
        var out = g
        for i in g.indices {
            m[i] = beta.0 * m[i] + (1 - beta.0) * g[i]
            v[i] = beta.1 * v[i] + (1 - beta.1) * (g[i] * g[i])
            let a = (m[i] / (1 - b1t)) / ((v[i] / (1 - b2t)).squareRoot() + eps)
            out[i] = couple ? eta * (a + lambda * x[i]) : eta * a + lambda * x[i]
        }
        return out
    }
}

/// AdaBelief with ϵ used as given (not squared).
final class RefAdaBelief: RefMomentRule {
    init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ eps: Double = 1e-16) { super.init(eta, beta, eps) }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        let (b1t, b2t) = begin(g.count)
        var out = g
        for i in g.indices {
            m[i] = beta.0 * m[i] + (1 - beta.0) * g[i]
            let r = g[i] - m[i]
            v[i] = beta.1 * v[i] + (1 - beta.1) * (r * r) + eps
            out[i] = eta * (m[i] / (1 - b1t)) / ((v[i] / (1 - b2t)).squareRoot() + eps)
        }
        return out
    }
}

final class RefWeightDecay: RefRule {
    var lambda: Double
    init(_ lambda: Double = 5e-4) { self.lambda = lambda }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? { g.indices.map { g[$0] + lambda * x[$0] } }
}

final class RefSignDecay: RefRule {
    var lambda: Double
    init(_ lambda: Double = 1e-3) { self.lambda = lambda }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? { g.indices.map { g[$0] + lambda * jsign(x[$0]) } }
}

final class RefClipGrad: RefRule {
    var delta: Double
    init(_ delta: Double = 10) { self.delta = delta }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? { g.map { Swift.min(Swift.max($0, -delta), delta) } }
}

/// ‖g‖ₚ by its definition: Σ|gᵢ|ᵖ to the 1/p, with the limits p = ±∞ and p = 0 (the count of
/// non-zero entries).
func referenceNorm(_ g: [Double], _ p: Double) -> Double {
    let magnitudes = g.map { Swift.abs($0) }
    if magnitudes.contains(where: \.isNaN) { return .nan }
    switch p {
    case .infinity: return magnitudes.max() ?? 0
    case -.infinity: return magnitudes.min() ?? .infinity
    case 0: return Double(magnitudes.filter { $0 != 0 }.count)
    default: return Foundation.pow(magnitudes.reduce(0) { $0 + Foundation.pow($1, p) }, 1 / p)
    }
}

final class RefClipNorm: RefRule {
    var omega: Double, p: Double
    init(_ omega: Double = 10, _ p: Double = 2) { self.omega = omega; self.p = p }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        let factor = Swift.min(omega / referenceNorm(g, p), 1)
        return g.map { $0 * factor }
    }
}

final class RefAccumGrad: RefRule {
    let n: Int
    var acc: [Double] = [], counter = 1
    init(_ n: Int) { self.n = n }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        if counter == 1 {
            acc = g.map { $0 / Double(n) }
        } else {
            for i in g.indices { acc[i] += g[i] / Double(n) }
        }
        if counter == n {
            counter = 1
            return acc
        }
        counter += 1
        return nil
    }
}

/// Folds the step through the members; a `nil` stops the chain and the rest keep their state.
final class RefChain: RefRule {
    let rules: [RefRule]
    init(_ rules: RefRule...) { self.rules = rules }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        var current: [Double]? = g
        for rule in rules {
            guard let dx = current else { return nil }
            current = rule.step(x, dx)
        }
        return current
    }
    override func adjust(eta: Double? = nil, rho: Double? = nil) {
        for rule in rules { rule.adjust(eta: eta, rho: rho) }
    }
}

/// The seeds' DecayDescent: step = η/√k · g at the k-th call.
final class RefDecayDescent: RefRule {
    var eta: Double, k = 1
    init(_ eta: Double) { self.eta = eta }
    override func step(_ x: [Double], _ g: [Double]) -> [Double]? {
        defer { k += 1 }
        return g.map { (eta / Double(k).squareRoot()) * $0 }
    }
}
