import Foundation
import Testing
@testable import Optimise
import Tensors
import Tracker

/// Large tensors are split across threads; the split must never change a result.
@Suite("Optimiser steps on several threads")
struct KernelThreadsTests {
    /// 2 × 2¹⁶ + 5 elements: two chunks on two threads, the second ending in a partial lane group.
    static let size = 2 * (1 << 16) + 5

    /// The starting values and the gradients of two steps, computed once.
    static let start = (0..<size).map { Float(sin(Double($0) * 0.001)) }
    static let gradients = (1...2).map { t in (0..<size).map { Float(cos(Double($0 * t) * 0.0007)) } }

    /// The bits of `x` after two steps of a fresh optimiser from `make` on `threads` threads.
    static func run(_ make: () -> any AbstractOptimiser, threads: Int) throws -> [UInt32] {
        let x = Tensor<Float>(shape: [size], scalars: start)
        let ps = Params([x]), opt = make()
        try withKernelThreads(threads) {
            for g in gradients {
                let gs = Grads(ps)
                gs[x] = Tensor<Float>(shape: [size], scalars: g)
                try update(opt, ps, gs)
            }
        }
        return x.scalars.map(\.bitPattern)
    }

    @Test(arguments: checkpointCases.indices)
    func splittingAcrossThreadsChangesNoBit(_ i: Int) throws {
        let (name, make) = checkpointCases[i]
        let alone = try Self.run(make, threads: 1)
        #expect(try Self.run(make, threads: 2) == alone, "\(name): 2 threads")
    }

    @Test func theLimitIsPerThreadAndRestored() {
        let outside = kernelThreads
        #expect(outside >= 1)
        withKernelThreads(1) {
            #expect(kernelThreads == 1)
            withKernelThreads(3) { #expect(kernelThreads == 3) }
            #expect(kernelThreads == 1)
        }
        #expect(kernelThreads == outside)
    }

    @Test func smallTensorsStayOnTheCallingThread() {
        var calls = 0
        withKernelThreads(8) {
            forEachChunk((1 << 17) - 1) { _ in calls += 1 }
        }
        #expect(calls == 1, "under 2 × 2¹⁶ elements: one chunk")
        var ranges: [Range<Int>] = []
        withKernelThreads(1) { forEachChunk(1 << 20) { ranges.append($0) } }
        #expect(ranges == [0..<(1 << 20)], "one thread: one chunk however large")
    }

    @Test func forEachBlockCallsEveryBlockOnceWhateverTheThreads() {
        for threads in [1, 2, 3] {
            for count in [0, 1, 3, 4, 9] {
                let calls = UnsafeMutableBufferPointer<Int>.allocate(capacity: Swift.max(count, 1))
                defer { calls.deallocate() }
                calls.initialize(repeating: 0)
                withKernelThreads(threads) { forEachBlock(count) { calls[$0] += 1 } }
                #expect(Array(calls.prefix(count)) == Array(repeating: 1, count: count), "\(count) blocks, \(threads) threads")
            }
        }
    }

    @Test func clipNormsBlockSumsGiveTheSameNormOnAnyNumberOfThreads() throws {
        // Five blocks of 2¹⁶ and a partial sixth: ClipNorm's norm runs its blocks on two or three
        // workers, and must give the bits of the blocks taken in turn on the calling thread.
        let n = 5 * (1 << 16) + 3
        let g = (0..<n).map { Float(cos(Double($0) * 0.0007)) * 3 }
        let inTurn = g.withUnsafeBufferPointer { twoNorm($0) }
        for threads in [1, 2, 3] {
            let norm = withKernelThreads(threads) { g.withUnsafeBufferPointer { twoNorm($0, forEachBlock: forEachBlock) } }
            #expect(norm.bitPattern == inTurn.bitPattern, "\(threads) threads")
        }
        // and the update it drives (the norm exceeds the threshold, so every element is scaled)
        let updates = try [1, 2].map { threads in
            let x = Tensor<Float>(shape: [n], repeating: 1), ps = Params([x]), gs = Grads(ps)
            gs[x] = Tensor<Float>(shape: [n], scalars: g)
            try withKernelThreads(threads) { try update(ClipNorm(10), ps, gs) }
            return x.scalars.map(\.bitPattern)
        }
        #expect(updates[0] == updates[1])
        let reference = Float(g.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
        #expect(Swift.abs(inTurn - reference) <= reference.ulp)
    }

    @Test func aThreadCountBelowOneStops() async {
        await #expect(processExitsWith: .failure) { withKernelThreads(0) {} }
    }
}
