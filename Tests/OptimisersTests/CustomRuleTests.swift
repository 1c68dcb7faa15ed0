import Testing
import Flux
import Optimisers

/// The seeds' custom rule (Optimisers.jl docs, "An optimisation rule"), as the doc comment of
/// `AbstractRule` ports it: step = η/√state · x̄, state counting up from 1.
struct DecayDescent: AbstractRule {
    var eta: Double
    func apply<T: TensorScalar>(_ state: Int, _ x: Tensor<T>, _ x̄: Tensor<T>) -> (Int, Tensor<T>?) {
        let newx̄ = T(eta / Double(state).squareRoot()) .* x̄
        let nextstate = state + 1
        return (nextstate, newx̄)
    }
    func `init`<T: TensorScalar>(_ x: Tensor<T>) -> Int { 1 }
}

/// DecayDescent taking part in `adjust` (Julia's generic field-based adjust would change `eta`).
struct AdjustableDecayDescent: AbstractRule {
    var eta: Double
    func apply<T: TensorScalar>(_ state: Int, _ x: Tensor<T>, _ x̄: Tensor<T>) -> (Int, Tensor<T>?) {
        (state + 1, T(eta / Double(state).squareRoot()) .* x̄)
    }
    func `init`<T: TensorScalar>(_ x: Tensor<T>) -> Int { 1 }
    func adjusted(_ changes: Adjustment) -> AdjustableDecayDescent { AdjustableDecayDescent(eta: changes.eta ?? eta) }
}

/// The seeds' `Layer` (Optimisers.jl docs, "Non-trainable parameters"): `alpha` and `beta` are
/// children, only `alpha` is trainable; `length` is not a child.
struct SeedLayer: Functor {
    let alpha: Tensor<Double>, beta: Tensor<Double>, length: Int
    var children: FunctorChildren { .fields([("alpha", alpha), ("beta", beta)]) }
    func reconstructed(from c: [any Trainable]) -> SeedLayer {
        SeedLayer(alpha: c[0] as! Tensor<Double>, beta: c[1] as! Tensor<Double>, length: length)
    }
    var trainableNames: [String] { ["alpha"] }
}

@Suite("Custom rules and custom layers")
struct CustomRuleTests {
    @Test func decayDescentFirstThreeStepsOnAModel() throws {
        let model = twoLayerModel()
        let state = Optimisers.setup(DecayDescent(eta: 0.1), model)
        #expect(stateNumbers(leafAt(state.layers[0].weight).state) == [1])
        #expect(leafAt(state.layers[1].bias).description == "Leaf(DecayDescent(eta: 0.1), 1)")
        // A constant gradient of ones: b₂ = 0.25 − 0.1·(1/√1 + 1/√2 + 1/√3) after three steps.
        let ones: ModelGradient = .fields([("layers", .elements([
            .fields([("weight", .leaf(Tensor<Double>(shape: [2, 2], repeating: 1))), ("bias", .leaf(dvec([1, 1])))]),
            .fields([("weight", .leaf(dmat([[1, 1]]))), ("bias", .leaf(dvec([1])))]),
        ]))])
        let scalings = [0.1 / rt(1), 0.1 / rt(2), 0.1 / rt(3)]
        var b2 = 0.25
        for k in 0..<3 {
            try Optimisers.updateInPlace(state, model, ones)
            b2 -= scalings[k]
            expectClose(denseAt(model, 1).bias!.scalars, [b2], "step \(k + 1)")
        }
        expectClose(denseAt(model, 0).weight.scalars, [1, 3, 2, 4].map { $0 - 0.1 - 0.1 / rt(2) - 0.1 / rt(3) })
        #expect(state.leafValues.allSatisfy { stateNumbers($0.state) == [4] })
    }

    @Test func decayDescentStateIsPassedExplicitly() throws {
        let x = dvec([1, 2, 3])
        let s0 = Optimisers.setup(DecayDescent(eta: 0.1), x)
        let (s1, x1) = try Optimisers.update(s0, x, dvec([1, 1, 1]))
        let (s2, x2) = try Optimisers.update(s1, x1, dvec([1, 1, 1]))
        #expect(stateNumbers(leafAt(s0).state) == [1])
        #expect(stateNumbers(leafAt(s1).state) == [2])
        #expect(stateNumbers(leafAt(s2).state) == [3])
        expectClose(x2.scalars, [1, 2, 3].map { $0 - 0.1 - 0.1 / rt(2) })
        // Re-running from s1 repeats the second step: the rule itself holds no state.
        expectClose(try Optimisers.update(s1, x1, dvec([1, 1, 1])).1.scalars, x2.scalars)
    }

    @Test func customRuleWithoutAdjustedIgnoresAdjust() throws {
        let x = dvec([0])
        let state = Optimisers.setup(DecayDescent(eta: 0.1), x)
        Optimisers.adjustInPlace(state, 0.5)
        #expect((leafAt(state).rule as? DecayDescent)?.eta == 0.1)
        let adjustable = Optimisers.setup(AdjustableDecayDescent(eta: 0.1), x)
        try Optimisers.updateInPlace(adjustable, x, dvec([1]))
        Optimisers.adjustInPlace(adjustable, 0.5)
        try Optimisers.updateInPlace(adjustable, x, dvec([1]))
        // 0.1/√1, then 0.5/√2 (the counter was kept).
        expectClose(x.scalars, [-0.1 - 0.5 / rt(2)])
    }

    @Test func customRuleInAChainWithAccumGrad() throws {
        // AccumGrad(2) stops DecayDescent on odd calls: its counter only advances on the even ones.
        let xs = try libraryTrajectory(Optimisers.OptimiserChain(Optimisers.AccumGrad(2), DecayDescent(eta: 0.2)),
                                       x0: [0], steps: 6) { t, _ in [Double(t)] }
        // Means (1+2)/2, (3+4)/2, (5+6)/2 scaled by 0.2/√1, 0.2/√2, 0.2/√3.
        let a = 0.2 * 1.5, b = a + 0.2 / rt(2) * 3.5, c = b + 0.2 / rt(3) * 5.5
        expectClose(xs.map { $0[0] }, [0, -a, -a, -b, -b, -c])
    }

    @Test func seedLayerSetupHasALeafForAlphaOnly() {
        let layer = SeedLayer(alpha: dvec([1, 2, 3]), beta: dvec([0, 0, 0]), length: 3)
        let state = Optimisers.setup(DecayDescent(eta: 0.1), layer)
        #expect(stateNumbers(leafAt(state.alpha).state) == [1])
        #expect(isEmpty(state.beta))
        #expect(state.description == "(alpha = Leaf(DecayDescent(eta: 0.1), 1), beta = ())")
        #expect(Optimisers.trainables(layer).count == 1)
        #expect(Optimisers.trainables(layer, as: Double.self)[0] === layer.alpha)
    }

    @Test func seedLayerUpdateChangesOnlyAlpha() throws {
        let layer = SeedLayer(alpha: dvec([1, 2, 3]), beta: dvec([0.5, 0.5, 0.5]), length: 3)
        let state = Optimisers.setup(DecayDescent(eta: 0.1), layer)
        // L = Σ alpha·beta + Σ beta: the gradient reaches both fields (∂alpha = beta, ∂beta = alpha + 1) …
        let g = gradient({ l in sum(l.alpha .* l.beta) + sum(l.beta) }, layer)
        #expect(g.alpha.tensor(as: Double.self)?.scalars == [0.5, 0.5, 0.5])
        #expect(g.beta.tensor(as: Double.self)?.scalars == [2, 3, 4])
        // … but only alpha is trained.
        let (_, updated) = try Optimisers.update(state, layer, g)
        expectClose(updated.alpha.scalars, [0.95, 1.95, 2.95])
        #expect(updated.beta.scalars == [0.5, 0.5, 0.5])
        #expect(updated.length == 3)
        try Optimisers.updateInPlace(state, layer, g)
        try Optimisers.updateInPlace(state, layer, g)
        expectClose(layer.alpha.scalars, [1, 2, 3].map { $0 - 0.05 - 0.05 / rt(2) })
        #expect(layer.beta.scalars == [0.5, 0.5, 0.5])
    }
}
