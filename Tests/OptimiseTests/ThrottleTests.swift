import Testing
@testable import Optimise
import Tensors
import Tracker

/// A manually advanced clock for Throttle.
final class FakeClock: @unchecked Sendable {
    var now = 0.0
    func read() -> Double { now }
}

/// Flux's throttle semantics (tracker_era_spec.md §4 and flux_optimise_spec.md §4.4), with an
/// injected clock: leading/trailing, cool-down, returning the latest result.
@Suite("throttle")
struct ThrottleTests {
    @Test func leadingOnlyThreeQuickCallsRunOnce() throws {
        let clock = FakeClock()
        var runs = 0
        let t = Throttle({ () -> Int in runs += 1; return runs }, 1.0, leading: true, trailing: false, clock: clock.read)
        #expect(try t() == 1)
        clock.now = 0.1
        #expect(try t() == 1, "cool-down: returns the last result")
        clock.now = 0.2
        _ = try t()
        #expect(runs == 1)
        // nothing pending with trailing = false
        #expect(try t.flush() == 1)
        #expect(runs == 1)
        // after the cool-down it runs again
        clock.now = 1.3
        #expect(try t() == 2)
        #expect(runs == 2)
    }

    @Test func trailingOnlyRunsOnceAfterTheTimeoutAtTheNextCall() throws {
        let clock = FakeClock()
        var runs = 0
        let t = Throttle({ () -> Int in runs += 1; return runs }, 1.0, leading: false, trailing: true, clock: clock.read)
        #expect(try t() == nil, "leading = false: nothing ran yet")
        clock.now = 0.5
        _ = try t()
        #expect(runs == 0)
        clock.now = 1.5
        _ = try t()
        #expect(runs == 1, "the pending call ran after the timeout")
        #expect(t.lastResult == 1)
    }

    @Test func trailingOnlyRunsOnFlush() throws {
        let clock = FakeClock()
        var runs = 0
        let t = Throttle({ () -> Int in runs += 1; return runs }, 1.0, leading: false, trailing: true, clock: clock.read)
        _ = try t()
        clock.now = 0.2
        _ = try t()
        #expect(runs == 0)
        #expect(try t.flush() == 1)
        #expect(runs == 1)
        #expect(try t.flush() == 1, "nothing pending any more")
        #expect(runs == 1)
    }

    @Test func leadingAndTrailing() throws {
        // Flux test: f(1), f(2), f(3) quickly → f runs with 1 now and once more after the timeout
        let clock = FakeClock()
        var runs = 0
        var lastArg = 0
        var arg = 0
        let t = Throttle({ () -> Int in runs += 1; lastArg = arg; return arg }, 1.0, leading: true, trailing: true, clock: clock.read)
        arg = 1; _ = try t()
        #expect(runs == 1 && lastArg == 1)
        clock.now = 0.1
        arg = 2; #expect(try t() == 1)
        clock.now = 0.2
        arg = 3; #expect(try t() == 1)
        #expect(runs == 1)
        _ = try t.flush()
        #expect(runs == 2, "the trailing call ran once")
        #expect(lastArg == 3)
        #expect(t.lastResult == 3)
    }

    @Test func leadingAndTrailingAtTheNextCall() throws {
        let clock = FakeClock()
        var runs = 0
        let t = Throttle({ () -> Int in runs += 1; return runs }, 1.0, leading: true, trailing: true, clock: clock.read)
        _ = try t(); clock.now = 0.1; _ = try t(); clock.now = 0.2; _ = try t()
        #expect(runs == 1)
        clock.now = 2.0
        _ = try t()
        #expect(runs == 2, "one trailing run, not one per dropped call")
    }

    @Test func errorsFromFPropagate() {
        struct Boom: Error {}
        let t = Throttle({ () throws -> Int in throw Boom() }, 1.0, clock: { 0 })
        #expect(throws: Boom.self) { try t() }
    }

    @Test func throttleFunctionFitsTrainCallback() throws {
        // the real-clock wrapper: with a long timeout only the first call runs
        var runs = 0
        let cb = throttle({ runs += 1 }, 1000)
        let W = vec([1])
        try train({ (x: Tensor<Double>) -> Tensor<Double> in sum(W .* x) }, params(W), [vec([1]), vec([1]), vec([1])],
                  Descent(0.1), cb: cb)
        #expect(runs == 1)
        expectClose(W.scalars, [0.7], rtol: 1e-15)
        // timeout 0: every call runs
        var all = 0
        let every = throttle({ all += 1 }, 0)
        for _ in 0..<4 { try every() }
        #expect(all == 4)
    }

    @Test func stopInsideAThrottledCallback() throws {
        // tracker_era §4: Flux.stop() inside a throttled callback ends the loop
        let clock = FakeClock()
        var calls = 0
        let t = Throttle({ () throws -> Void in try stop() }, 1.0, leading: false, trailing: true, clock: clock.read)
        let W = vec([0])
        let data = (0..<50).map { _ in vec([1]) }
        try train({ (x: Tensor<Double>) -> Tensor<Double> in calls += 1; clock.now = 0.3 * Double(calls); return sum(W .* x) },
                  params(W), data, Descent(1), cb: { _ = try t() })
        // item 1 (t = 0.3) arms the trailing call; items 2–4 (t ≤ 1.2) are in the cool-down;
        // item 5 (t = 1.5) runs it, which stops the loop after item 5's update
        #expect(calls == 5)
        #expect(W.scalars == [-5])
    }
}
