import Optimise
import Tensors

/// AdaDelta (Optimisers.jl `AdaDelta(ρ = 0.9, ϵ = 1e-8)`); it has no learning rate, so
/// `adjust(state, η)` leaves it alone.
///
/// acc = ρ·acc + (1−ρ)·dx²;  step = dx·√(Δacc + ϵ)/√(acc + ϵ);  Δacc = ρ·Δacc + (1−ρ)·step²
///
/// State: `acc`, `Δacc` (zeros). The Flux.Optimise kernel.
public struct AdaDelta: AbstractRule {
    /// Decay ρ.
    public var rho: Double
    /// ϵ.
    public var epsilon: Double

    /// `AdaDelta(ρ = 0.9, ϵ = 1e-8)`.
    public init(_ rho: Double = 0.9, _ epsilon: Double = 1e-8) {
        self.rho = rho
        self.epsilon = epsilon
    }

    /// `AdaDelta(rho:epsilon:)`.
    public init(rho: Double = 0.9, epsilon: Double = 1e-8) { self.init(rho, epsilon) }

    /// Both accumulators, zeros.
    public func `init`<T: TensorScalar>(_ x: Tensor<T>) -> AnyObject { freshMoments(x, (0, 0)) }

    /// Runs the shared kernel.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func apply<T: TensorScalar>(_ state: AnyObject, _ x: Tensor<T>, _ dx: Tensor<T>) -> (AnyObject, Tensor<T>?) {
        let moments = typedMoments(state, T.self)
        return (moments, overwriting(dx) { Optimise.AdaDelta.step(moments, dx, rho: rho, epsilon: epsilon, into: $0) })
    }

    /// Changes `rho` and `epsilon`.
    public func adjusted(_ changes: Adjustment) -> AdaDelta {
        var rule = self
        changes.apply(changes.rho, to: &rule.rho)
        changes.apply(changes.epsilon, to: &rule.epsilon)
        return rule
    }
}
