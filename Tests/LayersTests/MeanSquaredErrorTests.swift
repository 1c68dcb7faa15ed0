import Testing
import Flux

@Suite("mse")
struct MeanSquaredErrorTests {
    @Test func meanOfSquaredDifferences() {
        let ŷ = Tensor<Double>([1, 2, 4]), y = Tensor<Double>([0, 2, 1])
        // ((1-0)² + 0² + (4-1)²) / 3 = 10/3
        #expect(mse(ŷ, y).item == 10.0 / 3.0)
        #expect(Losses.mse(ŷ, y).item == 10.0 / 3.0)
        #expect(mse(ŷ, y).shape == [])
    }

    @Test func aggregations() {
        let ŷ = Tensor<Float>(rows: [[1, 2], [3, 5]]), y = Tensor<Float>(rows: [[0, 2], [3, 3]])
        #expect(mse(ŷ, y, agg: .sum).item == 5)
        #expect(mse(ŷ, y, agg: .none).scalars == [1, 0, 0, 4])
        #expect(mse(ŷ, y).item == 1.25)
    }

    @Test func mismatchedShapesStopNamingBoth() async {
        // Flux 0.14 checks sizes (`_check_sizes`) instead of broadcasting the target.
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = mse(Tensor<Double>(rows: [[1, 2], [3, 4]]), Tensor<Double>([1, 3]))
        }
        if let result {
            let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(stderr.contains("(2, 2)") && stderr.contains("(2,)"), "stderr: \(stderr)")
        }
    }

    @Test func gradientIsTwoTimesDifferenceOverCount() {
        let ŷ = Tensor<Double>([1, 2, 4]), y = Tensor<Double>([0, 2, 1])
        let g = gradient({ mse($0, y) }, ŷ)!
        // ∂/∂ŷ mean((ŷ - y)²) = 2(ŷ - y)/n
        #expect(g.scalars == [2.0 / 3.0, 0, 2.0])
    }

    @Test func agreesWithADirectSumOnTheDocsLoss() {
        // The docs' "Composing Optimisers" loss mse(w*x, w1*x), against a plain Swift sum.
        var g = Xoshiro256StarStar(seed: 7)
        let w = randn(Double.self, [10, 10], using: &g), w1 = randn(Double.self, [10, 10], using: &g)
        let x = rand(Double.self, [10], using: &g)
        let l = mse(w * x, w1 * x).item
        let direct = zip((w * x).scalars, (w1 * x).scalars).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 10
        #expect(abs(l - direct) <= 1e-12 * direct)
    }
}
