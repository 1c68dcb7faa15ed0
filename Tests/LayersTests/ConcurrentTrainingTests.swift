import Dispatch
import Flux
import Foundation
import Testing

/// Separate models with separate optimisers train on separate threads at the same time (run
/// under Thread Sanitizer by CI) and end exactly where the same runs end one after another.
@Suite("Training on several threads")
struct ConcurrentTrainingTests {
    /// The optimiser of run `i`: a plain rule, a stateful one, a chain with a shared decay and a
    /// guarded chain, so that every kind of per-parameter state is exercised.
    static func optimiser(_ i: Int) -> any AbstractOptimiser {
        switch i % 4 {
        case 0: return Adam(0.01)
        case 1: return Momentum(0.01, 0.9)
        case 2: return Optimiser(ExpDecay(0.05, 0.5, 20, 1e-4), Descent())
        default: return Optimiser(GuardFinite(), ClipNorm(1.0), RMSProp(0.01))
        }
    }

    /// Trains run `i` (its own seed, model, data and optimiser) for 60 steps and returns every
    /// parameter's scalars, in `params` order.
    static func run(_ i: Int) throws -> [[Float]] {
        seed(UInt64(100 + i))                            // this thread's generator only
        let model = Chain(Dense(4 => 8, relu), Dense(8 => 1))
        let x = rand(Float.self, 4, 32)
        let y = sum(x, dims: 1) .* Float(0.5)
        let loss = { (x: Tensor<Float>, y: Tensor<Float>) in Losses.mse(model(x), y) }
        try train(loss, params(model), Array(repeating: (x, y), count: 60), optimiser(i))
        return params(model).map { ($0 as! Tensor<Float>).scalars }
    }

    @Test("four optimisers on four threads give the sequential results, bit for bit")
    func concurrentEqualsSequential() throws {
        let sequential = try (0..<4).map(Self.run)
        let results = Results(count: 4)
        for _ in 0..<5 {
            DispatchQueue.concurrentPerform(iterations: 4) { i in
                results.store(Result { try Self.run(i) }, at: i)
            }
            for i in 0..<4 {
                #expect(try results.value(at: i).get() == sequential[i], "run \(i) differs on its own thread")
            }
        }
    }
}

/// Results written by concurrent workers, one slot each, behind a lock.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<[[Float]], any Error>]

    init(count: Int) { slots = Array(repeating: .success([]), count: count) }

    func store(_ result: Result<[[Float]], any Error>, at i: Int) {
        lock.withLock { slots[i] = result }
    }

    func value(at i: Int) -> Result<[[Float]], any Error> {
        lock.withLock { slots[i] }
    }
}
