import Optimise
import Tensors

/// AdaBelief (Optimisers.jl `AdaBelief(η = 0.001, β = (0.9, 0.999), ϵ = 1e-16)`).
///
/// m = β1·m + (1−β1)·dx;  s = β2·s + (1−β2)·(dx−m)² + ϵ
/// step = η·(m/(1−β1ᵗ)) / (√(s/(1−β2ᵗ)) + ϵ)
///
/// Unlike Flux's `AdaBelief`, ϵ is used **as given**, not squared (the defaults 1e-16 and
/// (1e-8)² differ by one ulp). State: `m`, `s` (zeros) and the powers.
public typealias AdaBelief = MomentFamily<AdaBeliefKernel>

/// AdaBelief's defaults and kernel, for ``MomentFamily``.
public enum AdaBeliefKernel: MomentKernel {
    /// `AdaBelief`.
    public static var name: String { "AdaBelief" }
    /// η = 0.001, β = (0.9, 0.999), ϵ = 1e-16.
    public static var defaults: (eta: Double, beta: (Double, Double), epsilon: Double) { (0.001, (0.9, 0.999), 1e-16) }

    /// The shared Flux.Optimise kernel on a leaf's moments.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func step<T: TensorScalar>(_ state: MomentState<T>, _ dx: Tensor<T>, eta: Double, beta: (Double, Double),
                                             epsilon: Double, into sink: WriteStep<T>) {
        Optimise.AdaBelief.step(state, dx, eta: eta, beta: beta, shift: epsilon, into: sink)
    }
}
