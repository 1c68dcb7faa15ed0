import Foundation
import Optimise
import Tensors
import Testing
import Tracker

// Scheduler (ParameterSchedulers v0.3 behaviour, spec §6.1): a per-parameter counter from 1, the
// update function called with s(t) before the wrapped rule's step. Expected trajectories are
// computed by hand in plain Double loops.

/// A Double vector.
private func v(_ xs: [Double]) -> Tensor<Double> { Tensor(xs) }

@Suite("Scheduler (spec §6.1)")
struct ScheduleSchedulerTests {
    @Test func etaFollowsTheScheduleAndCountersAdvance() throws {
        // the package test: after t updates o.optim.eta == s(t) and o.state[p] == t + 1
        let W = Tensor<Double>(shape: [2, 3], repeating: 0.5), b = v([0, 0])
        let ps = params(W, b)
        let s = Exp(0.1, 0.5)
        let o = Scheduler(s, Momentum())
        #expect(o.counter(for: W) == nil)
        for t in 1...10 {
            let gs = Grads(ps)
            gs[W] = Tensor<Double>(shape: [2, 3], repeating: Double(t) / 10)
            gs[b] = v([1, -1])
            try update(o, ps, gs)
            #expect(o.optim.eta == s(t))
            #expect(o.counter(for: W) == t + 1)
            #expect(o.counter(for: b) == t + 1)
        }
    }

    @Test func descentTrajectory() throws {
        let s = CosAnneal(l0: 0.01, l1: 0.1, period: 4)
        let opt = Scheduler(s, Descent())
        let x = v([1, -2])
        var grads: [[Double]] = []
        for t in 1...12 {
            let a: Double = Double(t) * 0.3 - 1
            let b: Double = 0.5 + Double(t % 3)
            grads.append([a, b])
        }
        var expected = [1.0, -2.0]
        for (t, g) in zip(1..., grads) {
            try update(opt, x, v(g))
            let c: Double = Foundation.cos(Double.pi * Double((t - 1) % 4) / 4)
            let η: Double = 0.09 * (1 + c) / 2 + 0.01                               // s(t) by hand
            expected = [expected[0] - g[0] * η, expected[1] - g[1] * η]
            expectClose(x.scalars, expected, rtol: 1e-14, "Descent step \(t)")
            #expect(opt.optim.eta == s(t))
        }
    }

    @Test func momentumTrajectoryThroughApply() throws {
        // apply (Flux apply!) goes through the schedule too: v = ρv − η_t g, step = −v
        let s = Step(0.1, 0.5, 3)
        let opt = Scheduler(s, Momentum(0.01, 0.9))
        let x = v([0.3])
        var velocity = 0.0, expectedX = 0.3
        for t in 1...9 {
            let g: Double = 1 + 0.1 * Double(t)
            let step = try apply(opt, x, v([g]))
            let η: Double = 0.1 * Foundation.pow(0.5, Double((t - 1) / 3))
            velocity = 0.9 * velocity - η * g
            expectClose(step.scalars, [-velocity], rtol: 1e-14, "Momentum step \(t)")
            x.withUnsafeMutableBufferPointer { $0[0] -= step.scalars[0] }
            expectedX += velocity
        }
        expectClose(x.scalars, [expectedX], rtol: 1e-14)
    }

    @Test func customUpdateFunctionSchedulesRho() throws {
        // Scheduler(s, Momentum(); update_func = (o, s) -> o.rho = s)
        let s = Triangle(l0: 0.5, l1: 0.9, period: 4)
        let opt = Scheduler(s, Momentum(0.1)) { o, ρ in o.rho = ρ }
        let x = v([1])
        var velocity = 0.0, expectedX = 1.0
        for t in 1...8 {
            try update(opt, x, v([2]))
            let wave: Double = Foundation.asin(Foundation.sin(Double.pi * Double(t - 1) / 4))
            let ρ: Double = 0.4 * ((2 / Double.pi) * Swift.abs(wave)) + 0.5
            velocity = ρ * velocity - 0.1 * 2
            expectedX += velocity
            #expect(opt.optim.rho == s(t))
            #expect(opt.optim.eta == 0.1)
        }
        expectClose(x.scalars, [expectedX], rtol: 1e-14)
    }

    @Test func insideAnOptimiserChain() throws {
        // Optimiser(ClipValue(0.5), Scheduler(Inv(0.2, 0.5, 1), Descent())): clip, then the scheduled step
        let s = Inv(0.2, 0.5, 1)
        let scheduled = Scheduler(s, Descent())
        let opt = Optimiser(ClipValue(0.5), scheduled)
        let x = v([0, 0])
        var expected = [0.0, 0.0]
        for t in 1...6 {
            let g0: Double = Double(t) * 0.2 - 0.7
            let g = [g0, 1.5]
            try update(opt, x, v(g))
            let η: Double = 0.2 / (1 + Double(t - 1) * 0.5)
            expected = zip(expected, g).map { (e: Double, gi: Double) -> Double in e - Swift.min(Swift.max(gi, -0.5), 0.5) * η }
            expectClose(x.scalars, expected, rtol: 1e-14, "chain step \(t)")
        }
        #expect(scheduled.optim.eta == s(6))
        // and a Scheduler around a chain, setting the learning rate of one member
        let adam = Adam(0.001)
        let outer = Scheduler(Exp(0.01, 0.9), Optimiser(ClipValue(1), adam)) { chain, η in
            chain.member(1, as: Adam.self).eta = η
        }
        let y = v([1, 2])
        for _ in 1...3 { try update(outer, y, v([0.5, -0.5])) }
        #expect(adam.eta == Exp(0.01, 0.9)(3))
    }

    @Test func skippedParametersFallBehind() throws {
        let W = v([1]), b = v([1])
        let ps = params(W, b)
        let s = Exp(1, 0.5)
        let opt = Scheduler(s, Descent())
        for t in 1...4 {
            let gs = Grads(ps)
            gs[W] = v([1])
            if t.isMultiple(of: 2) { gs[b] = v([1]) }             // b only on even steps
            try update(opt, ps, gs)
        }
        #expect(opt.counter(for: W) == 5)
        #expect(opt.counter(for: b) == 3)
        // W took s(1…4); b took s(1), s(2) at its own steps 1 and 2
        expectClose(W.scalars, [1 - (1 + 0.5 + 0.25 + 0.125)], rtol: 1e-15)
        expectClose(b.scalars, [1 - (1 + 0.5)], rtol: 1e-15)
        // the shared rule's eta is the last parameter's value: b was last at step 4, with s(2)
        #expect(opt.optim.eta == s(2))
    }

    @Test func withTrain() throws {
        // train!(loss, ps, data, opt) with a scheduled Descent: W ← W − s(t)·c at item t
        let W = v([1, 2]), c = v([0.5, -1])
        let s = Exp(0.1, 0.8)
        let opt = Scheduler(s, Descent())
        try train({ (_: Int) -> Tensor<Double> in sum(W .* c) }, params(W), Array(1...5), opt)
        var total = 0.0
        for t in 1...5 { total += 0.1 * Foundation.pow(0.8, Double(t - 1)) }
        expectClose(W.scalars, [1 - 0.5 * total, 2 + total], rtol: 1e-14)
        #expect(opt.optim.eta == s(5))
        #expect(opt.counter(for: W) == 6)
    }

    @Test func floatParameters() throws {
        let s = Exp(0.5, 0.5)
        let opt = Scheduler(s, Descent())
        let x = Tensor<Float>([1, -1])
        var expected: [Float] = [1, -1]
        for t in 1...5 {
            try update(opt, x, Tensor<Float>([0.25, 2]))
            let η = Float(s(t))
            expected = [expected[0] - 0.25 * η, expected[1] - 2 * η]
        }
        #expect(x.scalars == expected)
    }

    /// Three updates through a Scheduler with the default update function.
    func etaAfterThreeSteps<O: HasLearningRate>(_ rule: O) throws -> Double {
        let opt = Scheduler(Exp(0.01, 0.5), rule)
        let x = v([1, 2])
        for _ in 1...3 { try update(opt, x, v([0.1, -0.2])) }
        return rule.eta
    }

    @Test func defaultUpdateFunctionForEveryRuleWithEta() throws {
        let expected = Exp(0.01, 0.5)(3)
        #expect(try etaAfterThreeSteps(Descent()) == expected)
        #expect(try etaAfterThreeSteps(Momentum()) == expected)
        #expect(try etaAfterThreeSteps(Nesterov()) == expected)
        #expect(try etaAfterThreeSteps(RMSProp()) == expected)
        #expect(try etaAfterThreeSteps(AdaGrad()) == expected)
        #expect(try etaAfterThreeSteps(Adam()) == expected)
        #expect(try etaAfterThreeSteps(ADAM()) == expected)
        #expect(try etaAfterThreeSteps(RAdam()) == expected)
        #expect(try etaAfterThreeSteps(AdaMax()) == expected)
        #expect(try etaAfterThreeSteps(OAdam()) == expected)
        #expect(try etaAfterThreeSteps(AMSGrad()) == expected)
        #expect(try etaAfterThreeSteps(NAdam()) == expected)
        #expect(try etaAfterThreeSteps(AdaBelief()) == expected)
    }

    @Test func adamTrajectoryWithAScheduledRate() throws {
        // Adam with η_t = s(t): m, v as usual, step = (m̂ / (√v̂ + ϵ)) · η_t
        let s = Sin(l0: 1e-3, l1: 1e-2, period: 6)
        let opt = Scheduler(s, Adam())
        let x = v([0.5])
        var m = 0.0, vv = 0.0, expectedX = 0.5, β1p = 1.0, β2p = 1.0
        for t in 1...12 {
            let g: Double = Foundation.sin(Double(t))
            try update(opt, x, v([g]))
            m = 0.9 * m + 0.1 * g
            vv = 0.999 * vv + (0.001 * g) * g
            β1p *= 0.9; β2p *= 0.999
            let η: Double = 0.009 * Swift.abs(Foundation.sin(Double.pi * Double(t - 1) / 6)) + 1e-3
            expectedX -= ((m / (1 - β1p)) / ((vv / (1 - β2p)).squareRoot() + 1e-8)) * η
        }
        expectClose(x.scalars, [expectedX], rtol: 1e-12)
    }
}
