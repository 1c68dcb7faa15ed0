import Dispatch
import Foundation
import Synchronization
import Testing
import Tensors
import Tracker

@Suite("Gradients on several threads")
struct ConcurrencyTests {
    /// Each thread builds its own parameters and data, takes a gradient, and compares it with the
    /// closed form; returns the number of mismatches.
    static func worker(_ id: Int, repetitions: Int) -> Int {
        var failures = 0
        var g = Xoshiro256StarStar(seed: UInt64(1000 + id))
        for r in 0..<repetitions {
            let m = 2 + (r + id) % 4, n = 3 + (r * 7 + id) % 5
            let W = rand(m, n, using: &g), x = rand(n, using: &g), c = randn(m, using: &g)
            // loss = sum(c .* (W x)) + sum(W .* W) → ∂W = c xᵀ + 2W
            let gs = gradient({ sum(c .* (W * x)) .+ sum(W .* W) }, params(W))
            guard let dW: Tensor<Double> = gs[W] else { failures += 1; continue }
            for j in 0..<n {
                for i in 0..<m {
                    let expected = c[i] * x[j] + 2 * W[i, j]
                    if Swift.abs(dW[i, j] - expected) > 1e-12 * (1 + Swift.abs(expected)) { failures += 1 }
                }
            }
            // no recording leaks onto this thread after the call
            if (W .* 2.0).autodiffNode != nil { failures += 1 }
        }
        return failures
    }

    @Test func twoThreadsWithConcurrentPerform() {
        let failures = Atomic<Int>(0)
        for _ in 0..<50 {
            DispatchQueue.concurrentPerform(iterations: 2) { id in
                failures.add(Self.worker(id, repetitions: 10), ordering: .relaxed)
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
    }

    @Test func twoThreadsWithThread() {
        let failures = Atomic<Int>(0)
        let done = DispatchSemaphore(value: 0)
        for id in 0..<2 {
            let thread = Thread {
                failures.add(Self.worker(id + 10, repetitions: 300), ordering: .relaxed)
                done.signal()
            }
            thread.start()
        }
        done.wait()
        done.wait()
        #expect(failures.load(ordering: .relaxed) == 0)
    }

    @Test func trackerEraParamsOnTwoThreads() {
        let failures = Atomic<Int>(0)
        for _ in 0..<50 {
            DispatchQueue.concurrentPerform(iterations: 2) { id in
                let p = param(Tensor<Double>([Double(id + 1), 2]))
                var bad = 0
                for k in 1...20 {
                    do { try back(sum(p .* p)) } catch { bad += 1 }
                    // grad accumulates k times 2p
                    if grad(p)?.scalars != [2 * Double(id + 1) * Double(k), 4 * Double(k)] { bad += 1 }
                }
                failures.add(bad, ordering: .relaxed)
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
    }
}
