import Tensors

/// Gradient descent with momentum (Optimisers.jl `Momentum(η = 0.01, ρ = 0.9)`).
///
/// v = ρ·v + η·dx;  step = v
///
/// State: the velocity `v` (zeros), stored with Optimisers.jl's sign (`+η·dx`, where Flux keeps
/// `−v`). The steps are identical, bit for bit, to Flux's `Momentum`.
public struct Momentum: AbstractRule {
    /// Learning rate η.
    public var eta: Double
    /// Momentum ρ.
    public var rho: Double

    /// `Momentum(η = 0.01, ρ = 0.9)`.
    public init(_ eta: Double = 0.01, _ rho: Double = 0.9) {
        requireLearningRate(eta, "Momentum")
        self.eta = eta
        self.rho = rho
    }

    /// `Momentum(eta:rho:)`.
    public init(eta: Double = 0.01, rho: Double = 0.9) { self.init(eta, rho) }

    /// The velocity, zeros like `x`.
    public func `init`<T: TensorScalar>(_ x: Tensor<T>) -> any TensorProtocol { x.zerosLike() }

    /// Advances the velocity and returns it as the step.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func apply<T: TensorScalar>(_ state: any TensorProtocol, _ x: Tensor<T>, _ dx: Tensor<T>) -> (any TensorProtocol, Tensor<T>?) {
        let v = typedState(state, T.self)
        let η = T(eta), ρ = T(rho)
        v.withUnsafeMutableBufferPointer { vp in
            dx.withUnsafeMutableBufferPointer { g in
                for i in 0..<g.count {
                    let vi = ρ * vp[i] + η * g[i]
                    vp[i] = vi
                    g[i] = vi
                }
            }
        }
        return (v, dx)
    }

    /// Changes `eta` and `rho`.
    public func adjusted(_ changes: Adjustment) -> Momentum {
        var rule = self
        changes.apply(changes.eta, to: &rule.eta)
        changes.apply(changes.rho, to: &rule.rho)
        return rule
    }
}
