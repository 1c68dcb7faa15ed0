import Testing
import Flux

/// Central-difference check of the gradient of a scalar function of `x` (h = 1e-6).
func checkScalarGradient(_ f: (Tensor<Double>) -> Tensor<Double>, at x: Tensor<Double>, tolerance: Double = 1e-6,
                         _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let analytic = gradient(f, x) else {
        Issue.record("gradient is nil. \(comment?.description ?? "")", sourceLocation: sourceLocation)
        return
    }
    let h = 1e-6
    for i in 0..<x.count {
        let plus = x.copy(), minus = x.copy()
        plus[i] += h
        minus[i] -= h
        let numeric = (f(plus).item - f(minus).item) / (2 * h)
        let a = analytic.scalars[i]
        #expect(Swift.abs(a - numeric) <= tolerance * (1 + Swift.max(Swift.abs(a), Swift.abs(numeric))),
                "index \(i): analytic \(a), numerical \(numeric). \(comment?.description ?? "")", sourceLocation: sourceLocation)
    }
}

/// Whether two arrays agree elementwise within `tolerance`.
func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { Swift.abs($0 - $1) <= tolerance * (1 + Swift.abs($1)) }
}
