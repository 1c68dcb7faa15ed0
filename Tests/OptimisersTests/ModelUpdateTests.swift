import Testing
import Flux
import Optimisers

// The whole-model API (spec §6.3): setup's tree, explicit model gradients, update (pure) and
// updateInPlace (mutating), and empty gradients, on Chains of Dense<Double> with known weights.

@Suite("setup, gradient, update and updateInPlace on a model")
struct ModelUpdateTests {
    @Test func setupTreeHasTheModelsShape() {
        let model = Chain(dense([[1, 2], [3, 4]], [0.5, -0.5]), relu, dense([[1, -1]], [0.25]))
        let state = Optimisers.setup(Optimisers.Momentum(), model)
        let w0 = leafAt(state.layers[0].weight), b2 = leafAt(state.layers[2].bias)
        #expect(stateNumbers(w0.state) == [0, 0, 0, 0])
        #expect(stateNumbers(b2.state) == [0])
        #expect((w0.state as? Tensor<Double>)?.shape == [2, 2])
        #expect(!w0.frozen)
        #expect((w0.rule as? Optimisers.Momentum)?.eta == 0.01)
        // The activation holds no parameter: an empty subtree.
        #expect(isEmpty(state.layers[1]))
        #expect(state.layers.subtrees.count == 3)
        #expect(state.leafValues.count == 4)
        // Positional addressing reaches the same leaves as the field names.
        #expect(state[0][0][1].leafValue === leafAt(state.layers[0].bias))
        // Julia's printing of the tree.
        let momentum = "Momentum(eta: 0.01, rho: 0.9)"
        #expect(state.description == "(layers = ((weight = Leaf(\(momentum), [0.0, 0.0, 0.0, 0.0]), bias = Leaf(\(momentum), [0.0, 0.0])), (), "
                + "(weight = Leaf(\(momentum), [0.0, 0.0]), bias = Leaf(\(momentum), [0.0]))),)")
    }

    @Test func everyTensorGetsItsOwnLeafAndState() {
        let model = twoLayerModel()
        let state = Optimisers.setup(Optimisers.Adam(), model)
        let leaves = state.leafValues
        #expect(leaves.count == 4)
        for i in leaves.indices {
            for j in leaves.indices where j != i {
                #expect(leaves[i] !== leaves[j])
                let (a, b) = (leaves[i].state as? MomentState<Double>, leaves[j].state as? MomentState<Double>)
                #expect(a != nil && a !== b)
            }
        }
    }

    @Test func explicitGradientMatchesHandDerivatives() throws {
        let model = twoLayerModel()
        let x = dvec([1, 2])
        // h = W₁x + b₁ = [1 + 4 + 0.5, 3 + 8 − 0.5] = [5.5, 10.5]; y = W₂h + b₂ = 5.5 − 10.5 + 0.25 = −4.75.
        // L = y²: ∂L/∂y = −9.5; ∇b₂ = −9.5; ∇W₂ = −9.5·hᵀ = [−52.25 −99.75];
        // ∇h = W₂ᵀ·(−9.5) = [−9.5, 9.5] = ∇b₁; ∇W₁ = ∇h·xᵀ = [−9.5 −19; 9.5 19]; ∇x = W₁ᵀ∇h = [19, 19].
        let g = gradient({ m in let y = m(x); return sum(y .* y) }, model)
        #expect(g.layers[0].weight.tensor(as: Double.self)?.scalars == [-9.5, 9.5, -19, 19])
        #expect(g.layers[0].bias.tensor(as: Double.self)?.scalars == [-9.5, 9.5])
        #expect(g.layers[1].weight.tensor(as: Double.self)?.scalars == [-52.25, -99.75])
        #expect(g.layers[1].bias.tensor(as: Double.self)?.scalars == [-9.5])

        let (gm, gx) = gradient(model, x) { m, x in let y = m(x); return sum(y .* y) }
        #expect(gm.layers[0].weight.tensor(as: Double.self)?.scalars == [-9.5, 9.5, -19, 19])
        #expect(gm.layers[1].bias.tensor(as: Double.self)?.scalars == [-9.5])
        #expect(gx?.scalars == [19, 19])
    }

    @Test func gradientIsEmptyWhereTheLossDoesNotReach() {
        let model = twoLayerModel()
        let g = gradient({ m in sum(denseAt(m, 0)(dvec([1, 2]))) }, model)
        // ∂/∂W₁ sum(W₁x + b₁) = 1·xᵀ, ∂/∂b₁ = 1; the second layer is not used.
        #expect(g.layers[0].weight.tensor(as: Double.self)?.scalars == [1, 1, 2, 2])
        #expect(g.layers[0].bias.tensor(as: Double.self)?.scalars == [1, 1])
        #expect(isEmpty(g.layers[1].weight) && isEmpty(g.layers[1].bias))
    }

    @Test func descentStepFromAnAutodiffGradient() throws {
        let model = twoLayerModel()
        let x = dvec([1, 2])
        let state = Optimisers.setup(Optimisers.Descent(0.01), model)
        try Optimisers.updateInPlace(state, model, gradient({ m in let y = m(x); return sum(y .* y) }, model))
        // Each parameter minus 0.01 × the hand gradient above.
        expectClose(denseAt(model, 0).weight.scalars, [1 + 0.095, 3 - 0.095, 2 + 0.19, 4 - 0.19])
        expectClose(denseAt(model, 0).bias!.scalars, [0.5 + 0.095, -0.5 - 0.095])
        expectClose(denseAt(model, 1).weight.scalars, [1 + 0.5225, -1 + 0.9975])
        expectClose(denseAt(model, 1).bias!.scalars, [0.25 + 0.095])
    }

    @Test func updateLeavesItsInputsAlone() throws {
        let model = twoLayerModel()
        var state = Optimisers.setup(Optimisers.Adam(0.05), model)
        var current = model
        let refs: [RefRule] = (0..<4).map { _ in RefAdam(0.05) }
        var values = denseParameters(model).map(\.scalars)
        let originalParameters = parameterNumbers(model), originalState = treeNumbers(state)
        let originalTensors = denseParameters(model), initialState = state
        for t in 1...25 {
            let beforeModel = parameterNumbers(current), beforeState = treeNumbers(state)
            let grad = syntheticGradient(current, t)
            let (newState, newModel) = try Optimisers.update(state, current, grad)
            // Neither the model nor the state given changed …
            #expect(parameterNumbers(current) == beforeModel)
            #expect(treeNumbers(state) == beforeState)
            // … and the results share no tensor or leaf with them.
            for (a, b) in zip(denseParameters(newModel), denseParameters(current)) { #expect(a !== b) }
            for (a, b) in zip(newState.leafValues, state.leafValues) { #expect(a !== b) }
            (state, current) = (newState, newModel)
            referenceStep(refs, &values, syntheticGradient(values, t))
            expectClose(parameterNumbers(current), values.flatMap { $0 }, "update step \(t)")
        }
        #expect(parameterNumbers(model) == originalParameters)
        #expect(zip(denseParameters(model), originalTensors).allSatisfy { $0 === $1 })
        #expect(treeNumbers(initialState) == originalState)
        #expect(originalState.allSatisfy { $0 == 0 || $0 == 0.9 || $0 == 0.999 || $0 == 1 })
    }

    @Test func updateKeepsTheActivationsAndNonTensorFields() throws {
        let model = Chain(dense([[1, 2], [3, 4]], [0.5, -0.5]), relu, dense([[1, -1]], [0.25]))
        let state = Optimisers.setup(Optimisers.Descent(0.1), model)
        let g = gradient({ m in sum(m(dvec([1, -1]))) }, model)
        let (_, updated) = try Optimisers.update(state, model, g)
        #expect(updated.count == 3)
        #expect(updated[1] is ReLU)
        // relu still applies: W₁·[1, −1] + b₁ = [−0.5, −1.5] → relu → 0, so only b₂ has a non-zero
        // gradient (1): b₂ = 0.25 − 0.1 and the output is 0.15.
        #expect(model(dvec([1, -1])).scalars == [0.25])
        expectClose(updated(dvec([1, -1])).scalars, [0.15])
        #expect(denseAt(updated, 0).weight.scalars == [1, 3, 2, 4])
    }

    @Test func updateInPlaceMutatesAndReturnsTheSameObjects() throws {
        let model = twoLayerModel()
        let state = Optimisers.setup(Optimisers.RMSProp(0.01, 0.9, 1e-8, centred: true), model)
        let refs: [RefRule] = (0..<4).map { _ in RefRMSProp(0.01, 0.9, 1e-8, centred: true) }
        var values = denseParameters(model).map(\.scalars)
        let tensors = denseParameters(model), leaves = state.leafValues
        for t in 1...25 {
            let (returnedState, returnedModel) = try Optimisers.updateInPlace(state, model, syntheticGradient(model, t))
            #expect(returnedModel === model)
            #expect(zip(returnedState.leafValues, leaves).allSatisfy { $0 === $1 })
            referenceStep(refs, &values, syntheticGradient(values, t))
        }
        #expect(zip(denseParameters(model), tensors).allSatisfy { $0 === $1 })
        expectClose(parameterNumbers(model), values.flatMap { $0 })
    }

    @Test func pureUpdateCopiesArrayStates() throws {
        // Rprop keeps an array of tensors per leaf; update must copy them too.
        let x = dvec(trajectoryStart)
        var state = Optimisers.setup(Optimisers.Rprop(0.05), x)
        var current = x
        let reference = RefRprop(0.05)
        var expected = trajectoryStart
        for t in 1...25 {
            let old = state, before = treeNumbers(state)
            let g = wobblyQuadraticGradient(t, current.scalars)
            (state, current) = try Optimisers.update(state, current, dvec(g))
            #expect(treeNumbers(old) == before)
            #expect(treeNumbers(state) != before)
            expected = minus(expected, reference.step(expected, g)!)
        }
        expectClose(current.scalars, expected)
        #expect(x.scalars == trajectoryStart)
    }

    @Test func emptyGradientSkipsTheLeafAndItsState() throws {
        let model = twoLayerModel()
        let state = Optimisers.setup(Optimisers.Momentum(0.1, 0.9), model)
        try Optimisers.updateInPlace(state, model, syntheticGradient(model, 1))
        let biasAfterOne = denseAt(model, 1).bias!.scalars
        let stateAfterOne = stateNumbers(leafAt(state.layers[1].bias).state)
        #expect(stateAfterOne != [0])

        // A zero gradient still advances the state and moves the parameter by ρ·v …
        let (zeroState, zeroModel) = try Optimisers.update(state, model, .fields([("layers", .elements([
            .empty, .fields([("weight", .empty), ("bias", .leaf(dvec([0])))]),
        ]))]))
        expectClose(stateNumbers(leafAt(zeroState.layers[1].bias).state), [0.9 * stateAfterOne[0]])
        expectClose(denseAt(zeroModel, 1).bias!.scalars, [biasAfterOne[0] - 0.9 * stateAfterOne[0]])

        // … an empty one (here the whole second layer, then one field) does neither.
        let untouched = try Optimisers.update(state, model, syntheticGradient(model, 2, skip: [2, 3])).1
        #expect(denseAt(untouched, 1).bias!.scalars == biasAfterOne)
        try Optimisers.updateInPlace(state, model, .fields([("layers", .elements([syntheticGradient(model, 2).layers[0], .empty]))]))
        #expect(denseAt(model, 1).bias!.scalars == biasAfterOne)
        #expect(stateNumbers(leafAt(state.layers[1].bias).state) == stateAfterOne)
        // The first layer did move.
        #expect(stateNumbers(leafAt(state.layers[0].bias).state) != [0, 0])
    }

    @Test func emptyGradientsInA25StepTrajectory() throws {
        // Adam with b₁ skipped at steps 3–5 and W₂ at 10 and 20: the skipped leaves' step counts lag.
        let model = twoLayerModel()
        let state = Optimisers.setup(Optimisers.Adam(0.05), model)
        let refs: [RefRule] = (0..<4).map { _ in RefAdam(0.05) }
        var values = denseParameters(model).map(\.scalars)
        func skipped(_ t: Int) -> Set<Int> { (3...5).contains(t) ? [1] : (t == 10 || t == 20 ? [2] : []) }
        for t in 1...25 {
            try Optimisers.updateInPlace(state, model, syntheticGradient(model, t, skip: skipped(t)))
            referenceStep(refs, &values, syntheticGradient(values, t, skip: skipped(t)))
            expectClose(parameterNumbers(model), values.flatMap { $0 }, "step \(t)")
        }
        // Adam's step counter (the last number of its state): 26 for W₁, 23 for b₁, 24 for W₂.
        #expect(stateNumbers(leafAt(state.layers[0].weight).state).last == 26)
        #expect(stateNumbers(leafAt(state.layers[0].bias).state).last == 23)
        #expect(stateNumbers(leafAt(state.layers[1].weight).state).last == 24)
    }

    @Test func singleTensorModel() throws {
        let x = dvec([1, -2])
        let state = Optimisers.setup(Optimisers.Descent(0.5), x)
        let (newState, y) = try Optimisers.update(state, x, dvec([0.5, -0.25]))
        #expect(x.scalars == [1, -2])
        #expect(y.scalars == [0.75, -1.875])
        #expect(leafAt(newState) !== leafAt(state))
        try Optimisers.updateInPlace(state, x, dvec([0.5, -0.25]))
        #expect(x.scalars == [0.75, -1.875])
    }
}
