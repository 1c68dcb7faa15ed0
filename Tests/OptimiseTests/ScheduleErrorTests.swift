import Foundation
import Optimise
import Testing

// Programmer errors stop the process with a message naming the schedule, the argument or step,
// and the limit (exit tests: each runs in a child process).

/// Expects the standard error of a stopped child process to contain every string in `parts`.
func expectStderr(_ result: ExitTest.Result?, _ parts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    guard let result else { return }   // the exit expectation itself already failed
    let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
    for part in parts { #expect(stderr.contains(part), "stderr: \(stderr)", sourceLocation: sourceLocation) }
}

@Suite("Schedule errors")
struct ScheduleErrorTests {
    @Test func polyPastItsEnd() async {
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Poly(0.1, 2, 10)(11)
        }, ["Poly: step 11 is past the end of the schedule (length 10)"])
    }

    @Test func iteratingPastTheEndIsTheSameError() async {
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var last = 0.0
            for (value, _) in zip(Poly(0.1, 2, 5), 1...6) { last = value }
            print(last)
        }, ["Poly: step 6 is past the end of the schedule (length 5)"])
    }

    @Test func shortenedAndOneCyclePastTheirEnds() async {
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Shortened(Exp(1, 0.5), 7)(8)
        }, ["Shortened: step 8 is past the end of the schedule (length 7)"])
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = OneCycle(10, 1.0)(11)
        }, ["OneCycle: step 11 is past the end of the schedule (length 10)"])
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            for _ in zip(1...11, OneCycle(10, 1.0)) {}
        }, ["OneCycle: step 11 is past the end"])
    }

    @Test func oneCycleArguments() async {
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = OneCycle(10, 1.0, percentStart: 1)
        }, ["OneCycle percent_start must be in (0, 1), got 1.0"])
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = OneCycle(10, 1.0, percentStart: 0)
        }, ["OneCycle percent_start must be in (0, 1), got 0.0"])
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = OneCycle(1, 1.0)
        }, ["OneCycle: nsteps 1", "no warm-down step"])
    }

    @Test func sequenceArguments() async {
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Sequence([0.1, 0.2], [1, 2, 3])
        }, ["Sequence: 2 schedules but 3 step sizes"])
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Sequence((0.1, 5), (0.2, 0))
        }, ["Sequence step size 2 must be ≥ 1, got 0"])
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Sequence([(any ScheduleConvertible, Int)]())
        }, ["Sequence: needs at least one schedule"])
    }

    @Test func periodsAndStepSizes() async {
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Triangle(l0: 0, l1: 1, period: 0)
        }, ["Triangle period must be ≥ 1, got 0"])
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = CosAnneal(1, 0, -3)
        }, ["CosAnneal period must be ≥ 1, got -3"])
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Step(0.1, 0.5, 0)
        }, ["Step step size must be ≥ 1, got 0"])
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Step(0.1, 0.5, [2, 3, -1])
        }, ["Step step_sizes[3] must be ≥ 1, got -1"])
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Loop(Exp(1, 0.5), 0)
        }, ["Loop period must be ≥ 1, got 0"])
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Interpolator(Exp(1, 0.5), 0.0)
        }, ["Interpolator rate must be > 0 and finite, got 0.0"])
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Poly(0.1, 2, 0)
        }, ["Poly max_iter must be ≥ 1, got 0"])
    }

    @Test func composedScheduleFields() async {
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = ComposedSchedule(CosAnneal(1, 0, 5), [Exp(1, 0.5), 0, 5])(1)
        }, ["ComposedSchedule: CosAnneal has 4 fields (range, offset, period, restart), got 3"])
        expectStderr(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = ComposedSchedule(Triangle(1, 0, 5), [1, 0, 2.5])(1)
        }, ["ComposedSchedule: Triangle field period must be a whole number, got 2.5"])
    }
}
