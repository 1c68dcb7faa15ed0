import Foundation
import Testing
import Tensors
import Tracker

/// The seed example: W = rand(2, 5), b = rand(2), loss = sum((W*x .+ b .- y).^2), checked
/// against the closed form ∂W = 2(Wx + b − y)xᵀ, ∂b = 2(Wx + b − y).
@Suite("Linear regression gradient")
struct LinearRegressionGradientTests {
    /// The residual Wx + b − y for a batch X (features × batch), by plain loops.
    func residual(_ W: Tensor<Double>, _ b: Tensor<Double>, _ X: Tensor<Double>, _ Y: Tensor<Double>) -> [Double] {
        let m = W.shape[0], k = W.shape[1], n = X.count / k
        var r = referenceMatmul(W.scalars, X.scalars, m: m, k: k, n: n)
        for j in 0..<n { for i in 0..<m { r[i + j * m] += b.scalars[i] - Y.scalars[i + j * m] } }
        return r
    }

    @Test(arguments: [1, 2, 3])
    func singleSampleClosedForm(_ seed: Int) {
        var g = Xoshiro256StarStar(seed: UInt64(seed))
        let W = rand(2, 5, using: &g), b = rand(2, using: &g)
        let x = rand(5, using: &g), y = rand(2, using: &g)
        func loss(_ x: Tensor<Double>, _ y: Tensor<Double>) -> Tensor<Double> { sum((W * x .+ b .- y) .^ 2) }

        let θ = params(W, b)
        let (value, gs) = withgradient({ loss(x, y) }, θ)
        let r = residual(W, b, x, y)
        var dW = [Double](repeating: 0, count: 10)
        for j in 0..<5 { for i in 0..<2 { dW[i + 2 * j] = 2 * r[i] * x.scalars[j] } }
        let db = r.map { 2 * $0 }

        #expect(Swift.abs(value - r.reduce(0) { $0 + $1 * $1 }) <= 1e-14)
        #expect(gs[W]?.shape == [2, 5])
        #expect(gs[b]?.shape == [2])
        #expect(approxEqual(gs[W]!.scalars, dW, rtol: 1e-13, atol: 1e-15))
        #expect(approxEqual(gs[b]!.scalars, db, rtol: 1e-13, atol: 1e-15))

        // the trailing-closure form gives the same
        let gs2 = gradient(θ) { loss(x, y) }
        #expect(gs2[W]!.scalars == gs[W]!.scalars)
        #expect(gs2[b]!.scalars == gs[b]!.scalars)
    }

    @Test func batchClosedForm() {
        var g = Xoshiro256StarStar(seed: 99)
        let W = rand(2, 5, using: &g), b = rand(2, using: &g)
        let X = rand(5, 8, using: &g), Y = rand(2, 8, using: &g)
        let gs = gradient({ sum((W * X .+ b .- Y) .^ 2) }, params(W, b))
        let R = residual(W, b, X, Y)                         // 2×8
        // ∂W = 2 R Xᵀ, ∂b = 2 Σ_columns R
        var dW = [Double](repeating: 0, count: 10)
        for i in 0..<2 { for j in 0..<5 { for s in 0..<8 { dW[i + 2 * j] += 2 * R[i + 2 * s] * X.scalars[j + 5 * s] } } }
        var db = [0.0, 0.0]
        for s in 0..<8 { for i in 0..<2 { db[i] += 2 * R[i + 2 * s] } }
        #expect(approxEqual(gs[W]!.scalars, dW, rtol: 1e-13, atol: 1e-14))
        #expect(approxEqual(gs[b]!.scalars, db, rtol: 1e-13, atol: 1e-14))
    }

    @Test func gradientDescentReducesTheLoss() {
        var g = Xoshiro256StarStar(seed: 7)
        let W = rand(2, 5, using: &g), b = rand(2, using: &g)
        let Wtrue = randn(2, 5, using: &g), btrue = randn(2, using: &g)
        let X = randn(5, 20, using: &g)
        let Y = Wtrue * X .+ btrue
        let θ = params(W, b)
        func loss() -> Tensor<Double> { mean((W * X .+ b .- Y) .^ 2) }
        let initial = loss().item
        for _ in 0..<200 {
            let gs = gradient(loss, θ)
            W .-= 0.1 * gs[W]!
            b .-= 0.1 * gs[b]!
        }
        let final = loss().item
        #expect(final < initial * 1e-3, "loss went from \(initial) to \(final)")
    }

    @Test func floatClosedForm() {
        let W = Tensor<Float>(rows: [[0.5, -1, 2, 0, 1], [1, 1, -0.5, 0.25, 0]])
        let b = Tensor<Float>([0.1, -0.2])
        let x = Tensor<Float>([1, 2, -1, 0.5, 3]), y = Tensor<Float>([0.5, 1])
        let gs = gradient({ sum((W * x .+ b .- y) .^ 2) }, params(W, b))
        // r = Wx + b − y by hand: row 0: 0.5 − 2 − 2 + 0 + 3 = −0.5, +0.1 −0.5 = −0.9
        //                          row 1: 1 + 2 + 0.5 + 0.125 + 0 = 3.625, −0.2 −1 = 2.425
        let r: [Float] = [-0.9, 2.425]
        var dW = [Float](repeating: 0, count: 10)
        for j in 0..<5 { for i in 0..<2 { dW[i + 2 * j] = 2 * r[i] * x.scalars[j] } }
        #expect(approxEqual(gs[W]!.scalars, dW))
        #expect(approxEqual(gs[b]!.scalars, r.map { 2 * $0 }))
    }
}
