import Optimise
import Tensors

/// Rectified Adam (Optimisers.jl `RAdam(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`).
///
/// ρ∞ = 2/(1−β2) − 1;  ρₜ = ρ∞ − 2t·β2ᵗ/(1−β2ᵗ)
/// if ρₜ > 4: step = η·r·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ϵ) with r = √((ρₜ−4)(ρₜ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρₜ))
/// else:      step = η·m/(1−β1ᵗ)
///
/// State: `m`, `v`, the powers and the step count `t`. The Flux.Optimise kernel.
public typealias RAdam = MomentFamily<RAdamKernel>

/// RAdam's defaults and kernel, for ``MomentFamily``.
public enum RAdamKernel: MomentKernel {
    /// `RAdam`.
    public static var name: String { "RAdam" }
    /// η = 0.001, β = (0.9, 0.999), ϵ = 1e-8.
    public static var defaults: (eta: Double, beta: (Double, Double), epsilon: Double) { (0.001, (0.9, 0.999), 1e-8) }

    /// The shared Flux.Optimise kernel on a leaf's moments.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func step<T: TensorScalar>(_ state: MomentState<T>, _ dx: Tensor<T>, eta: Double, beta: (Double, Double),
                                             epsilon: Double, into sink: WriteStep<T>) {
        Optimise.RAdam.step(state, dx, eta: eta, beta: beta, epsilon: epsilon, into: sink)
    }
}
