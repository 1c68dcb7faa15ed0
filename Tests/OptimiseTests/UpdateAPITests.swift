import Testing
@testable import Optimise
import Tensors
@testable import Tracker

/// update(opt, ps, gs), update(opt, x, x̄), apply(opt, x, Δ), update(x, x̄) and their errors.
@Suite("update / apply API")
struct UpdateAPITests {
    @Test("update(opt, x, x̄) never changes x̄", arguments: RuleCases.all)
    func updateLeavesGradientAlone(_ c: RuleCase) throws {
        let opt = c.make()
        let x = Tensor<Double>(shape: [3, 4], scalars: Fixture.W0)
        for t in [1, 2, 3, 5] {
            let g = Tensor<Double>(shape: [3, 4], scalars: Fixture.gW(t)!)
            try update(opt, x, g)
            #expect(g.scalars == Fixture.gW(t)!, "\(c.name) changed x̄ at step \(t)")
        }
        let xf = Tensor<Float>(shape: [4], scalars: Fixture.b0.map { Float($0) })
        let gf = Tensor<Float>(Fixture.gb(1)!.map { Float($0) })
        let before = gf.scalars
        try update(opt, xf, gf)
        #expect(gf.scalars == before, "\(c.name) changed a Float x̄")
    }

    @Test("update(opt, ps, gs) never changes the gradients", arguments: RuleCases.all)
    func updateParamsLeavesGradientsAlone(_ c: RuleCase) throws {
        let W = Tensor<Double>(shape: [3, 4], scalars: Fixture.W0), b = vec(Fixture.b0)
        let ps = Params([W, b])
        let gs = Grads(ps)
        gs[W] = Tensor<Double>(shape: [3, 4], scalars: Fixture.gW(3)!)
        gs[b] = vec(Fixture.gb(5)!)
        try update(c.make(), ps, gs)
        #expect(gs[W]!.scalars == Fixture.gW(3)!)
        #expect(gs[b]!.scalars == Fixture.gb(5)!)
    }

    @Test("update(opt, x, x) with the parameter as its own gradient", arguments: RuleCases.all)
    func aliasedGradient(_ c: RuleCase) throws {
        // Flux copies x̄ first, so update!(opt, x, x) steps with g = the old x
        let opt = c.make(), ref = c.ref()
        let x = vec(Fixture.b0.map { $0 + 0.75 })
        var xr = Fixture.b0.map { $0 + 0.75 }
        for _ in 1...3 {
            try update(opt, x, x)
            let s = ref.step(0, xr, xr)
            xr = xr.indices.map { xr[$0] - s[$0] }
        }
        expectClose(x.scalars, xr, rtol: 1e-12, atol: 1e-14, c.name)
    }

    @Test func applyOverwritesDeltaAndNeverChangesX() throws {
        let x = vec([1, -2])
        let Δ = vec([0.5, 0.5])
        let s = try apply(Momentum(0.1, 0.9), x, Δ)
        #expect(s === Δ)
        expectClose(Δ.scalars, [0.05, 0.05], rtol: 1e-15)
        #expect(x.scalars == [1, -2], "apply never mutates x")
        let Δ2 = vec([1, 1])
        _ = try apply(Optimiser(WeightDecay(1), Descent(0.5)), x, Δ2)
        expectClose(Δ2.scalars, [(1 + 1 * 1) * 0.5, (1 + 1 * -2) * 0.5], rtol: 1e-15)
        #expect(x.scalars == [1, -2])
    }

    @Test func paramsAreWalkedInOrderAndDuplicatesStepTwice() throws {
        // Params([W, W]) lists W twice (Zygote's constructor keeps duplicates): W steps twice
        let W = vec([1])
        let gs = Grads(Params([W]))
        gs[W] = vec([1])
        try update(Momentum(0.1, 0.9), Params([W, W]), gs)
        // first: v = −0.1 → x = 0.9; second: v = 0.9·(−0.1) − 0.1 = −0.19 → x = 0.71
        expectClose(W.scalars[0], 1 - 0.1 - 0.19, rtol: 1e-15)
        // params(W, W) de-duplicates
        let V = vec([1])
        let gv = Grads(params(V, V)); gv[V] = vec([1])
        try update(Descent(0.1), params(V, V), gv)
        expectClose(V.scalars[0], 0.9, rtol: 1e-15)
    }

    @Test func gradientsFromGradientCall() throws {
        // a real gradient call: loss = sum(W .* c) + sum(b .* d); untouched parameter gets nil
        let W = vec([1, 2]), b = vec([3]), unused = vec([7])
        let c = vec([0.5, -1]), d = vec([2])
        let ps = params(W, b, unused)
        let gs = gradient({ sum(W .* c) + sum(b .* d) }, ps)
        #expect(gs[unused] == nil)
        try update(Descent(0.1), ps, gs)
        expectClose(W.scalars, [1 - 0.05, 2 + 0.1], rtol: 1e-15)
        expectClose(b.scalars, [3 - 0.2], rtol: 1e-15)
        #expect(unused.scalars == [7])
    }

    // MARK: errors

    /// Momentum, Adam, a chain and ExpDecay: a wrong-shaped gradient for the second parameter.
    static let errorCases: [RuleCase] = [
        RuleCase("Momentum", { Momentum(0.1, 0.9) }, { RefMomentum(0.1, 0.9) }),
        RuleCase("Adam", { Adam(0.01) }, { RefAdam(0.01) }),
        RuleCase("AMSGrad", { AMSGrad(0.01) }, { RefAMSGrad(0.01) }),
        RuleCase("ExpDecay", { ExpDecay(0.1, 0.5, 1, 1e-4) }, { RefExpDecay(0.1, 0.5, 1, 1e-4) }),
        RuleCase("InvDecay", { InvDecay(0.5) }, { RefInvDecay(0.5) }),
        RuleCase("Optimiser(WeightDecay, Adam, InvDecay)", { Optimiser(WeightDecay(0.1), Adam(0.01), InvDecay(0.5)) },
                 { RefChain(RefWeightDecay(0.1), RefAdam(0.01), RefInvDecay(0.5)) }),
    ]

    @Test("shape mismatch throws and changes nothing", arguments: errorCases)
    func shapeMismatchChangesNothing(_ c: RuleCase) throws {
        let opt = c.make()
        let W = Tensor<Double>(shape: [3, 4], scalars: Fixture.W0), b = vec(Fixture.b0), z = vec([9])
        let ps = Params([W, b, z])
        let gs = Grads(ps)
        gs[W] = Tensor<Double>(shape: [3, 4], scalars: Fixture.gW(1)!)
        gs[b] = Tensor<Double>(shape: [2, 2], scalars: Fixture.gb(1)!)      // wrong shape, same count
        gs[z] = vec([1])
        #expect(throws: UpdateError.shapeMismatch(position: 1, parameter: [4], gradient: [2, 2])) {
            try update(opt, ps, gs)
        }
        #expect(W.scalars == Fixture.W0, "W must be untouched")
        #expect(b.scalars == Fixture.b0, "b must be untouched")
        #expect(z.scalars == [9], "z must be untouched")
        if let e = opt as? ExpDecay { #expect(e.eta == 0.1, "ExpDecay's η must not have decayed") }
        // the next valid step is a FIRST step for every parameter (no state was created or advanced)
        gs[b] = vec(Fixture.gb(1)!)
        try update(opt, ps, gs)
        let ref = c.ref()
        let sW = ref.step(0, Fixture.W0, Fixture.gW(1)!)
        let sb = ref.step(1, Fixture.b0, Fixture.gb(1)!)
        let sz = ref.step(2, [9], [1])
        expectClose(W.scalars, Fixture.W0.indices.map { Fixture.W0[$0] - sW[$0] }, rtol: 1e-12, "W after")
        expectClose(b.scalars, Fixture.b0.indices.map { Fixture.b0[$0] - sb[$0] }, rtol: 1e-12, "b after")
        expectClose(z.scalars, [9 - sz[0]], rtol: 1e-12, "z after")
    }

    @Test func shapeMismatchOnTheLastParameterStillChangesNothing() throws {
        // the bad gradient comes last: the earlier parameters must not have been stepped
        let opt = Momentum(0.1, 0.9)
        let a = vec([1, 2]), b = vec([3, 4])
        let ps = Params([a, b])
        let gs = Grads(ps)
        gs[a] = vec([1, 1])
        gs[b] = vec([1, 1, 1])
        do {
            try update(opt, ps, gs)
            Issue.record("expected UpdateError")
        } catch {
            #expect(error == .shapeMismatch(position: 1, parameter: [2], gradient: [3]))
            #expect(error.description.contains("(3,)") && error.description.contains("(2,)"), "\(error)")
            #expect(error.description.contains("nothing was updated"))
        }
        #expect(a.scalars == [1, 2])
        #expect(opt.velocity.count == 0)
    }

    @Test func elementTypeMismatchThroughTheErasedPath() throws {
        // Grads' typed subscript cannot store a Float gradient for a Double parameter; the
        // type-erased storage can (reached through @testable import Tracker)
        let opt = Adam()
        let W = vec([1, 2]), b = vec([3])
        let ps = Params([W, b])
        let gs = Grads(ps)
        gs[W] = vec([1, 1])
        gs.values[ObjectIdentifier(b)] = vecF([1])
        #expect(throws: UpdateError.elementTypeMismatch(position: 1, parameter: "Float64", gradient: "Float32")) {
            try update(opt, ps, gs)
        }
        #expect(W.scalars == [1, 2])
        #expect(b.scalars == [3])
        #expect(opt.state.count == 0)
        let e = UpdateError.elementTypeMismatch(position: 1, parameter: "Float64", gradient: "Float32")
        #expect(e.description.contains("Float32") && e.description.contains("Float64"))
    }

    @Test func singleParameterErrors() throws {
        let opt = Momentum(0.1, 0.9)
        let x = vec([1, 2])
        #expect(throws: UpdateError.shapeMismatch(position: nil, parameter: [2], gradient: [3])) {
            try update(opt, x, vec([1, 1, 1]))
        }
        #expect(throws: UpdateError.shapeMismatch(position: nil, parameter: [2], gradient: [1, 2])) {
            try apply(opt, x, Tensor<Double>(shape: [1, 2], scalars: [1, 1]))
        }
        #expect(x.scalars == [1, 2])
        #expect(opt.velocity.count == 0)
        // next step is a first step
        try update(opt, x, vec([1, 1]))
        expectClose(x.scalars, [0.9, 1.9], rtol: 1e-15)
    }

    @Test func flux012SubtractForm() throws {
        // Flux ≤ 0.12 update!(x, x̄): x .-= x̄
        let x = vec([1, 2, 3])
        let x̄ = vec([0.5, -1, 0])
        try update(x, x̄)
        #expect(x.scalars == [0.5, 3, 3])
        #expect(x̄.scalars == [0.5, -1, 0])
        #expect(throws: UpdateError.shapeMismatch(position: nil, parameter: [3], gradient: [2])) {
            try update(x, vec([1, 1]))
        }
        #expect(x.scalars == [0.5, 3, 3])
        // Float
        let xf = vecF([1])
        try update(xf, vecF([0.25]))
        #expect(xf.scalars == [0.75])
        // whereas the Tracker-era form adds
        Tracker.update(x, vec([1, 1, 1]))
        #expect(x.scalars == [1.5, 4, 4])
    }

    @Test func errorDescriptionNamesThePosition() {
        let e = UpdateError.shapeMismatch(position: 1, parameter: [3, 4], gradient: [4, 3])
        #expect(e.description.contains("parameter 1"))
        #expect(e.description.contains("(4, 3)") && e.description.contains("(3, 4)"))
    }
}
