import Testing
@testable import Optimise
import Tensors
import Tracker

/// 25-step trajectories of every rule and composite on a 3×4 matrix and a length-4 vector,
/// against the independent reference (ReferenceRules.swift): Double to 1e-12 relative,
/// Float to single-precision rounding (~1e-5 relative), through all three update paths.
@Suite("Trajectories against the reference")
struct TrajectoryTests {
    @Test("Double, update(opt, ps, gs)", arguments: RuleCases.all)
    func doubleParams(_ c: RuleCase) throws {
        try compare(c, Double.self, .params, rtol: 1e-12, atol: 1e-14)
    }

    @Test("Double, apply(opt, x, Δ)", arguments: RuleCases.all)
    func doubleApply(_ c: RuleCase) throws {
        try compare(c, Double.self, .apply, rtol: 1e-12, atol: 1e-14)
    }

    @Test("Double, update(opt, x, x̄)", arguments: RuleCases.all)
    func doubleSingle(_ c: RuleCase) throws {
        try compare(c, Double.self, .single, rtol: 1e-12, atol: 1e-14)
    }

    @Test("Float, update(opt, ps, gs)", arguments: RuleCases.all)
    func floatParams(_ c: RuleCase) throws {
        try compare(c, Float.self, .params, rtol: 1e-5, atol: 2e-6)
    }

    @Test("Float, apply(opt, x, Δ)", arguments: RuleCases.all)
    func floatApply(_ c: RuleCase) throws {
        try compare(c, Float.self, .apply, rtol: 1e-5, atol: 2e-6)
    }

    @Test("Float, update(opt, x, x̄)", arguments: RuleCases.all)
    func floatSingle(_ c: RuleCase) throws {
        try compare(c, Float.self, .single, rtol: 1e-5, atol: 2e-6)
    }

    /// The fused `update(opt, ps, gs)` and the `apply` path produce the same Double numbers
    /// (bit for bit is what Flux gets from one code path; we allow 1 ulp-ish slack).
    @Test("update and apply agree", arguments: RuleCases.all)
    func pathsAgree(_ c: RuleCase) throws {
        let fused = try libraryTrajectory(c.make(), Double.self, path: .params)
        let applied = try libraryTrajectory(c.make(), Double.self, path: .apply)
        let single = try libraryTrajectory(c.make(), Double.self, path: .single)
        for t in 0..<Fixture.steps {
            expectClose(fused[t].W, applied[t].W, rtol: 1e-14, "\(c.name) W fused vs apply, step \(t + 1)")
            expectClose(fused[t].b, applied[t].b, rtol: 1e-14, "\(c.name) b fused vs apply, step \(t + 1)")
            expectClose(fused[t].W, single[t].W, rtol: 1e-14, "\(c.name) W fused vs single, step \(t + 1)")
            expectClose(fused[t].b, single[t].b, rtol: 1e-14, "\(c.name) b fused vs single, step \(t + 1)")
        }
    }

    /// The fixture really exercises what it claims to: the reference moves every parameter
    /// that has a nonzero gradient (guards against a fixture that silently does nothing).
    @Test func fixtureIsNotDegenerate() {
        let ref = Fixture.reference(RefAdam(0.01), Double.self)
        #expect(ref.count == Fixture.steps)
        #expect(ref.last!.W[0] == 0, "W[0] has a zero gradient throughout")
        #expect(ref.last!.W[5] != Fixture.W0[5])
        #expect(ref.last!.b[2] == 0)
        #expect(ref.last!.b[0] != Fixture.b0[0])
        // b is skipped at t = 2: its reference value after step 2 equals that after step 1
        #expect(ref[1].b == ref[0].b)
        // W is skipped at t = 7
        #expect(ref[6].W == ref[5].W)
        // clipping thresholds are crossed
        #expect(Fixture.gW(3)![3] == -40 && Fixture.gW(5)![7] == -120 && Fixture.gb(5)![0] == 25)
        let normsW = (1...Fixture.steps).compactMap { Fixture.gW($0) }.map(refNorm2)
        #expect(normsW.contains { $0 > 5 } && normsW.contains { $0 < 5 }, "ClipNorm(5) sees both branches on W")
    }

    func compare<S: TensorScalar>(_ c: RuleCase, _ type: S.Type, _ path: UpdatePath, rtol: Double, atol: Double,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = Fixture.reference(c.ref(), S.self)
        let actual = try libraryTrajectory(c.make(), S.self, path: path, sourceLocation: sourceLocation)
        for t in 0..<Fixture.steps {
            let badW = mismatches(actual[t].W, expected[t].W, rtol: rtol, atol: atol)
            let badB = mismatches(actual[t].b, expected[t].b, rtol: rtol, atol: atol)
            #expect(badW.isEmpty && badB.isEmpty,
                    """
                    \(c.name) [\(S.self), \(path)] step \(t + 1): \
                    W differs at \(badW.prefix(3).map { "[\($0)] \(actual[t].W[$0]) vs \(expected[t].W[$0])" }), \
                    b differs at \(badB.prefix(3).map { "[\($0)] \(actual[t].b[$0]) vs \(expected[t].b[$0])" })
                    """, sourceLocation: sourceLocation)
            if !(badW.isEmpty && badB.isEmpty) { return }   // report the first diverging step only
        }
    }
}
