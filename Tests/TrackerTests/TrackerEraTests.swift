import Foundation
import Testing
import Tensors
import Tracker

@Suite("Tracker-era API")
struct TrackerEraTests {
    @Test func paramReturnsTheSameObject() {
        let x = Tensor<Double>([1, 2, 3])
        let p = param(x)
        #expect(p === x)
        #expect(isLeaf(p))
        #expect(grad(p)?.scalars == [0, 0, 0], "a fresh param has a zero gradient")
        // calling param again keeps it as it is (and keeps its accumulated gradient)
        try? back(sum(p .* 2.0))
        #expect(param(p) === p)
        #expect(grad(p)?.scalars == [2, 2, 2])
        let s = param(2.5)
        #expect(s.shape == [])
        #expect(s.item == 2.5)
        #expect(isLeaf(s))
        let typed: Param<Double> = p
        #expect(typed === x)
    }

    @Test func plainTensorsAreNotParams() {
        let t = Tensor<Double>([1])
        #expect(!isLeaf(t))
        #expect(grad(t) == nil)
        zeroGrad(t)   // no effect, no crash
        #expect(t.scalars == [1])
    }

    @Test func dataIsTheTensorItself() {
        let p = param(Tensor<Double>([1, 2]))
        #expect(data(p) === p)
        data(p)[0] = 5
        #expect(p[0] == 5)
    }

    @Test func backAccumulatesAcrossCalls() throws {
        let W = param(Tensor<Double>(rows: [[1, 2], [3, 4]]))
        let c = Tensor<Double>(rows: [[0.5, -1], [2, 0]])
        try back(sum(W .* c))
        #expect(grad(W)?.scalars == c.scalars)
        try back(sum(W .* c))
        #expect(grad(W)?.scalars == c.scalars.map { 2 * $0 }, "a second back! adds (doubles)")
        zeroGrad(W)
        #expect(grad(W)?.scalars == [0, 0, 0, 0])
        try back(sum(W .* W))
        #expect(grad(W)?.scalars == W.scalars.map { 2 * $0 })
    }

    @Test func backThroughSeveralParamsAndOperations() throws {
        let W = param(Tensor<Double>(rows: [[1, -1], [2, 0.5]]))
        let b = param(Tensor<Double>([0.5, -0.5]))
        let x = Tensor<Double>([3, 1])
        // l = sum(W x .+ b); ∂W[i, j] = x[j], ∂b = 1
        try back(sum(W * x .+ b))
        #expect(grad(W)?.scalars == Tensor<Double>(rows: [[3, 1], [3, 1]]).scalars)
        #expect(grad(b)?.scalars == [1, 1])
    }

    /// A value computed from a `param` before a `gradient` call takes part in the call's loss:
    /// the call's gradients are right, and the value's own graph is left fit for a later `back!`.
    @Test func valueFromAParamInsideAGradientCall() throws {
        let W = param(Tensor<Double>(rows: [[1, 2], [3, 4]]))
        let x = Tensor<Double>([1, -1])
        let h = W * x                                   // [-1, -1], recorded outside any call
        let V = Tensor<Double>([2, 5])
        let gs = gradient({ sum(h .* V) }, params(V))
        #expect((gs[V] as Tensor<Double>?)?.scalars == [-1, -1], "∂/∂V sum(h .* V) = h")
        #expect(grad(W)?.scalars == [0, 0, 0, 0], "a gradient call leaves param accumulators alone")
        try back(sum(h))
        // ∂/∂W[i, j] sum(W x) = x[j]: columns [1, 1] and [-1, -1], nothing left over from the call
        #expect(grad(W)?.scalars == [1, 1, -1, -1])
    }

    @Test func seededBack() {
        let p = param(Tensor<Double>([1, 2, 3]))
        let y = p .* p
        back(y, Tensor<Double>([1, 0, 2]))
        #expect(grad(p)?.scalars == [2, 0, 12])
        // an untracked value does nothing
        let q = Tensor<Double>([1])
        back(q, Tensor<Double>([1]))
        #expect(grad(p)?.scalars == [2, 0, 12])
    }

    @Test func updateAddsDeltaAndZeroesTheGradient() throws {
        let p = param(Tensor<Double>([1, 2]))
        try back(sum(p .* Tensor<Double>([3, 4])))
        #expect(grad(p)?.scalars == [3, 4])
        Tracker.update(p, Tensor<Double>([0.5, -1]))
        #expect(p.scalars == [1.5, 1], "Tracker.update adds Δ")
        #expect(grad(p)?.scalars == [0, 0], "and zeroes the gradient")
        // gradient descent as Flux v0.6 writes it: update!(p, -η * grad(p))
        try back(sum(p .* p))          // grad = 2p = [3, 2]
        Tracker.update(p, -0.5 * grad(p)!)
        #expect(p.scalars == [0, 0])
        #expect(grad(p)?.scalars == [0, 0])
    }

    @Test func trackerEraTrainingLoopConverges() throws {
        let w = param(Tensor<Double>([0, 0]))
        let target = Tensor<Double>([1, -2])
        for _ in 0..<100 {
            let l = sum((w .- target) .^ 2)
            try back(l)
            Tracker.update(w, -0.1 * grad(w)!)
        }
        #expect(approxEqual(w.scalars, target.scalars, rtol: 1e-8, atol: 1e-8))
    }

    @Test func nanLossThrowsAndLeavesGradientsUnchanged() throws {
        let p = param(Tensor<Double>([1, 2]))
        try back(sum(p))
        #expect(grad(p)?.scalars == [1, 1])
        let error = #expect(throws: NonFiniteLoss.self) { try back(sum(p) .* Double.nan) }
        #expect(error?.description == "Loss is NaN")
        #expect(error?.value.isNaN == true)
        #expect(grad(p)?.scalars == [1, 1], "a NaN loss must not touch the gradients")
    }

    @Test func infiniteLossThrows() throws {
        let p = param(Tensor<Double>([1, 2]))
        let error = #expect(throws: NonFiniteLoss.self) { try back(sum(p) ./ 0.0) }
        #expect(error?.description == "Loss is Inf")
        #expect(error?.value == .infinity)
        #expect(grad(p)?.scalars == [0, 0])
        let negative = #expect(throws: NonFiniteLoss.self) { try back(sum(p) .* -Double.infinity) }
        #expect(negative?.description == "Loss is Inf")
        #expect(grad(p)?.scalars == [0, 0])
        // Float losses too
        let f = param(Tensor<Float>([1]))
        let ef = #expect(throws: NonFiniteLoss.self) { try back(sum(f) .* Float.nan) }
        #expect(ef?.description == "Loss is NaN")
    }

    @Test func qualifiedGradientWorksWithParams() {
        let p = param(Tensor<Double>([1, 2]))
        let gs = Tracker.gradient({ sum(p .* p) }, params(p))
        #expect(gs[p]?.scalars == [2, 4])
        #expect(grad(p)?.scalars == [0, 0], "an implicit-parameter gradient does not accumulate into grad(p)")
    }

    @Test func implicitGradientDoesNotTouchOtherParamsAccumulators() {
        // q is a Tracker-era param that the loss uses but that is not in the Params asked for;
        // Zygote/Tracker-style `gradient(f, ps)` is pure and must not accumulate into grad(q).
        let q = param(Tensor<Double>([1, 2]))
        let w = Tensor<Double>([3, 4])
        let gs = gradient({ sum(q .* w) }, params(w))
        #expect(gs[w]?.scalars == [1, 2])
        #expect(grad(q)?.scalars == [0, 0], "grad(q) changed to \(grad(q)?.scalars ?? []) by gradient(_, params(w))")
    }

    @Test func nonScalarBackStops() async {
        await #expect(processExitsWith: .failure) {
            let p = param(Tensor<Double>([1, 2]))
            try? back(p .* 2.0)
        }
    }
}
