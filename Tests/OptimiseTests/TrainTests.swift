import Testing
@testable import Optimise
import Tensors
import Tracker

/// train(loss, ps, data, opt, cb:) with Flux v0.13/0.14 semantics (flux_optimise_spec.md §4).
/// Losses are linear so the gradients are known exactly: ∂ sum(W .* x)/∂W = x.
@Suite("train")
struct TrainTests {
    @Test func twoArgumentLossSplatsTuples() throws {
        let W = vec([1, 2]), b = vec([0.5])
        let data = [(vec([1, -1]), vec([2])), (vec([0.5, 0.5]), vec([-1]))]
        var seen: [[Double]] = []
        try train({ (x: Tensor<Double>, y: Tensor<Double>) -> Tensor<Double> in
            seen.append(x.scalars + y.scalars)
            return sum(W .* x) + sum(b .* y)
        }, params(W, b), data, Descent(0.1))
        #expect(seen == [[1, -1, 2], [0.5, 0.5, -1]])
        expectClose(W.scalars, [1 - 0.1 - 0.05, 2 + 0.1 - 0.05], rtol: 1e-15)
        expectClose(b.scalars, [0.5 - 0.2 + 0.1], rtol: 1e-15)
    }

    @Test func threeArgumentLoss() throws {
        let W = vec([1, 2])
        let data = [(vec([1, 0]), vec([0, 1]), 2.0), (vec([1, 1]), vec([0, 0]), -1.0)]
        try train({ (x: Tensor<Double>, z: Tensor<Double>, w: Double) -> Tensor<Double> in
            sum(W .* x .* w) + sum(W .* z)
        }, params(W), data, Descent(0.5))
        // item 1: ∂ = 2x + z = [2, 1]; item 2: ∂ = −x = [−1, −1]
        expectClose(W.scalars, [1 - 0.5 * 2 + 0.5, 2 - 0.5 * 1 + 0.5], rtol: 1e-15)
    }

    @Test func oneArgumentLossGetsTheWholeItem() throws {
        let W = vec([1, 2])
        let data = [vec([1, 1]), vec([3, -1])]
        try train({ (x: Tensor<Double>) -> Tensor<Double> in sum(W .* x) }, params(W), data, Descent(0.1))
        expectClose(W.scalars, [1 - 0.1 - 0.3, 2 - 0.1 + 0.1], rtol: 1e-15)
    }

    @Test func statefulOptimiserMatchesReference() throws {
        let W = vec([0.5, -0.5, 2])
        let xs = [[1.0, 0, -2], [0.5, 0.5, 0.5], [-1, 3, 0], [2, 2, -1]]
        let opt = Adam(0.05, (0.8, 0.9))
        try train({ (x: Tensor<Double>) -> Tensor<Double> in sum(W .* x) }, params(W), xs.map(vec), opt)
        let ref = RefAdam(0.05, (0.8, 0.9))
        var w = [0.5, -0.5, 2]
        for x in xs { let s = ref.step(0, w, x); w = w.indices.map { w[$0] - s[$0] } }
        expectClose(W.scalars, w, rtol: 1e-12)
    }

    @Test func floatParameters() throws {
        let W = vecF([1, 2])
        let data = [vecF([1, -1]), vecF([0.5, 0.5])]
        try train({ (x: Tensor<Float>) -> Tensor<Float> in sum(W .* x) }, params(W), data, Momentum(0.1, 0.9))
        // v1 = −0.1[1, −1]; v2 = 0.9v1 − 0.1[0.5, 0.5]
        let v1: [Double] = [-0.1, 0.1], v2: [Double] = [0.9 * -0.1 - 0.05, 0.9 * 0.1 - 0.05]
        expectClose(W.scalars, [1 + v1[0] + v2[0], 2 + v1[1] + v2[1]], rtol: 1e-6)
    }

    @Test func callbackRunsAfterEachUpdate() throws {
        let W = vec([1])
        var afterUpdate: [Double] = []
        try train({ (x: Tensor<Double>) -> Tensor<Double> in sum(W .* x) }, params(W), [vec([1]), vec([2]), vec([3])],
                  Descent(0.1), cb: { afterUpdate.append(W.scalars[0]) })
        expectClose(afterUpdate, [0.9, 0.7, 0.4], rtol: 1e-15, "the callback sees the updated parameter")
    }

    @Test func arrayOfCallbacksRunInOrder() throws {
        let W = vec([1])
        var log: [String] = []
        try train({ (x: Tensor<Double>) -> Tensor<Double> in log.append("loss"); return sum(W .* x) },
                  params(W), [vec([1]), vec([1])], Descent(0.1),
                  cb: [{ log.append("a") }, { log.append("b") }])
        #expect(log == ["loss", "a", "b", "loss", "a", "b"])
    }

    @Test func stopFromTheLossEndsWithoutUpdatingThatItem() throws {
        let W = vec([1])
        var calls = 0
        try train({ (x: Tensor<Double>) -> Tensor<Double> in
            calls += 1
            if calls == 2 { try stop() }
            return sum(W .* x)
        }, params(W), [vec([1]), vec([10]), vec([100])], Descent(0.1))
        #expect(calls == 2)
        expectClose(W.scalars, [0.9], rtol: 1e-15, "only item 1 was applied")
    }

    @Test func stopFromACallbackEndsAfterThatUpdate() throws {
        let W = vec([1])
        var n = 0
        try train({ (x: Tensor<Double>) -> Tensor<Double> in sum(W .* x) }, params(W), [vec([1]), vec([10]), vec([100])],
                  Descent(0.1), cb: { n += 1; if n == 2 { try stop() } })
        #expect(n == 2)
        expectClose(W.scalars, [1 - 0.1 - 1.0], rtol: 1e-15, "items 1 and 2 were applied, 3 was not")
    }

    @Test func skipFromTheLossSkipsThatUpdate() throws {
        let W = vec([1])
        var calls = 0
        try train({ (x: Tensor<Double>) -> Tensor<Double> in
            calls += 1
            if calls == 2 { try skip() }
            return sum(W .* x)
        }, params(W), [vec([1]), vec([10]), vec([100])], Descent(0.1))
        #expect(calls == 3)
        expectClose(W.scalars, [1 - 0.1 - 10], rtol: 1e-15, "items 1 and 3 applied, 2 skipped")
    }

    @Test func skipFromACallbackSkipsNothing() throws {
        let W = vec([1])
        var n = 0
        try train({ (x: Tensor<Double>) -> Tensor<Double> in sum(W .* x) }, params(W), [vec([1]), vec([10]), vec([100])],
                  Descent(0.1), cb: { n += 1; if n == 2 { try skip() } })
        #expect(n == 3)
        expectClose(W.scalars, [1 - 0.1 - 1 - 10], rtol: 1e-15, "the update had already happened")
    }

    @Test func nanLossThrowsWithFluxMessageBeforeUpdating() throws {
        let W = vec([1, 2])
        let data = [vec([1, 1]), vec([1, 0]), vec([.nan, 1]), vec([5, 5])]
        var seen = 0
        do {
            try train({ (x: Tensor<Double>) -> Tensor<Double> in seen += 1; return sum(W .* x) },
                      params(W), data, Descent(0.1))
            Issue.record("expected NonFiniteLossError")
        } catch let error as NonFiniteLossError {
            #expect(String(describing: error) == "Loss is NaN on data item 3, stopping training")
            #expect(error.item == 3)
            #expect(error.loss.isNaN)
        }
        #expect(seen == 3)
        expectClose(W.scalars, [1 - 0.1 - 0.1, 2 - 0.1], rtol: 1e-15, "item 3 must not have been applied")
        #expect(W.scalars.allSatisfy { $0.isFinite })
    }

    @Test func infLossThrows() throws {
        let W = vec([1, 2])
        let data = [vec([1, 1]), vec([1, 0]), vec([.infinity, 1])]
        let opt = Momentum(0.1, 0.9)
        var caught: NonFiniteLossError?
        do {
            try train({ (x: Tensor<Double>) -> Tensor<Double> in sum(W .* x) }, params(W), data, opt)
        } catch let error as NonFiniteLossError {
            caught = error
        }
        #expect(caught?.description == "Loss is Inf on data item 3, stopping training")
        // v1 = −0.1[1,1]; v2 = 0.9v1 − 0.1[1,0] = [−0.19, −0.09]
        expectClose(W.scalars, [1 - 0.1 - 0.19, 2 - 0.1 - 0.09], rtol: 1e-15)
        // Float loss, item 1
        let V = vecF([1])
        #expect(throws: NonFiniteLossError.self) {
            try train({ (x: Tensor<Float>) -> Tensor<Float> in sum(V .* x) }, params(V), [vecF([.nan])], Descent())
        }
        #expect(V.scalars == [1])
        #expect(NonFiniteLossError(loss: -.infinity, item: 1).description == "Loss is -Inf on data item 1, stopping training")
    }

    @Test func epochsRunsNTimes() throws {
        var n = 0
        epochs(3, log: false) { n += 1 }
        #expect(n == 3)
        var seen: [Int] = []
        epochs(4, log: false) { (e: Int) in seen.append(e) }
        #expect(seen == [1, 2, 3, 4])
        epochs(0, log: false) { n += 100 }
        #expect(n == 3)
        // training for several epochs
        let W = vec([1])
        epochs(2, log: false) {
            try? train({ (x: Tensor<Double>) -> Tensor<Double> in sum(W .* x) }, params(W), [vec([1]), vec([1])], Descent(0.1))
        }
        expectClose(W.scalars, [0.6], rtol: 1e-15)
    }

    @Test func epochsRethrows() {
        struct Boom: Error {}
        var n = 0
        #expect(throws: Boom.self) {
            try epochs(5, log: false) { n += 1; if n == 2 { throw Boom() } }
        }
        #expect(n == 2)
    }

    @Test func emptyDataDoesNothing() throws {
        let W = vec([1])
        var n = 0
        try train({ (x: Tensor<Double>) -> Tensor<Double> in n += 1; return sum(W .* x) }, params(W), [Tensor<Double>](), Descent())
        #expect(n == 0, "empty data: no loss evaluations")
        #expect(W.scalars == [1])
    }
}
