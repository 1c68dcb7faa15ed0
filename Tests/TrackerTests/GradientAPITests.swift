import Foundation
import Testing
import Tensors
import Tracker

@Suite("gradient and withgradient")
struct GradientAPITests {
    let W = Tensor<Double>(rows: [[1, -2], [0.5, 3]])
    let b = Tensor<Double>([0.25, -1])
    let x = Tensor<Double>([2, -1])

    @Test func implicitParametersClosureForm() {
        // loss = sum(W x .+ b); ∂W[i, j] = x[j], ∂b = 1
        let gs = gradient({ sum(W * x .+ b) }, params(W, b))
        #expect(gs[W]?.shape == [2, 2])
        #expect(gs[W]?.scalars == Tensor<Double>(rows: [[2, -1], [2, -1]]).scalars)
        #expect(gs[b]?.scalars == [1, 1])
    }

    @Test func trailingClosureForm() {
        let gs = gradient(params(W, b)) { sum(W * x .+ b) }
        #expect(gs[W]?.scalars == Tensor<Double>(rows: [[2, -1], [2, -1]]).scalars)
        #expect(gs[b]?.scalars == [1, 1])
        let ws = withgradient(params(b)) { sum(b .* b) }
        #expect(ws.value == 1.0625)   // 0.25² + 1²
        #expect(ws.grads[b]?.scalars == [0.5, -2])
    }

    @Test func withgradientReturnsValueAndGrads() {
        let (value, grads) = withgradient({ sum(W .* W) }, params(W))
        #expect(value == 14.25)   // 1 + 4 + 0.25 + 9
        #expect(grads[W]?.scalars == W.scalars.map { 2 * $0 })
    }

    @Test func explicitSingleArgument() {
        let v = Tensor<Double>([1, 2, 3])
        let g = gradient({ x in sum(x .^ 2) }, v)
        #expect(g?.scalars == [2, 4, 6])
        let (value, g2) = withgradient({ x in sum(x .^ 3) }, v)
        #expect(value == 36)
        #expect(g2?.scalars == [3, 12, 27])
        // a function that ignores its argument
        let c = Tensor<Double>([5])
        #expect(gradient({ _ in sum(c) }, v) == nil)
    }

    @Test func explicitTwoArguments() {
        let a = Tensor<Double>([1, 2]), c = Tensor<Double>([3, -4])
        let (ga, gc) = gradient({ p, q in sum(p .* q) }, a, c)
        #expect(ga?.scalars == [3, -4])
        #expect(gc?.scalars == [1, 2])
        let (only, none) = gradient({ p, _ in sum(p .* p) }, a, c)
        #expect(only?.scalars == [2, 4])
        #expect(none == nil)
    }

    @Test func parameterUsedTwiceAccumulates() {
        let gs = gradient({ sum(W .* W) }, params(W))
        #expect(gs[W]?.scalars == W.scalars.map { 2 * $0 })
        // three uses along different paths: ∂/∂W sum(W .* W .+ 3W) = 2W + 3
        let gs2 = gradient({ sum(W .* W .+ 3.0 .* W) }, params(W))
        #expect(gs2[W]?.scalars == W.scalars.map { 2 * $0 + 3 })
        // the same tensor on both sides of a matrix product: ∂/∂A sum(A A) = 1 Aᵀ + Aᵀ 1
        let A = Tensor<Double>(rows: [[1, 2], [3, 4]])
        let gA: Tensor<Double> = gradient({ sum(A * A) }, params(A))[A]!
        // row sums of A are (3, 7), column sums (4, 6): ∂[i, j] = colsum_j... computed by hand:
        // sum(A A) = Σ_ijk A[i,k] A[k,j]; ∂/∂A[p,q] = Σ_j A[q,j] + Σ_i A[i,p] = rowsum(q) + colsum(p)
        let rowsum = [3.0, 7.0], colsum = [4.0, 6.0]
        var expected = [Double](repeating: 0, count: 4)
        for p in 0..<2 { for q in 0..<2 { expected[p + 2 * q] = rowsum[q] + colsum[p] } }
        #expect(gA.scalars == expected)
    }

    @Test func untrackedComputationRecordsNothing() {
        let y = W * x .+ b
        #expect(!y.isTracked)
        #expect(y.autodiffNode == nil)
        let gs = gradient({ sum(b .* 2.0) }, params(W))
        #expect(gs[W] == nil)
    }

    @Test func lossEqualToTheParameterItself() {
        let s = Tensor<Double>([4])
        let gs = gradient({ s }, params(s))
        #expect(gs[s]?.scalars == [1])
        let z = Tensor<Double>(2)
        #expect(gradient({ z .* z }, params(z))[z]?.scalars == [4])
    }

    @Test func oneElementLossOfShapeOneByOne() {
        let v = Tensor<Double>([1, 2])
        let row = Tensor<Double>(rows: [[3, 4]])
        // a 1×2 row times a length-2 vector is a one-element tensor, accepted as a loss
        let gs = gradient({ row * v }, params(v))
        #expect(gs[v]?.scalars == [3, 4])
    }

    @Test func gradientDoesNotChangeParametersOrLeaveThemTracked() {
        let before = W.scalars
        _ = gradient({ sum(exp(W)) }, params(W))
        #expect(W.scalars == before)
        #expect(!W.isTracked)
        #expect(W.autodiffNode == nil)
    }

    @Test func rethrowsErrorsFromTheLoss() {
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            _ = try gradient({ () throws -> Tensor<Double> in throw Boom() }, params(W))
        }
        // and the thread is left without an active recording: later operations are not recorded
        let y = W .* 2.0
        #expect(y.autodiffNode == nil)
    }

    @Test func floatGradients() {
        let w = Tensor<Float>([1, 2, 3])
        let gs = gradient({ sum(w .* w .* Float(0.5)) }, params(w))
        #expect(gs[w]?.scalars == [Float(1), 2, 3])
    }

    @Test func mixedElementTypesInOneParameterSet() {
        let f = Tensor<Float>([1, 2]), d = Tensor<Double>([3])
        let ps = params(f, d)
        let gs = gradient({ sum(d .* d) }, ps)
        #expect(gs[d]?.scalars == [6])
        #expect(gs[f] == nil)
    }

    @Test func nonScalarLossStops() async {
        await #expect(processExitsWith: .failure) {
            let v = Tensor<Double>([1, 2, 3])
            _ = gradient({ v .* 2.0 }, params(v))
        }
    }
}
