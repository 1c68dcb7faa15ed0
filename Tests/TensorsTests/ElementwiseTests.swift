import Foundation
import Testing
@testable import Tensors

@Suite("Elementwise functions against Foundation")
struct ElementwiseTests {
    static let values: [Double] = [-20, -3.5, -1, -0.3, -1e-3, 0, 2e-4, 0.4, 1, 2.5, 7, 30]
    static let positives: [Double] = [1e-8, 0.01, 0.3, 1, 1.5, 2.718281828, 10, 1e5, 1e200]
    let x = Tensor<Double>(shape: [3, 4], scalars: ElementwiseTests.values)
    let p = Tensor<Double>(ElementwiseTests.positives)

    func check(_ y: Tensor<Double>, _ input: Tensor<Double>, _ f: (Double) -> Double, rtol: Double = 1e-14,
               _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(y.shape == input.shape, "\(name) keeps the shape", sourceLocation: sourceLocation)
        #expect(approxEqual(y.scalars, input.scalars.map(f), rtol: rtol, atol: 1e-300),
                "\(name): got \(y.scalars), expected \(input.scalars.map(f))", sourceLocation: sourceLocation)
        #expect(y !== input, sourceLocation: sourceLocation)
    }

    @Test func expLogSqrt() {
        check(exp(x), x, { Foundation.exp($0) }, "exp")
        check(log(p), p, { Foundation.log($0) }, "log")
        check(sqrt(p), p, { Foundation.sqrt($0) }, "sqrt")
    }

    @Test func absAndAbs2() {
        check(abs(x), x, { Swift.abs($0) }, "abs")
        check(abs2(x), x, { $0 * $0 }, "abs2")
    }

    @Test func tanhAndSigmoid() {
        check(tanh(x), x, { Foundation.tanh($0) }, "tanh")
        let logistic: (Double) -> Double = { 1 / (1 + Foundation.exp(-$0)) }
        check(σ(x), x, logistic, "σ")
        check(sigmoid(x), x, logistic, "sigmoid")
        // no overflow for large |x|
        let big = σ(Tensor<Double>([-1000, 1000]))
        #expect(big.scalars == [0, 1])
        #expect(!big.scalars.contains { $0.isNaN })
    }

    @Test func reluFamily() {
        check(relu(x), x, { Swift.max($0, 0) }, "relu")
        check(leakyrelu(x), x, { $0 > 0 ? $0 : 0.01 * $0 }, "leakyrelu")
        check(leakyrelu(x, 0.2), x, { $0 > 0 ? $0 : 0.2 * $0 }, "leakyrelu(0.2)")
        check(elu(x), x, { $0 > 0 ? $0 : Foundation.exp($0) - 1 }, rtol: 1e-12, "elu")
        check(elu(x, 0.5), x, { $0 > 0 ? $0 : 0.5 * (Foundation.exp($0) - 1) }, rtol: 1e-12, "elu(0.5)")
    }

    @Test func softplusMatchesLog1pExp() {
        check(softplus(x), x, { Foundation.log1p(Foundation.exp($0)) }, rtol: 1e-13, "softplus")
        // stays finite and ≈ x for large x, ≈ eˣ for very negative x
        let s = softplus(Tensor<Double>([800, -800]))
        #expect(s.scalars[0] == 800)
        #expect(s.scalars[1] >= 0 && s.scalars[1] < 1e-300)
    }

    @Test func signClampMaxMin() {
        check(sign(x), x, { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }, "sign")
        check(clamp(x, -1, 2), x, { Swift.min(Swift.max($0, -1), 2) }, "clamp")
        check(max(x, 0.5), x, { Swift.max($0, 0.5) }, "max")
        check(min(x, 0.5), x, { Swift.min($0, 0.5) }, "min")
        #expect(sign(Tensor<Double>([.nan])).scalars[0].isNaN)
    }

    @Test func floatVariants() {
        let xf = Tensor<Float>([-2, -0.5, 0, 0.5, 2])
        #expect(approxEqual(exp(xf).scalars, xf.scalars.map { Foundation.exp($0) }))
        #expect(approxEqual(tanh(xf).scalars, xf.scalars.map { Foundation.tanh($0) }))
        #expect(approxEqual(σ(xf).scalars, xf.scalars.map { 1 / (1 + Foundation.exp(-$0)) }))
        #expect(relu(xf).scalars == [Float(0), 0, 0, 0.5, 2])
        let pf = Tensor<Float>([0.25, 4])
        #expect(sqrt(pf).scalars == [Float(0.5), 2])
        #expect(approxEqual(log(pf).scalars, [Foundation.log(Float(0.25)), Foundation.log(Float(4))]))
    }

    @Test func scalarHelpers() {
        #expect(σ(0.0) == 0.5)
        #expect(Swift.abs(softplus(0.0) - Foundation.log(2.0)) < 1e-16)
        #expect(signum(-3.0) == -1 && signum(0.0) == 0 && signum(2.0) == 1)
    }
}
