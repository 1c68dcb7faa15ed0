import Foundation
import Testing
@testable import Optimise
import Tensors
import Tracker

/// One rule configuration: how to build it in the library and in the reference.
struct RuleCase: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () -> any AbstractOptimiser
    let ref: @Sendable () -> any RefRule
    var testDescription: String { name }

    init(_ name: String, _ make: @escaping @Sendable () -> any AbstractOptimiser, _ ref: @escaping @Sendable () -> any RefRule) {
        self.name = name
        self.make = make
        self.ref = ref
    }
}

enum RuleCases {
    /// Every rule and composite, with non-default hyper-parameters where that makes a quirk visible.
    static let all: [RuleCase] = [
        RuleCase("Descent(0.05)", { Descent(0.05) }, { RefDescent(0.05) }),
        RuleCase("Descent()", { Descent() }, { RefDescent(0.1) }),
        RuleCase("Momentum(0.02, 0.85)", { Momentum(0.02, 0.85) }, { RefMomentum(0.02, 0.85) }),
        RuleCase("Nesterov(0.02, 0.8)", { Nesterov(0.02, 0.8) }, { RefNesterov(0.02, 0.8) }),
        RuleCase("RMSProp(0.01, 0.8)", { RMSProp(0.01, 0.8) }, { RefRMSProp(0.01, 0.8) }),
        RuleCase("RMSProp(0.01, 0.9, 1e-2)", { RMSProp(0.01, 0.9, 1e-2) }, { RefRMSProp(0.01, 0.9, 1e-2) }),
        RuleCase("Adam(0.01, (0.8, 0.95))", { Adam(0.01, (0.8, 0.95)) }, { RefAdam(0.01, (0.8, 0.95)) }),
        RuleCase("Adam()", { Adam() }, { RefAdam() }),
        RuleCase("RAdam()", { RAdam() }, { RefRAdam() }),
        RuleCase("RAdam(0.01, (0.85, 0.99))", { RAdam(0.01, (0.85, 0.99)) }, { RefRAdam(0.01, (0.85, 0.99)) }),
        RuleCase("AdaMax(0.01, (0.85, 0.97))", { AdaMax(0.01, (0.85, 0.97)) }, { RefAdaMax(0.01, (0.85, 0.97)) }),
        RuleCase("OAdam(0.01, (0.5, 0.9))", { OAdam(0.01, (0.5, 0.9)) }, { RefOAdam(0.01, (0.5, 0.9)) }),
        RuleCase("AdaGrad(0.1)", { AdaGrad(0.1) }, { RefAdaGrad(0.1) }),
        RuleCase("AdaGrad(0.05, 1e-3)", { AdaGrad(0.05, 1e-3) }, { RefAdaGrad(0.05, 1e-3) }),
        RuleCase("AdaDelta(0.9)", { AdaDelta(0.9) }, { RefAdaDelta(0.9) }),
        RuleCase("AdaDelta(0.8, 1e-4)", { AdaDelta(0.8, 1e-4) }, { RefAdaDelta(0.8, 1e-4) }),
        RuleCase("AMSGrad(0.01, (0.85, 0.95))", { AMSGrad(0.01, (0.85, 0.95)) }, { RefAMSGrad(0.01, (0.85, 0.95)) }),
        RuleCase("AMSGrad(0.01, (0.9, 0.999), 1e-3)", { AMSGrad(0.01, (0.9, 0.999), 1e-3) }, { RefAMSGrad(0.01, (0.9, 0.999), 1e-3) }),
        RuleCase("NAdam(0.01, (0.85, 0.95))", { NAdam(0.01, (0.85, 0.95)) }, { RefNAdam(0.01, (0.85, 0.95)) }),
        RuleCase("AdaBelief(0.01, (0.85, 0.95))", { AdaBelief(0.01, (0.85, 0.95)) }, { RefAdaBelief(0.01, (0.85, 0.95)) }),
        RuleCase("AdaBelief(0.01, (0.85, 0.95), 1e-3)", { AdaBelief(0.01, (0.85, 0.95), 1e-3) }, { RefAdaBelief(0.01, (0.85, 0.95), 1e-3) }),
        RuleCase("AdamW(0.01, (0.85, 0.95), 0.1)", { AdamW(0.01, (0.85, 0.95), 0.1) }, { RefAdamW(0.01, (0.85, 0.95), 0.1) }),
        RuleCase("WeightDecay(0.1)", { WeightDecay(0.1) }, { RefWeightDecay(0.1) }),
        RuleCase("SignDecay(0.01)", { SignDecay(0.01) }, { RefSignDecay(0.01) }),
        RuleCase("ClipValue(1.0)", { ClipValue(1.0) }, { RefClipValue(1.0) }),
        RuleCase("ClipNorm(5.0)", { ClipNorm(5.0) }, { RefClipNorm(5.0) }),
        RuleCase("InvDecay(0.1)", { InvDecay(0.1) }, { RefInvDecay(0.1) }),
        RuleCase("ExpDecay(0.1, 0.5, 3, 1e-3, 2)", { ExpDecay(0.1, 0.5, 3, 1e-3, 2) }, { RefExpDecay(0.1, 0.5, 3, 1e-3, 2) }),
        RuleCase("ExpDecay(0.1, 0.5, 1, 1e-3)", { ExpDecay(0.1, 0.5, 1, 1e-3) }, { RefExpDecay(0.1, 0.5, 1, 1e-3) }),
        RuleCase("ExpDecay(0.5, 0.5, 2, 0.01)", { ExpDecay(0.5, 0.5, 2, 0.01) }, { RefExpDecay(0.5, 0.5, 2, 0.01) }),
        RuleCase("Optimiser(InvDecay(0.1), Adam(0.01))", { Optimiser(InvDecay(0.1), Adam(0.01)) },
                 { RefChain(RefInvDecay(0.1), RefAdam(0.01)) }),
        RuleCase("Optimiser(Adam(0.01), InvDecay(0.1))", { Optimiser(Adam(0.01), InvDecay(0.1)) },
                 { RefChain(RefAdam(0.01), RefInvDecay(0.1)) }),
        RuleCase("Optimiser(ExpDecay(0.5, 0.5, 3, 1e-3), Momentum(0.05, 0.9))", { Optimiser(ExpDecay(0.5, 0.5, 3, 1e-3), Momentum(0.05, 0.9)) },
                 { RefChain(RefExpDecay(0.5, 0.5, 3, 1e-3), RefMomentum(0.05, 0.9)) }),
        RuleCase("Optimiser(Momentum(0.05, 0.9), ExpDecay(0.5, 0.5, 3, 1e-3))", { Optimiser(Momentum(0.05, 0.9), ExpDecay(0.5, 0.5, 3, 1e-3)) },
                 { RefChain(RefMomentum(0.05, 0.9), RefExpDecay(0.5, 0.5, 3, 1e-3)) }),
        RuleCase("Optimiser(ClipValue(1.0), Adam(0.1))", { Optimiser(ClipValue(1.0), Adam(0.1)) },
                 { RefChain(RefClipValue(1.0), RefAdam(0.1)) }),
        RuleCase("Optimiser(Adam(0.1), ClipValue(0.05))", { Optimiser(Adam(0.1), ClipValue(0.05)) },
                 { RefChain(RefAdam(0.1), RefClipValue(0.05)) }),
        RuleCase("Optimiser(WeightDecay(0.05), ClipNorm(3.0), Momentum(0.01, 0.9))",
                 { Optimiser(WeightDecay(0.05), ClipNorm(3.0), Momentum(0.01, 0.9)) },
                 { RefChain(RefWeightDecay(0.05), RefClipNorm(3.0), RefMomentum(0.01, 0.9)) }),
        RuleCase("Optimiser(SignDecay(0.01), ClipValue(0.5), RMSProp(0.01), InvDecay(0.05))",
                 { Optimiser(SignDecay(0.01), ClipValue(0.5), RMSProp(0.01), InvDecay(0.05)) },
                 { RefChain(RefSignDecay(0.01), RefClipValue(0.5), RefRMSProp(0.01), RefInvDecay(0.05)) }),
        RuleCase("Optimiser(ExpDecay(0.001, 0.1, 1000, 1e-4), Descent())", { Optimiser(ExpDecay(0.001, 0.1, 1000, 1e-4), Descent()) },
                 { RefChain(RefExpDecay(0.001, 0.1, 1000, 1e-4), RefDescent(0.1)) }),
        RuleCase("Optimiser(AdamW(0.01, (0.9, 0.99), 0.05), ExpDecay(1, 0.5, 4, 0.1))",
                 { Optimiser(AdamW(0.01, (0.9, 0.99), 0.05), ExpDecay(1, 0.5, 4, 0.1)) },
                 { RefChain(RefAdamW(0.01, (0.9, 0.99), 0.05), RefExpDecay(1, 0.5, 4, 0.1)) }),
        RuleCase("Optimiser() (empty)", { Optimiser() }, { RefChain() }),
    ]
}

/// The 25-step fixture: a 3×4 matrix W and a length-4 vector b, with gradients that include
/// exact zeros, large values (to trigger clipping), and `nil` on some steps.
enum Fixture {
    static let steps = 25
    /// W as 12 column-major values; W0[0] is exactly 0 (so SignDecay sees sign(0) = 0).
    static let W0: [Double] = (0..<12).map { (k: Int) -> Double in
        if k == 0 { return 0 }
        let a: Double = 0.3 * Double(k) - 1.75
        return a + 0.05 * Double(k % 3)
    }
    static let b0: [Double] = [0.5, -0.25, 0, 1.5]

    /// W's gradient at step t (1-based), or nil on steps 7 and 16.
    static func gW(_ t: Int) -> [Double]? {
        if t == 7 || t == 16 { return nil }
        let tt = Double(t)
        return (0..<12).map { (k: Int) -> Double in
            let kk = Double(k)
            switch k {
            case 0: return 0                                                    // always exactly zero
            case 1: return t % 2 == 1 ? 0 : 0.8 * Foundation.cos(tt)           // zero on odd steps
            case 3:                                                             // large every third step
                if t % 3 != 0 { return 0.3 }
                return t % 2 == 0 ? 40 : -40
            case 7: return t % 5 == 0 ? -120 : 0.05 * tt
            default:
                let phase: Double = 0.9 * kk + 1.7 * tt
                let scale: Double = 1 + 0.2 * kk
                return Foundation.sin(phase) * scale
            }
        }
    }

    /// b's gradient at step t, or nil when t ≡ 2 (mod 4).
    static func gb(_ t: Int) -> [Double]? {
        if t % 4 == 2 { return nil }
        let tt = Double(t)
        let first: Double = t % 5 == 0 ? 25 : -0.4 + 0.03 * tt
        let second: Double = Foundation.cos(0.5 * tt)
        let fourth: Double = -2 * Foundation.sin(tt)
        return [first, second, 0, fourth]
    }

    /// Rounds through `S` (the reference then sees exactly the inputs the library sees).
    static func rounded<S: TensorScalar>(_ xs: [Double], _: S.Type) -> [Double] { xs.map { Double(S($0)) } }

    /// The reference trajectory: (W, b) after every step, for inputs rounded through `S`.
    static func reference<S: TensorScalar>(_ rule: any RefRule, _ type: S.Type) -> [(W: [Double], b: [Double])] {
        var W = rounded(W0, S.self), b = rounded(b0, S.self)
        var out: [(W: [Double], b: [Double])] = []
        for t in 1...steps {
            if let g = gW(t) {
                let s = rule.step(0, W, rounded(g, S.self))
                W = W.indices.map { W[$0] - s[$0] }
            }
            if let g = gb(t) {
                let s = rule.step(1, b, rounded(g, S.self))
                b = b.indices.map { b[$0] - s[$0] }
            }
            out.append((W, b))
        }
        return out
    }
}

/// How the library is driven.
enum UpdatePath: String, CaseIterable, Sendable {
    /// `update(opt, ps, gs)` with `Params` and `Grads` (nil gradients skipped).
    case params
    /// `apply(opt, x, Δ)` on a copy of the gradient, then `x .-= step` by hand.
    case apply
    /// `update(opt, x, x̄)` per parameter.
    case single
}

/// Runs the fixture through the library, returning (W, b) after every step. Also checks the
/// per-path contracts: `apply` writes its result into Δ, `update(opt, x, x̄)` leaves x̄ alone.
func libraryTrajectory<S: TensorScalar>(_ opt: any AbstractOptimiser, _ type: S.Type, path: UpdatePath,
                                        sourceLocation: SourceLocation = #_sourceLocation) throws -> [(W: [Double], b: [Double])] {
    let W = Tensor<S>(shape: [3, 4], scalars: Fixture.W0.map { S($0) })
    let b = Tensor<S>(Fixture.b0.map { S($0) })
    let ps = Params([W, b])
    var out: [(W: [Double], b: [Double])] = []
    for t in 1...Fixture.steps {
        let gW = Fixture.gW(t).map { Tensor<S>(shape: [3, 4], scalars: $0.map { S($0) }) }
        let gb = Fixture.gb(t).map { Tensor<S>($0.map { S($0) }) }
        switch path {
        case .params:
            let gs = Grads(ps)
            gs[W] = gW
            gs[b] = gb
            try update(opt, ps, gs)
        case .apply:
            for (x, g) in [(W, gW), (b, gb)] {
                guard let g else { continue }
                let Δ = g.copy()
                let s = try apply(opt, x, Δ)
                #expect(s === Δ, "apply must return the gradient array it overwrote (step \(t))", sourceLocation: sourceLocation)
                subtractInPlace(x, s)
            }
        case .single:
            for (x, g) in [(W, gW), (b, gb)] {
                guard let g else { continue }
                let before = g.scalars
                try update(opt, x, g)
                #expect(g.scalars == before, "update(opt, x, x̄) changed x̄ at step \(t)", sourceLocation: sourceLocation)
            }
        }
        out.append((W.scalars.map(Double.init), b.scalars.map(Double.init)))
    }
    return out
}
