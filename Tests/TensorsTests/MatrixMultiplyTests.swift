import Foundation
import Testing
@testable import Tensors
import CKernels

@Suite("Matrix multiplication")
struct MatrixMultiplyTests {
    @Test func handComputedProduct() {
        // Julia: [1 2; 3 4] * [5 6; 7 8] == [19 22; 43 50]
        let a = Tensor<Double>(rows: [[1, 2], [3, 4]])
        let b = Tensor<Double>(rows: [[5, 6], [7, 8]])
        let c = a * b
        #expect(c.shape == [2, 2])
        #expect(c.scalars == Tensor<Double>(rows: [[19, 22], [43, 50]]).scalars)
        // non-square: (2×3)(3×1)
        let d = Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]]) * Tensor<Double>(shape: [3, 1], scalars: [1, 0, -1])
        #expect(d.shape == [2, 1])
        #expect(d.scalars == [-2, -2])
    }

    @Test func matrixTimesVector() {
        let W = Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])
        let x = Tensor<Double>([1, -1, 2])
        let y = W * x
        #expect(y.shape == [2])
        #expect(y.scalars == [5, 11])
    }

    @Test func vectorTimesRowIsOuterProduct() {
        let v = Tensor<Double>([1, 2, 3])
        let r = Tensor<Double>(rows: [[4, 5]])
        let c = v * r
        #expect(c.shape == [3, 2])
        #expect(c.scalars == Tensor<Double>(rows: [[4, 5], [8, 10], [12, 15]]).scalars)
        // and v * v′
        let o = v * v′
        #expect(o.shape == [3, 3])
        #expect(o.scalars == [1, 2, 3, 2, 4, 6, 3, 6, 9])
    }

    @Test func transposedProducts() {
        let a = Tensor<Double>(rows: [[1, 2], [3, 4], [5, 6]])    // 3×2
        let g = a′ * a                                             // 2×2 Gram matrix
        #expect(g.shape == [2, 2])
        #expect(g.scalars == Tensor<Double>(rows: [[35, 44], [44, 56]]).scalars)
    }

    // Sizes chosen to cover 1, odd sizes, the small column-axpy path, and the blocked path
    // (m ≥ 8, n ≥ 4, m·n·k ≥ 32768), including several k panels (k > 256), several row blocks
    // (m > 128) and ragged 8×4 tile edges.
    static let sizes: [(m: Int, k: Int, n: Int)] = [
        (1, 1, 1), (1, 7, 1), (7, 1, 1), (1, 1, 7), (7, 33, 1), (33, 7, 65), (7, 65, 33),
        (65, 70, 33), (65, 33, 70), (8, 1024, 4), (9, 300, 17), (130, 40, 9), (33, 65, 65), (64, 64, 64),
    ]

    @Test(arguments: 0..<sizes.count)
    func doubleAgreesWithNaiveReference(_ which: Int) {
        let (m, k, n) = Self.sizes[which]
        var g = testGenerator(UInt64(1000 + which))
        let a = uniformTensor([m, k], using: &g), b = uniformTensor([k, n], using: &g)
        let c = a * b
        #expect(c.shape == [m, n])
        let expected = referenceMatmul(a.scalars, b.scalars, m: m, k: k, n: n)
        let bound = Double(k) * 1e-15  // operands in [-1, 1): |error| ≤ k·ε·Σ|aᵢbᵢ| ≤ k·ε·k
        var worst = 0.0
        for (x, y) in zip(c.scalars, expected) { worst = Swift.max(worst, Swift.abs(x - y)) }
        #expect(worst <= bound * Double(k), "m=\(m) k=\(k) n=\(n): worst error \(worst)")
    }

    @Test(arguments: 0..<sizes.count)
    func floatAgreesWithNaiveReference(_ which: Int) {
        let (m, k, n) = Self.sizes[which]
        var g = testGenerator(UInt64(2000 + which))
        let ad = uniformTensor([m, k], using: &g), bd = uniformTensor([k, n], using: &g)
        let a = Tensor<Float>(ad), b = Tensor<Float>(bd)
        let c = a * b
        #expect(c.shape == [m, n])
        // reference in Double from the Float operands
        let expected = referenceMatmul(a.scalars.map(Double.init), b.scalars.map(Double.init), m: m, k: k, n: n)
        var worst = 0.0
        for (x, y) in zip(c.scalars, expected) { worst = Swift.max(worst, Swift.abs(Double(x) - y)) }
        #expect(worst <= Double(k) * 2e-7 * Swift.max(1, Double(k).squareRoot()), "m=\(m) k=\(k) n=\(n): worst error \(worst)")
    }

    @Test(arguments: [(5, 3), (65, 70), (130, 300), (1, 9)])
    func matrixVectorAgreesWithNaiveReference(_ m: Int, _ k: Int) {
        var g = testGenerator(UInt64(m * 1000 + k))
        let a = uniformTensor([m, k], using: &g), x = uniformTensor([k], using: &g)
        let y = a * x
        #expect(y.shape == [m])
        let expected = referenceMatmul(a.scalars, x.scalars, m: m, k: k, n: 1)
        #expect(approxEqual(y.scalars, expected, rtol: 1e-12, atol: Double(k) * 1e-15))
    }

    @Test func integerValuedBlockedProductIsExact() {
        // Small integers: every partial sum is exact, so the blocked kernel must match exactly.
        let m = 70, k = 300, n = 13
        let a = Tensor<Double>(shape: [m, k], scalars: (0..<(m * k)).map { Double(($0 * 7) % 11) - 5 })
        let b = Tensor<Double>(shape: [k, n], scalars: (0..<(k * n)).map { Double(($0 * 5) % 9) - 4 })
        let c = a * b
        #expect(c.scalars == referenceMatmul(a.scalars, b.scalars, m: m, k: k, n: n))
        let af = Tensor<Float>(a), bf = Tensor<Float>(b)
        #expect((af * bf).scalars == referenceMatmul(af.scalars, bf.scalars, m: m, k: k, n: n))
    }

    @Test func emptyInnerDimensionGivesZeros() {
        let c = zeros(3, 0) * zeros(0, 2)
        #expect(c.shape == [3, 2])
        #expect(c.scalars == [0, 0, 0, 0, 0, 0])
    }

    @Test func operandsAreNotModified() {
        var g = testGenerator(3)
        let a = uniformTensor([65, 70], using: &g), b = uniformTensor([70, 33], using: &g)
        let sa = a.scalars, sb = b.scalars
        _ = a * b
        #expect(a.scalars == sa)
        #expect(b.scalars == sb)
    }

    // Blocked-path sizes with ragged edges for every tile shape (8×4, 16×6, 32×6, 8×6, 16×6),
    // several k panels (k > 256) and several row blocks (m > 128).
    static let blockedSizes: [(m: Int, k: Int, n: Int)] = [
        (8, 1024, 4), (9, 300, 17), (33, 65, 65), (130, 40, 9), (65, 257, 70), (200, 64, 31),
    ]

    /// `x` (rows×cols, column-major) transposed.
    static func transposed<S>(_ x: [S], rows: Int, cols: Int) -> [S] {
        (0..<(rows * cols)).map { index in x[(index / cols) + (index % cols) * rows] }
    }

    /// Runs `matrixMultiply` with `tile` in all three layouts (A·B, Aᵀ read in place, Bᵀ read in
    /// place) at every blocked size and returns the worst absolute error against the reference,
    /// computed in Double from the same operands.
    static func worstError<S: TensorScalar>(_ tile: RegisterTile<S>, seed: UInt64) -> Double {
        var worst = 0.0
        for (which, (m, k, n)) in blockedSizes.enumerated() {
            var g = testGenerator(seed + UInt64(which))
            let a = uniformTensor([m, k], using: &g).scalars.map { S($0) }
            let b = uniformTensor([k, n], using: &g).scalars.map { S($0) }
            let expected = referenceMatmul(a.map(Double.init), b.map(Double.init), m: m, k: k, n: n)
            let at = transposed(a, rows: m, cols: k), bt = transposed(b, rows: k, cols: n)
            for layout in 0..<3 {
                var c = [S](repeating: .nan, count: m * n)
                c.withUnsafeMutableBufferPointer { out in
                    switch layout {
                    case 0: matrixMultiply(a, b, out.baseAddress!, m: m, k: k, n: n, tile: tile)
                    case 1: matrixMultiply(at, b, out.baseAddress!, m: m, k: k, n: n, transposingA: true, tile: tile)
                    default: matrixMultiply(a, bt, out.baseAddress!, m: m, k: k, n: n, transposingB: true, tile: tile)
                    }
                }
                for (x, y) in zip(c, expected) { worst = Swift.max(worst, Swift.abs(Double(x) - y)) }
            }
        }
        return worst
    }

    @Test func everyRunnableDoubleTileAgreesWithReferenceInEveryLayout() {
        let tiles = RegisterTile<Double>.runnable
        #expect(tiles[0].rows == 8 && tiles[0].columns == 4)
        for tile in tiles {
            let worst = Self.worstError(tile, seed: 3000)
            #expect(worst <= 1024 * 1024 * 1e-15, "\(tile.rows)×\(tile.columns) tile: worst error \(worst)")
        }
    }

    @Test func everyRunnableFloatTileAgreesWithReferenceInEveryLayout() {
        let tiles = RegisterTile<Float>.runnable
        #expect(tiles[0].rows == 8 && tiles[0].columns == 4)
        for tile in tiles {
            let worst = Self.worstError(tile, seed: 4000)
            #expect(worst <= 1024 * 2e-7 * 32, "\(tile.rows)×\(tile.columns) tile: worst error \(worst)")
        }
    }

    @Test func theEnvironmentCanLowerTheLevelButNotRaiseIt() async {
        // In a child process, so that the level the rest of the suite uses is not touched.
        await #expect(processExitsWith: .success) {
            unsetenv("FLUX_VECTOR_LEVEL")
            let detected = flux_vector_level()
            for cap: Int32 in 0...2 {
                setenv("FLUX_VECTOR_LEVEL", "\(cap)", 1)
                precondition(flux_vector_level() == Swift.min(cap, detected), "FLUX_VECTOR_LEVEL=\(cap)")
            }
            for junk in ["3", "-1", "x", "01", ""] {
                setenv("FLUX_VECTOR_LEVEL", junk, 1)
                precondition(flux_vector_level() == detected, "FLUX_VECTOR_LEVEL=\(junk) is ignored")
            }
            // The tiles follow the level read at their first use.
            setenv("FLUX_VECTOR_LEVEL", "0", 1)
            precondition(vectorLevel == 0 && RegisterTile<Float>.runnable.count == 1)
        }
    }

    @Test func wideTilesAreTheProcessorsAndThePreferredIsTheWidest() {
        // CKernels reports 0 (portable only), 1 (AVX2 + FMA) or 2 (AVX-512F); each level adds a tile.
        #expect((0...2).contains(vectorLevel))
        #expect(RegisterTile<Float>.runnable.count == vectorLevel + 1)
        #expect(RegisterTile<Double>.runnable.count == vectorLevel + 1)
        #expect(RegisterTile<Float>.preferred.rows == [8, 16, 32][vectorLevel])
        #expect(RegisterTile<Double>.preferred.rows == [8, 8, 16][vectorLevel])
    }
}
