import Foundation
import Testing
import Flux
import Optimisers

/// One rule against its reference: 25 steps on a 2×3 Double matrix (or a 6-vector) whose
/// gradient depends on the step and on the current parameter, with an empty gradient at step 7.
struct TrajectoryCase: Sendable, CustomTestStringConvertible {
    let name: String
    let rule: any AbstractRule
    let reference: @Sendable () -> RefRule
    var matrix = false

    var testDescription: String { name }
}

private let cases: [TrajectoryCase] = [
    TrajectoryCase(name: "Descent()", rule: Optimisers.Descent(), reference: { RefDescent(0.10000000149011612) }),
    TrajectoryCase(name: "Descent(0.05)", rule: Optimisers.Descent(0.05), reference: { RefDescent(0.05) }, matrix: true),
    TrajectoryCase(name: "Momentum()", rule: Optimisers.Momentum(), reference: { RefMomentum() }),
    TrajectoryCase(name: "Momentum(0.03, 0.8)", rule: Optimisers.Momentum(0.03, 0.8), reference: { RefMomentum(0.03, 0.8) }, matrix: true),
    TrajectoryCase(name: "Nesterov()", rule: Optimisers.Nesterov(), reference: { RefNesterov() }),
    TrajectoryCase(name: "Nesterov(0.05, 0.7)", rule: Optimisers.Nesterov(0.05, 0.7), reference: { RefNesterov(0.05, 0.7) }, matrix: true),
    TrajectoryCase(name: "RMSProp()", rule: Optimisers.RMSProp(), reference: { RefRMSProp() }),
    TrajectoryCase(name: "RMSProp(0.01, 0.8; centred)", rule: Optimisers.RMSProp(0.01, 0.8, centred: true),
                   reference: { RefRMSProp(0.01, 0.8, centred: true) }, matrix: true),
    TrajectoryCase(name: "RMSProp(eta: 0.02, rho: 0.85, epsilon: 1e-6, centered: true)",
                   rule: Optimisers.RMSProp(eta: 0.02, rho: 0.85, epsilon: 1e-6, centered: true),
                   reference: { RefRMSProp(0.02, 0.85, 1e-6, centred: true) }),
    TrajectoryCase(name: "Rprop()", rule: Optimisers.Rprop(), reference: { RefRprop() }),
    TrajectoryCase(name: "Rprop(0.05, (0.4, 1.5), (1e-3, 0.1))", rule: Optimisers.Rprop(0.05, (0.4, 1.5), (1e-3, 0.1)),
                   reference: { RefRprop(0.05, (0.4, 1.5), (1e-3, 0.1)) }, matrix: true),
    TrajectoryCase(name: "Adam()", rule: Optimisers.Adam(), reference: { RefAdam() }),
    TrajectoryCase(name: "Adam(0.05, (0.8, 0.99), 1e-6)", rule: Optimisers.Adam(0.05, (0.8, 0.99), 1e-6),
                   reference: { RefAdam(0.05, (0.8, 0.99), 1e-6) }, matrix: true),
    TrajectoryCase(name: "Lion()", rule: Optimisers.Lion(), reference: { RefLion() }),
    TrajectoryCase(name: "Lion(0.02, (0.8, 0.9))", rule: Optimisers.Lion(0.02, (0.8, 0.9)), reference: { RefLion(0.02, (0.8, 0.9)) }, matrix: true),
    TrajectoryCase(name: "RAdam() (ρₜ ≤ 4 for t ≤ 4, rectified after)", rule: Optimisers.RAdam(), reference: { RefRAdam() }),
    TrajectoryCase(name: "RAdam(0.05, (0.8, 0.95))", rule: Optimisers.RAdam(0.05, (0.8, 0.95)), reference: { RefRAdam(0.05, (0.8, 0.95)) }, matrix: true),
    TrajectoryCase(name: "AdaMax()", rule: Optimisers.AdaMax(), reference: { RefAdaMax() }),
    TrajectoryCase(name: "AdaMax(0.05, (0.7, 0.9))", rule: Optimisers.AdaMax(0.05, (0.7, 0.9)), reference: { RefAdaMax(0.05, (0.7, 0.9)) }, matrix: true),
    TrajectoryCase(name: "OAdam()", rule: Optimisers.OAdam(), reference: { RefOAdam() }),
    TrajectoryCase(name: "OAdam(0.02, (0.6, 0.95))", rule: Optimisers.OAdam(0.02, (0.6, 0.95)), reference: { RefOAdam(0.02, (0.6, 0.95)) }, matrix: true),
    TrajectoryCase(name: "AdaGrad()", rule: Optimisers.AdaGrad(), reference: { RefAdaGrad() }),
    TrajectoryCase(name: "AdaGrad(0.3, 1e-6)", rule: Optimisers.AdaGrad(0.3, 1e-6), reference: { RefAdaGrad(0.3, 1e-6) }, matrix: true),
    TrajectoryCase(name: "AdaDelta()", rule: Optimisers.AdaDelta(), reference: { RefAdaDelta() }),
    TrajectoryCase(name: "AdaDelta(0.8, 1e-4)", rule: Optimisers.AdaDelta(0.8, 1e-4), reference: { RefAdaDelta(0.8, 1e-4) }, matrix: true),
    TrajectoryCase(name: "AMSGrad()", rule: Optimisers.AMSGrad(), reference: { RefAMSGrad() }),
    TrajectoryCase(name: "AMSGrad(0.05, (0.8, 0.9), 1e-6)", rule: Optimisers.AMSGrad(0.05, (0.8, 0.9), 1e-6),
                   reference: { RefAMSGrad(0.05, (0.8, 0.9), 1e-6) }, matrix: true),
    TrajectoryCase(name: "NAdam()", rule: Optimisers.NAdam(), reference: { RefNAdam() }),
    TrajectoryCase(name: "NAdam(0.05, (0.8, 0.99))", rule: Optimisers.NAdam(0.05, (0.8, 0.99)), reference: { RefNAdam(0.05, (0.8, 0.99)) }, matrix: true),
    TrajectoryCase(name: "AdamW() (λ = 0)", rule: Optimisers.AdamW(), reference: { RefAdamW() }),
    TrajectoryCase(name: "AdamW(0.05, (0.9, 0.999), 0.1) coupled", rule: Optimisers.AdamW(0.05, (0.9, 0.999), 0.1),
                   reference: { RefAdamW(0.05, (0.9, 0.999), 0.1, couple: true) }, matrix: true),
    TrajectoryCase(name: "AdamW(eta: 0.05, lambda: 0.1, couple: false)", rule: Optimisers.AdamW(eta: 0.05, lambda: 0.1, couple: false),
                   reference: { RefAdamW(0.05, (0.9, 0.999), 0.1, couple: false) }),
    TrajectoryCase(name: "AdaBelief()", rule: Optimisers.AdaBelief(), reference: { RefAdaBelief() }),
    TrajectoryCase(name: "AdaBelief(0.05, (0.8, 0.9), 1e-3)", rule: Optimisers.AdaBelief(0.05, (0.8, 0.9), 1e-3),
                   reference: { RefAdaBelief(0.05, (0.8, 0.9), 1e-3) }, matrix: true),
    TrajectoryCase(name: "WeightDecay(0.2)", rule: Optimisers.WeightDecay(0.2), reference: { RefWeightDecay(0.2) }),
    TrajectoryCase(name: "SignDecay(0.05)", rule: Optimisers.SignDecay(0.05), reference: { RefSignDecay(0.05) }, matrix: true),
    TrajectoryCase(name: "ClipGrad(0.4)", rule: Optimisers.ClipGrad(0.4), reference: { RefClipGrad(0.4) }),
    TrajectoryCase(name: "ClipNorm(0.5)", rule: Optimisers.ClipNorm(0.5), reference: { RefClipNorm(0.5) }, matrix: true),
    TrajectoryCase(name: "OptimiserChain(ClipNorm(0.5, 1), Descent(0.3))",
                   rule: Optimisers.OptimiserChain(Optimisers.ClipNorm(0.5, 1), Optimisers.Descent(0.3)),
                   reference: { RefChain(RefClipNorm(0.5, 1), RefDescent(0.3)) }),
    TrajectoryCase(name: "OptimiserChain(ClipNorm(0.5, Inf), Descent(0.3))",
                   rule: Optimisers.OptimiserChain(Optimisers.ClipNorm(0.5, .infinity), Optimisers.Descent(0.3)),
                   reference: { RefChain(RefClipNorm(0.5, .infinity), RefDescent(0.3)) }),
    TrajectoryCase(name: "OptimiserChain(ClipNorm(0.5, 0), Descent(0.3))",
                   rule: Optimisers.OptimiserChain(Optimisers.ClipNorm(0.5, 0), Optimisers.Descent(0.3)),
                   reference: { RefChain(RefClipNorm(0.5, 0), RefDescent(0.3)) }),
    TrajectoryCase(name: "OptimiserChain(ClipNorm(0.05, -Inf), Descent(0.3))",
                   rule: Optimisers.OptimiserChain(Optimisers.ClipNorm(0.05, -.infinity), Optimisers.Descent(0.3)),
                   reference: { RefChain(RefClipNorm(0.05, -.infinity), RefDescent(0.3)) }),
    TrajectoryCase(name: "OptimiserChain(ClipNorm(0.5, 3), Descent(0.3))",
                   rule: Optimisers.OptimiserChain(Optimisers.ClipNorm(0.5, 3), Optimisers.Descent(0.3)),
                   reference: { RefChain(RefClipNorm(0.5, 3), RefDescent(0.3)) }, matrix: true),
    TrajectoryCase(name: "OptimiserChain(WeightDecay(0.1), Adam(0.05))",
                   rule: Optimisers.OptimiserChain(Optimisers.WeightDecay(0.1), Optimisers.Adam(0.05)),
                   reference: { RefChain(RefWeightDecay(0.1), RefAdam(0.05)) }),
    TrajectoryCase(name: "OptimiserChain(ClipGrad(0.5), SignDecay(0.01), Momentum(0.05, 0.8))",
                   rule: Optimisers.OptimiserChain(Optimisers.ClipGrad(0.5), Optimisers.SignDecay(0.01), Optimisers.Momentum(0.05, 0.8)),
                   reference: { RefChain(RefClipGrad(0.5), RefSignDecay(0.01), RefMomentum(0.05, 0.8)) }, matrix: true),
    TrajectoryCase(name: "OptimiserChain()", rule: Optimisers.OptimiserChain(), reference: { RefChain() }),
    TrajectoryCase(name: "OptimiserChain(AccumGrad(3), Descent(0.2))",
                   rule: Optimisers.OptimiserChain(Optimisers.AccumGrad(3), Optimisers.Descent(0.2)),
                   reference: { RefChain(RefAccumGrad(3), RefDescent(0.2)) }),
    TrajectoryCase(name: "OptimiserChain(AccumGrad(1), Adam(0.05))",
                   rule: Optimisers.OptimiserChain(Optimisers.AccumGrad(1), Optimisers.Adam(0.05)),
                   reference: { RefChain(RefAccumGrad(1), RefAdam(0.05)) }, matrix: true),
    TrajectoryCase(name: "OptimiserChain(AccumGrad(4), Nesterov(0.05))",
                   rule: Optimisers.OptimiserChain(Optimisers.AccumGrad(4), Optimisers.Nesterov(0.05)),
                   reference: { RefChain(RefAccumGrad(4), RefNesterov(0.05)) }),
    TrajectoryCase(name: "DecayDescent(0.2)", rule: DecayDescent(eta: 0.2), reference: { RefDecayDescent(0.2) }, matrix: true),
]

/// The gradient sequence: ∇ of a quadratic with a step- and x-dependent wobble; empty at step 7.
private func gradientOrNil(_ t: Int, _ x: [Double]) -> [Double]? {
    t == 7 ? nil : wobblyQuadraticGradient(t, x)
}

@Suite("25-step trajectories against the reference rules")
struct RuleTrajectoryTests {
    @Test(arguments: cases)
    func trajectoryMatchesReference(_ c: TrajectoryCase) throws {
        let actual = try libraryTrajectory(c.rule, x0: trajectoryStart, shape: c.matrix ? [2, 3] : nil, steps: 25,
                                           grad: gradientOrNil)
        let expected = referenceTrajectory(c.reference(), x0: trajectoryStart, steps: 25, grad: gradientOrNil)
        expectSameTrajectory(actual, expected, c.name)
        // The trajectory really moves (a rule that did nothing would trivially match a broken reference).
        #expect(actual[24] != trajectoryStart, "\(c.name) did not move")
        // The empty gradient at step 7 changes nothing.
        #expect(actual[6] == actual[5], "\(c.name) moved on an empty gradient")
    }

    @Test(arguments: cases)
    func floatTrajectoryFollowsTheReferenceToSinglePrecision(_ c: TrajectoryCase) throws {
        // Float parameters: the state is Float and the arithmetic single precision (spec §6.4 item 8).
        let x = Tensor<Float>(shape: c.matrix ? [2, 3] : [6], scalars: trajectoryStart.map { Float($0) })
        let state = Optimisers.setup(c.rule, x)
        var actual: [[Double]] = []
        for t in 1...25 {
            if let g = gradientOrNil(t, x.scalars.map(Double.init)) {
                try Optimisers.updateInPlace(state, x, Tensor<Float>(shape: x.shape, scalars: g.map { Float($0) }))
            } else {
                try Optimisers.updateInPlace(state, x, ModelGradient.empty)
            }
            actual.append(x.scalars.map(Double.init))
        }
        let expected = referenceTrajectory(c.reference(), x0: trajectoryStart, steps: 25, grad: gradientOrNil)
        for (t, (a, e)) in zip(actual, expected).enumerated() {
            let bad = a.indices.filter { !close(a[$0], e[$0], rtol: 2e-4, atol: 2e-5) }
            #expect(bad.isEmpty, "\(c.name), Float, step \(t + 1): \(a) vs \(e)")
            if !bad.isEmpty { break }
        }
        // No state was kept in Double.
        #expect(!(leafAt(state).state is Tensor<Double>) && !(leafAt(state).state is MomentState<Double>))
    }

    @Test func radamTrajectoryCrossesIntoTheRectifiedBranch() {
        // The reference's ρₜ: ≤ 4 for the first four steps, > 4 from the fifth (spec §2.2).
        let reference = RefRAdam()
        var x = trajectoryStart
        var rhos: [Double] = []
        for t in 1...6 {
            x = minus(x, reference.step(x, wobblyQuadraticGradient(t, x))!)
            rhos.append(reference.lastRho)
        }
        #expect(rhos.prefix(4).allSatisfy { $0 <= 4 })
        #expect(rhos.dropFirst(4).allSatisfy { $0 > 4 })
        expectClose(rhos[0], 1.0, rtol: 1e-9)
    }

    @Test func referenceNormsByHand() {
        // The reference's p-norms are themselves checked by hand on [3, −4, 0].
        expectClose(referenceNorm([3, -4, 0], 2), 5)
        expectClose(referenceNorm([3, -4, 0], 1), 7)
        expectClose(referenceNorm([3, -4, 0], .infinity), 4)
        expectClose(referenceNorm([3, -4, 0], 0), 2)
        expectClose(referenceNorm([3, -4, 0], -.infinity), 0)
        expectClose(referenceNorm([3, -4, 0], 3), Foundation.cbrt(91))
    }
}
