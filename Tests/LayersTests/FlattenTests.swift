import Testing
import Flux

@Suite("flatten")
struct FlattenTests {
    @Test func keepsTheLastDimension() {
        let x = Tensor<Double>(shape: [2, 3, 2, 2], scalars: (0..<24).map(Double.init))
        let y = flatten(x)
        #expect(y.shape == [12, 2])
        #expect(y.scalars == x.scalars, "column-major order is unchanged")
        #expect(y !== x, "a new tensor, as reshape gives")
        #expect(flatten(Tensor<Double>(shape: [4, 5], repeating: 1)).shape == [4, 5])
        #expect(flatten(Tensor<Double>([1, 2, 3])).shape == [1, 3], "a vector becomes a 1×n row, as in Julia")
        #expect(Flux.flatten(Tensor<Float>(shape: [3, 3, 2, 0], repeating: 0)).shape == [18, 0])
    }

    @Test func isAChainMember() {
        let w = Tensor<Double>(shape: [1, 6], scalars: [1, 2, 3, 4, 5, 6])
        let model = Chain(Flux.flatten, Dense(weight: w, bias: nil, { $0 }))
        let x = Tensor<Double>(shape: [3, 2, 1], scalars: [1, 1, 1, 1, 1, 1])
        #expect(model(x).scalars == [21])
        #expect(params(model).count == 1)
    }

    @Test func isDifferentiable() {
        var g = Xoshiro256StarStar(seed: 2)
        let x = Tensor<Double>(shape: [2, 2, 3], scalars: (0..<12).map { _ in Double.random(in: -1..<1, using: &g) })
        let r = Tensor<Double>(shape: [4, 3], scalars: (0..<12).map { Double($0) - 5 })
        checkScalarGradient({ sum(flatten($0) .* r) }, at: x)
        #expect(gradient({ sum(flatten($0) .* r) }, x)?.shape == [2, 2, 3])
    }

    @Test func scalarStops() async {
        await #expect(processExitsWith: .failure) {
            _ = flatten(Tensor<Double>(1))
        }
    }
}
