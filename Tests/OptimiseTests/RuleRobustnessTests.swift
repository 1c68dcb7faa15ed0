import Testing
@testable import Optimise
import Tensors
import HostileValues
@testable import Tracker   // Grads' type-erased storage, to plant a gradient of the wrong element type

// A property test: random shapes (0-d, empty, size-1 dimensions, rank ≤ 3) and hostile values
// (NaN, ±Inf, huge, tiny, zeros, mixtures) through every Flux.Optimise rule, on Float and Double.
// Every case is drawn from a seeded Xoshiro256StarStar; a failure names the seed and the case, so
// `runCase(…, seed:)` with that seed replays it.
//
// What the equations (shared/spec/flux_optimise_spec.md §2.2) let us claim, and nothing more:
//
// - Every rule works element by element: the step of element i depends on gᵢ, xᵢ and the rule's
//   state for i, plus scalars (η, βᵗ, counters) that never depend on gradient values. ClipNorm is
//   the one rule that mixes elements, through ν = ‖g‖, and the spec says what it does with
//   non-finite norms: ν = NaN passes g through unchanged, ν = Inf scales by thresh/Inf = 0. So a
//   NaN, an infinity or a huge value in one element never reaches another: an element whose
//   parameter and gradients are ordinary (finite, |v| ≤ 10, tiny and zero included) stays finite,
//   whatever the others hold.
// - No rule masks a NaN: with gᵢ = NaN the step of element i is NaN (g enters every step formula,
//   and NaN compares false in ClipValue's clamp and in ClipNorm's ν > thresh), so xᵢ becomes NaN.
// - An all-zero gradient on fresh state (§2.2, by hand):
//     Descent 0·η = 0; Momentum v = ρ·0 − η·0 = 0; Nesterov ρ²·0 − (1+ρ)η·0 = 0;
//     RMSProp a = 0, 0·(η/(√0 + ϵ)) = 0; Adam m = v = 0, (0/(1−β1))/(√0 + ϵ)·η = 0;
//     RAdam t = 1 is un-rectified (ρ₁ = 1 ≤ 4), (0/(1−β1))·η = 0, and later rectified steps are
//     0/(√0 + ϵ)·η·r = 0; AdaMax u = max(0, 0) = 0, (η/(1−β1))·0/(0 + ϵ) = 0;
//     OAdam s = 0/(√0 + ϵ) = 0, −0 + 2·0 = 0; AdaGrad a = ϵ, 0·(η/(√ϵ + ϵ)) = 0;
//     AdaDelta 0·(√ϵ/√ϵ) = 0; NAdam (0 + 0)/(√0 + ϵ)·η = 0;
//     AdaBelief m = 0, s = e2 > 0, (η·0/(1−β1))/(√(s/(1−β2)) + e2) = 0;
//     AdamW (decay 0) 0 + 0·x = 0; ExpDecay 0·η = 0; InvDecay 0/(1+γ) = 0;
//     WeightDecay (λ = 0) 0 + 0·x = 0; ClipValue clamp(0) = 0; ClipNorm ν = 0 ≤ thresh, 0.
//   The state stays zero, so every later all-zero step is 0 as well: x never moves.
//   Two rules step even on a zero gradient:
//     AMSGrad: m, v, v̂ start at ϵ: m = β1ϵ, v = β2ϵ, v̂ = max(ϵ, β2ϵ) = ϵ, step = η·β1ϵ/(√ϵ + ϵ);
//     SignDecay: step = 0 + λ₃₂·sign(x).
//   The chain below adds 1e-4·x before Adam: its first step is finite (Adam's first step is
//   about η·sign), which is all we claim for it.
// - update(opt, x, x̄) is x .-= apply(opt, x, copy(x̄)) (DESIGN §3), and update(opt, ps, gs) is
//   that for each parameter in order: the three paths must agree bit for bit (NaN with NaN), and
//   the caller's gradient is never changed.


/// Julia's `sign` (±0 and NaN returned as they are).
private func juliaSign(_ v: Double) -> Double { v > 0 ? 1 : (v < 0 ? -1 : v) }

// MARK: - The rules

/// A rule with its default constructor, and what the spec's equations say it does with an
/// all-zero gradient on fresh state.
struct HostileRule: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () -> any AbstractOptimiser
    /// The step for parameter element x at step 1 with an all-zero gradient, by hand from the
    /// equations (see the comment at the top); `nil` where we claim only that it is finite.
    let zeroGradientStep: (@Sendable (Double) -> Double)?
    /// Whether that step is 0 and stays 0 while the gradient stays zero (x never moves).
    let zeroGradientKeepsStill: Bool

    var testDescription: String { name }

    init(_ name: String, zeroStep: (@Sendable (Double) -> Double)? = { _ in 0 }, keepsStill: Bool = true,
         _ make: @escaping @Sendable () -> any AbstractOptimiser) {
        self.name = name
        self.make = make
        self.zeroGradientStep = zeroStep
        self.zeroGradientKeepsStill = keepsStill
    }

    /// AMSGrad's first step on a zero gradient: η·β1ϵ/(√ϵ + ϵ) with the defaults.
    static let amsgradZeroStep: @Sendable (Double) -> Double = { _ in 0.001 * (0.9 * 1e-8) / (1e-8.squareRoot() + 1e-8) }

    /// SignDecay's: λ₃₂·sign(x) with the default λ = 1f-3.
    static let signDecayZeroStep: @Sendable (Double) -> Double = { x in Double(Float(1e-3)) * juliaSign(x) }

    static let all: [HostileRule] = [
        HostileRule("Descent()") { Descent() },
        HostileRule("Momentum()") { Momentum() },
        HostileRule("Nesterov()") { Nesterov() },
        HostileRule("RMSProp()") { RMSProp() },
        HostileRule("Adam()") { Adam() },
        HostileRule("ADAM()") { ADAM() },
        HostileRule("RAdam()") { RAdam() },
        HostileRule("AdaMax()") { AdaMax() },
        HostileRule("OAdam()") { OAdam() },
        HostileRule("AdaGrad()") { AdaGrad() },
        HostileRule("AdaDelta()") { AdaDelta() },
        HostileRule("AMSGrad()", zeroStep: amsgradZeroStep, keepsStill: false) { AMSGrad() },
        HostileRule("NAdam()") { NAdam() },
        HostileRule("AdaBelief()") { AdaBelief() },
        HostileRule("AdamW()") { AdamW() },
        HostileRule("ExpDecay()") { ExpDecay() },
        HostileRule("InvDecay()") { InvDecay() },
        HostileRule("WeightDecay()") { WeightDecay() },
        HostileRule("SignDecay()", zeroStep: signDecayZeroStep, keepsStill: false) { SignDecay() },
        HostileRule("ClipValue(1)") { ClipValue(1) },
        HostileRule("ClipNorm(1)") { ClipNorm(1) },
        HostileRule("Optimiser(ClipNorm(10), WeightDecay(1e-4), Adam(), ExpDecay(1, 0.5, 2))", zeroStep: nil, keepsStill: false) {
            Optimiser(ClipNorm(10), WeightDecay(1e-4), Adam(), ExpDecay(1, 0.5, 2))
        },
        HostileRule("Scheduler(Exp(start: 0.1, decay: 0.5), Momentum())") {
            Scheduler(Exp(start: 0.1, decay: 0.5), Momentum())
        },
    ]
}

// MARK: - Twins: the same optimiser on identical copies of the parameters

/// One optimiser and its own parameter tensors, built from the same values as its twins.
private struct Twin<S: TensorScalar> {
    let opt: any AbstractOptimiser
    let xs: [Tensor<S>]
    let ps: Params

    init(_ opt: any AbstractOptimiser, shapes: [[Int]], values: [[S]]) {
        self.opt = opt
        xs = zip(shapes, values).map { Tensor(shape: $0, scalars: $1) }
        ps = Params(xs)
    }

    var values: [[S]] { xs.map { $0.scalars } }

    /// One step of `update(opt, ps, gs)`; `nil` gradients are left out of `gs`.
    func step(_ grads: [[S]?]) throws(UpdateError) {
        let gs = Grads(ps)
        for (x, g) in zip(xs, grads) { if let g { gs[x] = Tensor(shape: x.shape, scalars: g) } }
        try update(opt, ps, gs)
    }
}

/// The description of a case, for failure messages.
private func caseName(_ rule: HostileRule, _ type: Any.Type, seed: UInt64, _ detail: String) -> String {
    "\(rule.name) on \(type) [seed \(seed)] \(detail)"
}

/// Records `problems` (the first few) as one issue.
private func expectNoProblems(_ problems: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(problems.isEmpty, "\(problems.count) problem(s), first: \(problems.prefix(6).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
}

@Suite("Every rule under hostile inputs")
struct RuleRobustnessTests {
    /// Base of every seed; a case's seed is printed with any failure.
    static let baseSeed: UInt64 = 0x0F1A_5EED

    /// Steps per case: RAdam's rectified branch starts at t = 5, ExpDecay(…, 2) decays at t = 2, 4, 6.
    static let steps = 6

    /// The seed of one case.
    static func seed(_ rule: Int, _ type: Int, _ kind: Int, _ repetition: Int) -> UInt64 {
        baseSeed &+ UInt64(rule) << 32 &+ UInt64(type) << 24 &+ UInt64(kind) << 16 &+ UInt64(repetition)
    }

    // MARK: values

    @Test("hostile gradients and parameters: no crash, paths agree, damage stays where the equations put it",
          arguments: HostileRule.all.indices)
    func hostileValues(_ r: Int) throws {
        let rule = HostileRule.all[r]
        var problems: [String] = []
        // Every pairing of gradient and parameter classes: on both types where overflow and
        // underflow thresholds matter (zeros, huge, tiny gradients), on Float and Double in turn
        // otherwise.
        for (k, gradientKind) in HostileClass.allCases.enumerated() {
            for (p, parameterKind) in HostileClass.parameterClasses.enumerated() {
                let both = [.zeros, .huge, .tiny].contains(gradientKind)
                if both || (k + p) % 2 == 0 {
                    problems += try Self.runCase(rule, Float.self, gradients: gradientKind, parameters: parameterKind, seed: Self.seed(r, 0, k, p))
                }
                if both || (k + p) % 2 == 1 {
                    problems += try Self.runCase(rule, Double.self, gradients: gradientKind, parameters: parameterKind, seed: Self.seed(r, 1, k, p))
                }
            }
        }
        expectNoProblems(problems)
    }

    /// One case: 1–3 parameters (the first 0-d, empty or arbitrary by seed), three twins stepped
    /// through `update(opt, ps, gs)`, `update(opt, x, x̄)` and `apply(opt, x, Δ)`, ``steps`` times.
    /// Returns what went wrong.
    static func runCase<S: TensorScalar>(_ rule: HostileRule, _ type: S.Type, gradients kind: HostileClass,
                                         parameters parameterKind: HostileClass, seed: UInt64) throws -> [String] {
        var source = HostileSource(seed: seed)
        let forced = [ForcedShape.scalar, .empty, nil][Int(seed % 3)]
        let shapes = (0 ..< 1 + source.int(3)).map { j in source.shape(j == 0 ? forced : nil) }
        let x0: [[S]] = shapes.map { shape in (0 ..< elementCount(shape)).map { _ in source.parameterValue(parameterKind, S.self) } }
        let what = caseName(rule, S.self, seed: seed, "gradients \(kind), parameters \(parameterKind), shapes \(shapes)")

        let viaParams = Twin(rule.make(), shapes: shapes, values: x0)
        let viaTensor = Twin(rule.make(), shapes: shapes, values: x0)
        let viaApply = Twin(rule.make(), shapes: shapes, values: x0)
        var tame: [[Bool]] = x0.map { $0.map(isTame) }
        var problems: [String] = []

        for t in 1 ... steps {
            let before = viaParams.values
            let grads: [[S]?] = shapes.map { source.chance(0.1) ? nil : source.gradient(elementCount($0), kind, S.self) }

            try viaParams.step(grads)
            var appliedSteps: [[S]?] = Array(repeating: nil, count: shapes.count)
            for j in shapes.indices {
                guard let g = grads[j] else { continue }
                let x̄ = Tensor(shape: shapes[j], scalars: g)
                try update(viaTensor.opt, viaTensor.xs[j], x̄)
                if !same(x̄.scalars, g) { problems.append("\(what): update(opt, x, x̄) changed x̄ of parameter \(j) at step \(t)") }

                let step = try apply(viaApply.opt, viaApply.xs[j], Tensor(shape: shapes[j], scalars: g))
                if step.shape != shapes[j] {
                    problems.append("\(what): apply returned shape \(step.shape) for parameter \(j) of shape \(shapes[j]) at step \(t)")
                    continue
                }
                let stepValues = step.scalars
                appliedSteps[j] = stepValues
                viaApply.xs[j].withUnsafeMutableBufferPointer { x in
                    for i in 0 ..< x.count { x[i] -= stepValues[i] }
                }
            }

            let after = viaParams.values, afterTensor = viaTensor.values, afterApply = viaApply.values
            for j in shapes.indices {
                let at = "parameter \(j) at step \(t)"
                if viaParams.xs[j].shape != shapes[j] { problems.append("\(what): \(at) changed shape to \(viaParams.xs[j].shape)") }
                if !same(after[j], afterTensor[j]) || !same(after[j], afterApply[j]) {
                    problems.append("\(what): \(at): update(opt, ps, gs) gave \(after[j]), update(opt, x, x̄) \(afterTensor[j]), apply \(afterApply[j])")
                }
                guard let g = grads[j] else {
                    if !same(after[j], before[j]) { problems.append("\(what): \(at) moved with a nil gradient") }
                    continue
                }
                for i in g.indices {
                    let x = after[j][i]
                    if !isTame(g[i]) { tame[j][i] = false }
                    if g[i].isNaN && !x.isNaN {
                        problems.append("\(what): \(at)[\(i)]: gradient NaN but the parameter is \(x) (NaN must propagate)")
                    }
                    if tame[j][i] && !x.isFinite {
                        problems.append("\(what): \(at)[\(i)]: ordinary parameter and gradients (\(g[i]) now), but the parameter is \(x)")
                    }
                }
            }

            // An all-zero gradient (spec §2.2 by hand, see the top of the file).
            guard kind == .zeros else { continue }
            for j in shapes.indices {
                guard grads[j] != nil else { continue }
                let at = "parameter \(j) at step \(t), all-zero gradients"
                if t == 1 {
                    if let bad = after[j].firstIndex(where: { !$0.isFinite }) {
                        problems.append("\(what): \(at): x[\(bad)] = \(after[j][bad]) from \(x0[j][bad])")
                    }
                    if let expected = rule.zeroGradientStep, let step = appliedSteps[j] {
                        for i in step.indices {
                            let e = expected(Double(x0[j][i])), s = Double(step[i])
                            let ok = e == 0 ? s == 0 : Swift.abs(s - e) <= (S.self == Double.self ? 1e-12 : 1e-6) * Swift.abs(e)
                            if !ok { problems.append("\(what): \(at): step[\(i)] = \(s), by hand \(e) (x = \(x0[j][i]))") }
                        }
                    }
                }
                if rule.zeroGradientKeepsStill && after[j] != x0[j] {
                    problems.append("\(what): \(at): parameter moved from \(x0[j]) to \(after[j])")
                }
            }
        }
        return problems
    }

    // MARK: ClipNorm and ClipValue, element by element

    @Test("ClipValue clamps ±Inf and huge values, passes NaN; ClipNorm: NaN norm passes g, Inf norm scales by 0")
    func clippingOfNonFiniteValues() throws {
        var problems: [String] = []
        for repetition in 0 ..< 24 {
            let seed = Self.baseSeed &+ 0xC11B_0000 &+ UInt64(repetition)
            problems += try Self.clippingCase(Float.self, seed: seed)
            problems += try Self.clippingCase(Double.self, seed: seed)
        }
        expectNoProblems(problems)
    }

    /// One gradient (a mixture of every class) through `apply` of ClipValue(1) and ClipNorm(1).
    static func clippingCase<S: TensorScalar>(_ type: S.Type, seed: UInt64) throws -> [String] {
        var source = HostileSource(seed: seed)
        let shape = source.shape(.nonEmpty)
        let g = source.gradient(elementCount(shape), .mixture, S.self)
        let x = Tensor(shape: shape, scalars: g.map { _ in source.ordinary(S.self) })
        let what = "\(S.self) [seed \(seed)] gradient \(g)"
        var problems: [String] = []

        // step = clamp(g, −1, 1): Julia's clamp, ifelse(g > 1, 1, ifelse(g < −1, −1, g)).
        let clamped = try apply(ClipValue(1), x, Tensor(shape: shape, scalars: g)).scalars
        let expected = g.map { $0 > 1 ? 1 : ($0 < -1 ? -1 : $0) }
        if !same(clamped, expected) { problems.append("ClipValue(1) on \(what): \(clamped), by hand \(expected)") }

        // ν = NaN when any gᵢ is NaN (then g passes unchanged); otherwise ν = Inf when any gᵢ is ±Inf
        // (factor 1/Inf = 0: finite entries become ±0, infinite ones NaN).
        let clipped = try apply(ClipNorm(1), x, Tensor(shape: shape, scalars: g)).scalars
        if g.contains(where: \.isNaN) {
            if !same(clipped, g) { problems.append("ClipNorm(1), NaN norm, on \(what): \(clipped), expected g unchanged") }
        } else if g.contains(where: \.isInfinite) {
            let byHand = g.map { $0.isInfinite ? S.nan : $0 * 0 }
            if !same(clipped, byHand) { problems.append("ClipNorm(1), infinite norm, on \(what): \(clipped), by hand \(byHand)") }
        } else if !clipped.allSatisfy(\.isFinite) {
            problems.append("ClipNorm(1), finite gradient, on \(what): \(clipped)")
        }
        return problems
    }

    // MARK: GuardFinite

    @Test("GuardFinite(.throw): names position and count, changes no parameter and no state",
          arguments: HostileRule.all.indices)
    func guardThrows(_ r: Int) throws {
        var problems: [String] = []
        for repetition in 0 ..< 6 {
            problems += try Self.guardCase(HostileRule.all[r], Float.self, policy: .throw, seed: Self.seed(r, 2, 0, repetition))
            problems += try Self.guardCase(HostileRule.all[r], Double.self, policy: .throw, seed: Self.seed(r, 3, 0, repetition))
        }
        expectNoProblems(problems)
    }

    @Test("GuardFinite(.skip): changes nothing, counts the skip", arguments: HostileRule.all.indices)
    func guardSkips(_ r: Int) throws {
        var problems: [String] = []
        for repetition in 0 ..< 6 {
            problems += try Self.guardCase(HostileRule.all[r], Float.self, policy: .skip, seed: Self.seed(r, 4, 0, repetition))
            problems += try Self.guardCase(HostileRule.all[r], Double.self, policy: .skip, seed: Self.seed(r, 5, 0, repetition))
        }
        expectNoProblems(problems)
    }

    /// Two guarded twins take two ordinary steps; then one of them is given gradients holding NaN
    /// or ±Inf (through `update(opt, ps, gs)`, `update(opt, x, x̄)` or `apply`, by seed), which must
    /// throw (or be skipped and counted) with no parameter changed; after two more ordinary steps
    /// on both, the twins must still agree bit for bit, so no state moved either.
    static func guardCase<S: TensorScalar>(_ rule: HostileRule, _ type: S.Type, policy: NonFinitePolicy,
                                           seed: UInt64) throws -> [String] {
        var source = HostileSource(seed: seed)
        var shapes = (0 ..< 1 + source.int(3)).map { _ in source.shape() }
        shapes[source.int(shapes.count)] = source.shape(.nonEmpty)
        let x0: [[S]] = shapes.map { (0 ..< elementCount($0)).map { _ in source.ordinary(S.self) } }
        let placement = source.int(3)
        func guarded(_ guardRule: GuardFinite) -> any AbstractOptimiser {
            switch placement {
            case 0: return Optimiser(guardRule, rule.make())
            case 1: return Optimiser(rule.make(), guardRule)
            default: return Optimiser(Optimiser(rule.make(), Optimiser(guardRule)))
            }
        }
        let guardA = GuardFinite(policy), guardB = GuardFinite(policy)
        let a = Twin(guarded(guardA), shapes: shapes, values: x0), b = Twin(guarded(guardB), shapes: shapes, values: x0)
        let path = source.int(3)
        let what = caseName(rule, S.self, seed: seed,
                            "\(policy), guard placement \(placement), path \(["update(opt, ps, gs)", "update(opt, x, x̄)", "apply"][path]), shapes \(shapes)")
        var problems: [String] = []
        func ordinaryGradients() -> [[S]?] { shapes.map { source.gradient(elementCount($0), .ordinary, S.self) } }

        for _ in 0 ..< 2 {
            let g = ordinaryGradients()
            try a.step(g)
            try b.step(g)
        }

        // The hostile gradients: every non-empty parameter may hold NaN or ±Inf; at least one does.
        var hostile: [[S]?] = shapes.map { source.gradient(elementCount($0), source.pick([.nan, .plusInfinity, .minusInfinity, .mixture, .ordinary]), S.self) }
        if !hostile.contains(where: { $0!.contains { !$0.isFinite } }) {
            let j = shapes.indices.first { elementCount(shapes[$0]) > 0 }!
            hostile[j]![source.int(hostile[j]!.count)] = source.pick([S.nan, S.infinity, -S.infinity])
        }
        let bad = shapes.indices.first { j in hostile[j]!.contains { !$0.isFinite } }!
        let nonFinite = hostile[bad]!.filter { !$0.isFinite }.count
        let before = a.values
        var refused: UpdateError?
        do {
            switch path {
            case 0: try a.step(hostile)
            case 1: try update(a.opt, a.xs[bad], Tensor(shape: shapes[bad], scalars: hostile[bad]!))
            default:
                let step = try apply(a.opt, a.xs[bad], Tensor(shape: shapes[bad], scalars: hostile[bad]!))
                if policy == .skip && (step.shape != shapes[bad] || step.scalars.contains { $0 != 0 }) {
                    problems.append("\(what): a skipped apply returned \(step.shape) \(step.scalars), expected zeros of shape \(shapes[bad])")
                }
            }
        } catch {
            refused = error
        }

        let position = path == 0 ? bad : nil
        let expected = UpdateError.nonFiniteGradient(position: position, nonFinite: nonFinite, count: elementCount(shapes[bad]))
        switch policy {
        case .throw:
            if refused != expected { problems.append("\(what): threw \(String(describing: refused)), expected \(expected)") }
            let message = refused?.description ?? ""
            let plural = nonFinite == 1 ? "value" : "values"
            let named = (position.map { message.hasPrefix("parameter \($0) ") } ?? !message.hasPrefix("parameter"))
                && message.contains("\(nonFinite) NaN or infinite \(plural) among \(elementCount(shapes[bad]))")
                && message.contains("nothing was updated")
            if !named { problems.append("\(what): message \"\(message)\" does not name position \(String(describing: position)), count \(nonFinite) of \(elementCount(shapes[bad]))") }
        case .skip:
            if let refused { problems.append("\(what): the skip policy threw \(refused)") }
            if guardA.skippedSteps != 1 { problems.append("\(what): skippedSteps = \(guardA.skippedSteps), expected 1") }
        }
        if !same(a.values.flatMap { $0 }, before.flatMap { $0 }) { problems.append("\(what): a refused step changed parameters: \(before) → \(a.values)") }

        for _ in 0 ..< 2 {
            let g = ordinaryGradients()
            try a.step(g)
            try b.step(g)
        }
        if !same(a.values.flatMap { $0 }, b.values.flatMap { $0 }) {
            problems.append("\(what): after the refused step the state differs from a twin that never saw it: \(a.values) vs \(b.values)")
        }
        if guardB.skippedSteps != 0 || guardA.skippedSteps != (policy == .skip ? 1 : 0) {
            problems.append("\(what): skippedSteps \(guardA.skippedSteps) and \(guardB.skippedSteps) after ordinary steps")
        }
        return problems
    }

    // MARK: Mismatched gradients

    @Test("shape and element-type mismatches throw UpdateError naming both, and change nothing",
          arguments: HostileRule.all.indices)
    func mismatches(_ r: Int) throws {
        var problems: [String] = []
        for repetition in 0 ..< 8 {
            problems += try Self.mismatchCase(HostileRule.all[r], Float.self, Double.self, seed: Self.seed(r, 6, 0, repetition))
            problems += try Self.mismatchCase(HostileRule.all[r], Double.self, Float.self, seed: Self.seed(r, 7, 0, repetition))
        }
        expectNoProblems(problems)
    }

    /// Two twins take two ordinary steps; one is then given gradients of which one or two do not
    /// fit (wrong shape, or element type `Other`, by seed; the others hostile but fitting), through
    /// `update(opt, ps, gs)` or, for a shape, `update(opt, x, x̄)` and `apply`. The error must name
    /// the first misfit, and after two more ordinary steps the twins must agree bit for bit.
    static func mismatchCase<S: TensorScalar, Other: TensorScalar>(_ rule: HostileRule, _ type: S.Type, _ other: Other.Type,
                                                                   seed: UInt64) throws -> [String] {
        var source = HostileSource(seed: seed)
        let shapes = (0 ..< 2 + source.int(2)).map { _ in source.shape() }
        let x0: [[S]] = shapes.map { (0 ..< elementCount($0)).map { _ in source.ordinary(S.self) } }
        let a = Twin(rule.make(), shapes: shapes, values: x0), b = Twin(rule.make(), shapes: shapes, values: x0)
        let kind = source.int(4)   // 0, 1: shape through Params; 2: element type through Params; 3: shape, one tensor
        let what = caseName(rule, S.self, seed: seed, "mismatch kind \(kind), shapes \(shapes)")
        var problems: [String] = []
        func ordinaryGradients() -> [[S]?] { shapes.map { source.gradient(elementCount($0), .ordinary, S.self) } }

        for _ in 0 ..< 2 {
            let g = ordinaryGradients()
            try a.step(g)
            try b.step(g)
        }
        let before = a.values

        var misfits = [source.int(shapes.count)]
        if source.chance(0.5) { misfits.append(source.int(shapes.count)) }
        let first = misfits.min()!
        let wrongShapes = shapes.map { source.otherShape(than: $0) }
        let expected: UpdateError
        var thrown: UpdateError?
        if kind == 3 {
            let g = Tensor(shape: wrongShapes[first], scalars: source.gradient(elementCount(wrongShapes[first]), .mixture, S.self))
            expected = .shapeMismatch(position: nil, parameter: shapes[first], gradient: wrongShapes[first])
            do { try update(a.opt, a.xs[first], g) } catch { thrown = error }
            if thrown != expected { problems.append("\(what): update(opt, x, x̄) threw \(String(describing: thrown)), expected \(expected)") }
            thrown = nil
            do { try apply(a.opt, a.xs[first], g) } catch { thrown = error }
        } else {
            let gs = Grads(a.ps)
            for j in shapes.indices {
                if !misfits.contains(j) {
                    gs[a.xs[j]] = Tensor(shape: shapes[j], scalars: source.gradient(elementCount(shapes[j]), .mixture, S.self))
                } else if kind == 2 {
                    let g = Tensor<Other>(shape: shapes[j], scalars: source.gradient(elementCount(shapes[j]), .mixture, Other.self))
                    gs.values[ObjectIdentifier(a.xs[j])] = g
                } else {
                    gs[a.xs[j]] = Tensor(shape: wrongShapes[j], scalars: source.gradient(elementCount(wrongShapes[j]), .mixture, S.self))
                }
            }
            expected = kind == 2
                ? .elementTypeMismatch(position: first, parameter: S.juliaName, gradient: Other.juliaName)
                : .shapeMismatch(position: first, parameter: shapes[first], gradient: wrongShapes[first])
            do { try update(a.opt, a.ps, gs) } catch { thrown = error }
        }
        if thrown != expected { problems.append("\(what): threw \(String(describing: thrown)), expected \(expected)") }
        let message = thrown?.description ?? ""
        let names = kind == 2 ? [S.juliaName, Other.juliaName] : [formatShape(shapes[first]), formatShape(wrongShapes[first])]
        if !names.allSatisfy(message.contains) || !message.contains("nothing was updated") {
            problems.append("\(what): message \"\(message)\" does not name \(names)")
        }
        if !same(a.values.flatMap { $0 }, before.flatMap { $0 }) { problems.append("\(what): the refused update changed parameters") }

        for _ in 0 ..< 2 {
            let g = ordinaryGradients()
            try a.step(g)
            try b.step(g)
        }
        if !same(a.values.flatMap { $0 }, b.values.flatMap { $0 }) {
            problems.append("\(what): after the refused update the state differs from a twin that never saw it")
        }
        return problems
    }
}
