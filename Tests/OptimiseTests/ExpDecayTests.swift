import Testing
@testable import Optimise
import Tensors
import Tracker

/// ExpDecay's shared-counter rule (flux_optimise_spec.md §2.2 and §8.1), quirks included.
@Suite("ExpDecay")
struct ExpDecayTests {
    /// Runs `rounds` rounds of update(opt, ps, gs) over parameters of length 1 with gradient 1,
    /// where `present(round, index)` says whether parameter `index` has a gradient in that round.
    /// Returns the η used (= the step, since g = 1) per (round, parameter), nil when skipped.
    func etas(_ opt: ExpDecay, params n: Int, rounds: Int, present: (Int, Int) -> Bool = { _, _ in true }) throws -> [[Double?]] {
        let xs = (0..<n).map { _ in vec([0]) }
        let ps = Params(xs)
        var out: [[Double?]] = []
        for r in 1...rounds {
            let gs = Grads(ps)
            for (i, x) in xs.enumerated() where present(r, i) { gs[x] = vec([1]) }
            let before = xs.map { $0.scalars[0] }
            try update(opt, ps, gs)
            out.append(xs.indices.map { i in present(r, i) ? before[i] - xs[i].scalars[0] : nil })
        }
        return out
    }

    @Test func sanityOneParameter() throws {
        // decays at n = s, 2s, 3s…; the decayed value already applies on the triggering call
        let opt = ExpDecay(0.2, 0.5, 3, 1e-4)
        let e = try etas(opt, params: 1, rounds: 9).map { $0[0]! }
        let expected: [Double] = [0.2, 0.2, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025]
        expectClose(e, expected, rtol: 1e-15, "η per call")
        #expect(close(opt.eta, 0.025, rtol: 1e-15), "η is stored back into the rule")
    }

    @Test func startDelaysTheFirstDecay() throws {
        // n > start and n % s == 0: with start = 3, s = 2 the decays happen at 4, 6, 8 (not 2)
        let e = try etas(ExpDecay(0.2, 0.5, 2, 1e-4, 3), params: 1, rounds: 8).map { $0[0]! }
        expectClose(e, [0.2, 0.2, 0.2, 0.1, 0.1, 0.05, 0.05, 0.025], rtol: 1e-15)
        // start = 2, s = 2: n = 2 is not > 2, so the first decay is at 4
        let f = try etas(ExpDecay(0.2, 0.5, 2, 1e-4, 2), params: 1, rounds: 4).map { $0[0]! }
        expectClose(f, [0.2, 0.2, 0.2, 0.1], rtol: 1e-15)
    }

    @Test func clipIsAFloorAppliedWithMax() throws {
        // η0 = 1e-3, decay 0.1, s = 1: 1e-4, then max(1e-5, 1e-4) = 1e-4 forever
        let e = try etas(ExpDecay(1e-3, 0.1, 1, 1e-4), params: 1, rounds: 4).map { $0[0]! }
        expectClose(e, [1e-4, 1e-4, 1e-4, 1e-4], rtol: 1e-15)
        // clip can RAISE η: η0 = 1e-5 < clip = 1e-4; the first decay sets η = max(1e-6, 1e-4) = 1e-4
        let opt = ExpDecay(1e-5, 0.1, 2, 1e-4)
        let r = try etas(opt, params: 1, rounds: 3).map { $0[0]! }
        expectClose(r, [1e-5, 1e-4, 1e-4], rtol: 1e-15)
        #expect(opt.eta == 1e-4)
    }

    @Test func decayStepOneWithTwoParametersDecaysOnce() throws {
        // round 1: W (n=1) sees only its own counter → decays; b (n=1) sees two → no.
        // from round 2 on two counters always qualify → never again.
        let opt = ExpDecay(0.1, 0.5, 1, 1e-6)
        let e = try etas(opt, params: 2, rounds: 5)
        for r in 0..<5 {
            expectClose(e[r][0]!, 0.05, rtol: 1e-15, "W round \(r + 1)")
            expectClose(e[r][1]!, 0.05, rtol: 1e-15, "b round \(r + 1)")
        }
        #expect(opt.eta == 0.05)
        // with ONE parameter, decay_step = 1 decays on every call
        let single = try etas(ExpDecay(0.1, 0.5, 1, 1e-6), params: 1, rounds: 3).map { $0[0]! }
        expectClose(single, [0.05, 0.025, 0.0125], rtol: 1e-15)
    }

    @Test func severalParametersDecayOncePerRound() throws {
        // s = 2, three parameters all updated each round: only the first parameter of a
        // qualifying round triggers, so η halves once every two rounds
        let e = try etas(ExpDecay(0.4, 0.5, 2, 1e-6), params: 3, rounds: 6)
        let perRound: [Double] = [0.4, 0.2, 0.2, 0.1, 0.1, 0.05]
        for r in 0..<6 { for p in 0..<3 { expectClose(e[r][p]!, perRound[r], rtol: 1e-15, "round \(r + 1) param \(p)") } }
    }

    @Test func nilGradientsMakeTheCountersDrift() throws {
        // s = 2; W every round; b skipped in round 1.
        // r1: W n=1.              r2: W n=2 (only W qualifies) → decay by W; b n=1.
        // r3: W n=3; b n=2 (only b qualifies) → decay by b.
        // r4: W n=4 (W 4 and b 2 both qualify) → count 2, no decay; b n=3 → no.
        // r5: W n=5; b n=4 (W 5 no, b 4 yes) → decay by b.   r6: W n=6 (W 6, b 4) → no; b n=5 → no.
        let present: (Int, Int) -> Bool = { r, i in !(i == 1 && r == 1) }
        let e = try etas(ExpDecay(0.8, 0.5, 2, 1e-6), params: 2, rounds: 6, present: present)
        let W = e.map { $0[0]! }
        let b = e.map { $0[1] }
        expectClose(W, [0.8, 0.4, 0.4, 0.2, 0.2, 0.1], rtol: 1e-15, "W")
        #expect(b[0] == nil)
        expectClose(b[1...].map { $0! }, [0.4, 0.2, 0.2, 0.1, 0.1], rtol: 1e-15, "b")
        // and the reference agrees
        let ref = RefExpDecay(0.8, 0.5, 2, 1e-6)
        for r in 1...6 {
            _ = ref.step(0, [0], [1])
            if present(r, 1) { _ = ref.step(1, [0], [1]) }
        }
        expectClose(ref.etaHistory, [0.8, 0.4, 0.4, 0.4, 0.2, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1], rtol: 1e-15, "reference")
    }

    @Test func etaPersistsAcrossReuse() throws {
        let opt = ExpDecay(0.2, 0.5, 3, 1e-4)
        let x = vec([0])
        for _ in 1...3 { try update(opt, x, vec([1])) }     // decays at call 3
        #expect(close(opt.eta, 0.1, rtol: 1e-15))
        expectClose(x.scalars[0], -0.2 - 0.2 - 0.1, rtol: 1e-15)
        // a fresh parameter starts its own counter at 0 but sees the shared, already-decayed η
        let y = vec([0, 0])
        try update(opt, y, vec([1, 2]))
        expectClose(y.scalars, [-0.1, -0.2], rtol: 1e-15)
        // y's third call (n = 3): x's counter (3) also qualifies, so count == 2 and η does not decay
        try update(opt, y, vec([1, 0]))
        try update(opt, y, vec([1, 0]))
        expectClose(y.scalars[0], -0.1 - 0.1 - 0.1, rtol: 1e-15)
        #expect(close(opt.eta, 0.1, rtol: 1e-15))
        withExtendedLifetime(x) {}
    }

    @Test func etaCanBeSetDirectly() throws {
        let opt = ExpDecay(0.2, 0.5, 2, 1e-4)
        opt.eta = 0.01
        let e = try etas(opt, params: 1, rounds: 2).map { $0[0]! }
        expectClose(e, [0.01, 0.005], rtol: 1e-15)
    }

    @Test func chainedExpDecayDefaults() throws {
        // Optimiser(ExpDecay(), ADAM()): η_exp = 0.001 multiplies Adam's step (placed first, it
        // scales the gradient, which Adam normalises; placed last it scales the step)
        let last = try appliedStepsOf(Optimiser(ADAM(), ExpDecay()), x0: [0], grads: [[0.5]])[0][0]
        let adam1 = ((0.05 / 0.1) / (rt(0.00025 / 0.001) + 1e-8)) * 0.001
        expectClose(last, adam1 * 0.001, rtol: 1e-12)
        let first = try appliedStepsOf(Optimiser(ExpDecay(), ADAM()), x0: [0], grads: [[0.5]])[0][0]
        let g = 0.5 * 0.001
        expectClose(first, (((0.1 * g) / 0.1) / (rt(((0.001 * g) * g) / 0.001) + 1e-8)) * 0.001, rtol: 1e-12)
    }

    @Test func multiParameterFixtureMatchesReference() throws {
        // the shared rule over W and b with nil gradients on the fixture (drifting counters)
        for (make, ref) in [({ ExpDecay(0.5, 0.5, 2, 0.01) }, { RefExpDecay(0.5, 0.5, 2, 0.01) }),
                            ({ ExpDecay(0.1, 0.5, 3, 1e-3, 2) }, { RefExpDecay(0.1, 0.5, 3, 1e-3, 2) })] as [(() -> ExpDecay, () -> RefExpDecay)] {
            let opt = make()
            let r = ref()
            let actual = try libraryTrajectory(opt, Double.self, path: .params)
            let expected = Fixture.reference(r, Double.self)
            expectClose(actual.last!.W, expected.last!.W, rtol: 1e-12, "W")
            expectClose(actual.last!.b, expected.last!.b, rtol: 1e-12, "b")
            expectClose(opt.eta, r.eta, rtol: 1e-15, "final η")
        }
    }
}
