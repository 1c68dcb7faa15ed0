import Foundation
import Testing
@testable import Tensors

// Helpers shared by the Tensors tests. Every reference computation here is written
// independently of the code under test (plain Swift arrays and loops).

/// `true` when every pair differs by at most `atol + rtol·|expected|`.
func approxEqual(_ actual: [Double], _ expected: [Double], rtol: Double = 1e-12, atol: Double = 1e-12) -> Bool {
    guard actual.count == expected.count else { return false }
    for (a, e) in zip(actual, expected) {
        if a.isNaN || e.isNaN { if a.isNaN != e.isNaN { return false } else { continue } }
        if a == e { continue }
        if Swift.abs(a - e) > atol + rtol * Swift.abs(e) { return false }
    }
    return true
}

func approxEqual(_ actual: [Float], _ expected: [Float], rtol: Float = 1e-5, atol: Float = 1e-6) -> Bool {
    approxEqual(actual.map(Double.init), expected.map(Double.init), rtol: Double(rtol), atol: Double(atol))
}

/// Column-major offset of a 0-based multi-index.
func columnMajorOffset(_ index: [Int], _ shape: [Int]) -> Int {
    var offset = 0, stride = 1
    for d in 0..<shape.count { offset += index[d] * stride; stride *= shape[d] }
    return offset
}

/// All 0-based multi-indices of `shape` in column-major order.
func allIndices(_ shape: [Int]) -> [[Int]] {
    let n = shape.reduce(1, *)
    if n == 0 { return [] }
    var result: [[Int]] = []
    var index = [Int](repeating: 0, count: shape.count)
    for _ in 0..<n {
        result.append(index)
        var d = 0
        while d < shape.count {
            index[d] += 1
            if index[d] < shape[d] { break }
            index[d] = 0
            d += 1
        }
    }
    return result
}

/// A naive reference for Julia broadcasting of two column-major arrays: returns the result shape
/// and values (the result shape is computed by Julia's rule written out independently).
func referenceBroadcast(_ a: [Double], _ sa: [Int], _ b: [Double], _ sb: [Int],
                        _ op: (Double, Double) -> Double) -> (shape: [Int], values: [Double]) {
    let rank = Swift.max(sa.count, sb.count)
    let pa = sa + [Int](repeating: 1, count: rank - sa.count)
    let pb = sb + [Int](repeating: 1, count: rank - sb.count)
    let shape = (0..<rank).map { Swift.max(pa[$0], pb[$0]) }
    var values: [Double] = []
    for index in allIndices(shape) {
        let ia = (0..<rank).map { pa[$0] == 1 ? 0 : index[$0] }
        let ib = (0..<rank).map { pb[$0] == 1 ? 0 : index[$0] }
        values.append(op(a[columnMajorOffset(ia, pa)], b[columnMajorOffset(ib, pb)]))
    }
    return (shape, values)
}

/// Naive triple-loop column-major matrix product (m×k times k×n).
func referenceMatmul<S: BinaryFloatingPoint>(_ a: [S], _ b: [S], m: Int, k: Int, n: Int) -> [S] {
    var c = [S](repeating: 0, count: m * n)
    for i in 0..<m {
        for j in 0..<n {
            var s: Double = 0
            for p in 0..<k { s += Double(a[i + p * m]) * Double(b[p + j * k]) }
            c[i + j * m] = S(s)
        }
    }
    return c
}

/// A seeded generator for test inputs (never the process-wide default one, so that the
/// seeding tests in `RandomTests` are not disturbed by parallel tests).
func testGenerator(_ seed: UInt64 = 1234) -> Xoshiro256StarStar { Xoshiro256StarStar(seed: seed) }

/// A tensor of the given shape with values uniform in `lo..<hi`, from `g`.
func uniformTensor(_ shape: [Int], _ lo: Double = -1, _ hi: Double = 1, using g: inout Xoshiro256StarStar) -> Tensor<Double> {
    let n = shape.reduce(1, *)
    return Tensor(shape: shape, scalars: (0..<n).map { _ in Double.random(in: lo..<hi, using: &g) })
}
