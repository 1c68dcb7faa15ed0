import Foundation
import Optimise
import Testing

// Every schedule against the formulas of parameter_schedulers_spec.md §2–§4, written out here with
// Foundation's libm (never by calling the code under test), at steps 1…40, to 1e-13 relative
// (plus 1e-15 × the schedule's scale, for the ~1e-17 "zeros" of the waves).

/// The steps every schedule is checked at.
let scheduleSteps = Array(1...40)

/// Expects `schedule(t) ≈ expected(t)` for t in `steps`, to 1e-13 relative + 1e-15·`scale`.
func expectSchedule(_ schedule: some Schedule, _ expected: (Int) -> Double, steps: [Int] = scheduleSteps,
                    scale: Double = 1, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let bad = steps.filter { !close(schedule($0), expected($0), rtol: 1e-13, atol: 1e-15 * scale) }
    #expect(bad.isEmpty, "\(what): differs at t = \(bad.prefix(4).map { "\($0): \(schedule($0)) vs \(expected($0))" })",
            sourceLocation: sourceLocation)
}

/// Expects iterating `schedule` to give exactly `schedule(1), schedule(2), …` for `count` steps.
func expectIterationMatchesCalls(_ schedule: some Schedule, count: Int = 100, _ what: String,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
    var n = 0
    for (t, p) in zip(1...count, schedule) {
        #expect(p == schedule(t), "\(what): iteration at t = \(t)", sourceLocation: sourceLocation)
        n += 1
    }
    #expect(n == count, sourceLocation: sourceLocation)
}

// Independent transcriptions of the spec's helpers (§3).
func specTri(_ t: Int, _ p: Int) -> Double { (2 / Double.pi) * abs(asin(sin(Double.pi * Double(t - 1) / Double(p)))) }
func specSin(_ t: Int, _ p: Int) -> Double { abs(sin(Double.pi * Double(t - 1) / Double(p))) }
func specPow(_ x: Double, _ n: Int) -> Double { pow(x, Double(n)) }
func specMod(_ a: Int, _ n: Int) -> Int { ((a % n) + n) % n }

@Suite("Schedules: decay (spec §2)")
struct DecayScheduleTests {
    @Test func exp() {
        for (start, decay) in [(0.1, 0.9), (1e-2, 2.0), (0.7, 0.31)] {
            let s = Exp(start: start, decay: decay)
            expectSchedule(s, { t in start * specPow(decay, t - 1) }, scale: start, "Exp(\(start), \(decay))")
            #expect(s == Exp(start, decay))
            #expect(s == Exp(λ: start, γ: decay))
            #expect(s(1) == start)
            expectIterationMatchesCalls(s, "Exp")
        }
    }

    @Test func stepWithARepeatedStepSize() {
        let s = Step(0.1, 0.5, 10)
        expectSchedule(s, { t in 0.1 * specPow(0.5, (t - 1) / 10) }, scale: 0.1, "Step(0.1, 0.5, 10)")
        #expect(s(10) == 0.1)
        #expect(s(11) == 0.05)                       // the first decay at t = n + 1
        #expect(s(21) == 0.025)
        #expect(s == Step(start: 0.1, decay: 0.5, stepSizes: 10))
        #expect(s == Step(λ: 0.1, γ: 0.5, stepSizes: 10))
        #expect(s.stepSizes == .every(10))
        let t3 = Step(start: 2.0, decay: 0.9, stepSizes: 3)
        expectSchedule(t3, { t in 2.0 * specPow(0.9, (t - 1) / 3) }, scale: 2, "Step(2, 0.9, 3)")
        expectIterationMatchesCalls(t3, "Step Int")
    }

    @Test func stepWithAListOfStepSizes() {
        let s = Step(start: 1.0, decay: 0.8, stepSizes: [2, 3, 2])
        // the spec's sequence: 1, 1, .8, .8, .8, .64, .64, .512, .512, … (then stays)
        let literal = [1, 1, 0.8, 0.8, 0.8, 0.64, 0.64, 0.512, 0.512, 0.512, 0.512]
        expectClose((1...literal.count).map { s($0) }, literal, rtol: 1e-15, "Step [2, 3, 2]")
        // i = #{k : t > n1 + … + nk}, written as explicit thresholds
        expectSchedule(s, { t in 1.0 * specPow(0.8, (t > 2 ? 1 : 0) + (t > 5 ? 1 : 0) + (t > 7 ? 1 : 0)) },
                       "Step [2, 3, 2] formula")
        #expect(s == Step(1.0, 0.8, [2, 3, 2]))
        #expect(s == Step(λ: 1.0, γ: 0.8, stepSizes: [2, 3, 2]))
        let u = Step(0.3, 0.7, [5, 1, 10, 4])
        expectSchedule(u, { t in 0.3 * specPow(0.7, [5, 6, 16, 20].filter { t > $0 }.count) }, scale: 0.3,
                       "Step [5, 1, 10, 4]")
        expectIterationMatchesCalls(u, "Step list")
        #expect(Step(0.5, 0.5, [Int]())(30) == 0.5)   // no ranges: constant
    }

    @Test func poly() {
        let s = Poly(start: 0.1, degree: 2, maxIter: 40)
        expectSchedule(s, { t in 0.1 * specPow(1 - Double(t - 1) / 40, 2) }, scale: 0.1, "Poly(0.1, 2, 40)")
        #expect(s == Poly(0.1, 2, 40))
        #expect(s == Poly(λ: 0.1, p: 2, maxIter: 40))
        #expect(s.length == 40)
        #expect(s(1) == 0.1)
        expectClose(s(40), 0.1 * (1.0 / 40) * (1.0 / 40), rtol: 1e-13)   // never 0: start·(1/max_iter)^degree
        let cubic = Poly(start: 2.5, degree: 3, maxIter: 50)
        expectSchedule(cubic, { t in 2.5 * specPow(1 - Double(t - 1) / 50, 3) }, scale: 2.5, "Poly(2.5, 3, 50)")
        let high = Poly(0.3, 7, 45)
        expectSchedule(high, { t in 0.3 * specPow(1 - Double(t - 1) / 45, 7) }, scale: 0.3, "Poly(0.3, 7, 45)")
        var n = 0
        for (t, p) in zip(1...40, s) { #expect(p == s(t)); n += 1 }     // iterating up to the end is fine
        #expect(n == 40)
    }

    @Test func inv() {
        let s = Inv(start: 0.1, decay: 0.5, degree: 2)
        expectSchedule(s, { t in 0.1 / specPow(1 + Double(t - 1) * 0.5, 2) }, scale: 0.1, "Inv(0.1, 0.5, 2)")
        #expect(s == Inv(0.1, 0.5, 2))
        #expect(s == Inv(λ: 0.1, γ: 0.5, p: 2))
        let cubic = Inv(1.0, 0.03, 3)
        expectSchedule(cubic, { t in 1.0 / specPow(1 + Double(t - 1) * 0.03, 3) }, "Inv(1, 0.03, 3)")
        let one = Inv(0.01, 0.2, 1)
        expectSchedule(one, { t in 0.01 / (1 + Double(t - 1) * 0.2) }, scale: 0.01, "Inv(0.01, 0.2, 1)")
        expectIterationMatchesCalls(s, "Inv")
    }
}

@Suite("Schedules: cyclic (spec §3)")
struct CyclicScheduleTests {
    @Test func triangle() {
        let s = Triangle(l0: 0.2, l1: 0.9, period: 7)
        // the spec's odd-period example: .2 .4 .6 .8 .8 .6 .4 .2 …
        expectClose((1...15).map { s($0) }, [0.2, 0.4, 0.6, 0.8, 0.8, 0.6, 0.4, 0.2, 0.4, 0.6, 0.8, 0.8, 0.6, 0.4, 0.2],
                    rtol: 1e-14, "Triangle(0.2, 0.9, 7)")
        expectSchedule(s, { t in abs(0.2 - 0.9) * specTri(t, 7) + min(0.2, 0.9) }, "Triangle formula")
        #expect(s == Triangle(l0: 0.9, l1: 0.2, period: 7))          // endpoint order does not matter
        #expect(s == Triangle(λ0: 0.2, λ1: 0.9, period: 7))
        #expect(s.range == abs(0.2 - 0.9) && s.offset == 0.2 && s.period == 7)
        // positional = (range, offset, period) since v0.3: Triangle(0.1, 0.5, 10) spans 0.5…0.6
        let p = Triangle(0.1, 0.5, 10)
        expectSchedule(p, { t in 0.1 * specTri(t, 10) + 0.5 }, "Triangle(0.1, 0.5, 10)")
        expectClose(p(6), 0.6, rtol: 1e-15)
        let ints = Triangle(l0: 0, l1: 1, period: 10)
        expectSchedule(ints, { t in specTri(t, 10) }, "Triangle(0, 1, 10)")
        expectIterationMatchesCalls(s, "Triangle")
    }

    @Test func sine() {
        let s = Sin(l0: 1e-3, l1: 1e-1, period: 8)
        expectSchedule(s, { t in abs(1e-3 - 1e-1) * specSin(t, 8) + 1e-3 }, scale: 0.1, "Sin(1e-3, 1e-1, 8)")
        #expect(s == Sin(λ0: 1e-1, λ1: 1e-3, period: 8))
        let p = Sin(0.5, 0.25, 5)
        expectSchedule(p, { t in 0.5 * specSin(t, 5) + 0.25 }, "Sin(0.5, 0.25, 5)")
        expectIterationMatchesCalls(s, "Sin")
    }

    @Test func triangleDecay2() {
        let s = TriangleDecay2(l0: 0.1, l1: 1.0, period: 6)
        // (range · 0.5^(ceil(t/period) − 1)) · tri + offset; the halving at t = k·period + 1
        expectSchedule(s, { t in (0.9 * specPow(0.5, Int(ceil(Double(t) / 6)) - 1)) * specTri(t, 6) + 0.1 },
                       "TriangleDecay2(0.1, 1.0, 6)")
        // v0.2's form abs(λ0−λ1) * (tri / 2^fld(t−1, period)) + min is the same number
        expectSchedule(s, { t in 0.9 * (specTri(t, 6) / specPow(2, (t - 1) / 6)) + 0.1 }, "TriangleDecay2 v0.2 form")
        #expect(s == TriangleDecay2(λ0: 1.0, λ1: 0.1, period: 6))
        #expect(s == TriangleDecay2(0.9, 0.1, 6))
        let odd = TriangleDecay2(2.0, -1.0, 5)
        expectSchedule(odd, { t in (2.0 * specPow(0.5, Int(ceil(Double(t) / 5)) - 1)) * specTri(t, 5) - 1.0 },
                       scale: 2, "TriangleDecay2(2, -1, 5)")
        expectIterationMatchesCalls(s, "TriangleDecay2")
    }

    @Test func triangleExp() {
        let s = TriangleExp(l0: 0.05, l1: 0.5, period: 8, decay: 0.93)
        expectSchedule(s, { t in (0.45 * specPow(0.93, t - 1)) * specTri(t, 8) + 0.05 }, "TriangleExp")
        #expect(s == TriangleExp(λ0: 0.5, λ1: 0.05, period: 8, γ: 0.93))
        #expect(s == TriangleExp(abs(0.05 - 0.5), 0.05, 8, 0.93))
        expectIterationMatchesCalls(s, "TriangleExp")
    }

    @Test func sinDecay2() {
        let s = SinDecay2(l0: 0.2, l1: 0.6, period: 7)
        expectSchedule(s, { t in (abs(0.2 - 0.6) * specPow(0.5, Int(ceil(Double(t) / 7)) - 1)) * specSin(t, 7) + 0.2 },
                       "SinDecay2")
        #expect(s == SinDecay2(λ0: 0.6, λ1: 0.2, period: 7))
        #expect(s == SinDecay2(abs(0.2 - 0.6), 0.2, 7))
        expectIterationMatchesCalls(s, "SinDecay2")
    }

    @Test func sinExp() {
        let s = SinExp(l0: 0.0, l1: 1.0, period: 9, decay: 0.8)
        expectSchedule(s, { t in (1.0 * specPow(0.8, t - 1)) * specSin(t, 9) + 0.0 }, "SinExp")
        #expect(s == SinExp(λ0: 1.0, λ1: 0.0, period: 9, γ: 0.8))
        #expect(s == SinExp(1.0, 0.0, 9, 0.8))
        expectIterationMatchesCalls(s, "SinExp")
    }

    @Test func cosAnnealWithRestarts() {
        let s = CosAnneal(l0: 1e-4, l1: 1e-2, period: 10)
        #expect(s.restart)
        expectSchedule(s, { t in abs(1e-4 - 1e-2) * (1 + cos(Double.pi * Double(specMod(t - 1, 10)) / 10)) / 2 + 1e-4 },
                       scale: 1e-2, "CosAnneal restart")
        #expect(s(1) == 1e-2)                                         // starts at the maximum
        #expect(s(11) == s(1))                                        // and restarts there
        #expect(s == CosAnneal(λ0: 1e-2, λ1: 1e-4, period: 10, restart: true))
        #expect(s == CosAnneal(abs(1e-4 - 1e-2), 1e-4, 10))
        let p = CosAnneal(0.5, 0.1, 7, true)
        expectSchedule(p, { t in 0.5 * (1 + cos(Double.pi * Double(specMod(t - 1, 7)) / 7)) / 2 + 0.1 },
                       "CosAnneal(0.5, 0.1, 7)")
        expectIterationMatchesCalls(s, "CosAnneal")
    }

    @Test func cosAnnealWithoutRestarts() {
        let s = CosAnneal(l0: 0.1, l1: 1.0, period: 12, restart: false)
        expectSchedule(s, { t in 0.9 * (1 + cos(Double.pi * Double(t - 1) / 12)) / 2 + 0.1 }, "CosAnneal no restart")
        expectClose(s(13), 0.1, rtol: 1e-15)                          // lowest at t = period + 1
        expectClose(s(25), 1.0, rtol: 1e-15)                          // rises again: period 2·period
        #expect(s == CosAnneal(0.9, 0.1, 12, false))
        expectIterationMatchesCalls(s, "CosAnneal(restart: false)")
    }

    @Test func fluxDocsCos() {
        // schedule = Cos(λ0 = 1e-4, λ1 = 1e-2, period = 10); schedule(100) == schedule(10)
        let schedule = Cos(λ0: 1e-4, λ1: 1e-2, period: 10)
        #expect(schedule(100) == 0.00034227024433899005)
        #expect(schedule(10) == 0.00034227024433899005)
        #expect(schedule == CosAnneal(l0: 1e-4, l1: 1e-2, period: 10, restart: true))
        #expect(Cos(1e-2, 1e-4, 10) == schedule)                      // positional endpoints
        // for (eta, epoch) in zip(schedule, 1:100)
        var count = 0
        for (eta, epoch) in zip(schedule, 1...100) {
            #expect(eta == schedule(epoch))
            count += 1
        }
        #expect(count == 100)
        #expect((1...100).map { schedule($0) }.min() == 0.00034227024433899005)   // never reaches 1e-4
    }
}

@Suite("Schedules: composite (spec §4)")
struct CompositeScheduleTests {
    @Test func constant() {
        let s = Constant(0.37)
        #expect((1...1000).allSatisfy { s($0) == 0.37 })
        expectIterationMatchesCalls(s, "Constant")
    }

    @Test func sequenceLiterals() {
        // Sequence(1 => 1, Step(0.1, 0.5, 10) => 50) from test/complex.jl
        let s = Sequence((1, 1), (Step(0.1, 0.5, 10), 50))
        #expect(s(1) == 1)
        #expect(s(2) == 0.1)
        #expect(s(42) == 0.00625)
        #expect(s(52) == 0.003125)                                    // past the end: the last schedule continues
        #expect(s.stageCount == 2)
        // Sequence(1e-1 => 5, 5e-2 => 4, 3.4e-3 => 10) stays at 3.4e-3 forever
        let c = Sequence((1e-1, 5), (5e-2, 4), (3.4e-3, 10))
        let expected = Array(repeating: 1e-1, count: 5) + Array(repeating: 5e-2, count: 4) + Array(repeating: 3.4e-3, count: 31)
        #expect(scheduleSteps.map { c($0) } == expected)
        #expect(c(10_000) == 3.4e-3)
        expectIterationMatchesCalls(c, "Sequence of numbers")
    }

    @Test func sequenceOfSchedulesUsesLocalSteps() {
        let tri = Triangle(l0: 0.0, l1: 0.5, period: 5), e = Exp(start: 0.5, decay: 0.5)
        let s = Sequence([tri, e], [10, 10])
        // stage 1 for t ≤ 10 at local step t; stage 2 afterwards at t − 10, continuing past 20
        expectSchedule(s, { t in t <= 10 ? 0.5 * specTri(t, 5) : 0.5 * specPow(0.5, t - 10 - 1) }, "Sequence(tri, exp)")
        let three = Sequence((Inv(1, 0.1, 1), 3), (0.25, 7), (CosAnneal(l0: 0, l1: 1, period: 4), 12))
        expectSchedule(three, { t in
            if t <= 3 { return 1 / (1 + Double(t - 1) * 0.1) }
            if t <= 10 { return 0.25 }
            return 1 * (1 + cos(Double.pi * Double(specMod(t - 10 - 1, 4)) / 4)) / 2 + 0
        }, "Sequence of three stages")
        // the array-of-pairs and the (schedules, step sizes) forms agree
        let pairs: [(any ScheduleConvertible, Int)] = [(Inv(1, 0.1, 1), 3), (0.25, 7), (CosAnneal(l0: 0, l1: 1, period: 4), 12)]
        let fromPairs = Sequence(pairs)
        let fromArrays = Sequence([Inv(1, 0.1, 1), 0.25, CosAnneal(l0: 0, l1: 1, period: 4)], [3, 7, 12])
        #expect(scheduleSteps.allSatisfy { fromPairs($0) == three($0) && fromArrays($0) == three($0) })
        expectIterationMatchesCalls(three, "Sequence")
        let stage = three.stage(2)
        #expect(stage.length == 7 && stage.schedule(1) == 0.25)
        // functions as stages
        let logs = Sequence((AnySchedule { t in log(Double(t)) }, 4), (AnySchedule { t in Double(t).squareRoot() }, 1))
        expectSchedule(logs, { t in t > 4 ? Double(t - 4).squareRoot() : log(Double(t)) }, "Sequence(log => 4, sqrt => 1)")
    }

    @Test func endlessGeneratedSequence() {
        // Sequence(Exp(1.0, 0.5 * step) for step in OneToInf()): stage k is Exp(1, k/2) for k steps
        let s = Sequence { k in (Exp(1.0, 0.5 * Double(k)), k) }
        #expect(s.stageCount == nil)
        var t0 = 1
        for k in 1...8 {
            for j in 1...k {
                expectClose(s(t0 - 1 + j), 1.0 * specPow(0.5 * Double(k), j - 1), rtol: 1e-13, "stage \(k) step \(j)")
            }
            t0 += k
        }
        expectIterationMatchesCalls(s, count: 36, "generated Sequence")
    }

    @Test func loop() {
        let e = Loop(Exp(start: 0.1, decay: 0.4), 10)
        expectSchedule(e, { t in 0.1 * specPow(0.4, ((t - 1) % 10 + 1) - 1) }, scale: 0.1, "Loop(Exp, 10)")
        let l = Loop({ t in log(Double(t)) }, 7)
        expectSchedule(l, { t in log(Double((t - 1) % 7 + 1)) }, scale: 2, "Loop(log, 7)")
        #expect(l(0) == log(7.0))                                     // mod1(0, 7) = 7
        #expect(e == Loop(Exp(0.1, 0.4), 10))
        expectIterationMatchesCalls(l, "Loop")
    }

    @Test func interpolator() {
        // Interpolator(Sequence([1, 2, 3], [10, 10, 30]), 5) repeats every value 5× per epoch
        let s = Interpolator(Sequence([1, 2, 3], [10, 10, 30]), 5)
        let correct = Array(repeating: 1.0, count: 50) + Array(repeating: 2.0, count: 50) + Array(repeating: 3.0, count: 150)
        #expect((1...250).map { s($0) } == correct)
        // a staircase Exp: lr·γ^(ceil(t/steps) − 1)
        let stairs = Interpolator(Exp(0.1, 0.7), 4)
        expectSchedule(stairs, { t in 0.1 * specPow(0.7, Int(ceil(Double(t) / 4)) - 1) }, scale: 0.1, "staircase")
        // Float64 division then ceil: 3/0.3 rounds to exactly 10.0 (the exact quotient is above 10)
        let identityish = Interpolator(AnySchedule { t in Double(t) }, 0.3)
        #expect(identityish(3) == 10)
        #expect(identityish(4) == 14)                                 // 4/0.3 = 13.33… → 14
        // another rounding
        let floored = Interpolator(AnySchedule { t in Double(t) }, 2.0) { x in Int(floor(x)) }
        #expect([1, 2, 3, 4, 5].map { floored($0) } == [0, 1, 1, 2, 2])
        expectIterationMatchesCalls(stairs, "Interpolator")
    }

    @Test func shifted() {
        let s = Triangle(l0: 0, l1: 1, period: 10)
        let shifted = Shifted(s, 5)
        #expect((1...50).map { shifted($0) } == (5...54).map { s($0) })
        #expect(shifted(1) == s(5))
        let f = Shifted({ t in Double(t * t) }, 3)
        #expect(f(1) == 9 && f(4) == 36)
        expectIterationMatchesCalls(shifted, "Shifted")
    }

    @Test func shortened() {
        let base = Exp(0.9, 10.0)
        let s = Shortened(base, 37)
        #expect(s.length == 37)
        #expect((1...37).allSatisfy { s($0) == base($0) })
        var n = 0
        for (t, p) in zip(1...37, s) { #expect(p == base(t)); n += 1 }
        #expect(n == 37)
    }

    @Test func composedScheduleBuildsTheDecayingWaves() {
        // the spec's constructions (§3.3, §3.4) give the named schedules bit for bit
        let (range, offset, period) = (0.9, 0.1, 6)
        let d2 = ComposedSchedule(Triangle(range, offset, period), [Interpolator(Exp(range, 0.5), period), offset, period])
        let sd2 = ComposedSchedule(Sin(range, offset, period), [Interpolator(Exp(range, 0.5), period), offset, period])
        let te = ComposedSchedule(Triangle(range, offset, period), [Exp(range, 0.93), offset, period])
        let se = ComposedSchedule(Sin(range, offset, period), [Exp(range, 0.93), offset, period])
        let steps = Array(1...200)
        #expect(steps.allSatisfy { d2($0) == TriangleDecay2(range, offset, period)($0) })
        #expect(steps.allSatisfy { sd2($0) == SinDecay2(range, offset, period)($0) })
        #expect(steps.allSatisfy { te($0) == TriangleExp(range, offset, period, 0.93)($0) })
        #expect(steps.allSatisfy { se($0) == SinExp(range, offset, period, 0.93)($0) })
        expectIterationMatchesCalls(d2, "ComposedSchedule")
    }

    @Test func composedScheduleWithAllFieldsAndACustomComposer() {
        // the cheatsheet's peak-decaying cosine, with restart given explicitly (CosAnneal has 4 fields)
        let c = ComposedSchedule(CosAnneal(0.5, 0.01, 5), [Step(0.5, 0.8, 5), 0.01, 5, true])
        expectSchedule(c, { t in (0.5 * specPow(0.8, (t - 1) / 5)) * (1 + cos(Double.pi * Double(specMod(t - 1, 5)) / 5)) / 2 + 0.01 },
                       "CosAnneal with a decaying peak")
        // a parameter that is itself a schedule of the period
        let growing = ComposedSchedule(Exp(1.0, 0.5), [Constant(2.0), Loop(Exp(0.9, 0.5), 3)])
        expectSchedule(growing, { t in 2.0 * specPow(0.9 * specPow(0.5, (t - 1) % 3), t - 1) }, scale: 2, "Exp with a looped decay")
        // the three-argument form and the trailing-closure (do-block) form
        let custom = ComposedSchedule({ _, p in Sin(p[0], p[1], Int(p[2])) }, Sin(1.0, 0.0, 8), [Exp(1.0, 0.9), 0.0, 8])
        let trailing = ComposedSchedule(Sin(1.0, 0.0, 8), [Exp(1.0, 0.9), 0.0, 8]) { _, p in Sin(p[0], p[1], Int(p[2])) }
        expectSchedule(custom, { t in (1.0 * specPow(0.9, t - 1)) * specSin(t, 8) + 0.0 }, "custom composer")
        #expect(scheduleSteps.allSatisfy { custom($0) == trailing($0) && custom($0) == SinExp(1.0, 0.0, 8, 0.9)($0) })
        // every composable type rebuilds from its fields
        #expect(Exp(fields: [0.1, 0.5]) == Exp(0.1, 0.5))
        #expect(Poly(fields: [0.1, 2, 10]) == Poly(0.1, 2, 10))
        #expect(Inv(fields: [0.1, 0.5, 2]) == Inv(0.1, 0.5, 2))
        #expect(Triangle(fields: [0.1, 0.2, 4]) == Triangle(0.1, 0.2, 4))
        #expect(Sin(fields: [0.1, 0.2, 4]) == Sin(0.1, 0.2, 4))
        #expect(CosAnneal(fields: [0.1, 0.2, 4, 0]) == CosAnneal(0.1, 0.2, 4, false))
        #expect(Constant(fields: [3]) == Constant(3))
    }

    @Test func oneCycleLiterals() {
        let s = OneCycle(10, 1.0)
        #expect(s.warmup == 3 && s.warmdown == 7 && s.length == 10)
        #expect(s(1) == 0.04)                                         // exactly startval
        expectClose(s(2), 0.28, rtol: 1e-14)
        expectClose(s(3), 0.76, rtol: 1e-14)
        expectClose(s(4), 1.0, rtol: 1e-15)
        #expect(abs(s(5) - 0.9505) < 5e-5)
        #expect(abs(s(10) - 0.0495) < 5e-5)
        #expect(s.startval == 1.0 / 25 && s.endval == 1.0 / 100_000 && s.percentStart == 0.25)
    }

    /// The spec's construction (§4.8) written out: warm-up cosine read at t + warmup, warm-down
    /// cosine at t − warmup.
    func specOneCycle(_ t: Int, _ nsteps: Int, _ maxval: Double, _ startval: Double, _ endval: Double, _ pct: Double) -> Double {
        let warmup = Int(ceil(Double(nsteps) * pct)), warmdown = nsteps - warmup
        if t <= warmup {
            let t̂ = t + warmup - 1                                    // Shifted(…, warmup + 1), restart = false
            return abs(maxval - startval) * (1 + cos(Double.pi * Double(t̂) / Double(warmup))) / 2 + min(maxval, startval)
        }
        let t̂ = t - warmup - 1
        return abs(maxval - endval) * (1 + cos(Double.pi * Double(t̂) / Double(warmdown))) / 2 + min(maxval, endval)
    }

    @Test func oneCycleFormula() {
        let a = OneCycle(40, 0.1)
        expectSchedule(a, { t in specOneCycle(t, 40, 0.1, 0.1 / 25, 0.1 / 1e5, 0.25) }, scale: 0.1, "OneCycle(40, 0.1)")
        let b = OneCycle(40, 0.1, startval: 1e-4, endval: 1e-2, percentStart: 0.3)
        expectSchedule(b, { t in specOneCycle(t, 40, 0.1, 1e-4, 1e-2, 0.3) }, scale: 0.1, "OneCycle(40, 0.1; 1e-4, 1e-2, 0.3)")
        #expect(b.warmup == 12)
        expectClose(b(13), 0.1, rtol: 1e-15)                           // maxval at warmup + 1
        let c = OneCycle(50, 1.0, percentStart: 0.1)
        expectSchedule(c, { t in specOneCycle(t, 50, 1.0, 1.0 / 25, 1.0 / 1e5, 0.1) }, steps: Array(1...50), "OneCycle(50, 1; 0.1)")
        var n = 0
        for (t, p) in zip(1...40, a) { #expect(p == a(t)); n += 1 }
        #expect(n == 40)
    }

    @Test func anyScheduleAndSequenceConformance() {
        let f = AnySchedule { t in 1 / Double(t) }
        expectSchedule(f, { t in 1 / Double(t) }, "AnySchedule")
        let erased = AnySchedule(Exp(0.5, 0.5))
        #expect(scheduleSteps.allSatisfy { erased($0) == Exp(0.5, 0.5)($0) })
        // every schedule is a Swift Sequence of Double: prefix, lazy map, zip
        #expect(Array(Exp(1, 0.5).prefix(4)) == [1, 0.5, 0.25, 0.125])
        #expect(Array(Constant(2).lazy.map { $0 * 3 }.prefix(2)) == [6, 6])
        var it = Step(1, 0.5, 1).makeIterator()
        #expect(it.next() == 1 && it.next() == 0.5 && it.t == 3)
        let heterogeneous: [any Schedule] = [Exp(1, 0.5), Constant(3), OneCycle(10, 1.0)]
        #expect(heterogeneous.map { $0(1) } == [1, 3, 0.04])
    }
}

@Suite("Stateful schedules (spec §5)")
struct StatefulTests {
    @Test func nextAndReset() {
        let s = Stateful({ t in log(Double(t)) })
        #expect((1...100).allSatisfy { next(s) == log(Double($0)) })
        reset(s)
        #expect(s.state == 1)
        #expect(next(s) == log(1.0))
        // the Flux docs: schedule = Stateful(Cos(λ0 = 1e-4, λ1 = 1e-2, period = 10)); opt.eta = next!(schedule)
        let cos = Cos(λ0: 1e-4, λ1: 1e-2, period: 10)
        let schedule = Stateful(cos)
        #expect(next(schedule) == cos(1))
        #expect(next(schedule) == cos(2))
        #expect(schedule.state == 3)                                  // after two next! calls
        #expect((3...100).allSatisfy { next(schedule) == cos($0) })
        #expect(reset(schedule) === schedule)
    }

    @Test func advanceGetsTheStateJustUsed() {
        // Stateful(log; advance = s -> s == 1): log(1), log(2), log(2), …
        let s = Stateful({ t in log(Double(t)) }, advance: { state in state == 1 })
        #expect(next(s) == log(1.0))
        #expect(next(s) == log(2.0))
        #expect(next(s) == log(2.0))
        #expect(next(s) == log(2.0))
        var seen: [Int] = []
        let plateau = Stateful(Exp(1, 0.5), advance: { state in seen.append(state); return state % 2 == 1 })
        let values = (1...6).map { _ in next(plateau) }
        #expect(seen == [1, 2, 2, 2, 2, 2])
        #expect(values == [1, 0.5, 0.5, 0.5, 0.5, 0.5])
    }
}
