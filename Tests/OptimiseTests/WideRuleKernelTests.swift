import Testing
@testable import Optimise
import Tensors
import HostileValues

// The wide-vector kernels (AVX2, AVX-512F; Sources/CKernels/RuleKernel.h) must give every element
// the bits the Swift kernels give it: the same IEEE operations in the same order, no fused
// multiply-adds. Each case runs the same steps from the same start twice, once with the rule
// kernels held to the Swift path (`withRuleVectorLevel(0)`) and once at a wide level, on hostile
// values (±0, NaN, ±Inf, huge, tiny) and on lengths that end in a partial vector of 4, 8 and 16
// lanes, and compares parameters and steps bit for bit (any NaN equal to any NaN). On a processor
// without AVX2 both runs take the Swift path and the comparison holds trivially; a level above
// the processor's runs at the processor's.

@Suite("Wide rule kernels")
struct WideRuleKernelTests {
    /// The rules with a wide kernel, AdamW (through the one-pass chain, its decayed sink) and
    /// ExpDecay (Descent's kernel with the decayed η; decaying every third step here).
    static let rules = WideKernelRules.names + ["AdamW", "ExpDecay"]

    /// A fresh rule of that name.
    static func make(_ name: String) -> any AbstractOptimiser {
        switch name {
        case "AdamW": AdamW(0.001, (0.9, 0.999), 0.01)
        case "ExpDecay": ExpDecay(0.001, 0.1, 3, 1e-6)
        default: WideKernelRules.make(name)
        }
    }

    /// Lengths around the wide kernels' minimum (32) and ending in every kind of partial vector.
    static let counts = [31, 32, 33, 37, 45, 64, 100, 257]

    /// The parameter after each of eight `update`s and the step of each of eight `apply`s, starting
    /// from the same hostile values, with the rule kernels at `level` (RAdam is rectified from its
    /// sixth step on).
    static func trajectory<S: TensorScalar>(_ name: String, _: S.Type, count: Int, seed: UInt64, level: Int) -> [[S]] {
        var source = HostileSource(seed: seed)
        let start = (0..<count).map { _ in source.parameterValue(source.pick(HostileClass.parameterClasses), S.self) }
        let gradients = (0..<8).map { _ in source.gradient(count, .mixture, S.self) }
        let updating = make(name), applying = make(name)
        let x = Tensor(shape: [count], scalars: start), y = Tensor(shape: [count], scalars: start)
        return withRuleVectorLevel(level) {
            var seen: [[S]] = []
            for g in gradients {
                try! update(updating, x, Tensor(shape: [count], scalars: g))
                seen.append(x.scalars)
                seen.append(try! apply(applying, y, Tensor(shape: [count], scalars: g)).scalars)
            }
            return seen
        }
    }

    @Test("steps and parameters match the Swift kernels bit for bit", arguments: rules, [1, 2])
    func matchesSwiftKernels(rule: String, level: Int) {
        for (k, count) in Self.counts.enumerated() {
            let seed = UInt64(1000 * level + k)
            let wideFloat = Self.trajectory(rule, Float.self, count: count, seed: seed, level: level)
            let swiftFloat = Self.trajectory(rule, Float.self, count: count, seed: seed, level: 0)
            #expect(zip(wideFloat, swiftFloat).allSatisfy { same($0, $1) }, "\(rule) Float, \(count) elements, level \(level)")
            let wideDouble = Self.trajectory(rule, Double.self, count: count, seed: seed, level: level)
            let swiftDouble = Self.trajectory(rule, Double.self, count: count, seed: seed, level: 0)
            #expect(zip(wideDouble, swiftDouble).allSatisfy { same($0, $1) }, "\(rule) Double, \(count) elements, level \(level)")
        }
    }

    @Test("a tensor split over threads gets the single-thread Swift bits", arguments: ["Adam", "SignDecay"])
    func splitOverThreads(rule: String) {
        let count = (1 << 17) + 37
        let threaded = withKernelThreads(2) { Self.trajectory(rule, Float.self, count: count, seed: 7, level: 2) }
        let swift = withKernelThreads(1) { Self.trajectory(rule, Float.self, count: count, seed: 7, level: 0) }
        #expect(zip(threaded, swift).allSatisfy { same($0, $1) })
    }

    @Test("withRuleVectorLevel lowers the level on this thread only, never raises it, and restores it")
    func levelCap() {
        let processor = processorVectorLevel
        #expect(ruleVectorLevel == processor)
        withRuleVectorLevel(0) {
            #expect(ruleVectorLevel == 0)
            withRuleVectorLevel(5) { #expect(ruleVectorLevel == processor) }
            #expect(ruleVectorLevel == 0)
        }
        withRuleVectorLevel(1) { #expect(ruleVectorLevel == Swift.min(1, processor)) }
        #expect(ruleVectorLevel == processor)
    }
}
