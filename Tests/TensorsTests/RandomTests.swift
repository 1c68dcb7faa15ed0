import Foundation
import Testing
@testable import Tensors

/// Tests that use the process-wide default generator are serialized, and no other test in this
/// target draws from it (they use explicit `Xoshiro256StarStar` generators), so `seed(42)` is
/// not disturbed between re-seeding and drawing.
@Suite("Random numbers", .serialized)
struct RandomTests {
    @Test func randShapesAndRange() {
        let w = rand(2, 5)
        #expect(w.shape == [2, 5])
        #expect(w.scalars.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(Set(w.scalars).count == 10, "ten draws should all differ")
        let f = rand(Float.self, 2, 5)
        #expect(type(of: f) == Tensor<Float>.self)
        #expect(f.shape == [2, 5])
        #expect(f.scalars.allSatisfy { $0 >= 0 && $0 < 1 })
        let v = rand(7)
        #expect(v.shape == [7])
        let t = rand(2, 3, 4)
        #expect(t.shape == [2, 3, 4])
        #expect(t.count == 24)
    }

    @Test func randnShapes() {
        let z = randn(3, 4)
        #expect(z.shape == [3, 4])
        #expect(z.scalars.allSatisfy { $0.isFinite })
        #expect(z.scalars.contains { $0 < 0 } || z.scalars.contains { $0 > 0 })
        let zf = randn(Float.self, 6)
        #expect(type(of: zf) == Tensor<Float>.self)
        #expect(zf.shape == [6])
        #expect(zf.scalars.allSatisfy { $0.isFinite })
    }

    @Test func seedMakesDefaultGeneratorReproducible() {
        seed(42)
        let a1 = rand(3, 4), n1 = randn(5), f1 = rand(Float.self, 2)
        seed(42)
        let a2 = rand(3, 4), n2 = randn(5), f2 = rand(Float.self, 2)
        #expect(a1.scalars == a2.scalars)
        #expect(n1.scalars == n2.scalars)
        #expect(f1.scalars == f2.scalars)
        seed(43)
        let a3 = rand(3, 4)
        #expect(a3.scalars != a1.scalars, "a different seed gives a different stream")
    }

    @Test func seededDefaultGeneratorIsXoshiroWithThatSeed() {
        seed(7)
        let a = rand(4, 3)
        var g = Xoshiro256StarStar(seed: 7)
        let b = rand(4, 3, using: &g)
        #expect(a.scalars == b.scalars)
    }

    @Test func explicitGeneratorVariants() {
        var g1 = Xoshiro256StarStar(seed: 42), g2 = Xoshiro256StarStar(seed: 42)
        let a = rand(2, 3, using: &g1), b = rand(2, 3, using: &g2)
        #expect(a.shape == [2, 3])
        #expect(a.scalars == b.scalars)
        let c = rand(2, 3, using: &g1)
        #expect(c.scalars != a.scalars, "the generator advances")
        let d = rand(2, 3, using: &g2)
        #expect(d.scalars == c.scalars, "two generators with the same seed stay in step")
        let n1 = randn(4, using: &g1), n2 = randn(4, using: &g2)
        #expect(n1.shape == [4])
        #expect(n1.scalars == n2.scalars)
        var h1 = Xoshiro256StarStar(seed: 5), h2 = Xoshiro256StarStar(seed: 5)
        #expect(randn(3, 2, using: &h1).scalars == randn(3, 2, using: &h2).scalars)
        #expect(rand(Float.self, [4], using: &h1).scalars == rand(Float.self, [4], using: &h2).scalars)
        #expect(randn(Float.self, [4], using: &h1).scalars == randn(Float.self, [4], using: &h2).scalars)
    }

    @Test func uniformUsesTopBitsOfEachOutput() {
        // Double: top 53 bits scaled by 2⁻⁵³; Float: top 24 bits scaled by 2⁻²⁴.
        var g = Xoshiro256StarStar(seed: 99), raw = Xoshiro256StarStar(seed: 99)
        let d = rand(5, using: &g)
        let expectedD = (0..<5).map { _ in Double(raw.next() >> 11) * 0x1p-53 }
        #expect(d.scalars == expectedD)
        let f = rand(Float.self, [5], using: &g)
        let expectedF = (0..<5).map { _ in Float(raw.next() >> 40) * 0x1p-24 }
        #expect(f.scalars == expectedF)
    }

    @Test func xoshiroKnownAnswer() {
        // Reference outputs of xoshiro256** (Blackman & Vigna) from the state {1, 2, 3, 4}.
        var g = Xoshiro256StarStar(seed: 0)
        g.s0 = 1; g.s1 = 2; g.s2 = 3; g.s3 = 4
        #expect(g.next() == 11520)
        #expect(g.next() == 0)
        #expect(g.next() == 1509978240)
        #expect(g.next() == 1215971899390074240)
    }

    @Test func splitMixSeedingKnownAnswer() {
        // SplitMix64 from seed 0 yields 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F, …
        var s = SplitMix64(seed: 0)
        #expect(s.next() == 0xE220_A839_7B1D_CDAF)
        #expect(s.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(s.next() == 0x06C4_5D18_8009_454F)
        let g = Xoshiro256StarStar(seed: 0)
        #expect(g.s0 == 0xE220_A839_7B1D_CDAF)
        #expect(g.s1 == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func randnMomentsAreStandardNormal() {
        var g = Xoshiro256StarStar(seed: 2024)
        let n = 100_000
        let z = randn(n, using: &g).scalars
        let mean = z.reduce(0, +) / Double(n)
        let variance = z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        // standard errors: 1/√n ≈ 0.0032 for the mean, √(2/n) ≈ 0.0045 for the variance
        #expect(Swift.abs(mean) < 0.02, "sample mean \(mean)")
        #expect(Swift.abs(variance - 1) < 0.03, "sample variance \(variance)")
        let within1 = Double(z.filter { Swift.abs($0) < 1 }.count) / Double(n)
        #expect(Swift.abs(within1 - 0.6827) < 0.01, "fraction within one σ: \(within1)")
        let fz = randn(Float.self, [20_000], using: &g).scalars
        let fmean = fz.reduce(Float(0), +) / Float(fz.count)
        #expect(Swift.abs(fmean) < 0.05)
    }

    @Test func randUniformMoments() {
        var g = Xoshiro256StarStar(seed: 11)
        let u = rand(50_000, using: &g).scalars
        let mean = u.reduce(0, +) / Double(u.count)
        #expect(Swift.abs(mean - 0.5) < 0.01)
        #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
    }

    @Test func portableLogAgreesWithFoundationLogWithinTwoUlps() {
        var values: [Double] = [1, 2, 0.5, M_E, 10, 0.1, 1e-300, 1e300, .greatestFiniteMagnitude,
                                .leastNormalMagnitude, 1.0.nextUp, 1.0.nextDown, 1.4142135623730951, 0.7071067811865476,
                                .leastNonzeroMagnitude, Double.leastNormalMagnitude / 3]
        var g = Xoshiro256StarStar(seed: 17)
        for _ in 0..<20_000 {
            // spread over the whole exponent range and densely around 1
            values.append(Foundation.exp(Double.random(in: -700...700, using: &g)))
            values.append(Double.random(in: 0.5...2, using: &g))
        }
        var failures: [Double] = []
        for x in values {
            let expected = Foundation.log(x)
            let got = portableLog(x)
            let tolerance = 2 * (expected == 0 ? Double.leastNonzeroMagnitude : expected.magnitude.ulp)
            if Swift.abs(got - expected) > tolerance { failures.append(x) }
        }
        #expect(failures.isEmpty, "portableLog differs by more than 2 ulp at \(failures.prefix(5)) (\(failures.count) values)")
        #expect(portableLog(1) == 0)
    }
}
