import Testing
import Flux
import Optimisers

// ClipNorm's non-finite norms (spec §6.2, §6.4 item 6): with `throw` (the default) a NaN or
// infinite norm throws NonFiniteNormError and nothing changes — parameters and state, through
// updateInPlace and update alike; with `throw: false` the NaN goes through.

/// A gradient for `twoLayerModel()` with `bad` as the last element of b₁.
private func gradient(withBad bad: Double) -> ModelGradient {
    .fields([("layers", .elements([
        .fields([("weight", .leaf(dmat([[0.5, -1], [2, 0.25]]))), ("bias", .leaf(dvec([0.1, bad])))]),
        .fields([("weight", .leaf(dmat([[1, 2]]))), ("bias", .leaf(dvec([3])))]),
    ]))])
}

@Suite("ClipNorm with non-finite norms")
struct ClipNormErrorTests {
    @Test(arguments: [(Double.nan, 2.0), (Double.infinity, 2.0), (-Double.infinity, 1.0), (Double.nan, Double.infinity),
                      (Double.infinity, 3.0), (Double.nan, -Double.infinity)])
    func nonFiniteNormThrowsAndChangesNothing(bad: Double, p: Double) throws {
        let model = twoLayerModel()
        let state = Optimisers.setup(Optimisers.OptimiserChain(Optimisers.ClipNorm(10, p), Optimisers.Adam(0.1)), model)
        // One good step first, so that the state is not the initial one.
        try Optimisers.updateInPlace(state, model, syntheticGradient(model, 1))
        let (parameters, numbers) = (parameterNumbers(model), treeNumbers(state))

        // A NaN makes every p-norm NaN; an infinity makes ‖g‖ₚ infinite for p > 0.
        let error = #expect(throws: NonFiniteNormError.self) {
            try Optimisers.updateInPlace(state, model, gradient(withBad: bad))
        }
        #expect(error?.p == p)
        #expect(error?.shape == [2])
        #expect(error.map { $0.norm.isNaN || $0.norm.isInfinite } == true)
        // W₁ and b₁ come before the bad leaf, W₂ and b₂ after: none moved, no state advanced.
        #expect(parameterNumbers(model) == parameters)
        #expect(treeNumbers(state) == numbers)

        #expect(throws: NonFiniteNormError.self) { try Optimisers.update(state, model, gradient(withBad: bad)) }
        #expect(parameterNumbers(model) == parameters)
        #expect(treeNumbers(state) == numbers)
    }

    @Test func zeroNormCountIsFinite() throws {
        // ‖g‖₀ counts non-zero entries, NaN included: 2 for [0.1, NaN]; no error.
        let x = dvec([1, 1])
        let state = Optimisers.setup(Optimisers.ClipNorm(1, 0), x)
        try Optimisers.updateInPlace(state, x, dvec([0.1, .nan]))
        // factor min(1/2, 1): x − [0.05, NaN].
        #expect(x.scalars[0] == 0.95)
        #expect(x.scalars[1].isNaN)
    }

    @Test func errorMessageNamesTheNormAndShape() {
        let x = Tensor<Double>(shape: [2, 3], repeating: 0)
        let state = Optimisers.setup(Optimisers.ClipNorm(), x)
        let error = #expect(throws: NonFiniteNormError.self) {
            try Optimisers.updateInPlace(state, x, Tensor<Double>(shape: [2, 3], scalars: [1, 2, .nan, 4, 5, 6]))
        }
        let message = error?.description ?? ""
        #expect(message.lowercased().contains("nan") && message.contains("(2, 3)") && message.contains("2.0-norm"), "\(message)")
    }

    @Test func throwFalseLetsNaNThrough() throws {
        let x = dvec([1, 2])
        let state = Optimisers.setup(Optimisers.ClipNorm(10, 2, throw: false), x)
        #expect((leafAt(state).rule as? Optimisers.ClipNorm)?.throwsOnNonFinite == false)
        // ν = NaN: factor min(10/NaN, 1) = NaN, so every entry becomes NaN.
        try Optimisers.updateInPlace(state, x, dvec([.nan, 1]))
        #expect(x.scalars.allSatisfy { $0.isNaN })
        // ν = Inf: factor min(10/Inf, 1) = 0: the step is [Inf·0, 1·0] = [NaN, 0].
        let y = dvec([1, 2])
        try Optimisers.updateInPlace(Optimisers.setup(Optimisers.ClipNorm(omega: 10, throw: false), y), y, dvec([.infinity, 1]))
        #expect(y.scalars[0].isNaN)
        #expect(y.scalars[1] == 2)
    }

    // updateInPlace rehearses rules that may throw on copies of their state, so ClipNorm inside a
    // chain sees the gradient as the members in front of it transformed it, as Julia's fold does.

    @Test func clipGradBeforeClipNormMakesAnInfiniteGradientFinite() throws {
        // Julia: clamp(Inf) = 1 first, so ClipNorm sees a finite norm and does not throw.
        // g = [Inf, 1] → ClipGrad(1) → [1, 1], ν = √2, factor min(1/√2, 1) → step [1/√2, 1/√2].
        let x = dvec([0, 0])
        let state = Optimisers.setup(Optimisers.OptimiserChain(Optimisers.ClipGrad(1), Optimisers.ClipNorm(1)), x)
        try Optimisers.updateInPlace(state, x, dvec([.infinity, 1]))
        expectClose(x.scalars, [-1 / rt(2), -1 / rt(2)])
    }

    @Test func accumGradDefersClipNormToTheNthCall() throws {
        // OptimiserChain(AccumGrad(2), ClipNorm()): in Julia the first call returns nothing and never
        // reaches ClipNorm, so a NaN there throws only on the second call (when the mean reaches it).
        let x = dvec([1])
        let state = Optimisers.setup(Optimisers.OptimiserChain(Optimisers.AccumGrad(2), Optimisers.ClipNorm()), x)
        try Optimisers.updateInPlace(state, x, dvec([.nan]))
        #expect(x.scalars == [1])
        #expect(throws: NonFiniteNormError.self) { try Optimisers.updateInPlace(state, x, dvec([1])) }
        #expect(x.scalars == [1])
    }
}
