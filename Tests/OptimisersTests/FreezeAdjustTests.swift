import Testing
import Flux
import Optimisers

// freeze/thaw and adjust/adjustInPlace in the middle of 25-step trajectories (spec §6.3),
// compared with the reference rules whose hyper-parameters change at the same step.

@Suite("freeze, thaw and adjust mid-run")
struct FreezeAdjustTests {
    @Test func freezeThenThawMidTrajectory() throws {
        let model = twoLayerModel()
        let state = Optimisers.setup(Optimisers.Adam(0.05), model)
        let refs: [RefRule] = (0..<4).map { _ in RefAdam(0.05) }
        var values = denseParameters(model).map(\.scalars)
        var frozenSnapshot: ([Double], [Double]) = ([], [])
        for t in 1...25 {
            if t == 9 {
                Optimisers.freeze(state.layers[0])
                #expect(leafAt(state.layers[0].weight).frozen && leafAt(state.layers[0].bias).frozen)
                #expect(!leafAt(state.layers[1].weight).frozen)
                #expect(leafAt(state.layers[0].bias).description.hasSuffix(", frozen = true)"))
                frozenSnapshot = (denseAt(model, 0).weight.scalars + denseAt(model, 0).bias!.scalars,
                                  treeNumbers(state.layers[0]))
            }
            if t == 16 {
                Optimisers.thaw(state)
                #expect(state.leafValues.allSatisfy { !$0.frozen })
                #expect(!leafAt(state.layers[0].bias).description.contains("frozen"))
            }
            let frozen = (9...15).contains(t)
            try Optimisers.updateInPlace(state, model, syntheticGradient(model, t))
            referenceStep(refs, &values, syntheticGradient(values, t, skip: frozen ? [0, 1] : []))
            expectClose(parameterNumbers(model), values.flatMap { $0 }, "step \(t)")
            if frozen {
                // Frozen: neither the parameters nor their state moved, while layer 2 trained on.
                #expect(denseAt(model, 0).weight.scalars + denseAt(model, 0).bias!.scalars == frozenSnapshot.0)
                #expect(treeNumbers(state.layers[0]) == frozenSnapshot.1)
            }
        }
        // After thawing, the first layer continued from its frozen state: 8 + 10 Adam steps.
        #expect(stateNumbers(leafAt(state.layers[0].weight).state).last == 19)
        #expect(stateNumbers(leafAt(state.layers[1].weight).state).last == 26)
    }

    @Test func freezeWholeTreeStopsEverything() throws {
        let model = twoLayerModel()
        let state = Optimisers.setup(Optimisers.Momentum(), model)
        try Optimisers.updateInPlace(state, model, syntheticGradient(model, 1))
        let (p, s) = (parameterNumbers(model), treeNumbers(state))
        Optimisers.freeze(state)
        try Optimisers.updateInPlace(state, model, syntheticGradient(model, 2))
        let (_, pureModel) = try Optimisers.update(state, model, syntheticGradient(model, 3))
        #expect(parameterNumbers(model) == p && parameterNumbers(pureModel) == p)
        #expect(treeNumbers(state) == s)
    }

    @Test func adjustIsPureAndKeepsTheMomenta() throws {
        let model = twoLayerModel()
        var state = Optimisers.setup(Optimisers.Adam(0.01), model)
        let refs: [RefRule] = (0..<4).map { _ in RefAdam(0.01) }
        var values = denseParameters(model).map(\.scalars)
        for t in 1...25 {
            if t == 11 {
                let original = state, originalNumbers = treeNumbers(state)
                let faster = Optimisers.adjust(state, 0.03)
                // The original keeps η = 0.01; the copy has η = 0.03 and the same momenta.
                #expect(original.leafValues.allSatisfy { ($0.rule as? Optimisers.Adam)?.eta == 0.01 })
                #expect(faster.leafValues.allSatisfy { ($0.rule as? Optimisers.Adam)?.eta == 0.03 })
                #expect(treeNumbers(faster) == originalNumbers)
                #expect(zip(faster.leafValues, original.leafValues).allSatisfy { $0 !== $1 })
                // Training with the adjusted tree leaves the original's state alone.
                let probe = try Optimisers.update(faster, model, syntheticGradient(model, t)).0
                try Optimisers.updateInPlace(Optimisers.adjust(state, 0.5), twoLayerModel(), syntheticGradient(model, t))
                #expect(treeNumbers(original) == originalNumbers)
                #expect(treeNumbers(probe) != originalNumbers)
                state = faster
                for r in refs { r.adjust(eta: 0.03) }
            }
            try Optimisers.updateInPlace(state, model, syntheticGradient(model, t))
            referenceStep(refs, &values, syntheticGradient(values, t))
            expectClose(parameterNumbers(model), values.flatMap { $0 }, "step \(t)")
        }
    }

    @Test func adjustInPlaceOneLayerThenRhoEverywhere() throws {
        let model = twoLayerModel()
        let state = Optimisers.setup(Optimisers.Momentum(0.01, 0.9), model)
        let refs: [RefRule] = (0..<4).map { _ in RefMomentum(0.01, 0.9) }
        var values = denseParameters(model).map(\.scalars)
        for t in 1...25 {
            if t == 9 {
                let before = treeNumbers(state)
                Optimisers.adjustInPlace(state.layers[1], 0.04)
                #expect(treeNumbers(state) == before)
                #expect((leafAt(state.layers[1].bias).rule as? Optimisers.Momentum)?.eta == 0.04)
                #expect((leafAt(state.layers[0].bias).rule as? Optimisers.Momentum)?.eta == 0.01)
                refs[2].adjust(eta: 0.04)
                refs[3].adjust(eta: 0.04)
            }
            if t == 17 {
                let before = treeNumbers(state)
                Optimisers.adjustInPlace(state, rho: 0.95)
                #expect(treeNumbers(state) == before)
                let rules = state.leafValues.map { $0.rule as? Optimisers.Momentum }
                #expect(rules.map { $0?.rho } == [0.95, 0.95, 0.95, 0.95])
                #expect(rules.map { $0?.eta } == [0.01, 0.01, 0.04, 0.04])
                for r in refs { r.adjust(rho: 0.95) }
            }
            try Optimisers.updateInPlace(state, model, syntheticGradient(model, t))
            referenceStep(refs, &values, syntheticGradient(values, t))
            expectClose(parameterNumbers(model), values.flatMap { $0 }, "step \(t)")
        }
    }

    @Test func adjustInPlaceOnAChainTreeChangesEveryMember() throws {
        let rule = Optimisers.OptimiserChain(Optimisers.WeightDecay(0.1), Optimisers.Momentum(0.02, 0.9))
        let x = Tensor<Double>(shape: [2, 3], scalars: trajectoryStart)
        let state = Optimisers.setup(rule, x)
        let reference = RefChain(RefWeightDecay(0.1), RefMomentum(0.02, 0.9))
        var expected = trajectoryStart
        for t in 1...25 {
            if t == 13 {
                Optimisers.adjustInPlace(state, 0.005)
                reference.adjust(eta: 0.005)
                let chain = leafAt(state).rule as? Optimisers.OptimiserChain
                #expect((chain?.rules[1] as? Optimisers.Momentum)?.eta == 0.005)
                #expect((chain?.rules[0] as? Optimisers.WeightDecay)?.lambda == 0.1)
            }
            let g = wobblyQuadraticGradient(t, x.scalars)
            try Optimisers.updateInPlace(state, x, Tensor(shape: [2, 3], scalars: g))
            expected = minus(expected, reference.step(expected, g)!)
        }
        expectClose(x.scalars, expected)
    }

    @Test func adjustOnABareChainAdjustsEveryMember() {
        let chain = Optimisers.adjust(Optimisers.OptimiserChain(Optimisers.ClipGrad(), Optimisers.Adam()),
                                      beta: (0.777, 0.909), delta: 11.1)
        #expect((chain.rules[0] as? Optimisers.ClipGrad)?.delta == 11.1)
        let adam = chain.rules[1] as? Optimisers.Adam
        #expect(adam.map { $0.beta == (0.777, 0.909) && $0.eta == 0.001 && $0.epsilon == 1e-8 } == true)
        let etas = Optimisers.adjust(Optimisers.OptimiserChain(Optimisers.Descent(0.5), Optimisers.Momentum()), 0.1)
        #expect((etas.rules[0] as? Optimisers.Descent)?.eta == 0.1)
        #expect((etas.rules[1] as? Optimisers.Momentum)?.eta == 0.1)
        #expect((etas.rules[1] as? Optimisers.Momentum)?.rho == 0.9)
    }

    @Test func adjustDoesNothingToAdaDeltasMissingEta() throws {
        let bare = Optimisers.adjust(Optimisers.AdaDelta(0.8, 1e-6), 0.5)
        #expect(bare.rho == 0.8 && bare.epsilon == 1e-6)
        // Mid-run on a tree: the trajectory is that of an unadjusted AdaDelta.
        let x = dvec(trajectoryStart)
        let state = Optimisers.setup(Optimisers.AdaDelta(), x)
        let reference = RefAdaDelta()
        var expected = trajectoryStart
        for t in 1...25 {
            if t == 10 { Optimisers.adjustInPlace(state, 0.5) }
            let g = wobblyQuadraticGradient(t, x.scalars)
            try Optimisers.updateInPlace(state, x, dvec(g))
            expected = minus(expected, reference.step(expected, g)!)
        }
        expectClose(x.scalars, expected)
        // Its own fields can be adjusted.
        #expect(Optimisers.adjust(Optimisers.AdaDelta(), rho: 0.5).rho == 0.5)
    }

    @Test func adjustBareRules() {
        let adam = Optimisers.adjust(Optimisers.Adam(), 0.1)
        #expect(adam.eta == 0.1 && adam.beta == (0.9, 0.999) && adam.epsilon == 1e-8)
        #expect(Optimisers.adjust(Optimisers.Descent(), 0.1).eta == 0.1)
        let momentum = Optimisers.adjust(Optimisers.Momentum(), 0.1)
        #expect(momentum.eta == 0.1 && momentum.rho == 0.9)
        #expect(Optimisers.adjust(Optimisers.Momentum(), rho: 0.5).rho == 0.5)
        #expect(Optimisers.adjust(Optimisers.Nesterov(), eta: 0.2, rho: 0.5).rho == 0.5)
        #expect(Optimisers.adjust(Optimisers.Rprop(), 0.1).eta == 0.1)
        #expect(Optimisers.adjust(Optimisers.Lion(), beta: (0.5, 0.6)).beta == (0.5, 0.6))
        #expect(Optimisers.adjust(Optimisers.AdaGrad(), epsilon: 1e-3).epsilon == 1e-3)
        #expect(Optimisers.adjust(Optimisers.AdamW(), lambda: 0.1).lambda == 0.1)
        #expect(Optimisers.adjust(Optimisers.WeightDecay(), lambda: 0.1).lambda == 0.1)
        #expect(Optimisers.adjust(Optimisers.SignDecay(), lambda: 0.1).lambda == 0.1)
        #expect(Optimisers.adjust(Optimisers.ClipGrad(), delta: 2).delta == 2)
        #expect(Optimisers.adjust(Optimisers.ClipNorm(), omega: 3).omega == 3)
        let centred = Optimisers.adjust(Optimisers.RMSProp(centred: true), 0.1)
        #expect(centred.eta == 0.1 && centred.centred)
        // Names a rule does not have are ignored.
        let ignored = Optimisers.adjust(Optimisers.Adam(), rho: 0.5)
        #expect(ignored.eta == 0.001 && ignored.beta == (0.9, 0.999))
        #expect(Optimisers.adjust(Optimisers.WeightDecay(0.2), 0.1).lambda == 0.2)
    }

    @Test func adjustWithNothingToChangeStops() async {
        await #expect(processExitsWith: .failure) {
            _ = Optimisers.adjust(Optimisers.Adam())
        }
    }
}
