import Optimise
import Tensors

/// Adam (Optimisers.jl `Adam(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`).
///
/// m = β1·m + (1−β1)·dx;  v = β2·v + (1−β2)·dx²
/// step = η · (m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ϵ)
///
/// State: `m`, `v` (zeros) and the powers `β1ᵗ, β2ᵗ`. The same kernel as Flux's `Adam`
/// (Optimisers.jl rounds `(1−β2)·dx²` in another order: last-ulp differences only).
public typealias Adam = MomentFamily<AdamKernel>

/// Adam's defaults and kernel, for ``MomentFamily``.
public enum AdamKernel: MomentKernel {
    /// `Adam`.
    public static var name: String { "Adam" }
    /// η = 0.001, β = (0.9, 0.999), ϵ = 1e-8.
    public static var defaults: (eta: Double, beta: (Double, Double), epsilon: Double) { (0.001, (0.9, 0.999), 1e-8) }

    /// The shared Flux.Optimise kernel on a leaf's moments.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func step<T: TensorScalar>(_ state: MomentState<T>, _ dx: Tensor<T>, eta: Double, beta: (Double, Double),
                                             epsilon: Double, into sink: WriteStep<T>) {
        Optimise.Adam.step(state, dx, eta: eta, beta: beta, epsilon: epsilon, into: sink)
    }
}
