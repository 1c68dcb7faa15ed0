import Testing
@testable import Optimise
import Tensors
import Tracker

/// `Optimiser(o1, o2, …)`: Δ is folded through the members in order; order matters.
@Suite("Optimiser chains")
struct ChainTests {
    /// W's trajectory for a chain, through update(opt, ps, gs).
    func finalW(_ opt: any AbstractOptimiser) throws -> [Double] {
        try libraryTrajectory(opt, Double.self, path: .params).last!.W
    }

    @Test func invDecayFirstVersusLastWithAdam() throws {
        // First: Adam sees decayed gradients (and normalises the decay away, almost).
        // Last: the Adam step itself is scaled by 1/(1+γn).
        let first = try finalW(Optimiser(InvDecay(0.5), Adam(0.01)))
        let last = try finalW(Optimiser(Adam(0.01), InvDecay(0.5)))
        expectClose(first, Fixture.reference(RefChain(RefInvDecay(0.5), RefAdam(0.01)), Double.self).last!.W, "InvDecay first")
        expectClose(last, Fixture.reference(RefChain(RefAdam(0.01), RefInvDecay(0.5)), Double.self).last!.W, "InvDecay last")
        #expect(mismatches(first, last, rtol: 1e-3).count >= 6, "order must matter")
        // by hand, one step g = 0.5 from 0: InvDecay first gives Adam(0.5/1.5) ≈ η; last gives η/1.5
        let f1 = try appliedStepsOf(Optimiser(InvDecay(0.5), Adam(0.01)), x0: [0], grads: [[0.5]])[0][0]
        let l1 = try appliedStepsOf(Optimiser(Adam(0.01), InvDecay(0.5)), x0: [0], grads: [[0.5]])[0][0]
        let gd = 0.5 * (1 / 1.5)
        expectClose(f1, (((0.1 * gd) / 0.1) / (rt(((0.001 * gd) * gd) / 0.001) + 1e-8)) * 0.01, rtol: 1e-12)
        expectClose(l1, ((((0.1 * 0.5) / 0.1) / (rt(((0.001 * 0.5) * 0.5) / 0.001) + 1e-8)) * 0.01) * (1 / 1.5), rtol: 1e-12)
    }

    @Test func expDecayFirstVersusLastWithMomentum() throws {
        // With a decaying η, ExpDecay last scales the whole velocity; first scales only new gradients.
        let first = try finalW(Optimiser(ExpDecay(0.5, 0.5, 3, 1e-3), Momentum(0.05, 0.9)))
        let last = try finalW(Optimiser(Momentum(0.05, 0.9), ExpDecay(0.5, 0.5, 3, 1e-3)))
        #expect(mismatches(first, last, rtol: 1e-6).count >= 6, "order must matter")
        // by hand on one parameter, constant g = 1, decay_step = 2:
        // first:  g·η: 0.5, 0.25 → v1 = −0.05·0.5, v2 = 0.9v1 − 0.05·0.25; steps −v
        let f = try appliedStepsOf(Optimiser(ExpDecay(0.5, 0.5, 2, 1e-3), Momentum(0.05, 0.9)), x0: [0], grads: [[1], [1]])
        let v1 = -0.05 * 0.5, v2 = 0.9 * v1 - 0.05 * 0.25
        expectClose([f[0][0], f[1][0]], [-v1, -v2], rtol: 1e-12, "ExpDecay first")
        // last:   v1 = −0.05, v2 = 0.9v1 − 0.05; steps −v·η with η 0.5 then 0.25
        let l = try appliedStepsOf(Optimiser(Momentum(0.05, 0.9), ExpDecay(0.5, 0.5, 2, 1e-3)), x0: [0], grads: [[1], [1]])
        let w1 = -0.05, w2 = 0.9 * w1 - 0.05
        expectClose([l[0][0], l[1][0]], [-w1 * 0.5, -w2 * 0.25], rtol: 1e-12, "ExpDecay last")
    }

    @Test func clipValueBeforeVersusAfterAdam() throws {
        // before: the gradient is clipped, Adam normalises → step ≈ η·sign(g) = 0.1
        let before = try appliedStepsOf(Optimiser(ClipValue(1e-3), Adam(0.1)), x0: [0], grads: [[5]])[0][0]
        // after: Adam's step (≈ 0.1) is clipped to 1e-3
        let after = try appliedStepsOf(Optimiser(Adam(0.1), ClipValue(1e-3)), x0: [0], grads: [[5]])[0][0]
        let gc = 1e-3
        expectClose(before, (((0.1 * gc) / 0.1) / (rt(((0.001 * gc) * gc) / 0.001) + 1e-8)) * 0.1, rtol: 1e-12)
        #expect(after == 1e-3)
        // trajectories on the fixture differ, and each matches the reference
        let b = try finalW(Optimiser(ClipValue(1.0), Adam(0.1)))
        let a = try finalW(Optimiser(Adam(0.1), ClipValue(0.05)))
        #expect(mismatches(a, b, rtol: 1e-3).count >= 6)
    }

    @Test func docsExampleExpDecayWithDescent() throws {
        // Optimiser(ExpDecay(0.001, 0.1, 1000, 1e-4), Descent()): the effective rate is 0.001·0.1
        let opt = Optimiser(ExpDecay(0.001, 0.1, 1000, 1e-4), Descent())
        let s = try appliedStepsOf(opt, x0: [0, 0], grads: [[1, -3]])
        expectClose(s[0], [(1 * 0.001) * 0.1, (-3 * 0.001) * 0.1], rtol: 1e-15)
    }

    @Test func emptyChainPassesTheGradientThrough() throws {
        let s = try appliedStepsOf(Optimiser(), x0: [1, 2], grads: [[0.5, -1]])
        #expect(s[0] == [0.5, -1])
        let x = vec([1, 2])
        try update(Optimiser(), x, vec([0.5, -1]))
        #expect(x.scalars == [0.5, 3])
    }

    @Test func indexingMemberAppendIteration() throws {
        let opt = Optimiser(ClipValue(1e-3), ADAM(1e-3))
        #expect(opt.count == 2)
        #expect(opt[0] is ClipValue)
        #expect(opt[1] is Adam)
        #expect((opt[1] as! Adam).eta == 1e-3)
        opt.member(1, as: Adam.self).eta = 1e-4
        #expect((opt[1] as! Adam).eta == 1e-4, "member(_:as:) returns the shared object")
        opt.append(InvDecay(0.5))
        #expect(opt.count == 3)
        #expect(opt.last is InvDecay)
        #expect(opt.first is ClipValue)
        let names = opt.map { String(describing: type(of: $0)) }
        #expect(names == ["ClipValue", "Adam", "InvDecay"])
        // setindex!
        opt[0] = WeightDecay(0.1)
        #expect(opt[0] is WeightDecay)
        #expect(opt.os.count == 3)
        // the appended member takes part in the next step: step = Adam(1e-4)(g + 0.1x) / 1.5
        let s = try appliedStepsOf(opt, x0: [2.0], grads: [[0.5]])[0][0]
        let g = 0.5 + 0.1 * 2.0
        expectClose(s, ((((0.1 * g) / 0.1) / (rt(((0.001 * g) * g) / 0.001) + 1e-8)) * 1e-4) * (1 / 1.5), rtol: 1e-12)
    }

    @Test func sliceSharesTheRulesAndTheirState() throws {
        let m = Momentum(0.1, 0.9)
        let chain = Optimiser(m, InvDecay(1.0))
        let sub = Optimiser(chain[0 ..< 1])
        #expect(sub.count == 1)
        #expect(sub[0] === m)
        // stepping through the sub-chain advances the momentum that the full chain sees
        let x = vec([0])
        try update(sub, x, vec([1]))              // v = −0.1
        let s = try apply(chain, x, vec([1]))     // v = 0.9·(−0.1) − 0.1 = −0.19, then InvDecay n = 1: ·1/2
        expectClose(s.scalars, [0.19 * 0.5], rtol: 1e-12)
    }

    @Test func chainUpdateNeverChangesTheGradient() throws {
        let opt = Optimiser(WeightDecay(0.1), ClipValue(0.5), Momentum(0.1, 0.9))
        let x = vec([1, -1, 0.25])
        let g = vec([2, -0.1, 0])
        try update(opt, x, g)
        #expect(g.scalars == [2, -0.1, 0])
        // step = −v, v = −0.1·clamp(g + 0.1x, ±0.5)
        let d: [Double] = [Swift.min(2 + 0.1, 0.5), -0.1 + 0.1 * -1, 0 + 0.1 * 0.25]
        expectClose(x.scalars, [1 - 0.1 * d[0], -1 - 0.1 * d[1], 0.25 - 0.1 * d[2]], rtol: 1e-14)
    }

    @Test func nestedChains() throws {
        // an Optimiser is itself an AbstractOptimiser: Optimiser(Optimiser(a, b), c) = Optimiser(a, b, c)
        let nested = try finalW(Optimiser(Optimiser(WeightDecay(0.05), ClipNorm(3.0)), Momentum(0.01, 0.9)))
        let flat = Fixture.reference(RefChain(RefWeightDecay(0.05), RefClipNorm(3.0), RefMomentum(0.01, 0.9)), Double.self).last!.W
        expectClose(nested, flat, rtol: 1e-12, atol: 1e-14, "nested chain")
    }
}
