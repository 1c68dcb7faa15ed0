import Foundation
import Testing
@testable import Tensors

@Suite("Reductions")
struct ReductionTests {
    let m = Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])

    @Test func wholeTensorReductionsAreZeroDimensional() {
        let s = sum(m)
        #expect(s.shape == [])
        #expect(s.item == 21)
        let mu = mean(m)
        #expect(mu.shape == [])
        #expect(mu.item == 3.5)
        let hi = maximum(m)
        #expect(hi.shape == [])
        #expect(hi.item == 6)
        let lo = minimum(m)
        #expect(lo.shape == [])
        #expect(lo.item == 1)
        let mixed = Tensor<Double>([3, -7, 2.5, 9, -1])
        #expect(maximum(mixed).item == 9)
        #expect(minimum(mixed).item == -7)
        #expect(sum(Tensor<Float>([0.5, 0.25])).item == Float(0.75))
    }

    @Test func sumAndMeanAlongDims() {
        // Julia: sum([1 2 3; 4 5 6], dims = 1) == [5 7 9]
        let s1 = sum(m, dims: 1)
        #expect(s1.shape == [1, 3])
        #expect(s1.scalars == [5, 7, 9])
        // Julia: sum([1 2 3; 4 5 6], dims = 2) == [6; 15;;]
        let s2 = sum(m, dims: 2)
        #expect(s2.shape == [2, 1])
        #expect(s2.scalars == [6, 15])
        let m1 = mean(m, dims: 1)
        #expect(m1.shape == [1, 3])
        #expect(m1.scalars == [2.5, 3.5, 4.5])
        let m2 = mean(m, dims: 2)
        #expect(m2.shape == [2, 1])
        #expect(m2.scalars == [2, 5])
    }

    @Test func dimsBeyondTheRankIsIdentity() {
        // Julia: sum(x, dims = 3) of a matrix keeps it as it is
        let s = sum(m, dims: 3)
        #expect(s.shape == [2, 3])
        #expect(s.scalars == m.scalars)
        #expect(s !== m)
        let v = sum(Tensor<Double>([1, 2, 3]), dims: 1)
        #expect(v.shape == [1])
        #expect(v.scalars == [6])
    }

    @Test(arguments: [1, 2, 3])
    func threeDimensionalSumAndExtremaMatchReference(_ dims: Int) {
        var g = testGenerator(UInt64(40 + dims))
        let shape = [3, 4, 5]
        let x = uniformTensor(shape, -5, 5, using: &g)
        var outShape = shape; outShape[dims - 1] = 1
        var sums = [Double](repeating: 0, count: outShape.reduce(1, *))
        var maxes = [Double](repeating: -.infinity, count: sums.count)
        var mins = [Double](repeating: .infinity, count: sums.count)
        for index in allIndices(shape) {
            var r = index; r[dims - 1] = 0
            let o = columnMajorOffset(r, outShape)
            let v = x.scalars[columnMajorOffset(index, shape)]
            sums[o] += v
            maxes[o] = Swift.max(maxes[o], v)
            mins[o] = Swift.min(mins[o], v)
        }
        let s = sum(x, dims: dims)
        #expect(s.shape == outShape)
        #expect(approxEqual(s.scalars, sums, rtol: 1e-14, atol: 1e-14))
        let mu = mean(x, dims: dims)
        #expect(mu.shape == outShape)
        #expect(approxEqual(mu.scalars, sums.map { $0 / Double(shape[dims - 1]) }, rtol: 1e-14, atol: 1e-14))
        let hi = maximum(x, dims: dims)
        #expect(hi.shape == outShape)
        #expect(hi.scalars == maxes)
        let lo = minimum(x, dims: dims)
        #expect(lo.shape == outShape)
        #expect(lo.scalars == mins)
    }

    @Test func maximumAndMinimumAlongDims() {
        let x = Tensor<Double>(rows: [[1, 5, 3], [4, 2, 6]])
        let c = maximum(x, dims: 1)
        #expect(c.shape == [1, 3])
        #expect(c.scalars == [4, 5, 6])
        let r = maximum(x, dims: 2)
        #expect(r.shape == [2, 1])
        #expect(r.scalars == [5, 6])
        #expect(minimum(x, dims: 1).scalars == [1, 2, 3])
        #expect(minimum(x, dims: 2).scalars == [1, 2])
    }

    @Test func argmaxAlongDims() {
        let x = Tensor<Double>(rows: [[1, 5, 3], [4, 2, 6]])
        // Julia's argmax(x, dims = 1) gives rows 2, 1, 2 (1-based): 0-based 1, 0, 1
        #expect(argmax(x, dims: 1) == [1, 0, 1])
        // per row: columns 2 and 3 (1-based)
        #expect(argmax(x, dims: 2) == [1, 2])
        // ties go to the first
        let t = Tensor<Double>(rows: [[7, 0], [7, 0], [1, 0]])
        #expect(argmax(t, dims: 1) == [0, 0])
        // a column of a larger matrix
        let big = Tensor<Double>(shape: [4, 2], scalars: [0.1, 0.9, 0.3, 0.2, 0.5, 0.1, 0.2, 0.7])
        #expect(argmax(big, dims: 1) == [1, 3])
    }

    @Test func maximumPropagatesNaN() {
        // Julia: maximum([1.0, NaN, 3.0]) is NaN
        #expect(maximum(Tensor<Double>([1, .nan, 3])).item.isNaN)
        #expect(minimum(Tensor<Double>([1, .nan, 3])).item.isNaN)
    }

    @Test func maximumAlongDimsPropagatesNaN() {
        // Julia: maximum([1 3; 2 NaN], dims = 1) == [2.0 NaN], wherever the NaN sits in the slice
        let x = Tensor<Double>(rows: [[1, 3], [2, .nan]])
        let hi = maximum(x, dims: 1)
        #expect(hi.scalars[0] == 2)
        #expect(hi.scalars[1].isNaN, "maximum(x, dims: 1) must be NaN for a column containing NaN, got \(hi.scalars[1])")
        let lo = minimum(x, dims: 1)
        #expect(lo.scalars[1].isNaN, "minimum(x, dims: 1) must be NaN for a column containing NaN, got \(lo.scalars[1])")
    }

    @Test func normIsEuclidean() {
        #expect(norm(Tensor<Double>([3, 4])).item == 5)
        #expect(norm(Tensor<Double>([3, 4])).shape == [])
        let x = Tensor<Double>(rows: [[1, 2], [2, 4]])
        #expect(norm(x).item == 5)
        var g = testGenerator(9)
        let r = uniformTensor([7, 3], using: &g)
        let expected = Foundation.sqrt(r.scalars.reduce(0) { $0 + $1 * $1 })
        #expect(Swift.abs(norm(r).item - expected) <= 1e-15 * expected)
        #expect(norm(Tensor<Float>([3, 4])).item == Float(5))
    }

    @Test func normGuards() {
        #expect(norm(zeros(3, 2)).item == 0)
        #expect(norm(Tensor<Double>([1, .infinity, 2])).item == .infinity)
        #expect(norm(Tensor<Double>([-.infinity, 1])).item == .infinity)
        #expect(norm(Tensor<Double>([1, .nan])).item.isNaN)
        // no overflow or underflow
        // (Julia computes 4e200·√((3e200/4e200)² + 1) here too, which rounds to 5e200 − 1 ulp)
        let huge = norm(Tensor<Double>([3e200, 4e200])).item
        #expect(huge.isFinite)
        #expect(Swift.abs(huge - 5e200) <= 2 * (5e200).ulp)
        let tiny = norm(Tensor<Double>([3e-200, 4e-200])).item
        #expect(Swift.abs(tiny - 5e-200) <= 1e-15 * 5e-200)
        let f = norm(Tensor<Float>([3e30, 4e30])).item
        #expect(Swift.abs(f - Float(5e30)) <= 2 * Float(5e30).ulp)
    }

    @Test func floatNormIsTheCorrectlyRoundedDoubleSum() {
        // Float norms sum Double squares in blocks of 2¹⁶, each in four partial sums, the blocks
        // 64 at a time; every length (partial lane groups and blocks, more than 64 blocks)
        // must agree with a sequential Double sum to within one Float ulp.
        var g = testGenerator(31)
        for n in [1, 2, 3, 4, 5, 7, 8, 9, 33, 1000, 3 * (1 << 16) + 1, 65 * (1 << 16) + 7] {
            let x = Tensor<Float>(uniformTensor([n], -3, 3, using: &g))
            let reference = Float(x.scalars.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
            #expect(Swift.abs(norm(x).item - reference) <= reference.ulp, "n = \(n)")
        }
        // The guards hold without a separate max-abs pass: zeros (of either sign), ∞ and NaN in
        // any order, and values whose squares overflow or underflow in Float.
        #expect(norm(Tensor<Float>([-0.0, 0, -0.0])).item.bitPattern == Float(0).bitPattern)
        #expect(norm(Tensor<Float>([1, 2, -.infinity, 3, 4])).item == .infinity)
        #expect(norm(Tensor<Float>([.infinity, 1, 2, 3, .nan])).item.isNaN)
        #expect(norm(Tensor<Float>([.nan, 1, 2, 3, .infinity])).item.isNaN)
        #expect(norm(Tensor<Float>([3e-30, 4e-30])).item == Float(5e-30))
        #expect(norm(Tensor<Float>([3e38, 3e38])).item == .infinity)  // √2·3e38 is past Float's range
        #expect(norm(Tensor<Float>([.leastNonzeroMagnitude, .leastNonzeroMagnitude])).item == .leastNonzeroMagnitude)
    }

    @Test func twoNormOnBuffers() {
        let zero: [Double] = [0, 0, 0]
        #expect(zero.withUnsafeBufferPointer { twoNorm($0) } == 0)
        let inf: [Double] = [1, .infinity]
        #expect(inf.withUnsafeBufferPointer { twoNorm($0) } == .infinity)
        let plain: [Double] = [1, 2, 2]
        #expect(plain.withUnsafeBufferPointer { twoNorm($0) } == 3)
        let empty: [Double] = []
        #expect(empty.withUnsafeBufferPointer { twoNorm($0) } == 0)
    }
}
