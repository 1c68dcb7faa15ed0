import Foundation
import Testing
@testable import Tensors

@Suite("Undotted arithmetic")
struct ArithmeticTests {
    let a = Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])
    let b = Tensor<Double>(rows: [[0.5, -1, 2], [10, 0, -3]])

    @Test func addSameShape() {
        let c = a + b
        #expect(c.shape == [2, 3])
        #expect(c.scalars == Tensor<Double>(rows: [[1.5, 1, 5], [14, 5, 3]]).scalars)
        #expect(c !== a && c !== b)
        #expect(a.scalars == [1, 4, 2, 5, 3, 6], "operands are not modified")
    }

    @Test func subtractSameShape() {
        let c = a - b
        #expect(c.shape == [2, 3])
        #expect(c.scalars == Tensor<Double>(rows: [[0.5, 3, 1], [-6, 5, 9]]).scalars)
    }

    @Test func unaryMinus() {
        let c = -a
        #expect(c.shape == [2, 3])
        #expect(c.scalars == [-1, -4, -2, -5, -3, -6])
    }

    @Test func scalarMultipleOnBothSides() {
        #expect((2.0 * a).scalars == [2, 8, 4, 10, 6, 12])
        #expect((a * 2.0).scalars == [2, 8, 4, 10, 6, 12])
        #expect((a * 2.0).shape == [2, 3])
        let f = Tensor<Float>([1, -2])
        #expect((Float(0.5) * f).scalars == [Float(0.5), -1])
    }

    @Test func divisionByScalar() {
        let c = a / 4.0
        #expect(c.shape == [2, 3])
        #expect(c.scalars == [0.25, 1, 0.5, 1.25, 0.75, 1.5])
    }

    @Test func zeroDimensionalOperands() {
        let c = Tensor<Double>(2) + Tensor<Double>(3)
        #expect(c.shape == [])
        #expect(c.item == 5)
    }

    @Test func mixedExpressionWithScalarProduct() {
        // η * g then subtraction, as an optimiser step would write it.
        let w = Tensor<Double>([1, 2, 3])
        let g = Tensor<Double>([0.5, -1, 4])
        let next = w - 0.1 * g
        #expect(approxEqual(next.scalars, [0.95, 2.1, 2.6], rtol: 1e-15, atol: 1e-15))
    }
}
