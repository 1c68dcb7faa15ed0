import Foundation
import Testing
@testable import Tensors

@Suite("Printing like Julia's REPL")
struct DescriptionTests {
    @Test func matrixOfDouble() {
        let m = Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])
        // julia> [1.0 2.0 3.0; 4.0 5.0 6.0]
        #expect(m.description == """
            2×3 Matrix{Float64}:
             1.0  2.0  3.0
             4.0  5.0  6.0
            """)
    }

    @Test func vectorOfDouble() {
        #expect(Tensor<Double>([1, 2, 3]).description == """
            3-element Vector{Float64}:
             1.0
             2.0
             3.0
            """)
    }

    @Test func floatHeaderSaysFloat32() {
        let m = Tensor<Float>(rows: [[1, 2], [3, 4]])
        let lines = m.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "2×2 Matrix{Float32}:")
        #expect(lines.count == 3)
        #expect(Tensor<Float>([1]).description.hasPrefix("1-element Vector{Float32}:"))
    }

    @Test func zeroDimensional() {
        // julia> fill(3.0)
        #expect(Tensor<Double>(3).description == "0-dimensional Array{Float64, 0}:\n3.0")
        #expect(sum(Tensor<Double>([1, 2])).description.hasPrefix("0-dimensional Array{Float64, 0}:"))
    }

    @Test func threeDimensionalPrintsSlices() {
        let t = Tensor<Double>(shape: [2, 2, 2], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(t.description == """
            2×2×2 Array{Float64, 3}:
            [:, :, 1] =
             1.0  3.0
             2.0  4.0

            [:, :, 2] =
             5.0  7.0
             6.0  8.0
            """)
    }

    @Test func valuesAppearRowWiseWithMixedWidths() {
        let m = Tensor<Double>(rows: [[1, -10.5, 0.25], [100, 2, -3]])
        let lines = m.description.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == "2×3 Matrix{Float64}:")
        let row0 = lines[1].split(separator: " ").map(String.init)
        let row1 = lines[2].split(separator: " ").map(String.init)
        #expect(row0 == ["1.0", "-10.5", "0.25"])
        #expect(row1 == ["100.0", "2.0", "-3.0"])
        // every row has the same printed width (columns are aligned)
        #expect(lines[1].count == lines[2].count)
        // entries of one column end at the same position (right-aligned)
        let end0 = lines[1].range(of: "1.0")!.upperBound, end1 = lines[2].range(of: "100.0")!.upperBound
        #expect(lines[1].distance(from: lines[1].startIndex, to: end0) == lines[2].distance(from: lines[2].startIndex, to: end1))
    }

    @Test func interpolationUsesDescription() {
        let v = Tensor<Double>([0.5])
        #expect("\(v)" == "1-element Vector{Float64}:\n 0.5")
    }
}
