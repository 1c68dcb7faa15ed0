import Testing
@testable import Optimise
import Tensors
import Tracker

/// GuardFinite: a non-finite gradient throws or skips the whole step before anything changes.
@Suite("GuardFinite")
struct GuardFiniteTests {
    /// Two parameters, with `b`'s gradient holding one infinity.
    static func problem() -> (a: Tensor<Double>, b: Tensor<Double>, ps: Params, gs: Grads) {
        let a = vec([1, 2]), b = vec([3, 4, 5])
        let ps = Params([a, b])
        let gs = Grads()
        gs[a] = vec([0.5, -1])
        gs[b] = vec([1, .infinity, 2])
        return (a, b, ps, gs)
    }

    @Test("throw policy: the error names the parameter and the count; no parameter or state changes")
    func throwsAndChangesNothing() throws {
        let (a, b, ps, gs) = Self.problem()
        let adam = Adam()
        let opt = Optimiser(GuardFinite(), adam)
        #expect(throws: UpdateError.nonFiniteGradient(position: 1, nonFinite: 1, count: 3)) {
            try update(opt, ps, gs)
        }
        #expect(a.scalars == [1, 2] && b.scalars == [3, 4, 5])
        #expect(adam.state.count == 0, "Adam must not have seen either parameter")
        let message = UpdateError.nonFiniteGradient(position: 1, nonFinite: 1, count: 3).description
        #expect(message == "parameter 1 (0-based, in Params order): gradient holds 1 NaN or infinite value among 3 (GuardFinite expects finite gradients); nothing was updated")
    }

    @Test("skip policy: nothing changes, the skip is counted, the next finite step runs as usual")
    func skipsThenSteps() throws {
        let (a, b, ps, gs) = Self.problem()
        let guardRule = GuardFinite(.skip)
        let opt = Optimiser(guardRule, Descent(0.1))
        try update(opt, ps, gs)
        #expect(a.scalars == [1, 2] && b.scalars == [3, 4, 5])
        #expect(guardRule.skippedSteps == 1)
        gs[b] = vec([1, -2, 2])
        try update(opt, ps, gs)
        // Descent(0.1): x − 0.1 g, by hand.
        expectClose(a.scalars, [1 - 0.05, 2 + 0.1])
        expectClose(b.scalars, [3 - 0.1, 4 + 0.2, 5 - 0.2])
        #expect(guardRule.skippedSteps == 1)
    }

    @Test("with finite gradients a guarded chain takes exactly the unguarded rule's steps")
    func finiteGradientsPassThrough() throws {
        let guarded = try stepsOf(Optimiser(GuardFinite(), Adam(0.01)), x0: [1, -2, 3],
                                  grads: [[0.5, 1, -1], [0.25, -3, 2], [1e-3, 0, 4]])
        let plain = try stepsOf(Adam(0.01), x0: [1, -2, 3], grads: [[0.5, 1, -1], [0.25, -3, 2], [1e-3, 0, 4]])
        #expect(guarded == plain)
    }

    @Test("a guard nested in a chain or a Scheduler is found; NaN counts like Inf")
    func nestedGuards() throws {
        let x = vec([1, 2, 3])
        let inner = GuardFinite(.skip)
        try update(Optimiser(Optimiser(Descent(), inner), Momentum()), x, vec([.nan, 1, .nan]))
        #expect(inner.skippedSteps == 1 && x.scalars == [1, 2, 3])
        let descent = Descent()
        let scheduled = Scheduler(Exp(start: 0.1, decay: 0.5), Optimiser(GuardFinite(), descent)) { _, η in descent.eta = η }
        #expect(throws: UpdateError.nonFiniteGradient(position: nil, nonFinite: 2, count: 3)) {
            try update(scheduled, x, vec([.nan, 1, -.infinity]))
        }
        #expect(x.scalars == [1, 2, 3])
        #expect(scheduled.counter(for: x) == nil, "the schedule must not advance on a refused step")
        #expect(UpdateError.nonFiniteGradient(position: nil, nonFinite: 2, count: 3).description
            == "gradient holds 2 NaN or infinite values among 3 (GuardFinite expects finite gradients); nothing was updated")
    }

    @Test("apply: throws, or returns a zero step under skip; Float gradients are checked too")
    func applyIsGuarded() throws {
        let x = vecF([1, 2])
        #expect(throws: UpdateError.nonFiniteGradient(position: nil, nonFinite: 1, count: 2)) {
            try apply(Optimiser(GuardFinite(), Adam()), x, vecF([.nan, 0]))
        }
        let skipping = GuardFinite(.skip)
        let step = try apply(Optimiser(skipping, Descent()), x, vecF([1, .infinity]))
        #expect(step.scalars == [0, 0] && skipping.skippedSteps == 1 && x.scalars == [1, 2])
    }

    @Test("train: a finite loss with a NaN gradient is skipped or stops training, as the policy says")
    func trainHonoursThePolicy() throws {
        // loss(d) = sum(sqrt(W .* d)): with d = 0 the loss is 0 but ∂/∂W = d / (2√(W d)) = 0/0 = NaN.
        let data = [vec([1, 1]), vec([0, 0]), vec([1, 1])]
        let W = vec([4, 9])
        let skipping = GuardFinite(.skip)
        try train({ (d: Tensor<Double>) in sum(sqrt(W .* d)) }, params(W), data, Optimiser(skipping, Descent(1)))
        #expect(skipping.skippedSteps == 1)
        // Two Descent(1) steps of ∂/∂W sqrt(W) = 1/(2√W): 4 → 4 − 1/4 → that − 1/(2√3.75).
        let w0 = 4 - 0.25, w1 = 9 - 1.0 / 6
        expectClose(W.scalars, [w0 - 1 / (2 * w0.squareRoot()), w1 - 1 / (2 * w1.squareRoot())])

        let V = vec([4, 9])
        #expect(throws: UpdateError.nonFiniteGradient(position: 0, nonFinite: 2, count: 2)) {
            try train({ (d: Tensor<Double>) in sum(sqrt(V .* d)) }, params(V), data, Optimiser(GuardFinite(), Descent(1)))
        }
        expectClose(V.scalars, [4 - 0.25, 9 - 1.0 / 6])
    }
}
