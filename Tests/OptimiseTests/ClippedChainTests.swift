import Testing
@testable import Optimise
import Tensors
import HostileValues

// `Optimiser(ClipValue(δ), rule)` and `Optimiser(ClipValue(δ), rule, WeightDecay(λ))` update in
// one pass when the rule's wide kernel reads its gradient through the clamp (a GradientBoundReader
// on a processor with AVX2, 32 elements or more), and a pass per member otherwise.
// The result must be, bit for bit, what Flux's definition gives member by member: clamp a copy of
// the gradient, let the rule turn it into its step, add λ·x, subtract — computed here with the
// public `apply` of each member and `update(x, x̄)` (x .-= x̄), on the Swift kernels and on the
// wide ones, for hostile values and lengths on both sides of the wide kernels' minimum.

@Suite("ClipValue chains in one pass")
struct ClippedChainTests {
    /// The rules whose wide kernels read a gradient bound, by name.
    static let rules = WideKernelRules.names

    /// The parameter after each of eight steps of the chain, through `update` on the chain (fused)
    /// or member by member (`fused: false`).
    static func trajectory<S: TensorScalar>(_ name: String, _: S.Type, count: Int, decay: Bool, fused: Bool,
                                             level: Int, seed: UInt64) throws -> [[S]] {
        var source = HostileSource(seed: seed)
        let start = (0..<count).map { _ in source.parameterValue(source.pick(HostileClass.parameterClasses), S.self) }
        let gradients = (0..<8).map { _ in source.gradient(count, .mixture, S.self) }
        let x = Tensor(shape: [count], scalars: start)
        let δ = 0.5, λ = 0.01
        let clip = ClipValue(δ), rule = WideKernelRules.make(name), weightDecay = WeightDecay(λ)
        let chain = Optimiser(decay ? [clip, rule, weightDecay] : [clip, rule])
        return try withRuleVectorLevel(level) {
            var seen: [[S]] = []
            for g in gradients {
                let x̄ = Tensor(shape: [count], scalars: g)
                if fused {
                    try update(chain, x, x̄)
                    #expect(same(x̄.scalars, g), "update changed the caller's gradient")
                } else {
                    var step = try apply(clip, x, x̄)
                    step = try apply(rule, x, step)
                    if decay { step = try apply(weightDecay, x, step) }
                    try update(x, step)
                }
                seen.append(x.scalars)
            }
            return seen
        }
    }

    @Test("bit for bit the members applied in turn", arguments: rules, [false, true])
    func matchesMembersInTurn(rule: String, decay: Bool) throws {
        for level in [0, 2] {
            for (k, count) in [5, 33, 100].enumerated() {
                let seed = UInt64(100 * level + k)
                let fusedFloat = try Self.trajectory(rule, Float.self, count: count, decay: decay, fused: true, level: level, seed: seed)
                let plainFloat = try Self.trajectory(rule, Float.self, count: count, decay: decay, fused: false, level: level, seed: seed)
                #expect(zip(fusedFloat, plainFloat).allSatisfy { same($0, $1) }, "\(rule) Float, \(count), level \(level)")
                let fusedDouble = try Self.trajectory(rule, Double.self, count: count, decay: decay, fused: true, level: level, seed: seed)
                let plainDouble = try Self.trajectory(rule, Double.self, count: count, decay: decay, fused: false, level: level, seed: seed)
                #expect(zip(fusedDouble, plainDouble).allSatisfy { same($0, $1) }, "\(rule) Double, \(count), level \(level)")
            }
        }
    }

    @Test("no scratch tensor where the wide kernel runs; a pass per member elsewhere")
    func scratchOnlyWithoutWideKernel() throws {
        func scratchCount(_ chain: Optimiser, count: Int, level: Int) throws -> Int {
            let x = Tensor<Float>(shape: [count], scalars: (0..<count).map { Float($0) })
            let g = Tensor<Float>(shape: [count], scalars: (0..<count).map { $0 % 2 == 0 ? 1 : -1 })
            try withRuleVectorLevel(level) { try update(chain, x, g) }
            return chain.scratch.count
        }
        let wide = processorVectorLevel > 0 ? 0 : 1
        #expect(try scratchCount(Optimiser(ClipValue(0.2), Adam(0.01)), count: 40, level: 2) == wide)
        #expect(try scratchCount(Optimiser(ClipValue(0.2), Adam(0.01), WeightDecay(0.1)), count: 40, level: 2) == wide)
        #expect(try scratchCount(Optimiser(ClipValue(0.2), Adam(0.01)), count: 40, level: 0) == 1)
        #expect(try scratchCount(Optimiser(ClipValue(0.2), Adam(0.01)), count: 4, level: 2) == 1)
        // A rule without a wide kernel keeps the pass per member.
        #expect(try scratchCount(Optimiser(ClipValue(0.2), InvDecay(0.1)), count: 40, level: 2) == 1)
    }

    @Test("a bound handed to a kernel that cannot run wide stops the process instead of being ignored")
    func boundWithoutWideKernelStops() async {
        await #expect(processExitsWith: .failure) {
            let x = Tensor<Float>(shape: [4], scalars: [1, 2, 3, 4]), g = Tensor<Float>(shape: [4], scalars: [9, 9, 9, 9])
            Adam().step(x, g, into: SubtractStep(x.pointer, weightDecay: nil, gradientBound: 1))
        }
        await #expect(processExitsWith: .failure) {
            let x = Tensor<Float>(shape: [40], scalars: [Float](repeating: 1, count: 40))
            let g = Tensor<Float>(shape: [40], scalars: [Float](repeating: 9, count: 40))
            withRuleVectorLevel(0) { Descent().step(x, g, into: SubtractStep(x.pointer, weightDecay: nil, gradientBound: 1)) }
        }
    }

    @Test("a changed threshold is read at the next update")
    func thresholdChangeTakesEffect() throws {
        let x = Tensor(shape: [40], scalars: [Float](repeating: 0, count: 40))
        let g = Tensor(shape: [40], scalars: [Float](repeating: 3, count: 40))
        let chain = Optimiser(ClipValue(1), Descent(1))
        try update(chain, x, g)
        #expect(x.scalars.allSatisfy { $0 == -1 })
        chain.member(0, as: ClipValue.self).thresh = 2
        try update(chain, x, g)
        #expect(x.scalars.allSatisfy { $0 == -3 })
    }
}
