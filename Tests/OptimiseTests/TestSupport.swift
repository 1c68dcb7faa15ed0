import Testing
@testable import Optimise
import Tensors
import Tracker

// Helpers shared by the Optimise tests. Expected values never come from the library: they are
// written out by hand from the spec's equations, or computed by the independent reference rules
// in ReferenceRules.swift (plain loops over [Double]).

/// `true` when `a` and `e` agree to `rtol` relative (plus `atol` absolute), NaNs matching NaNs.
func close(_ a: Double, _ e: Double, rtol: Double = 1e-12, atol: Double = 0) -> Bool {
    if a.isNaN || e.isNaN { return a.isNaN && e.isNaN }
    if a == e { return true }
    return Swift.abs(a - e) <= atol + rtol * Swift.max(Swift.abs(e), Swift.abs(a))
}

/// The indices where `actual` and `expected` disagree (or `[-1]` on a length mismatch).
func mismatches(_ actual: [Double], _ expected: [Double], rtol: Double = 1e-12, atol: Double = 0) -> [Int] {
    guard actual.count == expected.count else { return [-1] }
    return actual.indices.filter { !close(actual[$0], expected[$0], rtol: rtol, atol: atol) }
}

/// Expects `actual ≈ expected` element by element, reporting the first differing elements.
func expectClose(_ actual: [Double], _ expected: [Double], rtol: Double = 1e-12, atol: Double = 0,
                 _ what: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    let bad = mismatches(actual, expected, rtol: rtol, atol: atol)
    #expect(bad.isEmpty,
            "\(what()): differs at \(bad.prefix(4).map { i in i < 0 ? "count \(actual.count) vs \(expected.count)" : "[\(i)] \(actual[i]) vs expected \(expected[i])" })",
            sourceLocation: sourceLocation)
}

func expectClose(_ actual: [Float], _ expected: [Double], rtol: Double = 1e-5, atol: Double = 1e-6,
                 _ what: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    expectClose(actual.map(Double.init), expected, rtol: rtol, atol: atol, what(), sourceLocation: sourceLocation)
}

func expectClose(_ actual: Double, _ expected: Double, rtol: Double = 1e-12, atol: Double = 0,
                 _ what: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(close(actual, expected, rtol: rtol, atol: atol), "\(what()): \(actual) vs expected \(expected)",
            sourceLocation: sourceLocation)
}

/// A Double vector tensor.
func vec(_ xs: [Double]) -> Tensor<Double> { Tensor(xs) }
/// A Float vector tensor.
func vecF(_ xs: [Double]) -> Tensor<Float> { Tensor(xs.map { Float($0) }) }

/// `x .-= step` done with a plain loop (so the test does not depend on broadcasting kernels).
func subtractInPlace<S: TensorScalar>(_ x: Tensor<S>, _ step: Tensor<S>) {
    precondition(x.count == step.count)
    let s = step.scalars
    x.withUnsafeMutableBufferPointer { p in for i in 0..<p.count { p[i] -= s[i] } }
}

/// Runs one rule on a single vector parameter through `update(opt, x, g)`, returning the
/// step taken at each call (x before − x after), in Double.
func stepsOf(_ opt: any AbstractOptimiser, x0: [Double], grads: [[Double]]) throws -> [[Double]] {
    let x = vec(x0)
    var out: [[Double]] = []
    for g in grads {
        let before = x.scalars
        try update(opt, x, vec(g))
        out.append(zip(before, x.scalars).map { $0 - $1 })
    }
    return out
}

/// Same through `apply(opt, x, Δ)`: the returned arrays (the steps), subtracting each from x.
func appliedStepsOf(_ opt: any AbstractOptimiser, x0: [Double], grads: [[Double]]) throws -> [[Double]] {
    let x = vec(x0)
    var out: [[Double]] = []
    for g in grads {
        let s = try apply(opt, x, vec(g))
        out.append(s.scalars)
        subtractInPlace(x, s)
    }
    return out
}

/// The Julia `sign`.
func jsign(_ v: Double) -> Double { v > 0 ? 1 : (v < 0 ? -1 : v) }

/// √x for Doubles (a non-overloaded name: `sqrt` is also defined for tensors, which makes long
/// literal expressions slow to type-check).
@inline(__always) func rt(_ x: Double) -> Double { x.squareRoot() }
