import Testing
@testable import Optimise
import Tensors
import Tracker

/// ClipValue (elementwise clamp, NaN passes) and ClipNorm (per-array 2-norm, only when ν > thresh).
@Suite("Clipping")
struct ClippingTests {
    @Test func clipValueClampsAndPassesNaN() throws {
        let Δ = vec([0.5, -2, 3, .nan, .infinity, -.infinity, 0, -0.0])
        let s = try apply(ClipValue(1.0), vec([0, 0, 0, 0, 0, 0, 0, 0]), Δ)
        #expect(s === Δ)
        let v = s.scalars
        #expect(v[0] == 0.5 && v[1] == -1 && v[2] == 1)
        #expect(v[3].isNaN, "NaN passes through clamp")
        #expect(v[4] == 1 && v[5] == -1)
        #expect(v[6] == 0 && v[7] == 0)
        // Float, fused update
        let x = vecF([0, 0, 0])
        let g = vecF([5, -0.25, .nan])
        try update(ClipValue(0.5), x, g)
        #expect(x.scalars[0] == -0.5 && x.scalars[1] == 0.25 && x.scalars[2].isNaN)
        #expect(g.scalars[0] == 5 && g.scalars[2].isNaN, "gradient untouched")
    }

    @Test func clipValueZeroThresholdZeroesTheStep() throws {
        let s = try appliedStepsOf(ClipValue(0), x0: [1, 1], grads: [[3, -3]])
        #expect(s[0] == [0, 0])
    }

    @Test func clipNormScalesOnlyAboveThreshold() throws {
        // ‖(3, 4)‖ = 5
        #expect(try appliedStepsOf(ClipNorm(5), x0: [0, 0], grads: [[3, 4]])[0] == [3, 4], "ν == thresh: unchanged")
        #expect(try appliedStepsOf(ClipNorm(6), x0: [0, 0], grads: [[3, 4]])[0] == [3, 4])
        let s = try appliedStepsOf(ClipNorm(2.5), x0: [0, 0], grads: [[3, 4]])[0]
        expectClose(s, [3 * (2.5 / 5), 4 * (2.5 / 5)], rtol: 1e-15)
        // zero gradient: ν = 0, nothing to do
        #expect(try appliedStepsOf(ClipNorm(1), x0: [0, 0], grads: [[0, 0]])[0] == [0, 0])
    }

    @Test func clipNormIsFrobeniusPerArray() throws {
        // a 2×2 matrix with ‖·‖_F = √(1+4+4+16) = 5 and a vector with norm 0.5: only the matrix is scaled
        let W = Tensor<Double>(shape: [2, 2], scalars: [0, 0, 0, 0])
        let b = vec([0, 0])
        let ps = Params([W, b])
        let gs = Grads(ps)
        gs[W] = Tensor<Double>(shape: [2, 2], scalars: [1, -2, 2, 4])
        gs[b] = vec([0.3, -0.4])
        try update(ClipNorm(1.0), ps, gs)
        expectClose(W.scalars, [-0.2, 0.4, -0.4, -0.8], rtol: 1e-15)
        expectClose(b.scalars, [-0.3, 0.4], rtol: 1e-15, "b's norm 0.5 ≤ 1: unscaled (no global clipping)")
    }

    @Test func clipNormNaNAndInf() throws {
        // NaN norm: the comparison is false, the gradient passes unchanged
        let n = try appliedStepsOf(ClipNorm(1), x0: [0, 0, 0], grads: [[.nan, 10, -10]])[0]
        #expect(n[0].isNaN && n[1] == 10 && n[2] == -10)
        // Inf norm: factor thresh/Inf = 0, so finite entries become 0 and Inf entries NaN
        let i = try appliedStepsOf(ClipNorm(1), x0: [0, 0, 0], grads: [[.infinity, 10, -10]])[0]
        #expect(i[0].isNaN && i[1] == 0 && i[2] == 0)
    }

    @Test func clipNormFloat() throws {
        let x = vecF([0, 0])
        try update(ClipNorm(1), x, vecF([30, -40]))
        expectClose(x.scalars, [-0.6, 0.8], rtol: 1e-6)
    }

    @Test func clipNormMatchesGenericNorm2OnLargeVectors() throws {
        // 50 elements (Julia would use BLAS here; only the last ulp may differ): compare to the reference
        let g = (0..<50).map { Double($0 % 7) - 3.2 }
        let s = try appliedStepsOf(ClipNorm(2.0), x0: Array(repeating: 0, count: 50), grads: [g])[0]
        expectClose(s, RefClipNorm(2.0).step(0, [], g), rtol: 1e-14)
    }
}
