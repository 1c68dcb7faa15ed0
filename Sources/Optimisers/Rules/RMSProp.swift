import Optimise
import Tensors

/// RMSProp, optionally centred (Optimisers.jl `RMSProp(η = 0.001, ρ = 0.9, ϵ = 1e-8; centred = false)`).
///
/// quad = ρ·quad + (1−ρ)·dx²
/// centred: lin = ρ·lin + (1−ρ)·dx and step = dx·η / (√(quad − lin²) + ϵ)
/// else:    step = dx·η / (√quad + ϵ)
///
/// State: `quad` (and `lin` when centred), zeros. The plain form runs Flux's kernel; the centred
/// form exists only in Optimisers.jl. `centred` cannot be changed by `adjust`.
public struct RMSProp: AbstractRule {
    /// Learning rate η.
    public var eta: Double
    /// Decay ρ.
    public var rho: Double
    /// ϵ.
    public var epsilon: Double
    /// Whether the second moment is centred by the running mean.
    public let centred: Bool

    /// `RMSProp(η = 0.001, ρ = 0.9, ϵ = 1e-8; centred = false)`.
    public init(_ eta: Double = 0.001, _ rho: Double = 0.9, _ epsilon: Double = 1e-8, centred: Bool = false) {
        requireLearningRate(eta, "RMSProp")
        self.eta = eta
        self.rho = rho
        self.epsilon = epsilon
        self.centred = centred
    }

    /// `RMSProp(eta:rho:epsilon:centred:)`. Disfavoured so that `RMSProp()` and
    /// `RMSProp(centred: true)`, which both initialisers accept, pick the positional one.
    @_disfavoredOverload
    public init(eta: Double = 0.001, rho: Double = 0.9, epsilon: Double = 1e-8, centred: Bool = false) {
        self.init(eta, rho, epsilon, centred: centred)
    }

    /// The American spelling, `RMSProp(centered: true)`.
    public init(eta: Double = 0.001, rho: Double = 0.9, epsilon: Double = 1e-8, centered: Bool) {
        self.init(eta, rho, epsilon, centred: centered)
    }

    /// `quad`, and `lin` when centred: zeros like `x`.
    public func `init`<T: TensorScalar>(_ x: Tensor<T>) -> [any TensorProtocol] {
        centred ? [x.zerosLike(), x.zerosLike()] : [x.zerosLike()]
    }

    /// Advances the averages and scales the step.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func apply<T: TensorScalar>(_ state: [any TensorProtocol], _ x: Tensor<T>, _ dx: Tensor<T>) -> ([any TensorProtocol], Tensor<T>?) {
        let quad = typedState(state[0], T.self)
        guard centred else {
            return (state, overwriting(dx) { Optimise.RMSProp.step(quad, dx, eta: eta, rho: rho, epsilon: epsilon, into: $0) })
        }
        let lin = typedState(state[1], T.self)
        let η = T(eta), ρ = T(rho), c = T(1 - rho), ϵ = T(epsilon)
        quad.withUnsafeMutableBufferPointer { q in
            lin.withUnsafeMutableBufferPointer { l in
                dx.withUnsafeMutableBufferPointer { g in
                    for i in 0..<g.count {
                        let gi = g[i]
                        q[i] = ρ * q[i] + c * (gi * gi)
                        l[i] = ρ * l[i] + c * gi
                        g[i] = (gi * η) / ((q[i] - l[i] * l[i]).squareRoot() + ϵ)
                    }
                }
            }
        }
        return (state, dx)
    }

    /// Changes `eta`, `rho` and `epsilon`.
    public func adjusted(_ changes: Adjustment) -> RMSProp {
        var rule = self
        changes.apply(changes.eta, to: &rule.eta)
        changes.apply(changes.rho, to: &rule.rho)
        changes.apply(changes.epsilon, to: &rule.epsilon)
        return rule
    }
}
