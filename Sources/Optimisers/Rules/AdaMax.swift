import Optimise
import Tensors

/// AdaMax, Adam with the infinity norm (Optimisers.jl `AdaMax(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`).
///
/// m = β1·m + (1−β1)·dx;  u = max(β2·u, |dx|)
/// step = (η/(1−β1ᵗ))·m / (u + ϵ)
///
/// State: `m`, `u` (zeros) and the powers. The Flux.Optimise kernel.
public typealias AdaMax = MomentFamily<AdaMaxKernel>

/// AdaMax's defaults and kernel, for ``MomentFamily``.
public enum AdaMaxKernel: MomentKernel {
    /// `AdaMax`.
    public static var name: String { "AdaMax" }
    /// η = 0.001, β = (0.9, 0.999), ϵ = 1e-8.
    public static var defaults: (eta: Double, beta: (Double, Double), epsilon: Double) { (0.001, (0.9, 0.999), 1e-8) }

    /// The shared Flux.Optimise kernel on a leaf's moments.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func step<T: TensorScalar>(_ state: MomentState<T>, _ dx: Tensor<T>, eta: Double, beta: (Double, Double),
                                             epsilon: Double, into sink: WriteStep<T>) {
        Optimise.AdaMax.step(state, dx, eta: eta, beta: beta, epsilon: epsilon, into: sink)
    }
}
