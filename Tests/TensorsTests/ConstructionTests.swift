import Foundation
import Testing
@testable import Tensors

@Suite("Construction and element access")
struct ConstructionTests {
    @Test func shapeScalarsIsColumnMajor() {
        // Julia: reshape([1,2,3,4,5,6], 2, 3) == [1 3 5; 2 4 6]
        let t = Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(t.shape == [2, 3])
        #expect(t.count == 6)
        #expect(t.rank == 2)
        #expect(t.scalars == [1, 2, 3, 4, 5, 6])
        #expect(t[0, 0] == 1)
        #expect(t[1, 0] == 2)
        #expect(t[0, 1] == 3)
        #expect(t[1, 1] == 4)
        #expect(t[0, 2] == 5)
        #expect(t[1, 2] == 6)
    }

    @Test func vectorInitialiser() {
        let v = Tensor<Double>([1.5, 2.5, 3.5])
        #expect(v.shape == [3])
        #expect(v.count == 3)
        #expect(v.rank == 1)
        #expect(v.scalars == [1.5, 2.5, 3.5])
        #expect(v[2] == 3.5)
        let f = Tensor<Float>([1, 2])
        #expect(f.shape == [2])
        #expect(f.scalars == [Float(1), 2])
    }

    @Test func rowsInitialiserIsJuliaMatrixLiteral() {
        // Julia [1 2; 3 4]: rows (1,2), (3,4); stored column-major as 1,3,2,4.
        let t = Tensor<Double>(rows: [[1, 2], [3, 4]])
        #expect(t.shape == [2, 2])
        #expect(t.scalars == [1, 3, 2, 4])
        #expect(t[0, 1] == 2)
        #expect(t[1, 0] == 3)
        // A 2×3 literal [1 2 3; 4 5 6].
        let r = Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(r.shape == [2, 3])
        #expect(r.scalars == [1, 4, 2, 5, 3, 6])
        // A single row is a 1×n matrix.
        let row = Tensor<Double>(rows: [[7, 8, 9]])
        #expect(row.shape == [1, 3])
        #expect(row.scalars == [7, 8, 9])
    }

    @Test func zeroDimensionalTensor() {
        let s = Tensor<Double>(3.25)
        #expect(s.shape == [])
        #expect(s.rank == 0)
        #expect(s.count == 1)
        #expect(s.item == 3.25)
        #expect(s.scalars == [3.25])
    }

    @Test func zerosOnesFill() {
        let z = zeros(2, 3)
        #expect(z.shape == [2, 3])
        #expect(z.scalars == [Double](repeating: 0, count: 6))
        let o = ones(4)
        #expect(o.shape == [4])
        #expect(o.scalars == [1, 1, 1, 1])
        let f = fill(0.5, 2, 3)
        #expect(f.shape == [2, 3])
        #expect(f.scalars == [Double](repeating: 0.5, count: 6))
        let z3 = zeros(2, 3, 4)
        #expect(z3.shape == [2, 3, 4])
        #expect(z3.count == 24)

        let zf: Tensor<Float> = zeros(Float.self, 3, 2)
        #expect(zf.shape == [3, 2])
        #expect(zf.scalars == [Float](repeating: 0, count: 6))
        let of: Tensor<Float> = ones(Float.self, 2)
        #expect(of.scalars == [Float(1), 1])
        let ff = fill(Float(2.5), 3)
        #expect(type(of: ff) == Tensor<Float>.self)
        #expect(ff.scalars == [Float(2.5), 2.5, 2.5])

        let like = Tensor<Double>(shape: [3, 1], scalars: [1, 2, 3]).zerosLike()
        #expect(like.shape == [3, 1])
        #expect(like.scalars == [0, 0, 0])
    }

    @Test func emptyTensors() {
        let e = zeros(0, 3)
        #expect(e.shape == [0, 3])
        #expect(e.count == 0)
        #expect(e.scalars.isEmpty)
        let v = Tensor<Double>([])
        #expect(v.shape == [0])
        #expect(v.count == 0)
    }

    @Test func linearSubscriptGetAndSet() {
        let t = Tensor<Double>(shape: [2, 2], scalars: [1, 2, 3, 4])
        #expect(t[0] == 1)
        #expect(t[3] == 4)
        t[2] = 30
        #expect(t.scalars == [1, 2, 30, 4])
        #expect(t[0, 1] == 30)
    }

    @Test func matrixSubscriptGetAndSet() {
        let t = zeros(2, 3)
        t[1, 2] = 7
        t[0, 1] = -1
        // Column-major: (1,2) is offset 1 + 2*2 = 5; (0,1) is offset 2.
        #expect(t.scalars == [0, 0, -1, 0, 0, 7])
        #expect(t[1, 2] == 7)
        #expect(t[0, 1] == -1)
    }

    @Test func threeDimensionalSubscriptGetAndSet() {
        let t = Tensor<Double>(shape: [2, 3, 4], scalars: (0..<24).map(Double.init))
        for i in 0..<2 {
            for j in 0..<3 {
                for k in 0..<4 {
                    #expect(t[i, j, k] == Double(i + 2 * j + 6 * k))
                }
            }
        }
        t[1, 2, 3] = -5
        #expect(t.scalars[1 + 2 * 2 + 6 * 3] == -5)
        #expect(t[23] == -5)
    }

    @Test func itemOfOneElementTensors() {
        #expect(Tensor<Double>([4]).item == 4)
        #expect(Tensor<Double>(shape: [1, 1], scalars: [9]).item == 9)
        #expect(Tensor<Float>(Float(2)).item == 2)
    }

    @Test func copyIsADistinctObjectWithEqualValues() {
        let t = Tensor<Double>(rows: [[1, 2], [3, 4]])
        let c = t.copy()
        #expect(c !== t)
        #expect(c.shape == t.shape)
        #expect(c.scalars == t.scalars)
        c[0, 0] = 100
        #expect(t[0, 0] == 1, "changing the copy must not change the original")
        t[1, 1] = -4
        #expect(c[1, 1] == 4, "changing the original must not change the copy")
    }

    @Test func elementTypeConversion() {
        let d = Tensor<Double>(shape: [2, 2], scalars: [0.5, 1.25, -2, 3])
        let f = Tensor<Float>(d)
        #expect(f.shape == [2, 2])
        #expect(f.scalars == [Float(0.5), 1.25, -2, 3])
        let back = Tensor<Double>(f)
        #expect(back.scalars == d.scalars)
        #expect(back !== d)
    }

    @Test func unsafeBufferAccess() {
        let t = zeros(3)
        t.withUnsafeMutableBufferPointer { p in
            for i in p.indices { p[i] = Double(i * i) }
        }
        #expect(t.scalars == [0, 1, 4])
        let total = t.withUnsafeBufferPointer { $0.reduce(0, +) }
        #expect(total == 5)
    }

    @Test func formatShapeIsJuliaTuple() {
        #expect(formatShape([2, 3]) == "(2, 3)")
        #expect(formatShape([4]) == "(4,)")
        #expect(formatShape([]) == "()")
        #expect(formatShape([2, 3, 4]) == "(2, 3, 4)")
    }
}
