import Flux

/// One training step of the MLP 784→256→128→10 (ReLU) on a batch of 64, Float32, with Adam:
/// forward, backward (`gradient` over `params(model)`) and update, in ms per step; then each part
/// alone. PyTorch's figures for the same step come from Benchmarks/peers/optimiser_peers.py.
func benchmarkTrainingStep(budget: Double) {
    print("## Training step: MLP 784→256→128→10, batch 64, Float32, Adam (calling thread only)\n")
    seed(0)
    let model = Chain(Dense(784 => 256, relu), Dense(256 => 128, relu), Dense(128 => 10))
    let x = rand(Float.self, 784, 64)
    let y = try! onehotbatch((0..<64).map { $0 % 10 }, 0...9, as: Float.self)
    let ps = params(model)
    let opt = Adam(1e-3)
    let loss = { logitcrossentropy(model(x), y) }
    withKernelThreads(1) {
        let step = bestTime(budget: budget) {
            let gs = gradient(loss, ps)
            try! update(opt, ps, gs)
        }
        let forward = bestTime(budget: budget) { _ = loss() }
        let backward = bestTime(budget: budget) { _ = gradient(loss, ps) }
        let gs = gradient(loss, ps)
        let updateOnly = bestTime(budget: budget) { try! update(opt, ps, gs) }
        print("| part | ms |")
        print("| --- | --- |")
        print("| whole step (forward, backward, Adam update) | \(fixed(step * 1e3, 3)) |")
        print("| forward only (loss) | \(fixed(forward * 1e3, 3)) |")
        print("| forward and backward (`gradient`) | \(fixed(backward * 1e3, 3)) |")
        print("| Adam update of the 235 146 parameters | \(fixed(updateOnly * 1e3, 3)) |")
    }
    print("")
}
