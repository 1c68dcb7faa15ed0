import Testing
@testable import Optimise
import Tensors
import Tracker

/// A chain's `update` runs one pass per member (first member into a scratch tensor, last member
/// subtracting from the parameter); it must equal applying the members in turn to a copy of the
/// gradient and subtracting, bit for bit, and leave the gradient alone.
@Suite("Chains update in one pass per member")
struct ChainUpdateTests {
    static let chains: [(String, @Sendable () -> Optimiser)] = [
        ("AdamW", { AdamW(0.01, (0.9, 0.999), 0.1) }),
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

    @Test func theScratchTensorIsReusedNotReallocated() {
        let opt = AdamW(0.01, (0.9, 0.999), 0.1)
        let x = Tensor<Float>(shape: [4], scalars: [1, 2, 3, 4]), g = Tensor<Float>(shape: [4], scalars: [1, -1, 1, -1])
        opt.update(x, g)
        let first = opt.scratch.value(for: x, as: Tensor<Float>.self)
        opt.update(x, g)
        #expect(first != nil && opt.scratch.value(for: x, as: Tensor<Float>.self) === first)
        #expect(opt.scratch.count == 1)
    }
}
