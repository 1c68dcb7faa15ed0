import Testing
import Flux
import Optimisers

// The seeds' `trainables(Chain(Dense(2 => 3, tanh), BatchNorm(3), Dense(3 => 2)))` (Optimisers.jl
// docs, "Collecting all trainable parameters"): BatchNorm contributes β and γ, not its running
// statistics μ and σ², which setup leaves empty and destructure keeps.

@Suite("BatchNorm in the explicit API")
struct BatchNormTrainablesTests {
    @Test func trainablesOfTheSeedModel() {
        let model = Chain(Dense(2 => 3, tanh), BatchNorm(3), Dense(3 => 2))
        let dense0 = model.layer(0, as: Dense<Float>.self), norm = model.layer(1, as: BatchNorm<Float>.self)
        let dense2 = model.layer(2, as: Dense<Float>.self)
        let found = Optimisers.trainables(model, as: Float.self)
        #expect(found.count == 6)
        #expect(found.map(\.shape) == [[3, 2], [3], [3], [3], [2, 3], [2]])
        #expect(found[0] === dense0.weight && found[1] === dense0.bias!)
        #expect(found[2] === norm.β! && found[3] === norm.γ!)
        #expect(found[4] === dense2.weight && found[5] === dense2.bias!)
        #expect(found[2].scalars == [0, 0, 0] && found[3].scalars == [1, 1, 1])
        #expect(!found.contains { $0 === norm.μ! || $0 === norm.σ²! })
    }

    @Test func setupLeavesTheRunningStatisticsEmpty() {
        let model = Chain(Dense(2 => 3, tanh), BatchNorm(3), Dense(3 => 2))
        let state = Optimisers.setup(Optimisers.Adam(), model)
        #expect(state.leafValues.count == 6)
        #expect(leafAt(state.layers[1].β).state is MomentState<Float>)
        #expect(leafAt(state.layers[1].γ).state is MomentState<Float>)
        #expect(isEmpty(state.layers[1].μ))
        #expect(isEmpty(state.layers[1].σ²))
    }

    @Test func l2GradientReachesBetaAndGamma() {
        let model = Chain(Dense(2 => 3, tanh), BatchNorm(3), Dense(3 => 2))
        let g = gradient({ m in
            let squares = Optimisers.trainables(m, as: Float.self).map { sum($0 .* $0) }
            return squares.dropFirst().reduce(squares[0], +)
        }, model)
        // ∂/∂p Σ p² = 2p: β = 0 gives 0, γ = 1 gives 2; μ and σ² get nothing.
        #expect(g.layers[1].β.tensor(as: Float.self)?.scalars == [0, 0, 0])
        #expect(g.layers[1].γ.tensor(as: Float.self)?.scalars == [2, 2, 2])
        #expect(isEmpty(g.layers[1].μ) && isEmpty(g.layers[1].σ²))
    }

    @Test func updateDoesNotTouchTheRunningStatistics() throws {
        let norm = BatchNorm<Double>(channels: 2, β: dvec([0, 0]), γ: dvec([1, 1]), μ: dvec([0.5, -0.5]), σ²: dvec([2, 3]), linear)
        let state = Optimisers.setup(Optimisers.Descent(0.5), norm)
        // A gradient for every child, running statistics included (as a hand-made gradient may be).
        let grad: ModelGradient = .fields([("β", .leaf(dvec([1, 2]))), ("γ", .leaf(dvec([-1, 4]))),
                                           ("μ", .leaf(dvec([10, 10]))), ("σ²", .leaf(dvec([10, 10])))])
        let (_, updated) = try Optimisers.update(state, norm, grad)
        #expect(updated.β?.scalars == [-0.5, -1])
        #expect(updated.γ?.scalars == [1.5, -1])
        #expect(updated.μ?.scalars == [0.5, -0.5])
        #expect(updated.σ²?.scalars == [2, 3])
    }

    @Test func destructureSkipsTheRunningStatistics() {
        let norm = BatchNorm<Double>(channels: 2, β: dvec([0.1, 0.2]), γ: dvec([1, 2]), μ: dvec([0.5, -0.5]), σ²: dvec([2, 3]), linear)
        let (flat, re) = Optimisers.destructure(norm, as: Double.self)
        #expect(flat.scalars == [0.1, 0.2, 1, 2])
        let rebuilt = re(dvec([5, 6, 7, 8]))
        #expect(rebuilt.β?.scalars == [5, 6] && rebuilt.γ?.scalars == [7, 8])
        #expect(rebuilt.μ === norm.μ && rebuilt.σ² === norm.σ²)
    }
}
