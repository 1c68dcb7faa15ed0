import Foundation
import Testing
import Flux
import Optimisers

// The first one or two steps of every Optimisers.jl rule, derived by hand from the equations of
// spec §6.2 (and §2.2 for the rules marked "as Flux"). Every test starts from x₀ = [1, −2] and
// feeds g₁ = [0.5, −0.25], then g₂ = [−0.3, 0.4]; the arithmetic is written out per element.

private let x0: [Double] = [1, -2]
private let g1: [Double] = [0.5, -0.25]
private let g2: [Double] = [-0.3, 0.4]

/// (p, min(ω/‖g‖ₚ, 1)) for g = [3, −4, 0] and ω = 1: ν = 5, 7, 4, 2 non-zeros, min|g| = 0 (ω/0 = ∞,
/// so the factor is 1), ∛(27 + 64).
private let clipNormCases: [(Double, Double)] = [
    (2, 1.0 / 5), (1, 1.0 / 7), (.infinity, 1.0 / 4), (0, 1.0 / 2), (-.infinity, 1), (3, 1 / Foundation.cbrt(91.0)),
]

/// x after each of the given gradients, through `setup` and `updateInPlace`.
private func run(_ rule: some AbstractRule, _ grads: [[Double]], from start: [Double] = x0) throws -> [[Double]] {
    try libraryTrajectory(rule, x0: start, steps: grads.count) { t, _ in grads[t - 1] }
}

@Suite("First steps of every rule, by hand")
struct RuleFirstStepTests {
    @Test func descentDefaultIsTheFloat32Tenth() throws {
        // η = 0.1f0 = 0.10000000149011612 on Double parameters: step = g·η.
        let xs = try run(Optimisers.Descent(), [g1, g2])
        expectClose(xs[0], [1 - 0.5 * 0.10000000149011612, -2 + 0.25 * 0.10000000149011612], "Descent() step 1")
        expectClose(xs[1], [1 - 0.5 * 0.10000000149011612 + 0.3 * 0.10000000149011612,
                            -2 + 0.25 * 0.10000000149011612 - 0.4 * 0.10000000149011612], "Descent() step 2")
        // Not the Double 0.1: x₁[0] would be exactly 0.95.
        #expect(xs[0][0] != 0.95)
    }

    @Test func descentWithLearningRate() throws {
        let xs = try run(Optimisers.Descent(0.5), [g1, g2])
        // x₁ = x₀ − 0.5·g₁ = [1 − 0.25, −2 + 0.125]; x₂ = x₁ − 0.5·g₂ = [0.75 + 0.15, −1.875 − 0.2].
        expectClose(xs[0], [0.75, -1.875])
        expectClose(xs[1], [0.9, -2.075])
    }

    @Test func momentum() throws {
        let xs = try run(Optimisers.Momentum(0.01, 0.9), [g1, g2])
        // v₁ = 0.01·g₁ = [0.005, −0.0025]; x₁ = [0.995, −1.9975].
        expectClose(xs[0], [0.995, -1.9975])
        // v₂ = 0.9·v₁ + 0.01·g₂ = [0.0045 − 0.003, −0.00225 + 0.004] = [0.0015, 0.00175].
        expectClose(xs[1], [0.995 - 0.0015, -1.9975 - 0.00175])
    }

    @Test func nesterov() throws {
        let xs = try run(Optimisers.Nesterov(0.001, 0.9), [g1, g2])
        // step₁ = −0.81·0 + 1.9·0.001·g₁ = [0.00095, −0.000475]; vel₁ = −0.001·g₁ = [−0.0005, 0.00025].
        expectClose(xs[0], [1 - 0.00095, -2 + 0.000475])
        // step₂ = −0.81·vel₁ + 0.0019·g₂ = [0.000405 − 0.00057, −0.0002025 + 0.00076] = [−0.000165, 0.0005575].
        expectClose(xs[1], [1 - 0.00095 + 0.000165, -2 + 0.000475 - 0.0005575])
    }

    @Test func rmspropPlain() throws {
        let xs = try run(Optimisers.RMSProp(0.001, 0.9, 1e-8), [g1, g2])
        // quad₁ = 0.1·g₁² = [0.025, 0.00625]; step = g·η/(√quad + ϵ).
        let s1 = [0.5 * 0.001 / (rt(0.025) + 1e-8), -0.25 * 0.001 / (rt(0.00625) + 1e-8)]
        expectClose(xs[0], minus(x0, s1))
        // quad₂ = 0.9·quad₁ + 0.1·g₂² = [0.0225 + 0.009, 0.005625 + 0.016] = [0.0315, 0.021625].
        let s2 = [-0.3 * 0.001 / (rt(0.0315) + 1e-8), 0.4 * 0.001 / (rt(0.021625) + 1e-8)]
        expectClose(xs[1], minus(minus(x0, s1), s2))
    }

    @Test func rmspropCentred() throws {
        let xs = try run(Optimisers.RMSProp(0.001, 0.9, 1e-8, centred: true), [g1, g2])
        // lin₁ = 0.1·g₁ = [0.05, −0.025]; quad₁ − lin₁² = [0.025 − 0.0025, 0.00625 − 0.000625] = [0.0225, 0.005625],
        // whose roots are 0.15 and 0.075.
        let s1 = [0.5 * 0.001 / (0.15 + 1e-8), -0.25 * 0.001 / (0.075 + 1e-8)]
        expectClose(xs[0], minus(x0, s1))
        // lin₂ = 0.9·lin₁ + 0.1·g₂ = [0.045 − 0.03, −0.0225 + 0.04] = [0.015, 0.0175];
        // quad₂ = [0.0315, 0.021625]; quad₂ − lin₂² = [0.0315 − 0.000225, 0.021625 − 0.00030625].
        let s2 = [-0.3 * 0.001 / (rt(0.031275) + 1e-8), 0.4 * 0.001 / (rt(0.02131875) + 1e-8)]
        expectClose(xs[1], minus(minus(x0, s1), s2))
    }

    @Test func rmspropCenteredSpellingIsTheSameRule() throws {
        let rule = Optimisers.RMSProp(eta: 0.001, rho: 0.9, epsilon: 1e-8, centered: true)
        #expect(rule.centred)
        let xs = try run(rule, [g1])
        expectClose(xs[0], [1 - 0.5 * 0.001 / (0.15 + 1e-8), -2 + 0.25 * 0.001 / (0.075 + 1e-8)])
    }

    @Test func rpropEveryBranch() throws {
        let g3: [Double] = [-0.2, 0.1], g4: [Double] = [-0.7, 0.9]
        let xs = try run(Optimisers.Rprop(), [g1, g2, g3, g4])
        // 1: g₋ = 0, so no change of size (1e-3); g₋ = g₁; step = 1e-3·sign(g₁) = [0.001, −0.001].
        expectClose(xs[0], [0.999, -1.999])
        // 2: g₋·g₂ = [−0.15, −0.1] < 0: sizes = max(1e-3·0.5, 1e-6) = 5e-4; g₋ = 0; step = 0.
        expectClose(xs[1], [0.999, -1.999])
        // 3: g₋·g₃ = 0: sizes stay 5e-4; g₋ = g₃; step = 5e-4·sign(g₃) = [−5e-4, 5e-4].
        expectClose(xs[2], [0.9995, -1.9995])
        // 4: g₋·g₄ > 0: sizes = min(5e-4·1.2, 50) = 6e-4; step = [−6e-4, 6e-4].
        expectClose(xs[3], [1.0001, -2.0001])
    }

    @Test func rpropStepSizesAreBounded() throws {
        // Γ = (2e-4, 1.5e-3): growth stops at 1.5e-3, shrinking at 2e-4.
        let rule = Optimisers.Rprop(1e-3, (0.5, 1.2), (2e-4, 1.5e-3))
        let same: [Double] = [1], flipped: [Double] = [-1]
        let xs = try run(rule, [same, same, same, same], from: [0])
        // sizes: 1e-3, 1.2e-3, min(1.44e-3, 1.5e-3) = 1.44e-3, min(1.728e-3, 1.5e-3) = 1.5e-3.
        expectClose(xs.map { $0[0] }, [-1e-3, -2.2e-3, -3.64e-3, -5.14e-3])
        let ys = try run(rule, [same, flipped, same, flipped, same, flipped, same], from: [0])
        // 1: step 1e-3. 2: sign change, size 5e-4, g₋ = 0, step 0. 3: g₋·g = 0, size stays, step 5e-4.
        // 4: size 2.5e-4, step 0. 5: step 2.5e-4. 6: size max(1.25e-4, 2e-4) = 2e-4, step 0. 7: step 2e-4.
        expectClose(ys.map { $0[0] }, [-1e-3, -1e-3, -1.5e-3, -1.5e-3, -1.75e-3, -1.75e-3, -1.95e-3])
    }

    @Test func adam() throws {
        let xs = try run(Optimisers.Adam(), [g1, g2])
        // t = 1: m̂ = g, v̂ = g², step = η·g/(|g| + ϵ).
        let s1 = [0.001 * 0.5 / (0.5 + 1e-8), 0.001 * -0.25 / (0.25 + 1e-8)]
        expectClose(xs[0], minus(x0, s1))
        // t = 2: m₂ = 0.09·g₁ + 0.1·g₂ = [0.045 − 0.03, −0.0225 + 0.04] = [0.015, 0.0175];
        // v₂ = 0.999·0.001·g₁² + 0.001·g₂² = [0.00024975 + 0.00009, 0.0000624375 + 0.00016];
        // m̂ = m₂/(1 − 0.81), v̂ = v₂/(1 − 0.998001).
        let s2 = [0.001 * (0.015 / 0.19) / (rt(0.00033975 / 0.001999) + 1e-8),
                  0.001 * (0.0175 / 0.19) / (rt(0.0002224375 / 0.001999) + 1e-8)]
        expectClose(xs[1], minus(minus(x0, s1), s2))
    }

    @Test func lionAsCoded() throws {
        let xs = try run(Optimisers.Lion(), [g1, g2])
        // m₁ = 0.999·g₁; (β2 − β1)·g₁ + β1·m₁ has g₁'s sign: step = 0.001·[1, −1].
        expectClose(xs[0], [0.999, -1.999])
        // m₂ = 0.999·g₂ + 0.001·m₁ = [−0.2997 + 0.0004995, 0.3996 − 0.00024975];
        // direction (0.099·g₂ + 0.9·m₂) = [−0.0297 − 0.26928, …] < 0, [0.0396 + …] > 0: step = 0.001·[−1, 1].
        expectClose(xs[1], [1, -2])
    }

    @Test func lionFollowsTheCodeNotThePaper() throws {
        // Spec §8 item 11: after +1 gradients, a gradient of −0.001 turns the step around in the
        // code's form. m₁ = 0.999; m₂ = 0.999 + 0.001·0.999 = 0.999999;
        // m₃ = 0.999·(−0.001) + 0.001·0.999999 = 9.99e-10; direction 0.099·(−0.001) + 0.9·m₃ < 0,
        // so x moves up by η. (The paper's sign(0.9·m₂ + 0.1·(−0.001)) is +1: x would move down.)
        let xs = try run(Optimisers.Lion(), [[1], [1], [-0.001]], from: [0])
        expectClose(xs.map { $0[0] }, [-0.001, -0.002, -0.001])
    }

    @Test func radamUnrectifiedThenRectified() throws {
        // A constant gradient: m̂ₜ = g and v̂ₜ = g² at every t.
        let xs = try run(Optimisers.RAdam(), Array(repeating: g1, count: 5))
        // β2 = 0.999: ρ∞ = 2/0.001 − 1 = 1999; ρₜ = 1999 − 2t·0.999ᵗ/(1 − 0.999ᵗ):
        // ρ₁ = 1999 − 1998 = 1, ρ₂ ≈ 1.9995, ρ₃ ≈ 2.9987, ρ₄ ≈ 3.9975 (≤ 4: step = η·m̂ = η·g), …
        for t in 0..<4 {
            expectClose(xs[t], [1 - Double(t + 1) * 0.001 * 0.5, -2 + Double(t + 1) * 0.001 * 0.25], "RAdam step \(t + 1)")
        }
        // … ρ₅ = 1999 − 10·b/(1 − b) with b = 0.999⁵ > 4: the rectified step η·r·g/(|g| + ϵ).
        let b = 0.999 * 0.999 * 0.999 * 0.999 * 0.999
        let ρ5 = 1999 - 10 * b / (1 - b)
        #expect(ρ5 > 4 && ρ5 < 5)
        let r = rt((ρ5 - 4) * (ρ5 - 2) * 1999 / (1995 * 1997 * ρ5))
        let before = [1 - 4 * 0.0005, -2 + 4 * 0.00025]
        expectClose(xs[4], [before[0] - 0.001 * r * 0.5 / (0.5 + 1e-8), before[1] + 0.001 * r * 0.25 / (0.25 + 1e-8)])
    }

    @Test func adamax() throws {
        let xs = try run(Optimisers.AdaMax(), [g1, g2])
        // t = 1: m = 0.1·g, u = |g|: step = (0.001/0.1)·0.1·g/(|g| + ϵ).
        let s1 = [0.01 * 0.05 / (0.5 + 1e-8), 0.01 * -0.025 / (0.25 + 1e-8)]
        expectClose(xs[0], minus(x0, s1))
        // t = 2: m₂ = [0.015, 0.0175]; u₂ = [max(0.4995, 0.3), max(0.24975, 0.4)] = [0.4995, 0.4].
        let s2 = [(0.001 / 0.19) * 0.015 / (0.4995 + 1e-8), (0.001 / 0.19) * 0.0175 / (0.4 + 1e-8)]
        expectClose(xs[1], minus(minus(x0, s1), s2))
    }

    @Test func oadam() throws {
        let xs = try run(Optimisers.OAdam(), [g1, g2])
        // β = (0.5, 0.9). t = 1: m̂ = g, v̂ = g²: term₁ = η·g/(|g| + ϵ); step₁ = 2·term₁ − 0.
        let term1 = [0.001 * 0.5 / (0.5 + 1e-8), 0.001 * -0.25 / (0.25 + 1e-8)]
        expectClose(xs[0], minus(x0, term1.map { 2 * $0 }))
        // t = 2: m₂ = 0.25·g₁ + 0.5·g₂ = [0.125 − 0.15, −0.0625 + 0.2] = [−0.025, 0.1375];
        // v₂ = 0.09·g₁² + 0.1·g₂² = [0.0225 + 0.009, 0.005625 + 0.016]; m̂ = m₂/0.75, v̂ = v₂/0.19.
        let term2 = [0.001 * (-0.025 / 0.75) / (rt(0.0315 / 0.19) + 1e-8),
                     0.001 * (0.1375 / 0.75) / (rt(0.021625 / 0.19) + 1e-8)]
        let s2 = [2 * term2[0] - term1[0], 2 * term2[1] - term1[1]]
        expectClose(xs[1], minus(minus(x0, term1.map { 2 * $0 }), s2))
    }

    @Test func adagrad() throws {
        let xs = try run(Optimisers.AdaGrad(), [g1, g2])
        // η = 0.1; acc starts at ϵ: acc₁ = 1e-8 + g₁²; step = g·η/(√acc + ϵ).
        let s1 = [0.5 * 0.1 / (rt(1e-8 + 0.25) + 1e-8), -0.25 * 0.1 / (rt(1e-8 + 0.0625) + 1e-8)]
        expectClose(xs[0], minus(x0, s1))
        let s2 = [-0.3 * 0.1 / (rt(1e-8 + 0.25 + 0.09) + 1e-8), 0.4 * 0.1 / (rt(1e-8 + 0.0625 + 0.16) + 1e-8)]
        expectClose(xs[1], minus(minus(x0, s1), s2))
    }

    @Test func adadelta() throws {
        let xs = try run(Optimisers.AdaDelta(), [g1, g2])
        // acc₁ = 0.1·g₁² = [0.025, 0.00625]; step₁ = g·√(0 + ϵ)/√(acc₁ + ϵ); Δacc₁ = 0.1·step₁².
        let s1 = [0.5 * rt(1e-8) / rt(0.025 + 1e-8), -0.25 * rt(1e-8) / rt(0.00625 + 1e-8)]
        expectClose(xs[0], minus(x0, s1))
        let d1 = s1.map { 0.1 * $0 * $0 }
        // acc₂ = [0.0315, 0.021625]; step₂ = g₂·√(Δacc₁ + ϵ)/√(acc₂ + ϵ).
        let s2 = [-0.3 * rt(d1[0] + 1e-8) / rt(0.0315 + 1e-8), 0.4 * rt(d1[1] + 1e-8) / rt(0.021625 + 1e-8)]
        expectClose(xs[1], minus(minus(x0, s1), s2))
    }

    @Test func amsgrad() throws {
        let xs = try run(Optimisers.AMSGrad(), [g1, g2])
        // m, v, v̂ start at ϵ = 1e-8. m₁ = 0.9e-8 + 0.1·g₁; v₁ = 0.999e-8 + 0.001·g₁²; v̂₁ = v₁;
        // step = η·m/(√v̂ + ϵ), no bias correction.
        let m1 = [0.9e-8 + 0.05, 0.9e-8 - 0.025], v1 = [0.999e-8 + 0.00025, 0.999e-8 + 0.0000625]
        let s1 = [0.001 * m1[0] / (rt(v1[0]) + 1e-8), 0.001 * m1[1] / (rt(v1[1]) + 1e-8)]
        expectClose(xs[0], minus(x0, s1))
        // m₂ = 0.9·m₁ + 0.1·g₂; v₂ = 0.999·v₁ + 0.001·g₂²; v̂₂ = max(v̂₁, v₂) with v̂₁ = v₁.
        let m2 = [0.9 * m1[0] - 0.03, 0.9 * m1[1] + 0.04], v2 = [0.999 * v1[0] + 0.00009, 0.999 * v1[1] + 0.00016]
        let vhat = [Swift.max(v1[0], v2[0]), Swift.max(v1[1], v2[1])]
        let s2 = [0.001 * m2[0] / (rt(vhat[0]) + 1e-8), 0.001 * m2[1] / (rt(vhat[1]) + 1e-8)]
        expectClose(xs[1], minus(minus(x0, s1), s2))
    }

    @Test func amsgradKeepsTheLargestSecondMoment() throws {
        // A large gradient, then a small one: v̂ keeps the large v₁ (v₂ = 0.999·v₁ + … < v₁).
        let xs = try run(Optimisers.AMSGrad(), [[2], [0.001]], from: [0])
        let m1 = 0.9e-8 + 0.2, v1 = 0.999e-8 + 0.004
        let s1 = 0.001 * m1 / (rt(v1) + 1e-8)
        let m2 = 0.9 * m1 + 0.0001, v2 = 0.999 * v1 + 0.001 * 0.000001
        #expect(v2 < v1)
        expectClose(xs[1][0], -s1 - 0.001 * m2 / (rt(v1) + 1e-8))
    }

    @Test func nadam() throws {
        let xs = try run(Optimisers.NAdam(), [g1])
        // t = 1 (β1ᵗ = 0.9, β2ᵗ = 0.999): m = 0.1·g, v = 0.001·g²;
        // step = η·(0.9·m/(1 − 0.81) + 0.1·g/(1 − 0.9)) / (√(0.999·v/0.001) + ϵ)
        //      = η·(0.09·g/0.19 + g) / (√0.999·|g| + ϵ).
        let s1 = [0.001 * (0.045 / 0.19 + 0.5) / (rt(0.999 * 0.00025 / 0.001) + 1e-8),
                  0.001 * (-0.0225 / 0.19 - 0.25) / (rt(0.999 * 0.0000625 / 0.001) + 1e-8)]
        expectClose(xs[0], minus(x0, s1))
    }

    @Test func adamwCoupledScalesTheDecayByEta() throws {
        let xs = try run(Optimisers.AdamW(0.01, (0.9, 0.999), 0.1), [g1])
        // a = g/(|g| + ϵ); couple = true: step = η·(a + λ·x₀) = 0.01·(a + 0.1·x₀).
        let a = [0.5 / (0.5 + 1e-8), -0.25 / (0.25 + 1e-8)]
        expectClose(xs[0], [1 - 0.01 * (a[0] + 0.1), -2 - 0.01 * (a[1] - 0.2)])
    }

    @Test func adamwUncoupledAddsTheDecayOutsideEta() throws {
        let xs = try run(Optimisers.AdamW(0.01, (0.9, 0.999), 0.1, couple: false), [g1])
        // couple = false (Flux's AdamW): step = η·a + λ·x₀ = 0.01·a + 0.1·x₀.
        let a = [0.5 / (0.5 + 1e-8), -0.25 / (0.25 + 1e-8)]
        expectClose(xs[0], [1 - (0.01 * a[0] + 0.1), -2 - (0.01 * a[1] - 0.2)])
    }

    @Test func adamwPositionalOrderIsEtaBetaLambdaEpsilon() throws {
        // Optimisers.jl ≥ 0.4.2: AdamW(η, β, λ, ϵ). With ϵ = 0.5 the step is visibly damped.
        let xs = try run(Optimisers.AdamW(0.01, (0.9, 0.999), 0, 0.5), [g1])
        expectClose(xs[0], [1 - 0.01 * 0.5 / (0.5 + 0.5), -2 + 0.01 * 0.25 / (0.25 + 0.5)])
    }

    @Test func adabeliefUsesEpsilonAsGiven() throws {
        // ϵ = 1e-3 (Flux would square it to 1e-6). t = 1: m = 0.1·g; s = 0.001·(g − m)² + ϵ = 0.001·0.81·g² + 1e-3;
        // step = η·(m/0.1)/(√(s/0.001) + ϵ) = η·g/(√(0.81·g² + 1) + 1e-3).
        let xs = try run(Optimisers.AdaBelief(0.001, (0.9, 0.999), 1e-3), [g1])
        let s1 = [0.001 * 0.5 / (rt(0.81 * 0.25 + 1) + 1e-3), 0.001 * -0.25 / (rt(0.81 * 0.0625 + 1) + 1e-3)]
        expectClose(xs[0], minus(x0, s1))
    }

    @Test func adabeliefDefaultTwoSteps() throws {
        let xs = try run(Optimisers.AdaBelief(), [g1, g2])
        // ϵ = 1e-16. s₁ = 0.001·0.81·g₁² + 1e-16; ŝ₁ = 0.81·g₁² + 1e-13.
        let s1 = [0.001 * 0.5 / (rt(0.81 * 0.25 + 1e-13) + 1e-16), 0.001 * -0.25 / (rt(0.81 * 0.0625 + 1e-13) + 1e-16)]
        expectClose(xs[0], minus(x0, s1))
        // m₂ = [0.015, 0.0175]; s₂ = 0.999·s₁ + 0.001·(g₂ − m₂)² + 1e-16; m̂ = m₂/0.19, ŝ = s₂/0.001999.
        let sPrev = [0.001 * 0.81 * 0.25 + 1e-16, 0.001 * 0.81 * 0.0625 + 1e-16]
        let sNew = [0.999 * sPrev[0] + 0.001 * (0.315 * 0.315) + 1e-16, 0.999 * sPrev[1] + 0.001 * (0.3825 * 0.3825) + 1e-16]
        let s2 = [0.001 * (0.015 / 0.19) / (rt(sNew[0] / 0.001999) + 1e-16),
                  0.001 * (0.0175 / 0.19) / (rt(sNew[1] / 0.001999) + 1e-16)]
        expectClose(xs[1], minus(minus(x0, s1), s2))
    }

    @Test func weightDecayDefault() throws {
        let xs = try run(Optimisers.WeightDecay(), [g1])
        // λ = 5e-4: step = g + λ·x₀ = [0.5 + 0.0005, −0.25 − 0.001].
        expectClose(xs[0], [1 - 0.5005, -2 + 0.251])
    }

    @Test func signDecayKeepsLambdaInDouble() throws {
        let xs = try run(Optimisers.SignDecay(), [g1])
        // λ = 1e-3: step = g + λ·sign(x₀) = [0.501, −0.251].
        expectClose(xs[0], [1 - 0.501, -2 + 0.251])
        // λ = 0.01 applies 0.01, not Flux's Float32 0.009999999776482582 (a relative difference of 2e-8).
        let ys = try run(Optimisers.SignDecay(0.01), [[0, 0, 0]], from: [3, -4, 0])
        expectClose(ys[0], [3 - 0.01, -4 + 0.01, 0], rtol: 1e-15)
    }

    @Test func clipGrad() throws {
        // Default δ = 10 leaves g₁ alone; δ = 0.3 clamps 0.5 to 0.3.
        expectClose(try run(Optimisers.ClipGrad(), [g1])[0], [0.5, -1.75])
        expectClose(try run(Optimisers.ClipGrad(0.3), [[0.5, -0.25, -7]], from: [0, 0, 0])[0], [-0.3, 0.25, 0.3])
    }

    @Test(arguments: clipNormCases)
    func clipNormScalesByOmegaOverTheNorm(p: Double, factor: Double) throws {
        let xs = try run(Optimisers.ClipNorm(1, p), [[3, -4, 0]], from: [0, 0, 0])
        expectClose(xs[0], [-3 * factor, 4 * factor, 0], "p = \(p)")
    }

    @Test func clipNormBelowOmegaMultipliesByOne() throws {
        // ω = 10 > ‖g‖₂ = 5: min(ω/ν, 1) = 1.
        expectClose(try run(Optimisers.ClipNorm(), [[3, -4]], from: [0, 0])[0], [-3, 4])
    }

    @Test func chainFoldsInOrder() throws {
        // WeightDecay then Descent: step = 0.5·(g + 0.1·x₀) = 0.5·[0.6, −0.45].
        expectClose(try run(Optimisers.OptimiserChain(Optimisers.WeightDecay(0.1), Optimisers.Descent(0.5)), [g1])[0],
                    [1 - 0.3, -2 + 0.225])
        // Descent then WeightDecay: step = 0.5·g + 0.1·x₀ = [0.25 + 0.1, −0.125 − 0.2].
        expectClose(try run(Optimisers.OptimiserChain(Optimisers.Descent(0.5), Optimisers.WeightDecay(0.1)), [g1])[0],
                    [1 - 0.35, -2 + 0.325])
    }

    @Test func emptyChainIsAPlainGradientStep() throws {
        let xs = try run(Optimisers.OptimiserChain(), [g1, g2])
        expectClose(xs[0], [0.5, -1.75])
        expectClose(xs[1], [0.8, -2.15])
    }

    @Test func accumGradInsideAChain() throws {
        let g3: [Double] = [0.1, 0.6]
        let xs = try run(Optimisers.OptimiserChain(Optimisers.AccumGrad(3), Optimisers.Descent(0.1)), [g1, g2, g3, g1])
        // Calls 1 and 2 return nothing: x unchanged.
        expectClose(xs[0], x0)
        expectClose(xs[1], x0)
        // Call 3: mean = (g₁ + g₂ + g₃)/3 = [0.3/3, 0.75/3] = [0.1, 0.25]; step = 0.1·mean.
        expectClose(xs[2], [1 - 0.01, -2 - 0.025])
        // Call 4 starts a new group: unchanged again.
        expectClose(xs[3], xs[2])
    }

    @Test func accumGradOfOneStepsEveryCall() throws {
        let xs = try run(Optimisers.OptimiserChain(Optimisers.AccumGrad(1), Optimisers.Descent(0.1)), [g1, g2])
        expectClose(xs[0], [0.95, -1.975])
        expectClose(xs[1], [0.98, -2.015])
    }

    @Test func accumGradStopsTheChainAndLaterRulesKeepTheirState() throws {
        let x = dvec([1, -2])
        let state = Optimisers.setup(Optimisers.OptimiserChain(Optimisers.AccumGrad(2), Optimisers.Momentum(0.01, 0.9)), x)
        try Optimisers.updateInPlace(state, x, dvec(g1))
        // Chain state (AccumGrad: acc = g₁/2, counter 2; Momentum: velocity still zero).
        #expect(stateNumbers(leafAt(state).state) == [0.25, -0.125, 2, 0, 0])
        #expect(x.scalars == [1, -2])
        try Optimisers.updateInPlace(state, x, dvec(g2))
        // mean = (g₁ + g₂)/2 = [0.1, 0.075]; v = 0.01·mean = [0.001, 0.00075].
        expectClose(x.scalars, [0.999, -2.00075])
        expectClose(stateNumbers(leafAt(state).state), [0.1, 0.075, 1, 0.001, 0.00075])
    }

    @Test func decayDescentSeedRule() throws {
        // η/√1, η/√2, η/√3 times the gradient 1.
        let xs = try run(DecayDescent(eta: 0.1), [[1], [1], [1]], from: [0])
        expectClose(xs.map { $0[0] }, [-0.1, -0.1 - 0.1 / rt(2), -0.1 - 0.1 / rt(2) - 0.1 / rt(3)])
    }

    @Test func callersGradientIsNotOverwritten() throws {
        let x = dvec(x0), g = dvec(g1)
        let state = Optimisers.setup(Optimisers.Adam(), x)
        try Optimisers.updateInPlace(state, x, g)
        #expect(g.scalars == g1)
    }
}
