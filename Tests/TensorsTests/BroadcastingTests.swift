import Foundation
import Testing
@testable import Tensors

@Suite("Broadcasting operators")
struct BroadcastingTests {
    let m = Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])   // 2×3

    @Test func matrixPlusVectorStretchesColumns() {
        // Julia: [1 2 3; 4 5 6] .+ [10, 20] == [11 12 13; 24 25 26]
        let c = m .+ Tensor<Double>([10, 20])
        #expect(c.shape == [2, 3])
        #expect(c.scalars == Tensor<Double>(rows: [[11, 12, 13], [24, 25, 26]]).scalars)
        // and the other way round
        let d = Tensor<Double>([10, 20]) .+ m
        #expect(d.shape == [2, 3])
        #expect(d.scalars == c.scalars)
    }

    @Test func matrixPlusRowStretchesRows() {
        // Julia: [1 2 3; 4 5 6] .+ [10 20 30] == [11 22 33; 14 25 36]
        let c = m .+ Tensor<Double>(rows: [[10, 20, 30]])
        #expect(c.shape == [2, 3])
        #expect(c.scalars == Tensor<Double>(rows: [[11, 22, 33], [14, 25, 36]]).scalars)
    }

    @Test func columnTimesRowIsOuterProduct() {
        // Julia: [1, 2] .* [3 4 5] — a (2,1) times a (1,3) gives (2,3)
        let col = Tensor<Double>(shape: [2, 1], scalars: [1, 2])
        let row = Tensor<Double>(rows: [[3, 4, 5]])
        let c = col .* row
        #expect(c.shape == [2, 3])
        #expect(c.scalars == Tensor<Double>(rows: [[3, 4, 5], [6, 8, 10]]).scalars)
        // a plain vector acts as a column too
        let v = Tensor<Double>([1, 2]) .* row
        #expect(v.shape == [2, 3])
        #expect(v.scalars == c.scalars)
    }

    @Test func subtractionAndDivisionBroadcast() {
        let c = m .- Tensor<Double>([1, 4])
        #expect(c.scalars == Tensor<Double>(rows: [[0, 1, 2], [0, 1, 2]]).scalars)
        let d = m ./ Tensor<Double>(rows: [[1, 2, 4]])
        #expect(d.scalars == Tensor<Double>(rows: [[1, 1, 0.75], [4, 2.5, 1.5]]).scalars)
    }

    @Test func scalarOperandsOnBothSides() {
        let x = Tensor<Double>([1, 2, 4])
        #expect((x .+ 1.0).scalars == [2, 3, 5])
        #expect((1.0 .+ x).scalars == [2, 3, 5])
        #expect((x .- 1.0).scalars == [0, 1, 3])
        #expect((10.0 .- x).scalars == [9, 8, 6])
        #expect((x .* 3.0).scalars == [3, 6, 12])
        #expect((3.0 .* x).scalars == [3, 6, 12])
        #expect((x ./ 2.0).scalars == [0.5, 1, 2])
        #expect((8.0 ./ x).scalars == [8, 4, 2])
        #expect((x .+ 1.0).shape == [3])
        let xm = m .* 2.0
        #expect(xm.shape == [2, 3])
    }

    @Test func zeroDimensionalTensorOperands() {
        let two = Tensor<Double>(2)
        let c = two .* m
        #expect(c.shape == [2, 3])
        #expect(c.scalars == m.scalars.map { 2 * $0 })
        let d = m .- two
        #expect(d.shape == [2, 3])
        #expect(d.scalars == m.scalars.map { $0 - 2 })
        let e = two .+ Tensor<Double>(5)
        #expect(e.shape == [])
        #expect(e.item == 7)
        // the 0-d result of a reduction broadcasts against a matrix (centering)
        let centred = m .- sum(m) ./ 6.0
        #expect(centred.shape == [2, 3])
        #expect(centred.scalars == m.scalars.map { $0 - 3.5 })
    }

    @Test func powerOperator() {
        let x = Tensor<Double>([-2, 0.5, 3])
        #expect((x .^ 2).scalars == [4, 0.25, 9])
        #expect((x .^ 3).scalars == [-8, 0.125, 27])
        #expect((x .^ 0).scalars == [1, 1, 1])
        #expect((x .^ 1).scalars == [-2, 0.5, 3])
        #expect((x .^ -1).scalars == [-0.5, 2, 1.0 / 3])
        let p = Tensor<Double>([0.25, 2, 9])
        #expect(approxEqual((p .^ 0.5).scalars, [0.5, Foundation.sqrt(2.0), 3], rtol: 1e-15))
        #expect(approxEqual((p .^ 2.5).scalars, [Foundation.pow(0.25, 2.5), Foundation.pow(2, 2.5), 243], rtol: 1e-15))
        #expect((p .^ 2).shape == [3])
    }

    @Test func precedenceOfPowerOverDottedArithmetic() {
        let x = Tensor<Double>([-1.5, 0, 0.5, 2])
        // Julia: 1 .- x .^ 2 is 1 .- (x .^ 2)
        let y = 1.0 .- x .^ 2
        #expect(y.scalars == x.scalars.map { 1 - $0 * $0 })
        // Julia: 2 .* x .^ 2 is 2 .* (x .^ 2)
        let z = 2.0 .* x .^ 2
        #expect(z.scalars == x.scalars.map { 2 * $0 * $0 })
        // x .^ 2 ./ 2 is (x .^ 2) ./ 2
        let w = x .^ 2 ./ 2.0
        #expect(w.scalars == x.scalars.map { $0 * $0 / 2 })
    }

    @Test func precedenceOfProductsOverSums() {
        let a = Tensor<Double>([1, 2]), b = Tensor<Double>([3, 4]), c = Tensor<Double>([5, 6])
        #expect((a .+ b .* c).scalars == [16, 26])
        #expect((a .* b .+ c).scalars == [8, 14])
        // left associativity
        #expect((a .- b .- c).scalars == [-7, -8])
        #expect((c ./ a ./ b).scalars == [5.0 / 3, 0.75])
        // matrix product binds tighter than .+
        let W = Tensor<Double>(rows: [[1, 2], [3, 4]])
        let y = W * a .+ b
        #expect(y.scalars == [8, 15])
    }

    /// Higher-rank broadcasts checked against a naive reference implementation of Julia's rule.
    @Test(arguments: [
        ([2, 3, 4], [1, 3, 1]),
        ([2, 1, 4], [2, 3]),
        ([1], [2, 3]),
        ([4], [4, 1, 2]),
        ([3, 1], [1, 1, 4]),
        ([2, 3], [2, 3]),
        ([1, 1], [3, 2]),
        ([5, 1, 3], [1, 4, 1]),
    ])
    func generalShapesMatchReference(_ sa: [Int], _ sb: [Int]) {
        var g = testGenerator(UInt64(sa.count * 31 + sb.reduce(0, +)))
        let a = uniformTensor(sa, using: &g), b = uniformTensor(sb, 0.5, 2, using: &g)
        let ops: [(String, (Tensor<Double>, Tensor<Double>) -> Tensor<Double>, (Double, Double) -> Double)] = [
            (".+", { $0 .+ $1 }, +), (".-", { $0 .- $1 }, -), (".*", { $0 .* $1 }, *), ("./", { $0 ./ $1 }, /),
        ]
        for (name, op, ref) in ops {
            let expected = referenceBroadcast(a.scalars, sa, b.scalars, sb, ref)
            let c = op(a, b)
            #expect(c.shape == expected.shape, "\(name) shape for \(sa) and \(sb)")
            #expect(c.scalars == expected.values, "\(name) values for \(sa) and \(sb)")
            let d = op(b, a)
            let expectedReversed = referenceBroadcast(b.scalars, sb, a.scalars, sa, ref)
            #expect(d.shape == expectedReversed.shape, "\(name) shape for \(sb) and \(sa)")
            #expect(d.scalars == expectedReversed.values, "\(name) values for \(sb) and \(sa)")
        }
    }

    @Test func broadcastShapeFollowsJuliaRules() throws {
        #expect(try broadcastShape([2, 3], [2]) == [2, 3])
        #expect(try broadcastShape([2, 3], [1, 3]) == [2, 3])
        #expect(try broadcastShape([2, 1], [1, 3]) == [2, 3])
        #expect(try broadcastShape([], [2, 3]) == [2, 3])
        #expect(try broadcastShape([3], [1, 4]) == [3, 4])
        #expect(try broadcastShape([2, 3], [2, 3, 1]) == [2, 3, 1])
        #expect(try broadcastShape([1], [1]) == [1])
        #expect(throws: DimensionMismatch.self) { try broadcastShape([2, 3], [3]) }
        #expect(throws: DimensionMismatch.self) { try broadcastShape([2, 3], [2, 4]) }
    }

    @Test func floatBroadcast() {
        let x = Tensor<Float>(rows: [[1, 2], [3, 4]])
        let y = x .* Tensor<Float>([2, 10]) .+ Float(1)
        #expect(y.scalars == [Float(3), 31, 5, 41])
    }
}
