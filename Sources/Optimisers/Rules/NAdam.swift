import Optimise
import Tensors

/// Nesterov Adam (Optimisers.jl `NAdam(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`).
///
/// m, v as Adam;  step = η·(β1·m/(1−β1·β1ᵗ) + (1−β1)·dx/(1−β1ᵗ)) / (√(β2·v/(1−β2ᵗ)) + ϵ)
///
/// The β2 factor inside the root is Flux's and Optimisers.jl's. State: `m`, `v`, the powers.
/// The Flux.Optimise kernel.
public typealias NAdam = MomentFamily<NAdamKernel>

/// NAdam's defaults and kernel, for ``MomentFamily``.
public enum NAdamKernel: MomentKernel {
    /// `NAdam`.
    public static var name: String { "NAdam" }
    /// η = 0.001, β = (0.9, 0.999), ϵ = 1e-8.
    public static var defaults: (eta: Double, beta: (Double, Double), epsilon: Double) { (0.001, (0.9, 0.999), 1e-8) }

    /// The shared Flux.Optimise kernel on a leaf's moments.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func step<T: TensorScalar>(_ state: MomentState<T>, _ dx: Tensor<T>, eta: Double, beta: (Double, Double),
                                             epsilon: Double, into sink: WriteStep<T>) {
        Optimise.NAdam.step(state, dx, eta: eta, beta: beta, epsilon: epsilon, into: sink)
    }
}
