import Optimise
import Tensors

/// AMSGrad (Optimisers.jl `AMSGrad(η = 0.001, β = (0.9, 0.999), ϵ = 1e-8)`).
///
/// m = β1·m + (1−β1)·dx;  v = β2·v + (1−β2)·dx²;  v̂ = max(v̂, v)
/// step = η·m / (√v̂ + ϵ)   (no bias correction)
///
/// State: `m`, `v`, `v̂`, all starting at ϵ. The Flux.Optimise kernel.
public typealias AMSGrad = MomentFamily<AMSGradKernel>

/// AMSGrad's defaults and kernel, for ``MomentFamily``.
public enum AMSGradKernel: MomentKernel {
    /// `AMSGrad`.
    public static var name: String { "AMSGrad" }
    /// η = 0.001, β = (0.9, 0.999), ϵ = 1e-8.
    public static var defaults: (eta: Double, beta: (Double, Double), epsilon: Double) { (0.001, (0.9, 0.999), 1e-8) }
    /// The buffers start at ϵ.
    public static func initialMoment(epsilon: Double) -> Double { epsilon }
    /// AMSGrad keeps `v̂`.
    public static var keepsThirdBuffer: Bool { true }

    /// The shared Flux.Optimise kernel on a leaf's moments.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func step<T: TensorScalar>(_ state: MomentState<T>, _ dx: Tensor<T>, eta: Double, beta: (Double, Double),
                                             epsilon: Double, into sink: WriteStep<T>) {
        Optimise.AMSGrad.step(state, dx, eta: eta, beta: beta, epsilon: epsilon, into: sink)
    }
}
