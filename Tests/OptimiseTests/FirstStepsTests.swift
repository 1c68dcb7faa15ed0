import Foundation
import Testing
@testable import Optimise
import Tensors
import Tracker

/// The first two steps of every rule, computed by hand from the equations of
/// flux_optimise_spec.md §2.2 with literal inputs. Each vector has two elements:
/// element 0 sees g = 0.5 then −0.25, element 1 sees g = −2 then 0 (an exact zero).
@Suite("First steps by hand")
struct FirstStepsTests {
    static let g1: [Double] = [0.5, -2.0]
    static let g2: [Double] = [-0.25, 0.0]

    /// Checks `expected` steps through `apply` (the returned step arrays), through
    /// `update(opt, x, x̄)` (the parameter values), and through `apply` on Float.
    func check(_ make: () -> any AbstractOptimiser, x0: [Double] = [0, 0], grads: [[Double]] = [g1, g2],
               _ expected: [[Double]], floatRtol: Double = 1e-5, sourceLocation: SourceLocation = #_sourceLocation) throws {
        // apply path: exact steps
        let applied = try appliedStepsOf(make(), x0: x0, grads: grads)
        for (t, (a, e)) in zip(applied, expected).enumerated() {
            expectClose(a, e, rtol: 1e-12, atol: 1e-300, "apply step \(t + 1)", sourceLocation: sourceLocation)
        }
        // update path: parameter values x0 − Σ steps
        let opt = make()
        let x = vec(x0)
        var xe = x0
        for (t, g) in grads.enumerated() {
            let gt = vec(g)
            try update(opt, x, gt)
            #expect(gt.scalars == g, "update changed the gradient", sourceLocation: sourceLocation)
            xe = xe.indices.map { xe[$0] - expected[t][$0] }
            expectClose(x.scalars, xe, rtol: 1e-12, atol: 1e-16, "update x after step \(t + 1)", sourceLocation: sourceLocation)
        }
        // Float: the same steps to single precision
        let fopt = make()
        let xf = vecF(x0)
        for (t, g) in grads.enumerated() {
            let s = try apply(fopt, xf, vecF(g))
            expectClose(s.scalars, expected[t], rtol: floatRtol, atol: 1e-9, "Float apply step \(t + 1)", sourceLocation: sourceLocation)
            subtractInPlace(xf, s)
        }
    }

    @Test func descent() throws {
        try check({ Descent(0.1) }, [[0.5 * 0.1, -2 * 0.1], [-0.25 * 0.1, 0]])
        try check({ Descent() }, [[0.05, -0.2], [-0.025, 0]])
    }

    @Test func momentum() throws {
        // v = ρv − ηg; step = −v. Defaults η = 0.01, ρ = 0.9.
        let v1: [Double] = [0.9 * 0 - 0.01 * 0.5, 0.9 * 0 - 0.01 * -2.0]          // [−0.005, 0.02]
        let v2: [Double] = [0.9 * v1[0] - 0.01 * -0.25, 0.9 * v1[1] - 0.01 * 0]    // [−0.002, 0.018]
        #expect(close(v1[0], -0.005) && close(v2[0], -0.002) && close(v2[1], 0.018))
        try check({ Momentum() }, [[-v1[0], -v1[1]], [-v2[0], -v2[1]]])
        try check({ Momentum(0.01, 0.9) }, [[0.005, -0.02], [0.002, -0.018]])
    }

    @Test func nesterov() throws {
        // d = (ρρ)v − ((1+ρ)η)g; v = ρv − ηg; step = −d. Defaults η = 0.001, ρ = 0.9.
        let d1: [Double] = [(0.81 * 0) - (1.9 * 0.001) * 0.5, (0.81 * 0) - (1.9 * 0.001) * -2.0]   // [−0.00095, 0.0038]
        let v1: [Double] = [-0.001 * 0.5, -0.001 * -2.0]                                            // [−0.0005, 0.002]
        let d2: [Double] = [0.81 * v1[0] - (1.9 * 0.001) * -0.25, 0.81 * v1[1] - 0]                // [0.00007, 0.00162]
        #expect(close(d2[0], 0.00007, rtol: 1e-10) && close(d2[1], 0.00162, rtol: 1e-12))
        try check({ Nesterov() }, [[-d1[0], -d1[1]], [-d2[0], -d2[1]]])
        try check({ Nesterov(0.001, 0.9) }, [[0.00095, -0.0038], [-0.00007, -0.00162]], floatRtol: 2e-5)
    }

    @Test func rmsprop() throws {
        // a = ρa + ((1−ρ)g)g; step = g(η/(√a + ϵ))
        let a1: [Double] = [0.025, 0.4], a2: [Double] = [0.9 * 0.025 + 0.1 * 0.0625, 0.9 * 0.4]
        try check({ RMSProp() }, [
            [0.5 * (0.001 / (rt(a1[0]) + 1e-8)), -2 * (0.001 / (rt(a1[1]) + 1e-8))],
            [-0.25 * (0.001 / (rt(a2[0]) + 1e-8)), 0],
        ])
        // ϵ outside the root: with ϵ = 0.1 the difference from √(a+ϵ) is large
        try check({ RMSProp(0.001, 0.9, 0.1) }, grads: [Self.g1], [[0.5 * (0.001 / (rt(0.025) + 0.1)), -2 * (0.001 / (rt(0.4) + 0.1))]])
    }

    @Test func adam() throws {
        // Adam with g = 0.5 at t = 1: m = 0.05, v = 0.00025
        let s1a = ((0.05 / 0.1) / (rt(0.00025 / 0.001) + 1e-8)) * 0.001
        let s1b = ((-0.2 / 0.1) / (rt(0.004 / 0.001) + 1e-8)) * 0.001
        // t = 2: g = −0.25: m = 0.9·0.05 + 0.1·(−0.25) = 0.02, v = 0.999·0.00025 + 0.001·0.0625 = 0.00031225
        //        g = 0:     m = −0.18, v = 0.999·0.004 = 0.003996;  1 − β1² = 0.19, 1 − β2² = 0.001999
        let s2a = ((0.02 / 0.19) / (rt(0.00031225 / 0.001999) + 1e-8)) * 0.001
        let s2b = ((-0.18 / 0.19) / (rt(0.003996 / 0.001999) + 1e-8)) * 0.001
        try check({ Adam() }, [[s1a, s1b], [s2a, s2b]])
        try check({ ADAM(0.001, (0.9, 0.999)) }, [[s1a, s1b], [s2a, s2b]])
        // at t = 1 the step is about η·sign(g)
        #expect(close(s1a, 0.001, rtol: 1e-7) && close(s1b, -0.001, rtol: 1e-7))
    }

    @Test func radamFirstTwoStepsAreUnrectified() throws {
        // ρ1 = 1, ρ2 ≈ 1.9995 ≤ 4: step = (m/(1−β1ᵗ))·η
        try check({ RAdam() }, [[(0.05 / 0.1) * 0.001, (-0.2 / 0.1) * 0.001], [(0.02 / 0.19) * 0.001, (-0.18 / 0.19) * 0.001]])
    }

    @Test func radamRectifiedFromStepFive() throws {
        // With a constant g = 0.5: m/(1−β1ᵗ) = 0.5 and v/(1−β2ᵗ) = 0.25 at every t.
        let rhoInf = 2 / (1 - 0.999) - 1                                  // 1999
        func rho(_ t: Double) -> Double { rhoInf - (2 * t * pow(0.999, t)) / (1 - pow(0.999, t)) }
        #expect(close(rho(1), 1.0, rtol: 1e-9))
        #expect(rho(4) < 4 && rho(4) > 3.99, "ρ4 = \(rho(4))")
        #expect(rho(5) > 4, "ρ5 = \(rho(5))")
        func r(_ t: Double) -> Double {
            let p = rho(t)
            return rt(((p - 4) * (p - 2)) * rhoInf / (((rhoInf - 4) * (rhoInf - 2)) * p))
        }
        var expected: [[Double]] = []
        for t in 1...4 { _ = t; expected.append([0.5 * 0.001]) }                    // un-rectified
        for t in 5...7 { expected.append([((0.5 / (0.5 + 1e-8)) * 0.001) * r(Double(t))]) }
        let steps = try appliedStepsOf(RAdam(), x0: [0], grads: Array(repeating: [0.5], count: 7))
        for t in 0..<7 {
            expectClose(steps[t], expected[t], rtol: 1e-9, "RAdam step \(t + 1)")
        }
        // the rectified step is much smaller than the un-rectified one (r5 ≈ 0.02)
        #expect(steps[4][0] < 0.1 * steps[3][0])
    }

    @Test func adamax() throws {
        // u = max(β2u, |g|); step = ((η/(1−β1ᵗ))·m)/(u + ϵ)
        try check({ AdaMax() }, [
            [((0.001 / 0.1) * 0.05) / (0.5 + 1e-8), ((0.001 / 0.1) * -0.2) / (2 + 1e-8)],
            [((0.001 / 0.19) * 0.02) / (0.999 * 0.5 + 1e-8), ((0.001 / 0.19) * -0.18) / (0.999 * 2 + 1e-8)],
        ])
    }

    @Test func oadam() throws {
        // defaults η = 0.001, β = (0.5, 0.9)
        // t = 1: m = [0.25, −1], v = [0.025, 0.4]; sₜ = ((η m)/(1−β1))/(√(v/(1−β2)) + ϵ); step = −0 + 2s
        let s1: [Double] = [((0.001 * 0.25) / 0.5) / (rt(0.025 / 0.1) + 1e-8), ((0.001 * -1) / 0.5) / (rt(0.4 / 0.1) + 1e-8)]
        // t = 2: m = [0.5·0.25 + 0.5·(−0.25), 0.5·(−1)] = [0, −0.5]; v = [0.9·0.025 + 0.1·0.0625, 0.9·0.4]
        //        1 − β1² = 0.75, 1 − β2² = 0.19
        let s2: [Double] = [0.0, ((0.001 * -0.5) / 0.75) / (rt(0.36 / 0.19) + 1e-8)]
        try check({ OAdam() }, [[2 * s1[0], 2 * s1[1]], [-s1[0] + 2 * s2[0], -s1[1] + 2 * s2[1]]])
    }

    @Test("OAdam's −w + 2s keeps the sign of a zero step, as Julia's unary minus does")
    func oadamNegativeZeroStep() throws {
        // Float, g = −3.5e30 on fresh state: m = 0.5·g = −1.75e30; v = (0.1·g)·g = 1.225e60 → +Inf;
        // s = ((η·m)/0.5)/(√(Inf/0.1) + ϵ) = −3.5e27/Inf = −0; step = −(+0) + 2·(−0) = −0 + −0 = −0.
        // 40 elements, so that the wide kernels (where the processor has them) and the Swift ones run.
        for level in [0, 2] {
            let x = Tensor<Float>(shape: [40], scalars: [Float](repeating: 1, count: 40))
            let g = Tensor<Float>(shape: [40], scalars: [Float](repeating: -3.5e30, count: 40))
            let step = withRuleVectorLevel(level) { OAdam().apply(x, g) }
            #expect(step.scalars.allSatisfy { $0 == 0 && $0.sign == .minus }, "level \(level)")
        }
    }

    @Test func adagrad() throws {
        // a starts at ϵ: a = ϵ + g²; step = g(η/(√a + ϵ)); default η = 0.1
        let a1: [Double] = [1e-8 + 0.25, 1e-8 + 4], a2: [Double] = [a1[0] + 0.0625, a1[1]]
        try check({ AdaGrad() }, [
            [0.5 * (0.1 / (rt(a1[0]) + 1e-8)), -2 * (0.1 / (rt(a1[1]) + 1e-8))],
            [-0.25 * (0.1 / (rt(a2[0]) + 1e-8)), 0],
        ])
        // with ϵ = 1 the start value is visible: a = 1 + 0.25 (not 0.25)
        try check({ AdaGrad(0.1, 1.0) }, grads: [[0.5, 0]], [[0.5 * (0.1 / (rt(1.25) + 1)), 0]])
        #expect(!close(0.5 * (0.1 / (rt(1.25) + 1)), 0.5 * (0.1 / (rt(0.25) + 1)), rtol: 1e-3))
    }

    @Test func adadelta() throws {
        // a = ρa + ((1−ρ)g)g; step = g(√(d+ϵ)/√(a+ϵ)); d = ρd + ((1−ρ)step)step
        let s1: [Double] = [0.5 * (rt(0 + 1e-8) / rt(0.025 + 1e-8)), -2 * (rt(1e-8) / rt(0.4 + 1e-8))]
        let d1: [Double] = [(0.1 * s1[0]) * s1[0], (0.1 * s1[1]) * s1[1]]
        let a2 = 0.9 * 0.025 + (0.1 * -0.25) * -0.25
        let s2: [Double] = [-0.25 * (rt(d1[0] + 1e-8) / rt(a2 + 1e-8)), 0]
        try check({ AdaDelta() }, [s1, s2])
        try check({ ADADelta(0.9) }, [s1, s2])
        // the first step is tiny: about g·√ϵ/√((1−ρ)g²)
        #expect(Swift.abs(s1[0]) < 1e-3 && Swift.abs(s1[0]) > 1e-5)
    }

    @Test func amsgrad() throws {
        // m, v, v̂ start at ϵ; v = β2v + (1−β2)(g·g); v̂ = max(v̂, v); step = ηm/(√v̂ + ϵ)
        let m1: [Double] = [0.9 * 1e-8 + 0.1 * 0.5, 0.9 * 1e-8 + 0.1 * -2.0]
        let v1: [Double] = [0.999 * 1e-8 + 0.001 * 0.25, 0.999 * 1e-8 + 0.001 * 4]
        let m2: [Double] = [0.9 * m1[0] + 0.1 * -0.25, 0.9 * m1[1] + 0.1 * 0]
        let v2: [Double] = [0.999 * v1[0] + 0.001 * 0.0625, 0.999 * v1[1]]
        let vh2: [Double] = [v2[0], v1[1]]      // element 1: v fell, so v̂ keeps the old maximum
        #expect(v2[1] < v1[1] && v2[0] > v1[0])
        try check({ AMSGrad() }, [
            [(0.001 * m1[0]) / (rt(v1[0]) + 1e-8), (0.001 * m1[1]) / (rt(v1[1]) + 1e-8)],
            [(0.001 * m2[0]) / (rt(vh2[0]) + 1e-8), (0.001 * m2[1]) / (rt(vh2[1]) + 1e-8)],
        ])
        // a zero first gradient still moves: m starts at ϵ, so step = η·(β1ϵ)/(√(β2ϵ)… ) ≠ 0
        let z = try appliedStepsOf(AMSGrad(), x0: [0], grads: [[0]])
        let mz = 0.9 * 1e-8, vz = Swift.max(1e-8, 0.999 * 1e-8)
        expectClose(z[0], [(0.001 * mz) / (rt(vz) + 1e-8)], rtol: 1e-12, "AMSGrad zero-gradient step")
    }

    @Test func nadam() throws {
        // step = ((β1m)/(1 − β1·β1ᵗ) + ((1−β1)g)/(1 − β1ᵗ)) / (√((vβ2)/(1 − β2ᵗ)) + ϵ) · η
        let s1: [Double] = [((0.9 * 0.05) / (1 - 0.81) + (0.1 * 0.5) / (1 - 0.9)) / (rt((0.00025 * 0.999) / (1 - 0.999)) + 1e-8) * 0.001,
                  ((0.9 * -0.2) / (1 - 0.81) + (0.1 * -2.0) / (1 - 0.9)) / (rt((0.004 * 0.999) / (1 - 0.999)) + 1e-8) * 0.001]
        let s2: [Double] = [((0.9 * 0.02) / (1 - 0.729) + (0.1 * -0.25) / (1 - 0.81)) / (rt((0.00031225 * 0.999) / 0.001999) + 1e-8) * 0.001,
                  ((0.9 * -0.18) / (1 - 0.729) + 0) / (rt((0.003996 * 0.999) / 0.001999) + 1e-8) * 0.001]
        try check({ NAdam() }, [s1, s2])
        try check({ NADAM(0.001, (0.9, 0.999)) }, [s1, s2])
    }

    @Test func adabeliefSquaresEpsilon() throws {
        // ϵ = 1e-3 so e2 = ϵ² = 1e-6 is visible. s = (β2s + ((1−β2)(g−m))(g−m)) + e2;
        // step = ((ηm)/(1−β1ᵗ))/(√(s/(1−β2ᵗ)) + e2)
        let e2 = 1e-3 * 1e-3
        let s1: [Double] = [(0.001 * 0.45) * 0.45 + e2, (0.001 * -1.8) * -1.8 + e2]            // g − m = 0.45, −1.8
        let st1: [Double] = [((0.001 * 0.05) / 0.1) / (rt(s1[0] / 0.001) + e2), ((0.001 * -0.2) / 0.1) / (rt(s1[1] / 0.001) + e2)]
        let s2: [Double] = [(0.999 * s1[0] + (0.001 * -0.27) * -0.27) + e2, (0.999 * s1[1] + (0.001 * 0.18) * 0.18) + e2]  // g − m = −0.27, 0.18
        let st2: [Double] = [((0.001 * 0.02) / 0.19) / (rt(s2[0] / 0.001999) + e2), ((0.001 * -0.18) / 0.19) / (rt(s2[1] / 0.001999) + e2)]
        try check({ AdaBelief(0.001, (0.9, 0.999), 1e-3) }, [st1, st2])
        // and the default ϵ = 1e-8 (squared to 1e-16)
        let d1: [Double] = [((0.001 * 0.05) / 0.1) / (rt(((0.001 * 0.45) * 0.45 + 1e-16) / 0.001) + 1e-16)]
        let steps = try appliedStepsOf(AdaBelief(), x0: [0], grads: [[0.5]])
        expectClose(steps[0], d1, rtol: 1e-12, "AdaBelief default step 1")
    }

    @Test func adamwDecayIsNotScaledByEta() throws {
        // AdamW(η, β, decay) = Optimiser(Adam(η, β), WeightDecay(decay)): step = adam + decay·x
        let x0: [Double] = [1.0, -2.0]
        let a1: [Double] = [((0.05 / 0.1) / (rt(0.00025 / 0.001) + 1e-8)) * 0.001, ((-0.2 / 0.1) / (rt(0.004 / 0.001) + 1e-8)) * 0.001]
        let s1: [Double] = [a1[0] + 0.1 * x0[0], a1[1] + 0.1 * x0[1]]
        let x1: [Double] = [x0[0] - s1[0], x0[1] - s1[1]]
        let a2: [Double] = [((0.02 / 0.19) / (rt(0.00031225 / 0.001999) + 1e-8)) * 0.001, ((-0.18 / 0.19) / (rt(0.003996 / 0.001999) + 1e-8)) * 0.001]
        let s2: [Double] = [a2[0] + 0.1 * x1[0], a2[1] + 0.1 * x1[1]]
        try check({ AdamW(0.001, (0.9, 0.999), 0.1) }, x0: x0, [s1, s2])
        try check({ ADAMW(0.001, (0.9, 0.999), 0.1) }, x0: x0, [s1, s2])
        // decay = 0 (the default) is plain Adam
        try check({ AdamW() }, [a1, a2])
    }

    @Test func weightDecay() throws {
        let x0: [Double] = [1.0, -2.0]
        let s1: [Double] = [0.5 + 0.1 * 1.0, -2.0 + 0.1 * -2.0]
        let x1: [Double] = [1.0 - s1[0], -2.0 - s1[1]]
        try check({ WeightDecay(0.1) }, x0: x0, [s1, [-0.25 + 0.1 * x1[0], 0 + 0.1 * x1[1]]])
        try check({ WeightDecay() }, x0: x0, [Self.g1, Self.g2])
    }

    @Test func signDecayUsesFloatLambda() throws {
        let λ = 0.009999999776482582          // Double(Float(0.01))
        #expect(λ == Double(Float(0.01)) && λ != 0.01)
        let x0: [Double] = [1.0, -2.0, 0.0]
        let grads: [[Double]] = [[0.5, -2.0, 0.25], [0, 0, 0]]
        let s1: [Double] = [0.5 + λ * 1, -2.0 + λ * -1, 0.25 + λ * 0]
        let x1: [Double] = [1.0 - s1[0], -2.0 - s1[1], 0.0 - s1[2]]          // [0.49.., +0.0099.., −0.25]
        let s2: [Double] = [λ * 1, λ * 1, λ * -1]
        #expect(x1[0] > 0 && x1[1] > 0 && x1[2] < 0)
        let steps = try appliedStepsOf(SignDecay(0.01), x0: x0, grads: grads)
        #expect(steps[0] == s1, "SignDecay(0.01) must apply Double(Float(0.01)) exactly")
        #expect(steps[1] == s2)
        // the default λ is 1f-3
        let d = try appliedStepsOf(SignDecay(), x0: [3.0], grads: [[0]])
        #expect(d[0] == [0.0010000000474974513])
    }

    @Test func clipValue() throws {
        let s = try appliedStepsOf(ClipValue(1.0), x0: [0, 0, 0, 0, 0], grads: [[0.5, -2, 3, -0.999, 1.0]])
        #expect(s[0] == [0.5, -1, 1, -0.999, 1.0])
    }

    @Test func clipNorm() throws {
        // ‖(3, 4)‖ = 5 > 1: scaled by 1/5
        try check({ ClipNorm(1.0) }, grads: [[3, 4], [0.3, 0.4]], [[3 * (1.0 / 5), 4 * (1.0 / 5)], [0.3, 0.4]])
    }

    @Test func invDecay() throws {
        // n starts at 1: first step g/(1+γ), second g/(1+2γ)
        try check({ InvDecay(0.5) }, [[0.5 * (1 / 1.5), -2 * (1 / 1.5)], [-0.25 * (1 / 2.0), 0]])
        try check({ InvDecay() }, [[0.5 * (1 / 1.001), -2 * (1 / 1.001)], [-0.25 * (1 / 1.002), 0]])
    }

    @Test func expDecay() throws {
        // decay_step = 2: η used at call 1 is 0.1, at call 2 it is max(0.1·0.5, 1e-4) = 0.05
        try check({ ExpDecay(0.1, 0.5, 2, 1e-4) }, [[0.5 * 0.1, -2 * 0.1], [-0.25 * 0.05, 0]])
        // defaults: η = 0.001, no decay before call 1000
        try check({ ExpDecay() }, [[0.5 * 0.001, -2 * 0.001], [-0.25 * 0.001, 0]])
    }
}
