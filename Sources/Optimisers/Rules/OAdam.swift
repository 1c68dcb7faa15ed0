import Optimise
import Tensors

/// Optimistic Adam (Optimisers.jl `OAdam(η = 0.001, β = (0.5, 0.9), ϵ = 1e-8)`).
///
/// term = η·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ϵ) with Adam's m, v
/// step = 2·term − previous term
///
/// State: `m`, `v`, the previous term (zeros) and the powers. The Flux.Optimise kernel.
public typealias OAdam = MomentFamily<OAdamKernel>

/// OAdam's defaults and kernel, for ``MomentFamily``.
public enum OAdamKernel: MomentKernel {
    /// `OAdam`.
    public static var name: String { "OAdam" }
    /// η = 0.001, β = (0.5, 0.9), ϵ = 1e-8.
    public static var defaults: (eta: Double, beta: (Double, Double), epsilon: Double) { (0.001, (0.5, 0.9), 1e-8) }
    /// OAdam keeps the previous term.
    public static var keepsThirdBuffer: Bool { true }

    /// The shared Flux.Optimise kernel on a leaf's moments.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func step<T: TensorScalar>(_ state: MomentState<T>, _ dx: Tensor<T>, eta: Double, beta: (Double, Double),
                                             epsilon: Double, into sink: WriteStep<T>) {
        Optimise.OAdam.step(state, dx, eta: eta, beta: beta, epsilon: epsilon, into: sink)
    }
}
