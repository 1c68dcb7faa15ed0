import Flux

/// The Flux docs' "Composing Optimisers" loop: 10×10 matrices, a fresh `rand(10)` each step,
/// `gradient` over `Params([w, w1])` and an `Optimiser(ExpDecay(…), Descent())` update.
func benchmarkSeedLoop(steps: Int) {
    print("## Autodiff overhead: the docs' 10×10 loop (Float64)\n")
    seed(0)
    let w = randn(10, 10), w1 = randn(10, 10)
    let opt = Optimiser(ExpDecay(0.001, 0.1, 1000, 1e-4), Descent())
    let loss = { (x: Tensor<Double>) in mse(w * x, w1 * x) }
    let before = loss(rand(10)).item
    let start = now()
    for _ in 0..<steps {
        let θ = Params([w, w1])
        let x = rand(10)
        let θ̄ = gradient({ loss(x) }, θ)
        try! update(opt, θ, θ̄)
    }
    let elapsed = now() - start
    print("steps: \(steps), total: \(fixed(elapsed, 3)) s, per step: \(fixed(elapsed / Double(steps) * 1e6, 2)) µs")
    print("loss before: \(fixed(before, 3)), after: \(fixed(loss(rand(10)).item, 3))\n")
}
