import Testing
import Flux
import Optimisers

/// A model holding one tensor in two fields (tied weights).
struct TiedPair: Functor {
    let a: Tensor<Double>, b: Tensor<Double>
    var children: FunctorChildren { .fields([("a", a), ("b", b)]) }
    func reconstructed(from c: [any Trainable]) -> TiedPair {
        TiedPair(a: c[0] as! Tensor<Double>, b: c[1] as! Tensor<Double>)
    }
}

// Tied parameters (spec §6.3): one shared Leaf, gradients summed over every appearance, and the
// tie kept by update.

@Suite("Tied parameters")
struct TiesTests {
    @Test func oneLeafForATensorInTwoFields() {
        let w = dvec([1, -2, 3])
        let pair = TiedPair(a: w, b: w)
        let state = Optimisers.setup(Optimisers.Adam(), pair)
        #expect(leafAt(state.a) === leafAt(state.b))
        #expect(Optimisers.trainables(pair).count == 1)
    }

    @Test func autodiffGradientSumsBothUsesAtTheFirstPosition() {
        let w = dvec([1, -2])
        let pair = TiedPair(a: w, b: w)
        let u = dvec([0.5, 2]), v = dvec([-1, 3])
        // L = a·u + b·v with a = b = w: ∂L/∂w = u + v = [−0.5, 5], reported once.
        let g = gradient({ p in sum(p.a .* u) + sum(p.b .* v) }, pair)
        #expect(g.a.tensor(as: Double.self)?.scalars == [-0.5, 5])
        #expect(isEmpty(g.b))
    }

    @Test func adamOnATieEqualsOneParameterWithTheSummedGradient() throws {
        let w = dvec(trajectoryStart)
        let pair = TiedPair(a: w, b: w)
        let state = Optimisers.setup(Optimisers.Adam(0.05), pair)
        let reference = RefAdam(0.05)
        var expected = trajectoryStart
        for t in 1...25 {
            let ga = wobblyQuadraticGradient(t, w.scalars), gb = wobblyQuadraticGradient(t + 5, w.scalars)
            // A gradient at both positions (as a hand-written or Zygote gradient may have).
            try Optimisers.updateInPlace(state, pair, .fields([("a", .leaf(dvec(ga))), ("b", .leaf(dvec(gb)))]))
            expected = minus(expected, reference.step(expected, zip(ga, gb).map { $0 + $1 })!)
            expectClose(w.scalars, expected, "step \(t)")
        }
        // One Adam state, advanced once per step.
        #expect(stateNumbers(leafAt(state.a).state).last == 26)
    }

    @Test func pureUpdateKeepsTheTie() throws {
        let w = dvec([1, -2])
        let pair = TiedPair(a: w, b: w)
        let state = Optimisers.setup(Optimisers.Descent(0.5), pair)
        let (newState, newPair) = try Optimisers.update(state, pair, .fields([("a", .leaf(dvec([1, 1]))), ("b", .leaf(dvec([0.5, -1])))]))
        // Summed gradient [1.5, 0]: w − 0.5·[1.5, 0].
        #expect(newPair.a === newPair.b)
        #expect(newPair.a !== w)
        #expect(newPair.a.scalars == [0.25, -2])
        #expect(w.scalars == [1, -2])
        #expect(leafAt(newState.a) === leafAt(newState.b))
        #expect(leafAt(newState.a) !== leafAt(state.a))
        // adjust keeps the sharing too.
        let adjusted = Optimisers.adjust(state, 0.1)
        #expect(leafAt(adjusted.a) === leafAt(adjusted.b))
    }

    @Test func chainWithTheSameDenseTwice() throws {
        let d = dense([[0.5, -1], [2, 0.25]], [0.1, -0.2])
        let model = Chain(d, d)
        let state = Optimisers.setup(Optimisers.Descent(0.1), model)
        #expect(leafAt(state.layers[0].weight) === leafAt(state.layers[1].weight))
        #expect(leafAt(state.layers[0].bias) === leafAt(state.layers[1].bias))
        #expect(Optimisers.trainables(model).count == 2)

        // L = sum(W(Wx + b) + b), x = [1, 2]: h = Wx + b = [0.5 − 2 + 0.1, 2 + 0.5 − 0.2] = [−1.4, 2.3];
        // Wᵀ1 = [2.5, −0.75]. ∂L/∂W = 1·hᵀ + (Wᵀ1)·xᵀ = [−1.4 + 2.5, 2.3 + 5; −1.4 − 0.75, 2.3 − 1.5]
        // = [1.1 7.3; −2.15 0.8]; ∂L/∂b = 1 + Wᵀ1 = [3.5, 0.25].
        let x = dvec([1, 2])
        let g = gradient({ m in sum(m(x)) }, model)
        expectClose(g.layers[0].weight.tensor(as: Double.self)!.scalars, [1.1, -2.15, 7.3, 0.8])
        expectClose(g.layers[0].bias.tensor(as: Double.self)!.scalars, [3.5, 0.25])
        #expect(isEmpty(g.layers[1].weight) && isEmpty(g.layers[1].bias))

        let (_, updated) = try Optimisers.update(state, model, g)
        #expect(denseAt(updated, 0).weight === denseAt(updated, 1).weight)
        #expect(denseAt(updated, 0).bias! === denseAt(updated, 1).bias!)
        expectClose(denseAt(updated, 0).weight.scalars, [0.5 - 0.11, 2 + 0.215, -1 - 0.73, 0.25 - 0.08])
        expectClose(denseAt(updated, 1).bias!.scalars, [0.1 - 0.35, -0.2 - 0.025])
        #expect(d.weight.scalars == [0.5, 2, -1, 0.25])
        try Optimisers.updateInPlace(state, model, g)
        expectClose(d.weight.scalars, [0.5 - 0.11, 2 + 0.215, -1 - 0.73, 0.25 - 0.08])
    }

    @Test func chainTieWithAdamOverTwentyFiveSteps() throws {
        let d = dense([[0.5, -1], [2, 0.25]], [0.1, -0.2])
        let model = Chain(d, d)
        let state = Optimisers.setup(Optimisers.Adam(0.02), model)
        let refW = RefAdam(0.02), refB = RefAdam(0.02)
        var w = d.weight.scalars, b = d.bias!.scalars
        func layerGradient(_ gw: [Double], _ gb: [Double]) -> ModelGradient {
            .fields([("weight", .leaf(Tensor<Double>(shape: [2, 2], scalars: gw))), ("bias", .leaf(dvec(gb)))])
        }
        for t in 1...25 {
            // A gradient at each of the two positions; the shared leaf receives their sum.
            let (gw1, gb1) = (wobblyQuadraticGradient(t, d.weight.scalars), wobblyQuadraticGradient(t + 3, d.bias!.scalars))
            let (gw2, gb2) = (wobblyQuadraticGradient(t + 6, d.weight.scalars), wobblyQuadraticGradient(t + 9, d.bias!.scalars))
            try Optimisers.updateInPlace(state, model, .fields([("layers", .elements([layerGradient(gw1, gb1), layerGradient(gw2, gb2)]))]))
            let gw = zip(wobblyQuadraticGradient(t, w), wobblyQuadraticGradient(t + 6, w)).map { $0 + $1 }
            let gb = zip(wobblyQuadraticGradient(t + 3, b), wobblyQuadraticGradient(t + 9, b)).map { $0 + $1 }
            w = minus(w, refW.step(w, gw)!)
            b = minus(b, refB.step(b, gb)!)
            expectClose(d.weight.scalars + d.bias!.scalars, w + b, "step \(t)")
        }
        #expect(stateNumbers(leafAt(state.layers[1].bias).state).last == 26)
    }

    @Test func freezingOnePositionFreezesTheSharedLeaf() throws {
        let d = dense([[1, 0], [0, 1]], [0, 0])
        let model = Chain(d, d)
        let state = Optimisers.setup(Optimisers.Descent(0.1), model)
        Optimisers.freeze(state.layers[1])
        #expect(leafAt(state.layers[0].weight).frozen)
        try Optimisers.updateInPlace(state, model, gradient({ m in sum(m(dvec([1, 2]))) }, model))
        #expect(d.weight.scalars == [1, 0, 0, 1])
    }
}
