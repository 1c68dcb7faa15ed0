import Foundation
import Testing
import Flux
import Optimisers

// Optimisers.jl v0.4.8's defaults (spec §6.2 and §6.4 item 1, which differ from Flux's) and the
// rejection of a negative learning rate.

@Suite("Defaults and argument checks")
struct DefaultsTests {
    @Test func descentIsTheFloat32Tenth() {
        #expect(Optimisers.Descent().eta == 0.10000000149011612)
        #expect(Optimisers.Descent().eta == Double(Float(0.1)))
        #expect(Optimisers.Descent(eta: 0.3).eta == 0.3)
    }

    @Test func momentumFamily() {
        let m = Optimisers.Momentum(), n = Optimisers.Nesterov()
        #expect(m.eta == 0.01 && m.rho == 0.9)
        #expect(n.eta == 0.001 && n.rho == 0.9)
        let r = Optimisers.RMSProp()
        #expect(r.eta == 0.001 && r.rho == 0.9 && r.epsilon == 1e-8 && !r.centred)
        #expect(Optimisers.RMSProp(centred: true).centred)
    }

    @Test func rprop() {
        let r = Optimisers.Rprop()
        #expect(r.eta == 1e-3 && r.ell == (0.5, 1.2) && r.gamma == (1e-6, 50.0))
    }

    @Test func adamFamily() {
        for rule in [Optimisers.Adam().parts, Optimisers.RAdam().parts, Optimisers.AdaMax().parts,
                     Optimisers.AMSGrad().parts, Optimisers.NAdam().parts] {
            #expect(rule.eta == 0.001 && rule.beta == (0.9, 0.999) && rule.epsilon == 1e-8)
        }
        let o = Optimisers.OAdam()
        #expect(o.eta == 0.001 && o.beta == (0.5, 0.9) && o.epsilon == 1e-8)
        let b = Optimisers.AdaBelief()
        #expect(b.eta == 0.001 && b.beta == (0.9, 0.999) && b.epsilon == 1e-16)
        let w = Optimisers.AdamW()
        #expect(w.eta == 0.001 && w.beta == (0.9, 0.999) && w.lambda == 0 && w.epsilon == 1e-8 && w.couple)
        #expect(!Optimisers.AdamW(couple: false).couple)
        let l = Optimisers.Lion()
        #expect(l.eta == 0.001 && l.beta == (0.9, 0.999))
    }

    @Test func adaGradAndAdaDelta() {
        let g = Optimisers.AdaGrad()
        #expect(g.eta == 0.1 && g.epsilon == 1e-8)
        let d = Optimisers.AdaDelta()
        #expect(d.rho == 0.9 && d.epsilon == 1e-8)
    }

    @Test func decaysAndClipping() {
        #expect(Optimisers.WeightDecay().lambda == 5e-4)
        #expect(Optimisers.SignDecay().lambda == 1e-3)
        #expect(Optimisers.ClipGrad().delta == 10)
        let c = Optimisers.ClipNorm()
        #expect(c.omega == 10 && c.p == 2 && c.throwsOnNonFinite)
        #expect(Optimisers.OptimiserChain().rules.isEmpty)
        #expect(Optimisers.AccumGrad(3).n == 3)
    }

    @Test func defaultStatesAreOptimisersJls() {
        // AdaGrad's accumulator and AMSGrad's three buffers start at ϵ, Rprop's sizes at η.
        let x = dvec([1, 2])
        #expect(stateNumbers(leafAt(Optimisers.setup(Optimisers.AdaGrad(), x)).state) == [1e-8, 1e-8])
        #expect(Array(stateNumbers(leafAt(Optimisers.setup(Optimisers.AMSGrad(), x)).state).prefix(6)) == Array(repeating: 1e-8, count: 6))
        #expect(stateNumbers(leafAt(Optimisers.setup(Optimisers.Rprop(), x)).state) == [0, 0, 1e-3, 1e-3])
        #expect(stateNumbers(leafAt(Optimisers.setup(Optimisers.AccumGrad(2), x)).state) == [0, 0, 1])
        #expect(stateNumbers(leafAt(Optimisers.setup(Optimisers.RMSProp(centred: true), x)).state) == [0, 0, 0, 0])
    }

    // A negative η is a programmer error: the process stops, naming the rule and the value.

    @Test func negativeLearningRateStopsDescent() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Optimisers.Descent(-0.1)
        }
        if let result {
            let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(stderr.contains("Descent") && stderr.contains("-0.1"), "stderr: \(stderr)")
        }
    }

    @Test func negativeLearningRateStopsAdam() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Optimisers.Adam(eta: -1)
        }
        if let result {
            let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(stderr.contains("Adam") && stderr.contains("learning rate"), "stderr: \(stderr)")
        }
    }

    @Test func negativeLearningRateStopsMomentum() async {
        await #expect(processExitsWith: .failure) { _ = Optimisers.Momentum(-0.01) }
    }

    @Test func negativeLearningRateStopsAdamW() async {
        await #expect(processExitsWith: .failure) { _ = Optimisers.AdamW(-0.001, (0.9, 0.999), 0.1) }
    }

    @Test func negativeLearningRateStopsRprop() async {
        await #expect(processExitsWith: .failure) { _ = Optimisers.Rprop(eta: -1) }
    }

    @Test func negativeLearningRateStopsLion() async {
        await #expect(processExitsWith: .failure) { _ = Optimisers.Lion(-0.5) }
    }

    @Test func negativeLearningRateStopsAdjust() async {
        // Julia's adjust rebuilds the rule through its constructor, which rejects η < 0.
        await #expect(processExitsWith: .failure) { _ = Optimisers.adjust(Optimisers.Adam(), -0.5) }
        await #expect(processExitsWith: .failure) {
            Optimisers.adjustInPlace(Optimisers.setup(Optimisers.Momentum(), Tensor<Double>([1])), -0.5)
        }
    }

    @Test func accumGradOfZeroStops() async {
        await #expect(processExitsWith: .failure) { _ = Optimisers.AccumGrad(0) }
    }

    @Test func negativeClipBoundsStop() async {
        await #expect(processExitsWith: .failure) { _ = Optimisers.ClipGrad(-1) }
        await #expect(processExitsWith: .failure) { _ = Optimisers.ClipNorm(-1) }
    }

    @Test func zeroLearningRateIsAllowed() throws {
        // η = 0 is valid (Optimisers#119 was about Adam(0) failing): nothing moves.
        let xs = try libraryTrajectory(Optimisers.Adam(0), x0: [1, -2], steps: 3) { _, _ in [0.5, -0.25] }
        #expect(xs.last == [1, -2])
    }
}

extension Optimisers.Adam {
    /// η, β, ϵ as a tuple, to compare rules of the Adam family together.
    var parts: (eta: Double, beta: (Double, Double), epsilon: Double) { (eta, beta, epsilon) }
}
extension Optimisers.RAdam { var parts: (eta: Double, beta: (Double, Double), epsilon: Double) { (eta, beta, epsilon) } }
extension Optimisers.AdaMax { var parts: (eta: Double, beta: (Double, Double), epsilon: Double) { (eta, beta, epsilon) } }
extension Optimisers.AMSGrad { var parts: (eta: Double, beta: (Double, Double), epsilon: Double) { (eta, beta, epsilon) } }
extension Optimisers.NAdam { var parts: (eta: Double, beta: (Double, Double), epsilon: Double) { (eta, beta, epsilon) } }
