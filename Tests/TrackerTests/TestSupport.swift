import Foundation
import Testing
import Tensors
import Tracker

// Helpers shared by the Tracker tests. Reference values are computed independently of the
// code under test: plain loops over `[Double]`, or central differences of the forward pass.

/// A seeded generator for test inputs. The Tracker tests never draw from the process-wide
/// default generator, so they cannot disturb the seeding tests of the Tensors target.
func testGenerator(_ seed: UInt64 = 4321) -> Xoshiro256StarStar { Xoshiro256StarStar(seed: seed) }

/// A tensor of the given shape with values uniform in `lo..<hi`.
func uniformTensor(_ shape: [Int], _ lo: Double = -1, _ hi: Double = 1, using g: inout Xoshiro256StarStar) -> Tensor<Double> {
    let n = shape.reduce(1, *)
    return Tensor(shape: shape, scalars: (0..<n).map { _ in Double.random(in: lo..<hi, using: &g) })
}

/// A tensor whose entries have magnitude in `lo..<hi` and a random sign (away from 0).
func awayFromZero(_ shape: [Int], _ lo: Double = 0.2, _ hi: Double = 1.5, using g: inout Xoshiro256StarStar) -> Tensor<Double> {
    let n = shape.reduce(1, *)
    return Tensor(shape: shape, scalars: (0..<n).map { _ in
        Double.random(in: lo..<hi, using: &g) * (Bool.random(using: &g) ? 1 : -1)
    })
}

/// A tensor of distinct values (gaps of at least 0.05) in random order, so that maxima and
/// minima are unique and do not change under a perturbation of 1e-6.
func distinctTensor(_ shape: [Int], using g: inout Xoshiro256StarStar) -> Tensor<Double> {
    let n = shape.reduce(1, *)
    let values = (0..<n).map { Double($0) * 0.1 - Double(n) * 0.05 + Double.random(in: 0..<0.05, using: &g) }
    return Tensor(shape: shape, scalars: values.shuffled(using: &g))
}

/// `true` when every pair differs by at most `atol + rtol·|expected|`.
func approxEqual(_ actual: [Double], _ expected: [Double], rtol: Double = 1e-12, atol: Double = 1e-12) -> Bool {
    guard actual.count == expected.count else { return false }
    return zip(actual, expected).allSatisfy { a, e in a == e || Swift.abs(a - e) <= atol + rtol * Swift.abs(e) }
}

func approxEqual(_ actual: [Float], _ expected: [Float], rtol: Float = 1e-5, atol: Float = 1e-6) -> Bool {
    approxEqual(actual.map(Double.init), expected.map(Double.init), rtol: Double(rtol), atol: Double(atol))
}

/// Compares the gradient computed by `gradient` with central differences (h = 1e-6).
///
/// A scalar-valued `f` is differentiated directly. A tensor-valued `f` is contracted with a fixed
/// random weighting `R` of its output's shape, `L(x) = Σ f(x) ⊙ R`, so every output element
/// contributes to the check (the contraction is plain arithmetic on `scalars`, outside the
/// tape, for the numerical side).
func checkGradient(_ f: (Tensor<Double>) -> Tensor<Double>, at x: Tensor<Double>,
                   h: Double = 1e-6, rtol: Double = 1e-6, atol: Double = 1e-7,
                   _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    let probe = f(x)
    let scalarOutput = probe.count == 1
    var rng = Xoshiro256StarStar(seed: UInt64(probe.count * 7919 + x.count))
    let weights = Tensor<Double>(shape: probe.shape, scalars: (0..<probe.count).map { _ in Double.random(in: 0.5..<1.5, using: &rng) })

    func value(_ y: Tensor<Double>) -> Double {
        scalarOutput ? y.item : zip(y.scalars, weights.scalars).reduce(0) { $0 + $1.0 * $1.1 }
    }

    let analytic = gradient({ (t: Tensor<Double>) -> Tensor<Double> in
        scalarOutput ? f(t) : sum(f(t) .* weights)
    }, x)
    #expect(analytic != nil, "gradient is nil. \(comment?.description ?? "")", sourceLocation: sourceLocation)
    guard let analytic else { return }
    #expect(analytic.shape == x.shape, "gradient shape \(analytic.shape) ≠ input shape \(x.shape). \(comment?.description ?? "")",
            sourceLocation: sourceLocation)

    var numeric = [Double](repeating: 0, count: x.count)
    for i in 0..<x.count {
        let plus = x.copy(), minus = x.copy()
        plus[i] += h
        minus[i] -= h
        numeric[i] = (value(f(plus)) - value(f(minus))) / (2 * h)
    }
    var bad: [(Int, Double, Double)] = []
    for (i, (a, n)) in zip(analytic.scalars, numeric).enumerated()
    where !(Swift.abs(a - n) <= atol + rtol * Swift.max(Swift.abs(a), Swift.abs(n))) {
        bad.append((i, a, n))
    }
    #expect(bad.isEmpty, "analytic vs numerical gradient differ at (index, analytic, numerical) \(bad.prefix(4)). \(comment?.description ?? "")",
            sourceLocation: sourceLocation)
}

/// The naive column-major matrix product, for closed-form expectations.
func referenceMatmul(_ a: [Double], _ b: [Double], m: Int, k: Int, n: Int) -> [Double] {
    var c = [Double](repeating: 0, count: m * n)
    for i in 0..<m { for j in 0..<n { for p in 0..<k { c[i + j * m] += a[i + p * m] * b[p + j * k] } } }
    return c
}
