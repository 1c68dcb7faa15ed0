import Testing
import Flux
import Optimisers

// trainables and destructure (spec §6.3): order, ties once, non-trainable tensors kept, the
// rebuild function, and gradients in both directions, all checked against hand values.

/// The sum of the squares of every trainable tensor (the docs' `l2reg`).
private func l2reg(_ m: any Trainable) -> Tensor<Double> {
    let squares = Optimisers.trainables(m, as: Double.self).map { sum($0 .* $0) }
    return squares.dropFirst().reduce(squares[0], +)
}

@Suite("trainables and destructure")
struct DestructureTests {
    @Test func trainablesInOrderAndTiesOnce() {
        let d1 = dense([[1, 2], [3, 4]], [0.5, -0.5]), d2 = dense([[1, -1]], [0.25])
        let model = Chain(d1, d2, d1)
        let found = Optimisers.trainables(model)
        #expect(found.count == 4)
        let typed = Optimisers.trainables(model, as: Double.self)
        #expect(typed[0] === d1.weight && typed[1] === d1.bias! && typed[2] === d2.weight && typed[3] === d2.bias!)
        #expect(typed.map(\.shape) == [[2, 2], [2], [1, 2], [1]])
    }

    @Test func l2RegulariserGradientIsTwiceTheParameters() {
        let model = twoLayerModel()
        // l2 = 1 + 9 + 4 + 16 + 0.25 + 0.25 + 1 + 1 + 0.0625.
        #expect(l2reg(model).item == 32.5625)
        let g = gradient({ m in l2reg(m) }, model)
        #expect(g.layers[0].weight.tensor(as: Double.self)?.scalars == [2, 6, 4, 8])
        #expect(g.layers[0].bias.tensor(as: Double.self)?.scalars == [1, -1])
        #expect(g.layers[1].weight.tensor(as: Double.self)?.scalars == [2, -2])
        #expect(g.layers[1].bias.tensor(as: Double.self)?.scalars == [0.5])
    }

    @Test func flatVectorIsColumnMajorWeightThenBiasInLayerOrder() {
        let (flat, re) = Optimisers.destructure(twoLayerModel(), as: Double.self)
        // W₁ = [1 2; 3 4] column-major, b₁, W₂ = [1 −1], b₂.
        #expect(flat.shape == [9])
        #expect(flat.scalars == [1, 3, 2, 4, 0.5, -0.5, 1, -1, 0.25])
        #expect(re.length == 9)
    }

    @Test func tiesAppearOnceAndStayTiedWhenRebuilt() {
        let d = dense([[1, 2], [3, 4]], [5, 6])
        let (flat, re) = Optimisers.destructure(Chain(d, d), as: Double.self)
        #expect(flat.scalars == [1, 3, 2, 4, 5, 6])
        let rebuilt = re(flat .* 10)
        #expect(denseAt(rebuilt, 0).weight === denseAt(rebuilt, 1).weight)
        #expect(denseAt(rebuilt, 1).weight.scalars == [10, 30, 20, 40])
        #expect(denseAt(rebuilt, 1).bias!.scalars == [50, 60])
    }

    @Test func restructureRoundTripAndScaling() {
        let model = twoLayerModel()
        let (flat, re) = Optimisers.destructure(model, as: Double.self)
        let same = re(flat)
        #expect(parameterNumbers(same) == parameterNumbers(model))
        #expect(denseAt(same, 0).weight.shape == [2, 2] && denseAt(same, 1).weight.shape == [1, 2])
        #expect(same(dvec([1, 2])).scalars == model(dvec([1, 2])).scalars)
        let doubled = re(2 .* flat)
        #expect(parameterNumbers(doubled) == parameterNumbers(model).map { 2 * $0 })
        // The model itself is untouched.
        #expect(parameterNumbers(model) == [1, 3, 2, 4, 0.5, -0.5, 1, -1, 0.25])
    }

    @Test func nonTrainableTensorsArePreserved() {
        let layer = SeedLayer(alpha: dvec([1, 2, 3]), beta: dvec([7, 8, 9]), length: 3)
        let (flat, re) = Optimisers.destructure(layer, as: Double.self)
        #expect(flat.scalars == [1, 2, 3])
        let rebuilt = re(dvec([-1, -2, -3]))
        #expect(rebuilt.alpha.scalars == [-1, -2, -3])
        #expect(rebuilt.beta === layer.beta)
        #expect(rebuilt.length == 3)
    }

    @Test func gradientThroughRestructureIsTheModelGradient() {
        let model = twoLayerModel()
        let x = dvec([1, 2])
        let (flat, re) = Optimisers.destructure(model, as: Double.self)
        // L = sum(W₂(W₁x + b₁) + b₂): ∂W₁ = (W₂ᵀ1)·xᵀ = [1 2; −1 −2], ∂b₁ = [1, −1],
        // ∂W₂ = (W₁x + b₁)ᵀ = [5.5 10.5], ∂b₂ = 1; concatenated column-major.
        let byHand: [Double] = [1, -1, 2, -2, 1, -1, 5.5, 10.5, 1]
        let gv = gradient({ v in sum(re(v)(x)) }, flat)
        #expect(gv?.scalars == byHand)
        // The same as the model gradient, flattened in trainables order.
        let gm = gradient({ m in sum(m(x)) }, model)
        let leaves = [gm.layers[0].weight, gm.layers[0].bias, gm.layers[1].weight, gm.layers[1].bias]
        #expect(leaves.flatMap { $0.tensor(as: Double.self)?.scalars ?? [] } == byHand)
    }

    @Test func gradientFlowsFromTheFlatVectorBackToTheModel() {
        let model = twoLayerModel()
        let g = gradient({ m in let (f, _) = Optimisers.destructure(m, as: Double.self); return sum(f .* f) }, model)
        #expect(g.layers[0].weight.tensor(as: Double.self)?.scalars == [2, 6, 4, 8])
        #expect(g.layers[0].bias.tensor(as: Double.self)?.scalars == [1, -1])
        #expect(g.layers[1].weight.tensor(as: Double.self)?.scalars == [2, -2])
        #expect(g.layers[1].bias.tensor(as: Double.self)?.scalars == [0.5])
    }

    @Test func trainingTheFlatVectorMatchesTrainingTheModel() throws {
        let model = twoLayerModel()
        let x = dvec([1, 2])
        var (flat, re) = Optimisers.destructure(model, as: Double.self)
        var flatState = Optimisers.setup(Optimisers.Adam(0.05), flat)
        let modelState = Optimisers.setup(Optimisers.Adam(0.05), model)
        for _ in 1...5 {
            let gv = gradient({ v in let y = re(v)(x); return sum(y .* y) }, flat)!
            (flatState, flat) = try Optimisers.update(flatState, flat, gv)
            try Optimisers.updateInPlace(modelState, model, gradient({ m in let y = m(x); return sum(y .* y) }, model))
        }
        expectClose(flat.scalars, parameterNumbers(model))
        expectClose(parameterNumbers(re(flat)), parameterNumbers(model))
    }

    @Test func floatModelsDestructureToFloat() {
        let model = Chain(Dense(2 => 3), Dense(3 => 1))
        let (flat, re) = Optimisers.destructure(model)
        #expect(flat.count == 6 + 3 + 3 + 1)
        #expect(flat.scalars == model.layer(0, as: Dense<Float>.self).weight.scalars + [0, 0, 0]
                + model.layer(1, as: Dense<Float>.self).weight.scalars + [0])
        #expect(re(flat).layer(1, as: Dense<Float>.self).weight.scalars == model.layer(1, as: Dense<Float>.self).weight.scalars)
    }

    @Test func wrongLengthStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let (_, re) = Optimisers.destructure(twoLayerModel(), as: Double.self)
            _ = re(Tensor<Double>([1, 2]))
        }
        if let result {
            let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(stderr.contains("9"), "stderr: \(stderr)")
        }
    }
}
