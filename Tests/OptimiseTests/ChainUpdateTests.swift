import Testing
@testable import Optimise
import Tensors
import Tracker

/// A chain's `update` runs one pass per member (first member into a scratch tensor, last member
/// subtracting from the parameter), or one pass in all for a rule followed by `WeightDecay`; it
/// must equal applying the members in turn to a copy of the gradient and subtracting, bit for
/// bit, and leave the gradient alone.
@Suite("Chains update in one pass per member")
struct ChainUpdateTests {
    static let chains: [(String, @Sendable () -> Optimiser)] = [
        ("AdamW", { AdamW(0.01, (0.9, 0.999), 0.1) }),
        ("AdamW, no decay", { AdamW(0.01) }),
        ("Momentum, WeightDecay", { Optimiser(Momentum(0.01), WeightDecay(1e-3)) }),
        ("NAdam, WeightDecay", { Optimiser(NAdam(0.01), WeightDecay(0.3)) }),
        ("ClipValue, Adam", { Optimiser(ClipValue(0.2), Adam(0.01)) }),
        ("ClipNorm, Momentum, ExpDecay", { Optimiser(ClipNorm(0.5), Momentum(0.01), ExpDecay(0.5, 0.5, 2, 1e-3)) }),
        ("WeightDecay, SignDecay, Descent", { Optimiser(WeightDecay(0.1), SignDecay(0.01), Descent(0.1)) }),
        ("InvDecay, GuardFinite, RMSProp", { Optimiser(InvDecay(0.5), GuardFinite(.skip), RMSProp(0.01)) }),
        ("Scheduler last (general path)", { Optimiser(ClipValue(1), Scheduler(Exp(start: 0.1, decay: 0.5), Descent())) }),
    ]

    @Test(arguments: chains.indices)
    func onePassPerMemberEqualsApplyingEachAndSubtracting(_ i: Int) {
        let (name, make) = Self.chains[i]
        let fused = make(), general = make()
        let x = Tensor<Double>(shape: [3, 5], scalars: (0..<15).map { Double($0) * 0.3 - 2 })
        let y = x.copy()
        for t in 1...6 {
            let g = Tensor<Double>(shape: [3, 5], scalars: (0..<15).map { Double(($0 * 7 + t * 3) % 11) - 5 })
            let before = g.scalars
            fused.update(x, g)
            copyApplySubtract(general, y, g)
            #expect(g.scalars == before, "\(name): the gradient is left alone")
            #expect(x.scalars.map(\.bitPattern) == y.scalars.map(\.bitPattern), "\(name), step \(t)")
        }
    }

    @Test(arguments: chains.indices)
    func floatAndNonFiniteValuesMatchTheMemberByMemberResult(_ i: Int) {
        // Float, a length with a partial lane group, and ±Inf, NaN and ±0 in the parameter and the
        // gradient (0·Inf is NaN in the decay term whether or not it is fused).
        let (name, make) = Self.chains[i]
        let fused = make(), general = make()
        let start: [Float] = [1, -2, .infinity, -0.0, 0, 3.5, -.infinity, .nan, 0.25, -7, 2, 1e-30, 5]
        let x = Tensor<Float>(shape: [13], scalars: start), y = x.copy()
        for t in 1...4 {
            let g = Tensor<Float>(shape: [13], scalars: (0..<13).map { $0 == 4 ? .nan : $0 == 9 ? -.infinity : Float(($0 * 5 + t) % 7) - 3 })
            fused.update(x, g)
            copyApplySubtract(general, y, g)
            #expect(x.scalars.map(\.bitPattern) == y.scalars.map(\.bitPattern), "\(name), step \(t)")
        }
    }

    @Test func aRuleFollowedByWeightDecayNeedsNoScratchTensor() {
        let opt = AdamW(0.01, (0.9, 0.999), 0.1)
        let x = Tensor<Float>(shape: [4], scalars: [1, 2, 3, 4]), g = Tensor<Float>(shape: [4], scalars: [1, -1, 1, -1])
        opt.update(x, g)
        #expect(opt.scratch.count == 0)
        // and the one pass gives what the member-by-member chain gives
        let reference = AdamW(0.01, (0.9, 0.999), 0.1), y = Tensor<Float>(shape: [4], scalars: [1, 2, 3, 4])
        copyApplySubtract(reference, y, g)
        #expect(x.scalars == y.scalars)
    }

    @Test func theScratchTensorIsReusedNotReallocated() {
        let opt = Optimiser(InvDecay(0.1), Adam(0.01))
        let x = Tensor<Float>(shape: [4], scalars: [1, 2, 3, 4]), g = Tensor<Float>(shape: [4], scalars: [1, -1, 1, -1])
        opt.update(x, g)
        let first = opt.scratch.value(for: x, as: Tensor<Float>.self)
        opt.update(x, g)
        #expect(first != nil && opt.scratch.value(for: x, as: Tensor<Float>.self) === first)
        #expect(opt.scratch.count == 1)
    }
}
