import Testing
import Flux
import Optimisers
import HostileValues

// The Optimisers.jl-style explicit API under hostile inputs: random shapes (0-d, empty, size-1
// dimensions, rank ≤ 3) and values (NaN, ±Inf, huge, tiny, zeros, mixtures) through every rule's
// setup / update / updateInPlace, on Float and Double, with a seeded Xoshiro256StarStar whose seed
// every failure names.
//
// What the equations (shared/spec/flux_optimise_spec.md §6.2) let us claim:
//
// - Every rule but ClipNorm works element by element (scalars such as η, βᵗ and counters never
//   depend on gradient values). ClipNorm multiplies the whole array by min(ω/ν, 1): with
//   `throw` (the default) a non-finite ν throws NonFiniteNormError and nothing changes, and a
//   finite ν gives a factor in (0, 1]; with `throw: false` a NaN anywhere makes the factor — and
//   every element — NaN. So an element whose parameter and gradients are ordinary (finite,
//   |v| ≤ 10) stays finite, except under ClipNorm(throw: false), where that holds for an array
//   whose gradients are all ordinary.
// - No rule masks a NaN: a NaN gradient element makes that parameter element NaN on the same
//   update (AccumGrad steps only on its n-th call, so it is exempt), or ClipNorm throws.
// - An all-zero gradient on fresh state (§6.2, by hand):
//     Descent 0·η; Momentum v = ρ·0 + η·0; Nesterov −ρ²·0 + (1+ρ)η·0; RMSProp (0·η)/(√0 + ϵ),
//     centred (0·η)/(√(0 − 0²) + ϵ); Rprop g₋·0 = 0 keeps ηᵢ, g₋ = 0, ηᵢ·sign(0) = 0;
//     Adam, RAdam, AdaMax, OAdam, NAdam as in Flux: 0; Lion m = 0, η·sign(0) = 0;
//     AdaGrad 0·η/(√ϵ + ϵ); AdaDelta 0·√ϵ/√ϵ; AdaBelief s = ϵ, η·0/(…) = 0;
//     AdamW (λ = 0) η·0 + η·0·x; ClipGrad clamp(0); ClipNorm ν = 0, 0·min(ω/0, 1) = 0·1;
//     AccumGrad no step, then the mean 0: all 0, and the state stays zero, so x never moves.
//   Steps on a zero gradient: AMSGrad (buffers start at ϵ) η·β1ϵ/(√ϵ + ϵ);
//   WeightDecay (λ = 5e-4) 0 + λ·x; SignDecay 0 + λ·sign(x).
// - update(tree, model, grad) is updateInPlace on copies: it leaves its inputs alone and gives
//   bit for bit what updateInPlace gives on a twin, state included.

// MARK: - Hostile values

// MARK: - Comparing state

/// Every number held by a rule's state (tensors, moment buffers, powers, counters, chain and
/// schedule states), as bit patterns, found by reflection so that no state layout is assumed.
private func fingerprint(_ value: Any) -> [UInt64] {
    if let tensor = value as? any TensorProtocol {
        func bits<X: TensorProtocol>(_ x: X) -> [UInt64] {
            x.shape.map { UInt64($0) } + x.tensor.scalars.map { Double($0).bitPattern }
        }
        return bits(tensor)
    }
    if let m = value as? MomentState<Float> { return momentBits(m) }
    if let m = value as? MomentState<Double> { return momentBits(m) }
    if let d = value as? Double { return [d.bitPattern] }
    if let f = value as? Float { return [Double(f).bitPattern] }
    if let i = value as? Int { return [UInt64(bitPattern: Int64(i))] }
    if let b = value as? Bool { return [b ? 1 : 0] }
    // Arrays, Void, chain and schedule states, AccumGrad's: their parts.
    return Mirror(reflecting: value).children.flatMap { fingerprint($0.value) }
}

/// The moment buffers, powers and step count.
private func momentBits<S: TensorScalar>(_ m: MomentState<S>) -> [UInt64] {
    ([m.m, m.v] + (m.w.map { [$0] } ?? [])).flatMap { $0.scalars.map { Double($0).bitPattern } } + [m.β1p.bitPattern, m.β2p.bitPattern, UInt64(m.t)]
}

/// Every leaf's state and frozen flag, depth first.
private func fingerprint(tree: Tree<Leaf>) -> [UInt64] {
    tree.leafValues.flatMap { leaf in fingerprint(leaf.state) + [leaf.frozen ? 1 : 0] }
}

/// The step `rule` takes from fresh state (Julia `apply!(rule, init(rule, x), x, dx)`), `nil` for none.
private func freshStep<R: AbstractRule, S: TensorScalar>(_ rule: R, _ x: Tensor<S>, _ dx: Tensor<S>) throws -> Tensor<S>? {
    try rule.apply(rule.`init`(x), x, dx).1
}

// MARK: - The rules

/// A rule with its default constructor and what the equations say about it.
struct ExplicitHostileRule: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () -> any AbstractRule
    /// The step at x from fresh state on an all-zero gradient, by hand (see the top); `nil`: finite is all we claim.
    let zeroGradientStep: (@Sendable (Double) -> Double)?
    /// Whether that step is 0 and stays 0 while the gradient stays zero.
    let zeroGradientKeepsStill: Bool
    /// ClipNorm with `throw`: a NaN or ±Inf gradient throws NonFiniteNormError.
    let throwsOnNonFinite: Bool
    /// ClipNorm(throw: false): a NaN reaches every element of its array.
    let mixesElements: Bool
    /// Whether a NaN gradient element reaches its parameter on the same update.
    let stepsEveryCall: Bool

    var testDescription: String { name }

    init(_ name: String, zeroStep: (@Sendable (Double) -> Double)? = { _ in 0 }, keepsStill: Bool = true,
         throwsOnNonFinite: Bool = false, mixesElements: Bool = false, stepsEveryCall: Bool = true,
         _ make: @escaping @Sendable () -> any AbstractRule) {
        self.name = name
        self.make = make
        zeroGradientStep = zeroStep
        zeroGradientKeepsStill = keepsStill
        self.throwsOnNonFinite = throwsOnNonFinite
        self.mixesElements = mixesElements
        self.stepsEveryCall = stepsEveryCall
    }

    static let all: [ExplicitHostileRule] = [
        ExplicitHostileRule("Descent()") { Optimisers.Descent() },
        ExplicitHostileRule("Momentum()") { Optimisers.Momentum() },
        ExplicitHostileRule("Nesterov()") { Optimisers.Nesterov() },
        ExplicitHostileRule("RMSProp()") { Optimisers.RMSProp() },
        ExplicitHostileRule("RMSProp(centred: true)") { Optimisers.RMSProp(centred: true) },
        ExplicitHostileRule("Rprop()") { Optimisers.Rprop() },
        ExplicitHostileRule("Adam()") { Optimisers.Adam() },
        ExplicitHostileRule("Lion()") { Optimisers.Lion() },
        ExplicitHostileRule("RAdam()") { Optimisers.RAdam() },
        ExplicitHostileRule("AdaMax()") { Optimisers.AdaMax() },
        ExplicitHostileRule("OAdam()") { Optimisers.OAdam() },
        ExplicitHostileRule("AdaGrad()") { Optimisers.AdaGrad() },
        ExplicitHostileRule("AdaDelta()") { Optimisers.AdaDelta() },
        ExplicitHostileRule("AMSGrad()", zeroStep: { _ in 0.001 * (0.9 * 1e-8) / (1e-8.squareRoot() + 1e-8) }, keepsStill: false) {
            Optimisers.AMSGrad()
        },
        ExplicitHostileRule("NAdam()") { Optimisers.NAdam() },
        ExplicitHostileRule("AdamW()") { Optimisers.AdamW() },
        ExplicitHostileRule("AdaBelief()") { Optimisers.AdaBelief() },
        ExplicitHostileRule("WeightDecay()", zeroStep: { x in 5e-4 * x }, keepsStill: false) { Optimisers.WeightDecay() },
        ExplicitHostileRule("SignDecay()", zeroStep: { x in 1e-3 * (x > 0 ? 1 : (x < 0 ? -1 : x)) }, keepsStill: false) {
            Optimisers.SignDecay()
        },
        ExplicitHostileRule("ClipGrad()") { Optimisers.ClipGrad() },
        ExplicitHostileRule("ClipNorm()", throwsOnNonFinite: true) { Optimisers.ClipNorm() },
        ExplicitHostileRule("ClipNorm(10, 2, throw: false)", mixesElements: true) { Optimisers.ClipNorm(10, 2, throw: false) },
        ExplicitHostileRule("ClipNorm(1, 1, throw: false)", mixesElements: true) { Optimisers.ClipNorm(1, 1, throw: false) },
        ExplicitHostileRule("OptimiserChain(ClipGrad(), WeightDecay(), Adam())", zeroStep: nil, keepsStill: false) {
            Optimisers.OptimiserChain(Optimisers.ClipGrad(), Optimisers.WeightDecay(), Optimisers.Adam())
        },
        ExplicitHostileRule("OptimiserChain(ClipNorm(), Adam())", throwsOnNonFinite: true) {
            Optimisers.OptimiserChain(Optimisers.ClipNorm(), Optimisers.Adam())
        },
        ExplicitHostileRule("OptimiserChain(AccumGrad(2), Momentum())", stepsEveryCall: false) {
            Optimisers.OptimiserChain(Optimisers.AccumGrad(2), Optimisers.Momentum())
        },
        ExplicitHostileRule("Scheduler(Exp(start: 0.1, decay: 0.5)) { Descent($0) }") {
            Optimisers.Scheduler(Exp(start: 0.1, decay: 0.5)) { η in Optimisers.Descent(η) }
        },
    ]
}

// MARK: - Models: tensors in nested arrays

/// A model `[x₀, [x₁, x₂, …]]` (or `[x₀]`) of tensors with the given shapes and values, and the
/// path of each tensor as ModelUpdateError names it.
private struct TensorModel<S: TensorScalar> {
    let model: [any Trainable]
    let xs: [Tensor<S>]

    init(shapes: [[Int]], values: [[S]]) {
        xs = zip(shapes, values).map { Tensor(shape: $0, scalars: $1) }
        model = xs.count == 1 ? [xs[0]] : [xs[0], Array(xs.dropFirst()) as [any Trainable]]
    }

    /// The same layout for a model that `update` returned.
    init(_ model: [any Trainable]) {
        self.model = model
        xs = [model[0] as! Tensor<S>] + (model.count > 1 ? (model[1] as! [any Trainable]).map { $0 as! Tensor<S> } : [])
    }

    static func path(_ j: Int, of count: Int) -> String { j == 0 ? "model[0]" : "model[1][\(j - 1)]" }

    /// A gradient shaped like the model; `nil` entries are empty.
    static func gradient(_ gs: [(any TensorProtocol)?]) -> ModelGradient {
        func leaf(_ g: (any TensorProtocol)?) -> ModelGradient { g.map { .leaf($0) } ?? .empty }
        return gs.count == 1 ? .elements([leaf(gs[0])]) : .elements([leaf(gs[0]), .elements(gs.dropFirst().map(leaf))])
    }

    var values: [[S]] { xs.map { $0.scalars } }
}

@Suite("Every explicit (Optimisers.jl) rule under hostile inputs")
struct ExplicitRuleRobustnessTests {
    static let baseSeed: UInt64 = 0x0971_5EED
    static let steps = 6

    static func seed(_ rule: Int, _ type: Int, _ kind: Int, _ repetition: Int) -> UInt64 {
        baseSeed &+ UInt64(rule) << 32 &+ UInt64(type) << 24 &+ UInt64(kind) << 16 &+ UInt64(repetition)
    }

    // MARK: values

    @Test("hostile gradients and parameters: no crash, update equals updateInPlace, damage stays where the equations put it",
          arguments: ExplicitHostileRule.all.indices)
    func hostileValues(_ r: Int) throws {
        let rule = ExplicitHostileRule.all[r]
        var problems: [String] = []
        // Every pairing of gradient and parameter classes: on both types where overflow and
        // underflow thresholds matter (zeros, huge, tiny gradients), on Float and Double in turn
        // otherwise.
        for (k, kind) in HostileClass.allCases.enumerated() {
            for (p, parameterKind) in HostileClass.parameterClasses.enumerated() {
                let both = [.zeros, .huge, .tiny].contains(kind)
                if both || (k + p) % 2 == 0 {
                    problems += try Self.runCase(rule, Float.self, gradients: kind, parameters: parameterKind, seed: Self.seed(r, 0, k, p))
                }
                if both || (k + p) % 2 == 1 {
                    problems += try Self.runCase(rule, Double.self, gradients: kind, parameters: parameterKind, seed: Self.seed(r, 1, k, p))
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.count) problem(s), first: \(problems.prefix(6).joined(separator: "\n"))")
    }

    /// One case: a model of 1–3 tensors (the first 0-d, empty or arbitrary by seed), one twin
    /// stepped with updateInPlace and one with update, ``steps`` times. Returns what went wrong.
    static func runCase<S: TensorScalar>(_ rule: ExplicitHostileRule, _ type: S.Type, gradients kind: HostileClass,
                                         parameters parameterKind: HostileClass, seed: UInt64) throws -> [String] {
        var source = HostileSource(seed: seed)
        let shapes = (0 ..< 1 + source.int(3)).map { j in source.shape(j == 0 ? [ForcedShape.scalar, .empty, .nonEmpty][Int(seed % 3)] : nil) }
        let x0: [[S]] = shapes.map { shape in (0 ..< elementCount(shape)).map { _ in source.parameterValue(parameterKind, S.self) } }
        let what = "\(rule.name) on \(S.self) [seed \(seed)] gradients \(kind), parameters \(parameterKind), shapes \(shapes)"
        var problems: [String] = []

        let inPlace = TensorModel(shapes: shapes, values: x0)
        let inPlaceState = Optimisers.setup(rule.make(), inPlace.model)
        var copied = TensorModel(shapes: shapes, values: x0)
        var copiedState = Optimisers.setup(rule.make(), copied.model)
        var tame: [[Bool]] = x0.map { $0.map(isTame) }
        var everyGradientTame = x0.map { $0.allSatisfy(isTame) }

        for t in 1 ... steps {
            let grads: [[S]?] = shapes.map { source.chance(0.1) ? nil : source.gradient(elementCount($0), kind, S.self) }
            let gradient = TensorModel<S>.gradient(zip(shapes, grads).map { shape, g -> (any TensorProtocol)? in
                g.map { Tensor(shape: shape, scalars: $0) }
            })
            let gradientBefore = gradient.leafValues.flatMap { fingerprint($0) }
            let before = inPlace.values, stateBefore = rule.throwsOnNonFinite ? fingerprint(tree: inPlaceState) : []
            let (oldCopied, oldCopiedState) = (copied, copiedState)
            let copiedBefore = copied.values, copiedStateBefore = fingerprint(tree: copiedState)
            let at = "\(what) step \(t)"

            var errors: [String] = []
            do {
                try Optimisers.updateInPlace(inPlaceState, inPlace.model, gradient)
            } catch let error as NonFiniteNormError {
                errors.append("\(error.p) \(error.norm) \(error.shape)")
                if error.norm.isFinite || !shapes.contains(error.shape) { problems.append("\(at): \(error) names a finite norm or no gradient's shape") }
            }
            do {
                let (newState, newModel) = try Optimisers.update(copiedState, copied.model, gradient)
                (copiedState, copied) = (newState, TensorModel(newModel))
            } catch let error as NonFiniteNormError {
                errors.append("\(error.p) \(error.norm) \(error.shape)")
            }
            if !same(oldCopied.values.flatMap { $0 }, copiedBefore.flatMap { $0 }) || fingerprint(tree: oldCopiedState) != copiedStateBefore {
                problems.append("\(at): update changed the model or the state tree it was given")
            }
            if gradient.leafValues.flatMap({ fingerprint($0) }) != gradientBefore { problems.append("\(at): the gradient was changed") }

            let nonFinite = grads.contains { $0?.contains { !$0.isFinite } == true }
            if errors.count == 1 { problems.append("\(at): only one of update and updateInPlace threw: \(errors)") }
            if !rule.throwsOnNonFinite && !errors.isEmpty { problems.append("\(at): \(rule.name) threw \(errors)") }
            if rule.throwsOnNonFinite && nonFinite && errors.isEmpty { problems.append("\(at): a NaN or ±Inf gradient did not throw") }
            if !errors.isEmpty {
                if !same(inPlace.values.flatMap { $0 }, before.flatMap { $0 }) || fingerprint(tree: inPlaceState) != stateBefore {
                    problems.append("\(at): updateInPlace threw but changed the model or the state")
                }
                continue
            }

            let after = inPlace.values
            if !same(after.flatMap { $0 }, copied.values.flatMap { $0 }) || fingerprint(tree: inPlaceState) != fingerprint(tree: copiedState) {
                problems.append("\(at): updateInPlace gave \(after), update \(copied.values) (or their states differ)")
            }
            for j in shapes.indices {
                guard let g = grads[j] else {
                    if !same(after[j], before[j]) { problems.append("\(at): parameter \(j) moved with an empty gradient") }
                    continue
                }
                if !g.allSatisfy(isTame) { everyGradientTame[j] = false }
                for i in g.indices {
                    if !isTame(g[i]) { tame[j][i] = false }
                    let stillTame = rule.mixesElements ? everyGradientTame[j] : tame[j][i]
                    if stillTame && !after[j][i].isFinite {
                        problems.append("\(at): parameter \(j)[\(i)] is \(after[j][i]) from ordinary parameters and gradients")
                    }
                    if rule.stepsEveryCall && g[i].isNaN && !after[j][i].isNaN {
                        problems.append("\(at): parameter \(j)[\(i)] is \(after[j][i]) after a NaN gradient")
                    }
                }
            }

            guard kind == .zeros else { continue }
            for j in shapes.indices where grads[j] != nil {
                if t == 1 {
                    if let bad = after[j].firstIndex(where: { !$0.isFinite }) {
                        problems.append("\(at): parameter \(j)[\(bad)] = \(after[j][bad]) from \(x0[j][bad]) and a zero gradient")
                    }
                    if let expected = rule.zeroGradientStep {
                        let x = Tensor(shape: shapes[j], scalars: x0[j])
                        let step = try freshStep(rule.make(), x, Tensor(shape: shapes[j], repeating: 0))?.scalars
                            ?? Array(repeating: 0, count: x0[j].count)
                        for i in step.indices {
                            let e = expected(Double(x0[j][i])), s = Double(step[i])
                            let tolerance = (S.self == Double.self ? 1e-12 : 1e-6) * Swift.abs(e) + Double(S.leastNonzeroMagnitude)
                            if e == 0 ? s != 0 : Swift.abs(s - e) > tolerance {
                                problems.append("\(at): fresh step[\(i)] on a zero gradient = \(s), by hand \(e) (x = \(x0[j][i]))")
                            }
                        }
                    }
                }
                if rule.zeroGradientKeepsStill && after[j] != x0[j] {
                    problems.append("\(at): parameter \(j) moved from \(x0[j]) to \(after[j]) on zero gradients")
                }
            }
        }
        return problems
    }

    // MARK: mismatched gradients and state trees

    @Test("misfits in a Chain name their position: model.layers[0].bias; Julia field names are checked")
    func errorsNameThePositionInAChain() throws {
        let model = twoLayerModel()   // Chain(Dense(2 => 2), Dense(2 => 1)), Double
        let state = Optimisers.setup(Optimisers.Adam(), model)
        let (parameters, numbers) = (parameterNumbers(model), treeNumbers(state))
        func gradient(bias0: any TensorProtocol = dvec([1, 1]), weight1: any TensorProtocol = dmat([[1, 1]]),
                      names1: (String, String) = ("weight", "bias")) -> ModelGradient {
            .fields([("layers", .elements([
                .fields([("weight", .leaf(dmat([[1, 1], [1, 1]]))), ("bias", .leaf(bias0))]),
                .fields([(names1.0, .leaf(weight1)), (names1.1, .leaf(dvec([1])))]),
            ]))])
        }

        // Before the fix these stopped the program (preconditions in the gradient walk).
        let shape = #expect(throws: ModelUpdateError.self) { try Optimisers.updateInPlace(state, model, gradient(bias0: dvec([1, 1, 1]))) }
        #expect(shape == .shapeMismatch(path: "model.layers[0].bias", parameter: [2], gradient: [3]))
        #expect(shape?.description == "at model.layers[0].bias: gradient has shape (3,) but the parameter has shape (2,); nothing was updated")

        let element = #expect(throws: ModelUpdateError.self) {
            try Optimisers.updateInPlace(state, model, gradient(weight1: Tensor<Float>(shape: [1, 2], repeating: .nan)))
        }
        #expect(element == .elementTypeMismatch(path: "model.layers[1].weight", parameter: "Float64", gradient: "Float32"))
        #expect(element?.description == "at model.layers[1].weight: gradient holds Float32 but the parameter holds Float64; nothing was updated")

        let names = #expect(throws: ModelUpdateError.self) { _ = try Optimisers.update(state, model, gradient(names1: ("bias", "weight"))) }
        #expect(names == .gradientStructure(path: "model.layers[1]", expected: "fields [\"weight\", \"bias\"]", found: "fields [\"bias\", \"weight\"]"))

        // Nothing moved, and the first layer's leaves (walked before the misfits) did not advance.
        #expect(parameterNumbers(model) == parameters)
        #expect(treeNumbers(state) == numbers)
    }

    @Test("mismatched shapes, element types and trees throw ModelUpdateError naming the position, and change nothing",
          arguments: ExplicitHostileRule.all.indices)
    func mismatches(_ r: Int) throws {
        var problems: [String] = []
        for repetition in 0 ..< 10 {
            problems += try Self.mismatchCase(ExplicitHostileRule.all[r], Float.self, Double.self, seed: Self.seed(r, 2, 0, repetition))
            problems += try Self.mismatchCase(ExplicitHostileRule.all[r], Double.self, Float.self, seed: Self.seed(r, 3, 0, repetition))
        }
        #expect(problems.isEmpty, "\(problems.count) problem(s), first: \(problems.prefix(6).joined(separator: "\n"))")
    }

    /// Two twins take two ordinary steps; one is then given a gradient with a misfit (by seed: a
    /// wrong shape, a wrong element type, a wrong structure, a state tree of another model, or a
    /// single-tensor model with a wrong shape), through updateInPlace or update, while the fitting
    /// leaves get hostile values. It must throw ModelUpdateError for the first misfit in model
    /// order, change nothing, and two more ordinary steps must leave the twins equal bit for bit.
    static func mismatchCase<S: TensorScalar, Other: TensorScalar>(_ rule: ExplicitHostileRule, _ type: S.Type, _ other: Other.Type,
                                                                   seed: UInt64) throws -> [String] {
        var source = HostileSource(seed: seed)
        let kind = source.int(5)
        let shapes = (0 ..< (kind == 4 ? 1 : 2 + source.int(2))).map { _ in source.shape() }
        let x0: [[S]] = shapes.map { (0 ..< elementCount($0)).map { _ in source.ordinary(S.self) } }
        let a = TensorModel(shapes: shapes, values: x0), b = TensorModel(shapes: shapes, values: x0)
        // Kind 4 trains the tensor itself as the model (`setup(rule, x)`).
        let stateA = kind == 4 ? Optimisers.setup(rule.make(), a.xs[0]) : Optimisers.setup(rule.make(), a.model)
        let stateB = kind == 4 ? Optimisers.setup(rule.make(), b.xs[0]) : Optimisers.setup(rule.make(), b.model)
        let inPlace = source.chance(0.5)
        let what = "\(rule.name) on \(S.self) [seed \(seed)] mismatch kind \(kind), \(inPlace ? "updateInPlace" : "update"), shapes \(shapes)"
        var problems: [String] = []
        func ordinaryStep() throws {
            let grads = shapes.map { Tensor(shape: $0, scalars: source.gradient(elementCount($0), .ordinary, S.self)) }
            if kind == 4 {
                try Optimisers.updateInPlace(stateA, a.xs[0], grads[0])
                try Optimisers.updateInPlace(stateB, b.xs[0], grads[0].copy())
            } else {
                try Optimisers.updateInPlace(stateA, a.model, TensorModel<S>.gradient(grads))
                try Optimisers.updateInPlace(stateB, b.model, TensorModel<S>.gradient(grads.map { $0.copy() }))
            }
        }
        try ordinaryStep()
        try ordinaryStep()
        let before = a.values, stateBefore = fingerprint(tree: stateA)

        // Fitting gradients with hostile values, then the misfit.
        var grads: [(any TensorProtocol)?] = shapes.map { Tensor(shape: $0, scalars: source.gradient(elementCount($0), .mixture, S.self)) }
        var misfits = [source.int(shapes.count)]
        if source.chance(0.5) { misfits.append(source.int(shapes.count)) }
        let first = misfits.min()!
        var path = kind == 4 ? "model" : TensorModel<S>.path(first, of: shapes.count)
        var tree = stateA
        var expected: ModelUpdateError?
        var gradient: ModelGradient
        switch kind {
        case 0, 4:
            let wrong = shapes.map { source.otherShape(than: $0) }
            for j in misfits { grads[j] = Tensor(shape: wrong[j], scalars: source.gradient(elementCount(wrong[j]), .mixture, S.self)) }
            expected = .shapeMismatch(path: path, parameter: shapes[first], gradient: wrong[first])
            gradient = kind == 4 ? .leaf(grads[0]!) : TensorModel<S>.gradient(grads)
        case 1:
            for j in misfits { grads[j] = Tensor(shape: shapes[j], scalars: source.gradient(elementCount(shapes[j]), .mixture, Other.self)) }
            expected = .elementTypeMismatch(path: path, parameter: S.juliaName, gradient: Other.juliaName)
            gradient = TensorModel<S>.gradient(grads)
        case 2:
            // A tensor's gradient wrapped in a tuple, or an extra child at the top.
            if source.chance(0.5) {
                gradient = TensorModel<S>.gradient(grads)
                if case .elements(var top) = gradient {
                    top.append(.leaf(Tensor<S>(shape: [1], repeating: 1)))
                    gradient = .elements(top)
                }
                expected = .gradientStructure(path: "model", expected: "2 children", found: "a tuple with 3")
                path = "model"
            } else {
                gradient = TensorModel<S>.gradient(grads)
                if case .elements(var top) = gradient, case .leaf(let g) = top[0] {
                    top[0] = .elements([.leaf(g)])
                    gradient = .elements(top)
                }
                expected = .gradientStructure(path: "model[0]", expected: "a gradient tensor", found: "a tuple")
                path = "model[0]"
            }
        default:
            // A state tree set up for a model with one more tensor at the top.
            tree = Optimisers.setup(rule.make(), a.model + [Tensor<S>(shape: [2], repeating: 1) as any Trainable])
            gradient = TensorModel<S>.gradient(grads)
            expected = .stateStructure(path: "model", expected: "2 children", found: "a tuple with 3")
            path = "model"
        }
        let treeBefore = fingerprint(tree: tree)

        var thrown: ModelUpdateError?
        do {
            if kind == 4 {
                if inPlace { try Optimisers.updateInPlace(tree, a.xs[0], grads[0] as! Tensor<S>) }
                else { _ = try Optimisers.update(tree, a.xs[0], grads[0] as! Tensor<S>) }
            } else if inPlace {
                try Optimisers.updateInPlace(tree, a.model, gradient)
            } else {
                _ = try Optimisers.update(tree, a.model, gradient)
            }
        } catch let error as ModelUpdateError {
            thrown = error
        }
        // Structure errors: the case and the path are the contract; compare their words loosely.
        switch (thrown, expected) {
        case let (.gradientStructure(p, _, _)?, .gradientStructure(q, _, _)?), let (.stateStructure(p, _, _)?, .stateStructure(q, _, _)?):
            if p != q { problems.append("\(what): threw \(thrown!), expected the path \(q)") }
        default:
            if thrown != expected { problems.append("\(what): threw \(String(describing: thrown)), expected \(String(describing: expected))") }
        }
        let message = thrown?.description ?? ""
        if !message.hasPrefix("at \(path):") || !message.contains("nothing was updated") {
            problems.append("\(what): message \"\(message)\" does not name \(path)")
        }
        if case .shapeMismatch(_, let p, let g)? = expected, !(message.contains(formatShape(p)) && message.contains(formatShape(g))) {
            problems.append("\(what): message \"\(message)\" does not name both shapes")
        }
        if case .elementTypeMismatch? = expected, !(message.contains(S.juliaName) && message.contains(Other.juliaName)) {
            problems.append("\(what): message \"\(message)\" does not name both element types")
        }
        if !same(a.values.flatMap { $0 }, before.flatMap { $0 }) { problems.append("\(what): the refused update changed parameters") }
        if fingerprint(tree: stateA) != stateBefore || fingerprint(tree: tree) != treeBefore {
            problems.append("\(what): the refused update changed the state tree")
        }

        try ordinaryStep()
        try ordinaryStep()
        if !same(a.values.flatMap { $0 }, b.values.flatMap { $0 }) || fingerprint(tree: stateA) != fingerprint(tree: stateB) {
            problems.append("\(what): after the refused update the twins differ")
        }
        return problems
    }
}
