import Testing
import Flux
import Optimisers

/// ParameterSchedulers v0.4's `Scheduler` as an Optimisers rule: the rule is rebuilt from `s(t)`
/// at each leaf's step, `t` lives in the leaf, skipped leaves do not advance, `adjust` is ignored.
@Suite struct SchedulerRuleTests {
    @Test func descentFollowsTheScheduleFromStepOne() throws {
        // Exp(start 0.1, decay 0.5): η = 0.1, 0.05, 0.025; gradient 1 → x = 1 − 0.175.
        let x = dvec([1, -2])
        let rule = Optimisers.Scheduler(Exp(start: 0.1, decay: 0.5)) { η in Optimisers.Descent(η) }
        let state = Optimisers.setup(rule, x)
        for _ in 1...3 { try Optimisers.updateInPlace(state, x, dvec([1, 2])) }
        expectClose(x.scalars, [1 - 0.175, -2 - 2 * 0.175])
        let leafState = try #require(state.leafValue?.state as? Optimisers.Scheduler<Optimisers.Descent>.State)
        #expect(leafState.t == 4)
    }

    @Test func twoSchedulesRebuildMomentumAndKeepItsVelocity() throws {
        // η_t = 0.1·0.5^(t−1), ρ constant 0.9; Optimisers.jl Momentum: v = ρv + η·g, x −= v.
        let x = dvec([0])
        let rule = Optimisers.Scheduler(Exp(start: 0.1, decay: 0.5), 0.9) { η, ρ in Optimisers.Momentum(η, ρ) }
        let state = Optimisers.setup(rule, x)
        var v = 0.0, expected = 0.0
        for t in 1...5 {
            try Optimisers.updateInPlace(state, x, dvec([1]))
            v = 0.9 * v + 0.1 * [1, 0.5, 0.25, 0.125, 0.0625][t - 1] * 1
            expected -= v
        }
        expectClose(x.scalars[0], expected)
    }

    @Test func skippedLeavesDoNotAdvanceAndAdjustIsIgnored() throws {
        let model = Chain(Dense<Double>(weight: Tensor(rows: [[1]]), bias: Tensor([0]), { $0 }))
        let rule = Optimisers.Scheduler(Exp(start: 0.1, decay: 0.5)) { η in Optimisers.Descent(η) }
        let state = Optimisers.setup(rule, model)
        // Only the weight gets a gradient: the bias leaf's counter stays at 1.
        let grad: ModelGradient = .fields([("layers", .elements([.fields([("weight", .leaf(Tensor<Double>(rows: [[1]]))), ("bias", .empty)])]))])
        try Optimisers.updateInPlace(state, model, grad)
        let weightState = try #require(state.layers[0].weight.leafValue?.state as? Optimisers.Scheduler<Optimisers.Descent>.State)
        let biasState = try #require(state.layers[0].bias.leafValue?.state as? Optimisers.Scheduler<Optimisers.Descent>.State)
        #expect(weightState.t == 2)
        #expect(biasState.t == 1)
        // adjust has no effect on a scheduled rule: the next weight step is still s(2) = 0.05.
        adjustInPlace(state, 10)
        try Optimisers.updateInPlace(state, model, grad)
        expectClose(model.layer(0, as: Dense<Double>.self).weight.scalars[0], 1 - 0.1 - 0.05)
    }

    @Test func updateLeavesTheCounterOfItsInputAlone() throws {
        let x = dvec([1])
        let rule = Optimisers.Scheduler(Exp(start: 0.1, decay: 0.5)) { η in Optimisers.Descent(η) }
        let state = Optimisers.setup(rule, x)
        let (next, y) = try Optimisers.update(state, x, dvec([1]))
        #expect(x.scalars == [1])
        expectClose(y.scalars[0], 0.9)
        #expect((state.leafValue?.state as? Optimisers.Scheduler<Optimisers.Descent>.State)?.t == 1)
        #expect((next.leafValue?.state as? Optimisers.Scheduler<Optimisers.Descent>.State)?.t == 2)
    }

    @Test func aScheduledClipNormStillRejectsNonFiniteGradients() throws {
        let x = dvec([1])
        let rule = Optimisers.Scheduler(1.0) { ω in Optimisers.ClipNorm(ω) }
        let state = Optimisers.setup(rule, x)
        #expect(throws: NonFiniteNormError.self) { try Optimisers.updateInPlace(state, x, dvec([.nan])) }
        #expect(x.scalars == [1])
        #expect((state.leafValue?.state as? Optimisers.Scheduler<Optimisers.ClipNorm>.State)?.t == 1)
    }
}
