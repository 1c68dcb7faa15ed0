import Tensors

/// Adam with decoupled weight decay (Flux `AdamW(η = 0.001, β = (0.9, 0.999), decay = 0)`), which
/// in Flux is a function returning `Optimiser(Adam(η, β), WeightDecay(decay))`:
///
/// step = adam_step + decay·x
///
/// The decay term is **not** multiplied by η (unlike PyTorch's `lr·λ·x`); with `decay = 0` this is
/// plain Adam. There is no ϵ argument.
public func AdamW(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ decay: Double = 0) -> Optimiser {
    Optimiser(Adam(eta, beta), WeightDecay(decay))
}

/// Flux 0.12's spelling of ``AdamW(_:_:_:)``: `ADAMW(0.001, (0.89, 0.995), 0.1)`.
public func ADAMW(_ eta: Double = 0.001, _ beta: (Double, Double) = (0.9, 0.999), _ decay: Double = 0) -> Optimiser {
    AdamW(eta, beta, decay)
}
