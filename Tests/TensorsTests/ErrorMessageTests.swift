import Foundation
import Testing
@testable import Tensors

@Suite("Errors and malformed expressions")
struct ErrorMessageTests {
    @Test func broadcastShapeErrorNamesBothShapes() {
        let error = #expect(throws: DimensionMismatch.self) { try broadcastShape([2, 3], [3]) }
        let message = error?.message ?? ""
        #expect(message.contains("(2, 3)"), "message: \(message)")
        #expect(message.contains("(3,)"), "message: \(message)")
        #expect(error?.description.hasPrefix("DimensionMismatch") == true)
    }

    @Test func broadcastShapeErrorForOtherMismatches() {
        #expect(throws: DimensionMismatch.self) { try broadcastShape([4, 3], [4, 2, 3]) }
        let e2 = #expect(throws: DimensionMismatch.self) { try broadcastShape([2, 5], [2, 4]) }
        #expect(e2?.message.contains("(2, 5)") == true)
        #expect(e2?.message.contains("(2, 4)") == true)
    }

    // Exit tests: a malformed expression stops the process with a message naming the shapes.

    @Test func matmulInnerDimensionMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let a = Tensor<Double>(shape: [2, 3], repeating: 1)
            let b = Tensor<Double>(shape: [2, 3], repeating: 1)
            _ = a * b
        }
        if let result {
            let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(stderr.contains("DimensionMismatch"), "stderr: \(stderr)")
            #expect(stderr.contains("(2, 3)"), "stderr: \(stderr)")
        }
    }

    @Test func sumOfSquaredDifferencesShapeMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = sumOfSquaredDifferences(Tensor<Double>(shape: [2, 3], repeating: 1), Tensor<Double>(shape: [3, 2], repeating: 1))
        }
        if let result {
            let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(stderr.contains("(2, 3)") && stderr.contains("(3, 2)"), "stderr: \(stderr)")
        }
    }

    @Test func matrixTimesWrongLengthVectorStops() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor<Double>(shape: [2, 3], repeating: 1) * Tensor<Double>([1, 2])
        }
    }

    @Test func plusWithDifferentShapesStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Double>(shape: [2, 3], repeating: 1) + Tensor<Double>([1, 2])
        }
        if let result {
            let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(stderr.contains("(2, 3)") && stderr.contains("(2,)"), "stderr: \(stderr)")
        }
    }

    @Test func minusWithDifferentShapesStops() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor<Double>(shape: [2, 1], repeating: 1) - Tensor<Double>(shape: [1, 2], repeating: 1)
        }
    }

    @Test func nonBroadcastableDottedOperatorStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Double>(shape: [2, 3], repeating: 1) .+ Tensor<Double>([1, 2, 3])
        }
        if let result {
            let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(stderr.contains("(2, 3)") && stderr.contains("(3,)"), "stderr: \(stderr)")
        }
    }

    @Test func inPlaceIntoASmallerDestinationStops() async {
        await #expect(processExitsWith: .failure) {
            let x = Tensor<Double>([1, 2])
            x .+= Tensor<Double>(shape: [2, 3], repeating: 1)
        }
    }

    @Test func reshapeToTheWrongCountStops() async {
        await #expect(processExitsWith: .failure) {
            _ = reshape(Tensor<Double>(shape: [2, 3], repeating: 1), 4, 2)
        }
    }

    @Test func outOfBoundsIndexStops() async {
        await #expect(processExitsWith: .failure) {
            let x = Tensor<Double>(shape: [2, 3], repeating: 1)
            _ = x[2, 0]
        }
    }

    @Test func itemOfManyElementsStops() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor<Double>([1, 2]).item
        }
    }

    @Test func shapeScalarsCountMismatchStops() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor<Double>(shape: [2, 2], scalars: [1, 2, 3])
        }
    }
}
