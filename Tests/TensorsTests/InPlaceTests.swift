import Foundation
import Testing
@testable import Tensors

@Suite("In-place broadcasting assignment")
struct InPlaceTests {
    func matrix() -> Tensor<Double> { Tensor(rows: [[1, 2, 3], [4, 5, 6]]) }

    @Test func tensorRightHandSideSameShape() {
        let y = Tensor<Double>(rows: [[1, 1, 1], [2, 2, 2]])
        var x = matrix(); x .+= y
        #expect(x.scalars == Tensor<Double>(rows: [[2, 3, 4], [6, 7, 8]]).scalars)
        x = matrix(); x .-= y
        #expect(x.scalars == Tensor<Double>(rows: [[0, 1, 2], [2, 3, 4]]).scalars)
        x = matrix(); x .*= y
        #expect(x.scalars == Tensor<Double>(rows: [[1, 2, 3], [8, 10, 12]]).scalars)
        x = matrix(); x ./= y
        #expect(x.scalars == Tensor<Double>(rows: [[1, 2, 3], [2, 2.5, 3]]).scalars)
        x = matrix(); x .= y
        #expect(x.scalars == y.scalars)
        #expect(x !== y)
        #expect(y.scalars == [1, 2, 1, 2, 1, 2], "the right-hand side is not modified")
    }

    @Test func keepsIdentityAndShape() {
        let x = matrix()
        let before = ObjectIdentifier(x)
        x .+= Tensor<Double>([1, 1])
        #expect(ObjectIdentifier(x) == before)
        #expect(x.shape == [2, 3])
    }

    @Test func scalarRightHandSide() {
        let x = matrix()
        x .+= 1.0
        #expect(x.scalars == [2, 5, 3, 6, 4, 7])
        x .-= 2.0
        #expect(x.scalars == [0, 3, 1, 4, 2, 5])
        x .*= 2.0
        #expect(x.scalars == [0, 6, 2, 8, 4, 10])
        x ./= 4.0
        #expect(x.scalars == [0, 1.5, 0.5, 2, 1, 2.5])
        x .= 7.0
        #expect(x.scalars == [Double](repeating: 7, count: 6))
        #expect(x.shape == [2, 3])
    }

    @Test func broadcastingRightHandSide() {
        // a column vector stretched along the columns
        var x = matrix(); x .+= Tensor<Double>([10, 20])
        #expect(x.scalars == Tensor<Double>(rows: [[11, 12, 13], [24, 25, 26]]).scalars)
        // a row stretched along the rows
        x = matrix(); x .-= Tensor<Double>(rows: [[1, 2, 3]])
        #expect(x.scalars == Tensor<Double>(rows: [[0, 0, 0], [3, 3, 3]]).scalars)
        x = matrix(); x .*= Tensor<Double>(rows: [[1, 0, -1]])
        #expect(x.scalars == Tensor<Double>(rows: [[1, 0, -3], [4, 0, -6]]).scalars)
        x = matrix(); x ./= Tensor<Double>([1, 2])
        #expect(x.scalars == Tensor<Double>(rows: [[1, 2, 3], [2, 2.5, 3]]).scalars)
        x = matrix(); x .= Tensor<Double>([-1, -2])
        #expect(x.scalars == Tensor<Double>(rows: [[-1, -1, -1], [-2, -2, -2]]).scalars)
        // a 0-d tensor and a 1×1 matrix
        x = matrix(); x .+= Tensor<Double>(100)
        #expect(x.scalars == matrix().scalars.map { $0 + 100 })
        x = matrix(); x .= Tensor<Double>(shape: [1, 1], scalars: [3])
        #expect(x.scalars == [Double](repeating: 3, count: 6))
    }

    @Test func threeDimensionalBroadcastingRightHandSide() {
        var g = testGenerator(77)
        let x = uniformTensor([2, 3, 4], using: &g)
        let y = uniformTensor([2, 1, 4], using: &g)
        let expected = referenceBroadcast(x.scalars, x.shape, y.scalars, y.shape, +)
        x .+= y
        #expect(x.shape == [2, 3, 4])
        #expect(x.scalars == expected.values)
    }

    @Test func trailingSingletonShapesLayOutTheSame() {
        // a (3,) source into a (3, 1) destination
        let x = Tensor<Double>(shape: [3, 1], scalars: [1, 2, 3])
        x .+= Tensor<Double>([10, 20, 30])
        #expect(x.scalars == [11, 22, 33])
        #expect(x.shape == [3, 1])
    }

    @Test func selfAssignment() {
        let x = matrix()
        x .+= x
        #expect(x.scalars == [2, 8, 4, 10, 6, 12])
        x .*= x
        #expect(x.scalars == [4, 64, 16, 100, 36, 144])
    }
}
