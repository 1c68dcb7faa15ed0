import Testing
@testable import Optimise
import Flux

/// Optimiser state of parameters that are gone is dropped, so a loop that rebuilds its model keeps
/// flat memory (Flux's IdDict would keep every old parameter and its state alive).
@Suite("Optimiser state of dropped parameters")
struct StateMemoryTests {
    @Test("rebuilding the model every 100 steps, 100 times: every IdDict stays small and live entries are the current model's")
    func rebuiltModelsDoNotAccumulateState() throws {
        let adam = Adam(0.01), momentum = Momentum(), decay = ExpDecay(0.01, 0.5, 50, 1e-4)
        let schedule = Scheduler(Exp(start: 0.01, decay: 0.99), RMSProp())
        let dictionaries = [adam.state, momentum.velocity, decay.current, schedule.state, schedule.optim.acc]
        let opts: [any AbstractOptimiser] = [adam, momentum, Optimiser(decay, Descent()), schedule]
        seed(7)
        let x = rand(Float.self, 3, 16), y = rand(Float.self, 1, 16)
        var largest = 0
        for _ in 0..<100 {
            let model = Chain(Dense(3 => 4, tanh), Dense(4 => 1))     // four new parameters
            let loss = { (x: Tensor<Float>, y: Tensor<Float>) in Losses.mse(model(x), y) }
            for opt in opts {
                try train(loss, params(model), Array(repeating: (x, y), count: 25), opt)
            }
            largest = max(largest, dictionaries.map(\.entries.count).max()!)
            // Only this model's four parameters are live in each dictionary.
            #expect(dictionaries.allSatisfy { $0.count == 4 })
        }
        // 400 parameters passed through; pruning keeps each table under its threshold of 64.
        #expect(largest <= 64, "an IdDict grew to \(largest) entries")
    }
}
