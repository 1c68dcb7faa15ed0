import Testing
@testable import Optimise
import Tensors
import Tracker

/// InvDecay(γ): step = g·(1/(1 + γn)), n per parameter starting at 1.
@Suite("InvDecay")
struct InvDecayTests {
    @Test func firstStepIsAlreadyScaled() throws {
        let s = try appliedStepsOf(InvDecay(0.1), x0: [0], grads: [[1], [1], [1], [1]])
        expectClose(s.map { $0[0] }, [1 / 1.1, 1 / 1.2, 1 / (1 + 0.1 * 3), 1 / (1 + 0.1 * 4)], rtol: 1e-15)
        #expect(s[0][0] != 1, "Flux scales even the first step (n starts at 1, not 0)")
    }

    @Test func counterIsPerParameter() throws {
        let opt = InvDecay(1.0)
        let a = vec([0]), b = vec([0])
        try update(opt, a, vec([1]))      // a: n = 1 → 1/2
        try update(opt, a, vec([1]))      // a: n = 2 → 1/3
        try update(opt, b, vec([1]))      // b: n = 1 → 1/2
        expectClose(a.scalars[0], -(0.5 + 1.0 / 3), rtol: 1e-15)
        expectClose(b.scalars[0], -0.5, rtol: 1e-15)
    }

    @Test func nilGradientDoesNotAdvanceTheCounter() throws {
        let opt = InvDecay(1.0)
        let W = vec([0]), b = vec([0])
        let ps = Params([W, b])
        let gs1 = Grads(ps); gs1[W] = vec([1]); gs1[b] = vec([1])
        let gs2 = Grads(ps); gs2[W] = vec([1])                   // b: nil
        let gs3 = Grads(ps); gs3[W] = vec([1]); gs3[b] = vec([1])
        try update(opt, ps, gs1)
        try update(opt, ps, gs2)
        try update(opt, ps, gs3)
        expectClose(W.scalars[0], -(1.0 / 2 + 1.0 / 3 + 1.0 / 4), rtol: 1e-15)
        expectClose(b.scalars[0], -(1.0 / 2 + 1.0 / 3), rtol: 1e-15, "b's second real step uses n = 2")
    }

    @Test func aloneItIsSGDWithDecayingRate() throws {
        // InvDecay alone = SGD with learning rate 1/(1+γn)
        let x = vec([3, -1])
        let opt = InvDecay(0.5)
        var expected = [3.0, -1.0]
        for n in 1...5 {
            let g = [Double(n), -0.5]
            try update(opt, x, vec(g))
            expected = [expected[0] - g[0] * (1 / (1 + 0.5 * Double(n))), expected[1] - g[1] * (1 / (1 + 0.5 * Double(n)))]
        }
        expectClose(x.scalars, expected, rtol: 1e-14)
    }

    @Test func orderWithDescentIsLinearButWithRMSPropItMatters() throws {
        // Descent is linear, so InvDecay first or last gives the same steps
        let a = try appliedStepsOf(Optimiser(InvDecay(0.5), Descent(0.1)), x0: [0], grads: [[1], [2]])
        let b = try appliedStepsOf(Optimiser(Descent(0.1), InvDecay(0.5)), x0: [0], grads: [[1], [2]])
        expectClose(a.flatMap { $0 }, [0.1 / 1.5, 0.2 / 2.0], rtol: 1e-15)
        expectClose(b.flatMap { $0 }, [0.1 / 1.5, 0.2 / 2.0], rtol: 1e-15)
        // RMSProp normalises the decayed gradient: InvDecay first is (almost) undone
        let f = try appliedStepsOf(Optimiser(InvDecay(0.5), RMSProp(0.01)), x0: [0], grads: [[1]])[0][0]
        let l = try appliedStepsOf(Optimiser(RMSProp(0.01), InvDecay(0.5)), x0: [0], grads: [[1]])[0][0]
        let gd = 1 * (1 / 1.5)
        expectClose(f, gd * (0.01 / (rt((0.1 * gd) * gd) + 1e-8)), rtol: 1e-12)
        expectClose(l, (1 * (0.01 / (rt((0.1 * 1.0) * 1.0) + 1e-8))) * (1 / 1.5), rtol: 1e-12)
        #expect(!close(f, l, rtol: 1e-3))
    }

    @Test func gammaIsMutable() throws {
        let opt = InvDecay(0.5)
        #expect(opt.gamma == 0.5)
        opt.gamma = 1.0
        let s = try appliedStepsOf(opt, x0: [0], grads: [[1]])
        expectClose(s[0][0], 0.5, rtol: 1e-15)
    }
}
