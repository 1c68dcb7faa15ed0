import Tensors

/// Resilient backpropagation (Optimisers.jl `Rprop(η = 1e-3, ℓ = (0.5, 1.2), Γ = (1e-6, 50.0))`),
/// a sign-based rule for full-batch training: each element has its own step size.
///
/// per element, with the previous gradient g₋:
/// if g₋·dx > 0: ηᵢ = min(ηᵢ·ℓ₂, Γ₂);  if g₋·dx < 0: ηᵢ = max(ηᵢ·ℓ₁, Γ₁)
/// g₋ = (g₋·dx < 0) ? 0 : dx;  step = ηᵢ·sign(g₋)
///
/// State: `g₋` (zeros) and the step sizes `ηᵢ` (filled with η). The step does not scale with |dx|.
public struct Rprop: AbstractRule {
    /// The initial step size η.
    public var eta: Double
    /// Decrease and increase factors (ℓ₁, ℓ₂).
    public var ell: (Double, Double)
    /// Minimum and maximum step sizes (Γ₁, Γ₂).
    public var gamma: (Double, Double)

    /// `Rprop(η = 1e-3, ℓ = (0.5, 1.2), Γ = (1e-6, 50.0))`.
    public init(_ eta: Double = 1e-3, _ ell: (Double, Double) = (0.5, 1.2), _ gamma: (Double, Double) = (1e-6, 50.0)) {
        requireLearningRate(eta, "Rprop")
        self.eta = eta
        self.ell = ell
        self.gamma = gamma
    }

    /// `Rprop(eta:ell:gamma:)`.
    public init(eta: Double = 1e-3, ell: (Double, Double) = (0.5, 1.2), gamma: (Double, Double) = (1e-6, 50.0)) {
        self.init(eta, ell, gamma)
    }

    /// The previous gradient (zeros) and the step sizes (η).
    public func `init`<T: TensorScalar>(_ x: Tensor<T>) -> [any TensorProtocol] {
        [x.zerosLike(), Tensor(shape: x.shape, repeating: T(eta))]
    }

    /// Adapts each step size by the sign agreement of consecutive gradients.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func apply<T: TensorScalar>(_ state: [any TensorProtocol], _ x: Tensor<T>, _ dx: Tensor<T>) -> ([any TensorProtocol], Tensor<T>?) {
        let previous = typedState(state[0], T.self), sizes = typedState(state[1], T.self)
        let down = T(ell.0), up = T(ell.1), smallest = T(gamma.0), largest = T(gamma.1)
        previous.withUnsafeMutableBufferPointer { p in
            sizes.withUnsafeMutableBufferPointer { η in
                dx.withUnsafeMutableBufferPointer { g in
                    for i in 0..<g.count {
                        let agreement = p[i] * g[i]
                        if agreement > 0 {
                            η[i] = Swift.min(η[i] * up, largest)
                        } else if agreement < 0 {
                            η[i] = Swift.max(η[i] * down, smallest)
                        }
                        p[i] = agreement < 0 ? 0 : g[i]
                        g[i] = η[i] * signum(p[i])
                    }
                }
            }
        }
        return (state, dx)
    }

    /// Changes `eta` (the step sizes already adapted are kept).
    public func adjusted(_ changes: Adjustment) -> Rprop {
        var rule = self
        changes.apply(changes.eta, to: &rule.eta)
        return rule
    }
}

