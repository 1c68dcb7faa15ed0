import Optimise
import Tensors

/// Gradient descent (Optimisers.jl `Descent(η = 1f-1)`).
///
/// step = dx · η
///
/// The default η is the `Float32` 0.1, which is 0.10000000149011612 on `Double` parameters, as in
/// Optimisers.jl. No state.
public struct Descent: AbstractRule {
    /// Learning rate η.
    public var eta: Double

    /// `Descent(η = 1f-1)`.
    public init(_ eta: Double = Double(Float(0.1))) {
        requireLearningRate(eta, "Descent")
        self.eta = eta
    }

    /// `Descent(eta:)`.
    public init(eta: Double) { self.init(eta) }

    /// No state.
    public func `init`<T: TensorScalar>(_ x: Tensor<T>) {}

    /// `dx · η`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func apply<T: TensorScalar>(_ state: Void, _ x: Tensor<T>, _ dx: Tensor<T>) -> (Void, Tensor<T>?) {
        ((), overwriting(dx) { Optimise.Descent.step(dx, eta: eta, into: $0) })
    }

    /// Changes `eta`.
    public func adjusted(_ changes: Adjustment) -> Descent {
        var rule = self
        changes.apply(changes.eta, to: &rule.eta)
        return rule
    }
}
