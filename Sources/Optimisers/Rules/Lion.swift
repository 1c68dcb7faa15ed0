import Optimise
import Tensors

/// Lion (Optimisers.jl `Lion(η = 0.001, β = (0.9, 0.999))`), **as Optimisers.jl codes it**.
///
/// m = β2·dx + (1−β2)·m;  step = η·sign((β2−β1)·dx + β1·m)
///
/// The paper keeps `m = β2·m + (1−β2)·g` and steps by `sign(β1·m_old + (1−β1)·g)`; the code's
/// state update swaps the weights, so with the default β2 = 0.999 the stored "momentum" is
/// almost the current gradient and the rule is close to sign-SGD. This port follows the code so
/// that results match Julia's. State: `m` (zeros).
public struct Lion: AbstractRule {
    /// Learning rate η.
    public var eta: Double
    /// (β1, β2).
    public var beta: (Double, Double)

    /// `Lion(η = 0.001, β = (0.9, 0.999))`.
    public init(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999)) {
        requireLearningRate(eta, "Lion")
        checkBeta(beta, "Lion")
        self.eta = eta
        self.beta = beta
    }

    /// `Lion(eta:beta:)`.
    public init(eta: Double = 0.001, beta: (Double, Double) = (0.9, 0.999)) { self.init(eta, beta) }

    /// `m`, zeros like `x`.
    public func `init`<T: TensorScalar>(_ x: Tensor<T>) -> any TensorProtocol { x.zerosLike() }

    /// Updates `m`, then steps by the sign of the interpolation.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func apply<T: TensorScalar>(_ state: any TensorProtocol, _ x: Tensor<T>, _ dx: Tensor<T>) -> (any TensorProtocol, Tensor<T>?) {
        let m = typedState(state, T.self)
        let η = T(eta), β1 = T(beta.0), β2 = T(beta.1), c2 = T(1 - beta.1), d = T(beta.1 - beta.0)
        m.withUnsafeMutableBufferPointer { mp in
            dx.withUnsafeMutableBufferPointer { g in
                for i in 0..<g.count {
                    let gi = g[i]
                    mp[i] = β2 * gi + c2 * mp[i]
                    g[i] = η * signum(d * gi + β1 * mp[i])
                }
            }
        }
        return (m, dx)
    }

    /// Changes `eta` and `beta`.
    public func adjusted(_ changes: Adjustment) -> Lion {
        var rule = self
        changes.apply(changes.eta, to: &rule.eta)
        changes.apply(changes.beta, to: &rule.beta)
        return rule
    }
}
