import Foundation
import Testing
@testable import Tensors

@Suite("Shape operations")
struct ShapeTests {
    let m = Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])   // 2×3, scalars 1,4,2,5,3,6

    @Test func transposeOfMatrix() {
        let t = transpose(m)
        #expect(t.shape == [3, 2])
        #expect(t.scalars == Tensor<Double>(rows: [[1, 4], [2, 5], [3, 6]]).scalars)
        for i in 0..<2 { for j in 0..<3 { #expect(t[j, i] == m[i, j]) } }
        let p = m′
        #expect(p.shape == [3, 2])
        #expect(p.scalars == t.scalars)
        #expect((m′)′.scalars == m.scalars)
    }

    @Test func transposeOfVectorIsRow() {
        let v = Tensor<Double>([1, 2, 3])
        let r = v′
        #expect(r.shape == [1, 3])
        #expect(r.scalars == [1, 2, 3])
    }

    @Test func transposeOfLargeMatrixAgreesWithIndexing() {
        // larger than the 32×32 blocks of the transpose kernel, ragged at both edges
        var g = testGenerator(5)
        let a = uniformTensor([45, 70], using: &g)
        let t = transpose(a)
        #expect(t.shape == [70, 45])
        var ok = true
        for i in 0..<45 { for j in 0..<70 where t[j, i] != a[i, j] { ok = false } }
        #expect(ok)
    }

    @Test func reshapeIsColumnMajor() {
        // Julia: reshape([1 2 3; 4 5 6], 3, 2) == [1 5; 4 3; 2 6]
        let r = reshape(m, 3, 2)
        #expect(r.shape == [3, 2])
        #expect(r.scalars == m.scalars)
        #expect(r.scalars == Tensor<Double>(rows: [[1, 5], [4, 3], [2, 6]]).scalars)
        #expect(r[0, 1] == 5)
        #expect(r !== m)
        let r2 = reshape(m, [6])
        #expect(r2.shape == [6])
        #expect(r2.scalars == [1, 4, 2, 5, 3, 6])
        let r3 = reshape(m, 1, 2, 3)
        #expect(r3.shape == [1, 2, 3])
        #expect(r3[0, 1, 2] == 6)
    }

    @Test func reshapeWildcard() {
        let r = reshape(m, -1, 2)
        #expect(r.shape == [3, 2])
        #expect(r.scalars == m.scalars)
        let r2 = reshape(m, 2, -1)
        #expect(r2.shape == [2, 3])
        let r3 = reshape(m, -1)
        #expect(r3.shape == [6])
        let r4 = reshape(zeros(2, 3, 4), 4, -1, 2)
        #expect(r4.shape == [4, 3, 2])
    }

    @Test func reshapeIsACopy() {
        let r = reshape(m, 3, 2)
        r[0] = 100
        #expect(m[0] == 1)
    }

    @Test func vecListsColumnMajor() {
        let v = vec(m)
        #expect(v.shape == [6])
        #expect(v.scalars == [1, 4, 2, 5, 3, 6])
        let v3 = vec(Tensor<Double>(shape: [2, 2, 2], scalars: [1, 2, 3, 4, 5, 6, 7, 8]))
        #expect(v3.scalars == [1, 2, 3, 4, 5, 6, 7, 8])
    }

    @Test func vcatOfVectorsAndMatrices() {
        let v = vcat(Tensor<Double>([1, 2]), Tensor<Double>([3]), Tensor<Double>([4, 5]))
        #expect(v.shape == [5])
        #expect(v.scalars == [1, 2, 3, 4, 5])
        // Julia: vcat([1 2 3; 4 5 6], [7 8 9]) stacks the rows
        let s = vcat(m, Tensor<Double>(rows: [[7, 8, 9]]))
        #expect(s.shape == [3, 3])
        #expect(s.scalars == Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]).scalars)
        let s2 = vcat(Tensor<Double>(rows: [[0, 0, 0]]), m, m)
        #expect(s2.shape == [5, 3])
        #expect(s2[0, 2] == 0 && s2[1, 0] == 1 && s2[2, 2] == 6 && s2[3, 1] == 2 && s2[4, 2] == 6)
    }

    @Test func hcatMakesVectorsColumns() {
        // Julia: hcat([1, 2], [3, 4]) == [1 3; 2 4]
        let h = hcat(Tensor<Double>([1, 2]), Tensor<Double>([3, 4]))
        #expect(h.shape == [2, 2])
        #expect(h.scalars == Tensor<Double>(rows: [[1, 3], [2, 4]]).scalars)
        // matrix then vector
        let h2 = hcat(m, Tensor<Double>([7, 8]))
        #expect(h2.shape == [2, 4])
        #expect(h2.scalars == Tensor<Double>(rows: [[1, 2, 3, 7], [4, 5, 6, 8]]).scalars)
        let h3 = hcat(m, m)
        #expect(h3.shape == [2, 6])
        #expect(h3.scalars == m.scalars + m.scalars)
    }

    @Test func hcatAndVcatOfThreeDimensional() {
        let a = Tensor<Double>(shape: [2, 1, 2], scalars: [1, 2, 3, 4])
        let b = Tensor<Double>(shape: [2, 2, 2], scalars: [5, 6, 7, 8, 9, 10, 11, 12])
        let h = hcat(a, b)
        #expect(h.shape == [2, 3, 2])
        // slice k = 0: columns a[:,0,0], b[:,0,0], b[:,1,0]; slice k = 1 likewise
        #expect(h.scalars == [1, 2, 5, 6, 7, 8, 3, 4, 9, 10, 11, 12])
        let v = vcat(a, Tensor<Double>(shape: [1, 1, 2], scalars: [-1, -2]))
        #expect(v.shape == [3, 1, 2])
        #expect(v.scalars == [1, 2, -1, 3, 4, -2])
    }

    @Test func columnRangeSelection() {
        // Julia: x[:, 1:2]
        let c = m[columns: 0..<2]
        #expect(c.shape == [2, 2])
        #expect(c.scalars == Tensor<Double>(rows: [[1, 2], [4, 5]]).scalars)
        let empty = m[columns: 1..<1]
        #expect(empty.shape == [2, 0])
    }

    @Test func columnIndexSelectionInGivenOrder() {
        // Julia: x[:, [3, 1]]
        let c = m[columns: [2, 0]]
        #expect(c.shape == [2, 2])
        #expect(c.scalars == Tensor<Double>(rows: [[3, 1], [6, 4]]).scalars)
        let d = m[columns: [1, 1, 1]]
        #expect(d.shape == [2, 3])
        #expect(d.scalars == [2, 5, 2, 5, 2, 5])
    }

    @Test func singleColumnDropsTheDimension() {
        // Julia: x[:, 2] is the vector [2, 5]
        let c = m[column: 1]
        #expect(c.shape == [2])
        #expect(c.scalars == [2, 5])
    }

    @Test func columnsOfAThreeDimensionalTensorAreLastDimensionSlices() {
        let t = Tensor<Double>(shape: [2, 2, 3], scalars: (0..<12).map(Double.init))
        let s = t[columns: [2]]
        #expect(s.shape == [2, 2, 1])
        #expect(s.scalars == [8, 9, 10, 11])
        let c = t[column: 0]
        #expect(c.shape == [2, 2])
        #expect(c.scalars == [0, 1, 2, 3])
    }
}
