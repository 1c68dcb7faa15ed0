import Tensors

/// A Flux v0.6 closure optimiser: built over a parameter list by `SGD([W, b], 0.1)` and
/// friends, and called as `opt()` to update every parameter from its accumulated gradient
/// (what `back` filled), which it then zeroes.
///
/// State is allocated when the optimiser is built, one independent set per parameter, and it
/// advances on every call, zero gradients included. A tensor that is not a `param` has no
/// accumulated gradient: it is given a private zero one, so it never moves (as in Flux).
public final class TrackerOptimiser {
    let steps: [() -> Void]

    init(_ steps: [() -> Void]) { self.steps = steps }

    /// Runs one update of every parameter, in the order they were given.
    public func callAsFunction() { steps.forEach { $0() } }
}

/// One block of a closure optimiser's per-parameter chain (see `ClosureBlocks`).
enum ClosureBlock {
    case descent(η: Double)
    case descentWeightDecay(η: Double, γ: Double)
    case momentum(ρ: Double, η: Double)
    case nesterov(ρ: Double, η: Double)
    case rmsprop(η: Double, ρ: Double, ϵ: Double)
    case adagrad(η: Double, ϵ: Double)
    case adadelta(ρ: Double, ϵ: Double)
    case adam(η: Double, β1: Double, β2: Double, ϵ: Double)
    case adamax(η: Double, β1: Double, β2: Double, ϵ: Double)
    case amsgrad(η: Double, β1: Double, β2: Double, ϵ: Double)
    case nadam(η: Double, β1: Double, β2: Double, ϵ: Double)
    case invdecay(γ: Double)

    /// This block for parameter `x` with gradient buffer `Δ`, its state allocated now.
    func make<S>(_ x: Tensor<S>, _ Δ: Tensor<S>) -> () -> Void {
        switch self {
        case let .descent(η): return ClosureBlocks.descent(x, Δ, η)
        case let .descentWeightDecay(η, γ): return ClosureBlocks.descentWeightDecay(x, Δ, η, γ)
        case let .momentum(ρ, η): return ClosureBlocks.momentum(Δ, ρ, η)
        case let .nesterov(ρ, η): return ClosureBlocks.nesterov(Δ, ρ, η)
        case let .rmsprop(η, ρ, ϵ): return ClosureBlocks.rmsprop(Δ, η, ρ, ϵ)
        case let .adagrad(η, ϵ): return ClosureBlocks.adagrad(Δ, η, ϵ)
        case let .adadelta(ρ, ϵ): return ClosureBlocks.adadelta(Δ, ρ, ϵ)
        case let .adam(η, β1, β2, ϵ): return ClosureBlocks.adam(Δ, η, β1, β2, ϵ)
        case let .adamax(η, β1, β2, ϵ): return ClosureBlocks.adamax(Δ, η, β1, β2, ϵ)
        case let .amsgrad(η, β1, β2, ϵ): return ClosureBlocks.amsgrad(Δ, η, β1, β2, ϵ)
        case let .nadam(η, β1, β2, ϵ): return ClosureBlocks.nadam(Δ, η, β1, β2, ϵ)
        case let .invdecay(γ): return ClosureBlocks.invdecay(Δ, γ)
        }
    }
}

/// Builds the chain `blocks` for every parameter (Flux v0.6 `optimiser(ps, fs...)`): each gets its
/// own state, over its value and its gradient buffer — the `param`'s accumulator, or a private
/// zero buffer for a tensor that is not a `param`.
func closureOptimiser(_ ps: [any TensorProtocol], _ blocks: [ClosureBlock]) -> TrackerOptimiser {
    func chain<T: TensorProtocol>(_ p: T) -> () -> Void {
        let x = p.tensor
        let Δ = grad(x) ?? x.zerosLike()
        let steps = blocks.map { $0.make(x, Δ) }
        return { steps.forEach { $0() } }
    }
    return TrackerOptimiser(ps.map { chain($0) })
}

/// Flux v0.6 `SGD(params, η = 0.1; decay = 0)`: chain `invdecay(decay)`, `descent(η)`.
public func SGD(_ ps: [any TensorProtocol], _ η: Double = 0.1, decay: Double = 0) -> TrackerOptimiser {
    closureOptimiser(ps, [.invdecay(γ: decay), .descent(η: η)])
}

/// Flux v0.6 `Momentum(params, η = 0.01; ρ = 0.9, decay = 0)`: `invdecay`, `momentum(ρ, η)`, `descent(1)`.
public func Momentum(_ ps: [any TensorProtocol], _ η: Double = 0.01, ρ: Double = 0.9, decay: Double = 0) -> TrackerOptimiser {
    closureOptimiser(ps, [.invdecay(γ: decay), .momentum(ρ: ρ, η: η), .descent(η: 1)])
}

/// Flux v0.6 `Nesterov(params, η = 0.01; ρ = 0.9, decay = 0)` (default η 0.01 in this era):
/// `invdecay`, `nesterov(ρ, η)`, `descent(1)`.
public func Nesterov(_ ps: [any TensorProtocol], _ η: Double = 0.01, ρ: Double = 0.9, decay: Double = 0) -> TrackerOptimiser {
    closureOptimiser(ps, [.invdecay(γ: decay), .nesterov(ρ: ρ, η: η), .descent(η: 1)])
}

/// Flux v0.6 `RMSProp(params, η = 0.001; ρ = 0.9, ϵ = 1e-8, decay = 0)` (ϵ inside the root):
/// `rmsprop`, `invdecay`, `descent(1)`.
public func RMSProp(_ ps: [any TensorProtocol], _ η: Double = 0.001, ρ: Double = 0.9, ϵ: Double = 1e-8, decay: Double = 0) -> TrackerOptimiser {
    closureOptimiser(ps, [.rmsprop(η: η, ρ: ρ, ϵ: ϵ), .invdecay(γ: decay), .descent(η: 1)])
}

/// Flux v0.6 `ADAM(params, η = 0.001; β1 = 0.9, β2 = 0.999, ϵ = 1e-8, decay = 0)` (ϵ inside
/// the root): `adam`, `invdecay`, `descent(1)`.
public func ADAM(_ ps: [any TensorProtocol], _ η: Double = 0.001, β1: Double = 0.9, β2: Double = 0.999, ϵ: Double = 1e-8, decay: Double = 0) -> TrackerOptimiser {
    closureOptimiser(ps, [.adam(η: η, β1: β1, β2: β2, ϵ: ϵ), .invdecay(γ: decay), .descent(η: 1)])
}

/// Flux v0.6 `ADAMW(params, η = 0.001; β1, β2, ϵ, decay = 0)`: `adam`, then
/// `x ← x − (step + decay·x)` (`decay` is a weight decay, not scaled by η).
public func ADAMW(_ ps: [any TensorProtocol], _ η: Double = 0.001, β1: Double = 0.9, β2: Double = 0.999, ϵ: Double = 1e-8, decay: Double = 0) -> TrackerOptimiser {
    closureOptimiser(ps, [.adam(η: η, β1: β1, β2: β2, ϵ: ϵ), .descentWeightDecay(η: 1, γ: decay)])
}

/// Flux v0.6 `AdaMax(params, η = 0.002; β1, β2, ϵ, decay = 0)` (the code's default η is 0.002;
/// its docstring says 0.001): `adamax`, `invdecay`, `descent(1)`.
public func AdaMax(_ ps: [any TensorProtocol], _ η: Double = 0.002, β1: Double = 0.9, β2: Double = 0.999, ϵ: Double = 1e-8, decay: Double = 0) -> TrackerOptimiser {
    closureOptimiser(ps, [.adamax(η: η, β1: β1, β2: β2, ϵ: ϵ), .invdecay(γ: decay), .descent(η: 1)])
}

/// Flux v0.6 `ADAGrad(params, η = 0.01; ϵ = 1e-8, decay = 0)` (default η 0.01 in this era):
/// `adagrad`, `invdecay`, `descent(1)`.
public func ADAGrad(_ ps: [any TensorProtocol], _ η: Double = 0.01, ϵ: Double = 1e-8, decay: Double = 0) -> TrackerOptimiser {
    closureOptimiser(ps, [.adagrad(η: η, ϵ: ϵ), .invdecay(γ: decay), .descent(η: 1)])
}

/// Flux v0.6 `ADADelta(params; ρ = 0.9, ϵ = 1e-8, decay = 0)`: no η, and `decay` is accepted
/// and ignored, as in Flux: `adadelta`, `descent(1)`.
public func ADADelta(_ ps: [any TensorProtocol], ρ: Double = 0.9, ϵ: Double = 1e-8, decay: Double = 0) -> TrackerOptimiser {
    closureOptimiser(ps, [.adadelta(ρ: ρ, ϵ: ϵ), .descent(η: 1)])
}

/// Flux v0.6 `AMSGrad(params, η = 0.001; β1, β2, ϵ, decay = 0)` (no bias correction, no ϵ in
/// the denominator): `amsgrad`, `invdecay`, `descent(1)`.
public func AMSGrad(_ ps: [any TensorProtocol], _ η: Double = 0.001, β1: Double = 0.9, β2: Double = 0.999, ϵ: Double = 1e-8, decay: Double = 0) -> TrackerOptimiser {
    closureOptimiser(ps, [.amsgrad(η: η, β1: β1, β2: β2, ϵ: ϵ), .invdecay(γ: decay), .descent(η: 1)])
}

/// Flux v0.6 `NADAM(params, η = 0.001; β1, β2, ϵ, decay = 0)` (ϵ inside the root): `nadam`,
/// `invdecay`, `descent(1)`.
public func NADAM(_ ps: [any TensorProtocol], _ η: Double = 0.001, β1: Double = 0.9, β2: Double = 0.999, ϵ: Double = 1e-8, decay: Double = 0) -> TrackerOptimiser {
    closureOptimiser(ps, [.nadam(η: η, β1: β1, β2: β2, ϵ: ϵ), .invdecay(γ: decay), .descent(η: 1)])
}

