import Foundation
import Testing
@testable import Optimise
import Tensors
import Tracker

/// Hyper-parameters: mutable fields that take effect on the next step, and preconditions on
/// literals that cannot be right (DESIGN.md §3 "Errors": a precondition naming the argument
/// and the value), checked with exit tests.
@Suite("Hyper-parameters")
struct HyperParameterTests {
    @Test func mutatingHyperParametersMidRunMatchesTheReference() throws {
        // change η, β and ϵ of Adam after step 3, ρ of RMSProp, γ of InvDecay, wd of WeightDecay
        let adam = Adam(0.01, (0.9, 0.99)), ref = RefAdam(0.01, (0.9, 0.99))
        let rms = RMSProp(0.01, 0.9), refR = RefRMSProp(0.01, 0.9)
        let x = vec([0.5, -1]), y = vec([0.5, -1])
        var xr: [Double] = [0.5, -1.0], yr: [Double] = [0.5, -1.0]
        for t in 1...6 {
            if t == 4 {
                adam.eta = 0.003; ref.eta = 0.003
                adam.beta = (0.5, 0.9); ref.beta = (0.5, 0.9)
                adam.epsilon = 1e-3; ref.eps = 1e-3
                rms.rho = 0.5; refR.rho = 0.5
                rms.eta = 0.1; refR.eta = 0.1
            }
            let g: [Double] = [Foundation.sin(Double(t)), Foundation.cos(Double(t)) * 3]
            try update(adam, x, vec(g))
            try update(rms, y, vec(g))
            let s = ref.step(0, xr, g), sr = refR.step(0, yr, g)
            xr = [xr[0] - s[0], xr[1] - s[1]]
            yr = [yr[0] - sr[0], yr[1] - sr[1]]
        }
        expectClose(x.scalars, xr, rtol: 1e-12, "Adam")
        expectClose(y.scalars, yr, rtol: 1e-12, "RMSProp")
    }

    @Test func boundaryValuesAreAccepted() throws {
        // ρ and β at the ends of [0, 1] are legal literals
        _ = Momentum(0.1, 0)
        _ = RMSProp(0.1, 0)
        _ = Adam(0.1, (0, 0.5))
        _ = AdaDelta(0)
        _ = ClipValue(0)
        _ = ClipNorm(0)
        _ = InvDecay(0)
        // ρ = 0 Momentum is plain SGD
        let s = try appliedStepsOf(Momentum(0.1, 0), x0: [0], grads: [[1], [1]])
        #expect(s == [[0.1], [0.1]])
    }

    @Test func rhoOutsideUnitIntervalStops() async {
        await #expect(processExitsWith: .failure) { _ = Momentum(0.01, 1.5) }
        await #expect(processExitsWith: .failure) { _ = Momentum(0.01, -0.1) }
        await #expect(processExitsWith: .failure) { _ = Nesterov(0.01, 2) }
        await #expect(processExitsWith: .failure) { _ = RMSProp(0.001, -1) }
        await #expect(processExitsWith: .failure) { _ = AdaDelta(1.1) }
    }

    @Test func betaOutsideUnitIntervalStops() async {
        await #expect(processExitsWith: .failure) { _ = Adam(0.001, (1.2, 0.9)) }
        await #expect(processExitsWith: .failure) { _ = Adam(0.001, (0.9, -0.1)) }
        await #expect(processExitsWith: .failure) { _ = RAdam(0.001, (0.9, 1.5)) }
        await #expect(processExitsWith: .failure) { _ = AdaMax(0.001, (-0.5, 0.9)) }
        await #expect(processExitsWith: .failure) { _ = OAdam(0.001, (0.5, 7)) }
        await #expect(processExitsWith: .failure) { _ = AMSGrad(0.001, (1.01, 0.9)) }
        await #expect(processExitsWith: .failure) { _ = NAdam(0.001, (0.9, 1.01)) }
        await #expect(processExitsWith: .failure) { _ = AdaBelief(0.001, (2, 0.9)) }
        await #expect(processExitsWith: .failure) { _ = AdamW(0.001, (0.9, 3), 0.1) }
    }

    @Test func negativeThresholdsStop() async {
        await #expect(processExitsWith: .failure) { _ = ClipValue(-1) }
        await #expect(processExitsWith: .failure) { _ = ClipNorm(-0.5) }
        await #expect(processExitsWith: .failure) { _ = ExpDecay(0.1, 0.5, 0) }
    }

    @Test func settersAreCheckedToo() async {
        await #expect(processExitsWith: .failure) { let m = Momentum(); m.rho = 1.5 }
        await #expect(processExitsWith: .failure) { let a = Adam(); a.beta = (0.9, 1.5) }
        await #expect(processExitsWith: .failure) { let c = ClipValue(1); c.thresh = -1 }
    }

    @Test func preconditionMessageNamesTheArgumentAndTheValue() async throws {
        let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { _ = Momentum(0.01, 1.5) }
        let text = String(decoding: r?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("ρ") && text.contains("1.5"), "stderr was: \(text)")
        let c = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { _ = ClipNorm(-0.5) }
        let ctext = String(decoding: c?.standardErrorContent ?? [], as: UTF8.self)
        #expect(ctext.contains("thresh") && ctext.contains("-0.5"), "stderr was: \(ctext)")
    }
}
