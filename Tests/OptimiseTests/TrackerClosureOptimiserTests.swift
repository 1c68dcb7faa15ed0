import Testing
import Optimise
import Tensors
import Tracker

/// Flux v0.6 closure optimisers (tracker_era_spec.md §2): `opt = SGD([W, b], 0.1); opt()`.
/// Gradients are filled with `back(sum(W .* g))`, whose gradient with respect to W is g.
/// Expected values are computed by hand from §2.2–2.4 (ϵ inside the roots of this era).
@Suite("Tracker-era closure optimisers")
struct TrackerClosureOptimiserTests {
    /// Accumulates g into grad(W) with a real backward pass.
    func fill(_ W: Tensor<Double>, _ g: [Double]) throws {
        try back(sum(W .* vec(g)))
    }

    /// Runs `opt` twice on a fresh param starting at x0, with gradients g1 then g2; returns x after each call.
    func run(_ make: ([any TensorProtocol]) -> TrackerOptimiser, x0: [Double] = [1, -2],
             _ g1: [Double] = [0.5, -2], _ g2: [Double] = [-0.25, 0]) throws -> [[Double]] {
        let W = param(vec(x0))
        let opt = make([W])
        var out: [[Double]] = []
        for g in [g1, g2] {
            try fill(W, g)
            #expect(grad(W)!.scalars == g)
            opt()
            #expect(grad(W)!.scalars == Array(repeating: 0, count: x0.count), "opt() zeroes grad(p)")
            out.append(W.scalars)
        }
        return out
    }

    @Test func sgdDocsExample() throws {
        let W = param(vec([1, 2])), b = param(vec([0.5]))
        let opt = SGD([W, b], 0.1)
        try back(sum(W .* vec([0.5, -1])) + sum(b .* vec([2])))
        opt()
        expectClose(W.scalars, [1 - 0.1 * 0.5, 2 - 0.1 * -1], rtol: 1e-15)
        expectClose(b.scalars, [0.5 - 0.1 * 2], rtol: 1e-15)
        #expect(grad(W)!.scalars == [0, 0] && grad(b)!.scalars == [0])
        // without a new back(), SGD does nothing
        let before = W.scalars
        opt()
        #expect(W.scalars == before)
    }

    @Test func gradientsAccumulateUntilTheOptimiserRuns() throws {
        let W = param(vec([0, 0]))
        let opt = SGD([W], 0.5)
        try fill(W, [1, 2])
        try fill(W, [1, 2])
        #expect(grad(W)!.scalars == [2, 4])
        opt()
        #expect(W.scalars == [-1, -2])
    }

    @Test func sgdWithInverseDecayStartsUndecayed() throws {
        let x = try run({ SGD($0, 0.1, decay: 0.5) })
        let x1: [Double] = [1 - 0.1 * 0.5, -2 - 0.1 * -2.0]
        expectClose(x[0], x1, rtol: 1e-15, "first call undecayed (n = 0)")
        expectClose(x[1], [x1[0] - 0.1 * (-0.25 * (1 / 1.5)), x1[1] - 0], rtol: 1e-15, "second call scaled by 1/(1+γ)")
        // SGD default η is 0.1
        let d = try run({ SGD($0) })
        expectClose(d[0], x1, rtol: 1e-15)
    }

    @Test func momentum() throws {
        let x = try run({ Momentum($0, 0.1) })
        let v1: [Double] = [-0.1 * 0.5, -0.1 * -2.0]
        let v2: [Double] = [0.9 * v1[0] - 0.1 * -0.25, 0.9 * v1[1] - 0]
        expectClose(x[0], [1 + v1[0], -2 + v1[1]], rtol: 1e-15)
        expectClose(x[1], [1 + v1[0] + v2[0], -2 + v1[1] + v2[1]], rtol: 1e-14)
        // decay scales the GRADIENT before it enters the velocity
        let y = try run({ Momentum($0, 0.1, ρ: 0.5, decay: 1.0) })
        let w1: [Double] = [-0.1 * 0.5, -0.1 * -2.0]
        let w2: [Double] = [0.5 * w1[0] - 0.1 * (-0.25 * 0.5), 0.5 * w1[1]]
        expectClose(y[1], [1 + w1[0] + w2[0], -2 + w1[1] + w2[1]], rtol: 1e-14)
        // default η = 0.01
        let z = try run({ Momentum($0) })
        expectClose(z[0], [1 - 0.01 * 0.5, -2 + 0.01 * 2], rtol: 1e-15)
    }

    @Test func nesterovDefaultEtaIs001() throws {
        let x = try run({ Nesterov($0) })
        let d1: [Double] = [-(1.9 * 0.01) * 0.5, -(1.9 * 0.01) * -2.0]
        let v1: [Double] = [-0.01 * 0.5, -0.01 * -2.0]
        let d2: [Double] = [0.81 * v1[0] - (1.9 * 0.01) * -0.25, 0.81 * v1[1]]
        expectClose(x[0], [1 + d1[0], -2 + d1[1]], rtol: 1e-15)
        expectClose(x[1], [1 + d1[0] + d2[0], -2 + d1[1] + d2[1]], rtol: 1e-14)
    }

    @Test func rmspropEpsilonInsideTheRoot() throws {
        // ϵ = 0.01 makes √(a+ϵ) vs √a+ϵ visible
        let x = try run({ RMSProp($0, 0.01, ϵ: 0.01) })
        let a1: [Double] = [0.1 * (0.5 * 0.5), 0.1 * (2.0 * 2.0)]
        let s1: [Double] = [0.5 * (0.01 / rt(a1[0] + 0.01)), -2 * (0.01 / rt(a1[1] + 0.01))]
        let a2: [Double] = [0.9 * a1[0] + 0.1 * (0.25 * 0.25), 0.9 * a1[1]]
        let s2: [Double] = [-0.25 * (0.01 / rt(a2[0] + 0.01)), 0]
        expectClose(x[0], [1 - s1[0], -2 - s1[1]], rtol: 1e-15)
        expectClose(x[1], [1 - s1[0] - s2[0], -2 - s1[1] - s2[1]], rtol: 1e-14)
        #expect(!close(s1[0], 0.5 * (0.01 / (rt(a1[0]) + 0.01)), rtol: 1e-3))
        // decay scales the STEP (the accumulator sees the raw gradient)
        let y = try run({ RMSProp($0, 0.01, ϵ: 0.01, decay: 1.0) })
        expectClose(y[1], [1 - s1[0] - s2[0] * 0.5, -2 - s1[1] - s2[1] * 0.5], rtol: 1e-14)
    }

    @Test func adamEpsilonInsideTheRoot() throws {
        let eps = 1e-4
        let x = try run({ ADAM($0, 0.01, ϵ: eps) })
        let m1: [Double] = [0.1 * 0.5, 0.1 * -2.0], v1: [Double] = [0.001 * 0.25, 0.001 * 4]
        let s1: [Double] = [((m1[0] / 0.1) / rt(v1[0] / 0.001 + eps)) * 0.01, ((m1[1] / 0.1) / rt(v1[1] / 0.001 + eps)) * 0.01]
        let m2: [Double] = [0.9 * m1[0] + 0.1 * -0.25, 0.9 * m1[1]]
        let v2: [Double] = [0.999 * v1[0] + 0.001 * 0.0625, 0.999 * v1[1]]
        let s2: [Double] = [((m2[0] / 0.19) / rt(v2[0] / 0.001999 + eps)) * 0.01, ((m2[1] / 0.19) / rt(v2[1] / 0.001999 + eps)) * 0.01]
        expectClose(x[0], [1 - s1[0], -2 - s1[1]], rtol: 1e-14)
        expectClose(x[1], [1 - s1[0] - s2[0], -2 - s1[1] - s2[1]], rtol: 1e-13)
        // decay scales the step
        let y = try run({ ADAM($0, 0.01, ϵ: eps, decay: 0.5) })
        expectClose(y[1], [1 - s1[0] - s2[0] / 1.5, -2 - s1[1] - s2[1] / 1.5], rtol: 1e-13)
    }

    @Test func nadamEpsilonInsideTheRoot() throws {
        let eps = 1e-4
        let x = try run({ NADAM($0, 0.01, ϵ: eps) })
        func nadamStep(_ m: Double, _ v: Double, _ g: Double, _ b1p: Double, _ b2p: Double) -> Double {
            let first: Double = (0.9 * m) / (1 - 0.9 * b1p)
            let second: Double = (0.1 * g) / (1 - b1p)
            let denominator: Double = rt((v * 0.999) / (1 - b2p) + eps)
            return (first + second) / denominator * 0.01
        }
        let s1: [Double] = [nadamStep(0.05, 0.00025, 0.5, 0.9, 0.999), nadamStep(-0.2, 0.004, -2.0, 0.9, 0.999)]
        let m2: [Double] = [0.9 * 0.05 + 0.1 * -0.25, 0.9 * -0.2]
        let v2: [Double] = [0.999 * 0.00025 + 0.001 * 0.0625, 0.999 * 0.004]
        let s2: [Double] = [nadamStep(m2[0], v2[0], -0.25, 0.81, 0.998001), nadamStep(m2[1], v2[1], 0, 0.81, 0.998001)]
        expectClose(x[0], [1 - s1[0], -2 - s1[1]], rtol: 1e-13)
        expectClose(x[1], [1 - s1[0] - s2[0], -2 - s1[1] - s2[1]], rtol: 1e-12)
    }

    @Test func adagradDefaultsAndEpsilonStart() throws {
        // default η = 0.01 in this era; acc starts at ϵ and ϵ is inside the root
        let x = try run({ ADAGrad($0) })
        let a1: [Double] = [1e-8 + 0.25, 1e-8 + 4.0]
        let s1: [Double] = [0.5 * (0.01 / rt(a1[0] + 1e-8)), -2 * (0.01 / rt(a1[1] + 1e-8))]
        let a2: [Double] = [a1[0] + 0.0625, a1[1]]
        let s2: [Double] = [-0.25 * (0.01 / rt(a2[0] + 1e-8)), 0]
        expectClose(x[0], [1 - s1[0], -2 - s1[1]], rtol: 1e-15)
        expectClose(x[1], [1 - s1[0] - s2[0], -2 - s1[1] - s2[1]], rtol: 1e-14)
        // ϵ = 0.1: acc = 0.1 + g², step = g·η/√(acc + 0.1)
        let y = try run({ ADAGrad($0, 0.1, ϵ: 0.1) }, [0.5, 0], [0, 0])
        expectClose(y[0], [1 - 0.5 * (0.1 / rt(0.1 + 0.25 + 0.1)), -2], rtol: 1e-15)
    }

    @Test func adadeltaIgnoresDecay() throws {
        let x = try run({ ADADelta($0) })
        let y = try run({ ADADelta($0, decay: 0.9) })
        #expect(x == y, "decay is accepted and ignored")
        let a1: [Double] = [0.1 * 0.25, 0.1 * 4.0]
        let s1: [Double] = [0.5 * (rt(0 + 1e-8) / rt(a1[0] + 1e-8)), -2 * (rt(0 + 1e-8) / rt(a1[1] + 1e-8))]
        let d1: [Double] = [0.1 * (s1[0] * s1[0]), 0.1 * (s1[1] * s1[1])]
        let a2: [Double] = [0.9 * a1[0] + 0.1 * 0.0625, 0.9 * a1[1]]
        let s2: [Double] = [-0.25 * (rt(d1[0] + 1e-8) / rt(a2[0] + 1e-8)), 0]
        expectClose(x[0], [1 - s1[0], -2 - s1[1]], rtol: 1e-15)
        expectClose(x[1], [1 - s1[0] - s2[0], -2 - s1[1] - s2[1]], rtol: 1e-15)
    }

    @Test func amsgradWithoutBiasCorrectionOrEpsilonInTheDenominator() throws {
        let x = try run({ AMSGrad($0, 0.01) })
        // m starts at 0; v and v̂ start at ϵ
        let m1: [Double] = [0.1 * 0.5, 0.1 * -2.0]
        let v1: [Double] = [0.999 * 1e-8 + 0.001 * 0.25, 0.999 * 1e-8 + 0.001 * 4]
        let s1: [Double] = [(0.01 * m1[0]) / rt(v1[0]), (0.01 * m1[1]) / rt(v1[1])]
        let m2: [Double] = [0.9 * m1[0] + 0.1 * -0.25, 0.9 * m1[1]]
        let v2: [Double] = [0.999 * v1[0] + 0.001 * 0.0625, 0.999 * v1[1]]
        let vh2: [Double] = [Swift.max(v1[0], v2[0]), Swift.max(v1[1], v2[1])]
        let s2: [Double] = [(0.01 * m2[0]) / rt(vh2[0]), (0.01 * m2[1]) / rt(vh2[1])]
        expectClose(x[0], [1 - s1[0], -2 - s1[1]], rtol: 1e-15)
        expectClose(x[1], [1 - s1[0] - s2[0], -2 - s1[1] - s2[1]], rtol: 1e-14)
        // step 1 is about η·(1−β1)/√(1−β2)·sign(g) ≈ 3.16η
        #expect(close(s1[0], 0.01 * 0.1 / rt(0.001), rtol: 1e-4))
    }

    @Test func adamaxDefaultEtaIs0002() throws {
        let x = try run({ AdaMax($0) })
        let s1: [Double] = [((0.002 / 0.1) * 0.05) / (0.5 + 1e-8), ((0.002 / 0.1) * -0.2) / (2 + 1e-8)]
        let s2: [Double] = [((0.002 / 0.19) * 0.02) / (Swift.max(0.999 * 0.5, 0.25) + 1e-8), ((0.002 / 0.19) * -0.18) / (0.999 * 2 + 1e-8)]
        expectClose(x[0], [1 - s1[0], -2 - s1[1]], rtol: 1e-15)
        expectClose(x[1], [1 - s1[0] - s2[0], -2 - s1[1] - s2[1]], rtol: 1e-14)
    }

    @Test func adamwDecayIsWeightDecay() throws {
        let eps = 1e-8
        let x = try run({ ADAMW($0, 0.01, decay: 0.1) })
        let s1: [Double] = [((0.05 / 0.1) / rt(0.00025 / 0.001 + eps)) * 0.01, ((-0.2 / 0.1) / rt(0.004 / 0.001 + eps)) * 0.01]
        let x1: [Double] = [1 - (s1[0] + 0.1 * 1), -2 - (s1[1] + 0.1 * -2)]
        expectClose(x[0], x1, rtol: 1e-14)
        let s2: [Double] = [((0.02 / 0.19) / rt(0.00031225 / 0.001999 + eps)) * 0.01, ((-0.18 / 0.19) / rt(0.003996 / 0.001999 + eps)) * 0.01]
        expectClose(x[1], [x1[0] - (s2[0] + 0.1 * x1[0]), x1[1] - (s2[1] + 0.1 * x1[1])], rtol: 1e-13)
    }

    @Test func aPlainTensorNeverMoves() throws {
        let W = param(vec([1, 2]))
        let P = vec([5, 6])                     // not a param
        let opt = SGD([W, P], 0.1)
        try back(sum(W .* P))                   // ∂W = P
        opt()
        expectClose(W.scalars, [1 - 0.5, 2 - 0.6], rtol: 1e-15)
        #expect(P.scalars == [5, 6])
        let m = Momentum([P], 0.1)
        m(); m()
        #expect(P.scalars == [5, 6])
    }

    @Test func stateIsPerParameterAndAdvancesOnZeroGradients() throws {
        // ADAM keeps stepping on its momentum when grad is zero (the docs' Tracker.gradient pitfall)
        let W = param(vec([0]))
        let opt = ADAM([W], 0.1)
        try fill(W, [1])
        opt()
        let x1 = W.scalars[0]
        opt()                                   // zero gradient, but m ≠ 0 → still moves
        #expect(W.scalars[0] < x1)
        let m2 = 0.9 * 0.1, v2 = 0.999 * 0.001
        expectClose(W.scalars[0] - x1, -((m2 / 0.19) / rt(v2 / 0.001999 + 1e-8)) * 0.1, rtol: 1e-12)
    }

    @Test func floatParams() throws {
        let W = param(vecF([1, -2]))
        let opt = SGD([W], 0.1)
        try back(sum(W .* vecF([0.5, -2])))
        opt()
        expectClose(W.scalars, [0.95, -1.8], rtol: 1e-6)
        #expect(grad(W)!.scalars == [0, 0])
    }

    @Test func trackerTrainLoop() throws {
        let W = param(vec([1, 2])), b = param(vec([0]))
        let opt = SGD([W, b], 0.1)
        let data = [(vec([1, 1]), vec([1])), (vec([2, 0]), vec([-1]))]
        var cbCalls = 0
        try train({ (x: Tensor<Double>, y: Tensor<Double>) -> Tensor<Double> in sum(W .* x) + sum(b .* y) },
                  data, opt, cb: { cbCalls += 1 })
        #expect(cbCalls == 2)
        expectClose(W.scalars, [1 - 0.1 - 0.2, 2 - 0.1], rtol: 1e-15)
        expectClose(b.scalars, [0 - 0.1 + 0.1], rtol: 1e-15, atol: 1e-17)
    }
}
