import Foundation
import Testing
import Flux
import Optimisers

// Helpers shared by the Optimisers tests. Expected values never come from the library: they are
// written out by hand from the equations of shared/spec/flux_optimise_spec.md §6.2, or computed by
// the independent reference rules in ReferenceRules.swift (plain loops over [Double]).

/// `true` when `a` and `e` agree to `rtol` relative (plus `atol` absolute), NaNs matching NaNs.
func close(_ a: Double, _ e: Double, rtol: Double = 1e-12, atol: Double = 0) -> Bool {
    if a.isNaN || e.isNaN { return a.isNaN && e.isNaN }
    if a == e { return true }
    return Swift.abs(a - e) <= atol + rtol * Swift.max(Swift.abs(e), Swift.abs(a))
}

/// Expects `actual ≈ expected` element by element, naming the first differing elements.
func expectClose(_ actual: [Double], _ expected: [Double], rtol: Double = 1e-12, atol: Double = 0,
                 _ what: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual.count == expected.count else {
        Issue.record("\(what()): \(actual.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
        return
    }
    let bad = actual.indices.filter { !close(actual[$0], expected[$0], rtol: rtol, atol: atol) }
    #expect(bad.isEmpty,
            "\(what()): differs at \(bad.prefix(4).map { "[\($0)] \(actual[$0]) vs expected \(expected[$0])" })",
            sourceLocation: sourceLocation)
}

/// Expects `actual ≈ expected` for one number.
func expectClose(_ actual: Double, _ expected: Double, rtol: Double = 1e-12, atol: Double = 0,
                 _ what: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(close(actual, expected, rtol: rtol, atol: atol), "\(what()): \(actual) vs expected \(expected)",
            sourceLocation: sourceLocation)
}

/// A Double vector.
func dvec(_ xs: [Double]) -> Tensor<Double> { Tensor(xs) }

/// A Double matrix from its rows (Julia `[1 2; 3 4]`).
func dmat(_ rows: [[Double]]) -> Tensor<Double> { Tensor(rows: rows) }

/// The Julia `sign`: −1, 0 or 1 (±0 and NaN returned as they are).
func jsign(_ v: Double) -> Double { v > 0 ? 1 : (v < 0 ? -1 : v) }

/// √x for Doubles, a non-overloaded name (tensors also have `sqrt`, which slows type-checking).
@inline(__always) func rt(_ x: Double) -> Double { x.squareRoot() }

/// `a − b` element by element.
func minus(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 - $1 } }

/// The identity activation for hand-built `Dense<Double>` layers.
let linear: @Sendable (Tensor<Double>) -> Tensor<Double> = { $0 }

/// A `Dense<Double>` with the given rows of W and bias, identity activation.
func dense(_ rows: [[Double]], _ bias: [Double]) -> Dense<Double> {
    Dense<Double>(weight: dmat(rows), bias: dvec(bias), linear)
}

/// Member `i` of a chain as a `Dense<Double>`.
func denseAt(_ chain: Chain, _ i: Int) -> Dense<Double> { chain.layer(i, as: Dense<Double>.self) }

/// The leaf at a state-tree position; records an issue when the position is not a leaf.
func leafAt(_ tree: Tree<Leaf>, sourceLocation: SourceLocation = #_sourceLocation) -> Leaf {
    guard let leaf = tree.leafValue else {
        Issue.record("expected a leaf, found \(tree.kindDescription)", sourceLocation: sourceLocation)
        return Leaf(Optimisers.Descent(), ())
    }
    return leaf
}

/// Whether a state-tree position is `.empty`.
func isEmpty<V>(_ tree: Tree<V>) -> Bool {
    if case .empty = tree { return true }
    return false
}

/// Every number a rule's state holds, flattened (tensors column-major, moment buffers then the
/// powers and step count, chain states in order, counters as numbers): used to check that a
/// state did or did not change without knowing its layout.
func stateNumbers(_ state: Any) -> [Double] {
    if let t = state as? Tensor<Double> { return t.scalars }
    if let t = state as? Tensor<Float> { return t.scalars.map(Double.init) }
    if let m = state as? MomentState<Double> {
        return m.m.scalars + m.v.scalars + (m.w?.scalars ?? []) + [m.β1p, m.β2p, Double(m.t)]
    }
    if let m = state as? MomentState<Float> {
        return (m.m.scalars + m.v.scalars + (m.w?.scalars ?? [])).map(Double.init) + [m.β1p, m.β2p, Double(m.t)]
    }
    if let a = state as? Optimisers.AccumGrad.State { return stateNumbers(a.accumulator) + [Double(a.counter)] }
    if let n = state as? Int { return [Double(n)] }
    if let array = state as? [any TensorProtocol] { return array.flatMap { stateNumbers($0) } }
    if let array = state as? [Any] { return array.flatMap { stateNumbers($0) } }
    if state is Void { return [] }
    Issue.record("stateNumbers: unknown state type \(type(of: state))")
    return []
}

/// Every number in a whole state tree, leaf by leaf (shared leaves once per position).
func treeNumbers(_ tree: Tree<Leaf>) -> [Double] {
    tree.leafValues.flatMap { stateNumbers($0.state) }
}

/// Runs `rule` on a single Double vector parameter through `Optimisers.setup` and
/// `Optimisers.updateInPlace`, returning the parameter after each step. `grad(t, x)` gives the
/// gradient at 1-based step t from the current x; `nil` means an empty gradient (no update).
func libraryTrajectory(_ rule: some AbstractRule, x0: [Double], shape: [Int]? = nil, steps: Int,
                       grad: (Int, [Double]) -> [Double]?) throws -> [[Double]] {
    let x = Tensor<Double>(shape: shape ?? [x0.count], scalars: x0)
    let state = Optimisers.setup(rule, x)
    var out: [[Double]] = []
    for t in 1...steps {
        if let g = grad(t, x.scalars) {
            try Optimisers.updateInPlace(state, x, Tensor<Double>(shape: x.shape, scalars: g))
        } else {
            try Optimisers.updateInPlace(state, x, ModelGradient.empty)
        }
        out.append(x.scalars)
    }
    return out
}

/// The same trajectory with the reference rule: x ← x − step, no change for a `nil` step.
func referenceTrajectory(_ rule: RefRule, x0: [Double], steps: Int, grad: (Int, [Double]) -> [Double]?) -> [[Double]] {
    var x = x0
    var out: [[Double]] = []
    for t in 1...steps {
        if let g = grad(t, x), let step = rule.step(x, g) { x = minus(x, step) }
        out.append(x)
    }
    return out
}

/// Compares two trajectories step by step to `rtol`, reporting the first differing step.
func expectSameTrajectory(_ actual: [[Double]], _ expected: [[Double]], rtol: Double = 1e-12,
                          _ what: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(what()): \(actual.count) steps vs \(expected.count)", sourceLocation: sourceLocation)
    for (t, (a, e)) in zip(actual, expected).enumerated() {
        let bad = a.indices.filter { !close(a[$0], e[$0], rtol: rtol) }
        if a.count != e.count || !bad.isEmpty {
            Issue.record("\(what()): step \(t + 1) differs: \(a) vs expected \(e)", sourceLocation: sourceLocation)
            return
        }
    }
}

/// The gradient used by the trajectories: that of a quadratic loss ½·Σ cᵢ(xᵢ − aᵢ)² plus a
/// wobble `0.3·sin(t·(i+1)) + 0.1·cos(t + xᵢ)`, so each step's gradient depends on the step
/// number and on the current parameter.
func wobblyQuadraticGradient(_ t: Int, _ x: [Double]) -> [Double] {
    let c: [Double] = [1.0, 0.5, 2.0, 0.25, 1.5, 0.75]
    let a: [Double] = [0.3, -0.7, 1.1, -0.2, 0.6, -1.3]
    return x.indices.map { i in
        let k = i % c.count
        return c[k] * (x[i] - a[k]) + 0.3 * Foundation.sin(Double(t * (i + 1))) + 0.1 * Foundation.cos(Double(t) + x[i])
    }
}

/// A starting point for the trajectories: 2×3 values, used as a vector or a matrix.
let trajectoryStart: [Double] = [0.8, -0.4, 1.3, -1.1, 0.25, 0.6]

// MARK: - A small model and a synthetic gradient for it

/// `Chain(Dense([1 2; 3 4], [0.5, −0.5]), Dense([1 −1], [0.25]))`, identity activations.
func twoLayerModel() -> Chain {
    Chain(dense([[1, 2], [3, 4]], [0.5, -0.5]), dense([[1, -1]], [0.25]))
}

/// The parameters of a `Chain` of `Dense<Double>` layers in order W₁, b₁, W₂, b₂, …
func denseParameters(_ chain: Chain) -> [Tensor<Double>] {
    chain.layers.indices.flatMap { i -> [Tensor<Double>] in
        let d = denseAt(chain, i)
        return [d.weight] + (d.bias.map { [$0] } ?? [])
    }
}

/// Every parameter value of a chain of dense layers, concatenated.
func parameterNumbers(_ chain: Chain) -> [Double] { denseParameters(chain).flatMap(\.scalars) }

/// A gradient for a chain of two-parameter `Dense<Double>` layers built by hand, shaped as
/// `gradient(f, chain)` shapes it: parameter k (W₁, b₁, W₂, …) gets
/// `wobblyQuadraticGradient(t + 3k, its values)`, or nothing when k is in `skip`.
func syntheticGradient(_ chain: Chain, _ t: Int, skip: Set<Int> = []) -> ModelGradient {
    var k = 0
    let layers: [ModelGradient] = chain.layers.indices.map { i in
        let d = denseAt(chain, i)
        var fields: [(name: String, tree: ModelGradient)] = []
        for (name, p) in [("weight", d.weight), ("bias", d.bias!)] {
            fields.append((name, skip.contains(k) ? .empty
                           : .leaf(Tensor<Double>(shape: p.shape, scalars: wobblyQuadraticGradient(t + 3 * k, p.scalars)))))
            k += 1
        }
        return .fields(fields)
    }
    return .fields([("layers", .elements(layers))])
}

/// The reference counterpart of `syntheticGradient`: parameter k's gradient from its values.
func syntheticGradient(_ values: [[Double]], _ t: Int, skip: Set<Int> = []) -> [[Double]?] {
    values.indices.map { k in skip.contains(k) ? nil : wobblyQuadraticGradient(t + 3 * k, values[k]) }
}

/// One reference step on a list of parameters, one reference rule each; `nil` gradients skip.
func referenceStep(_ rules: [RefRule], _ values: inout [[Double]], _ grads: [[Double]?]) {
    for k in values.indices {
        if let g = grads[k], let step = rules[k].step(values[k], g) { values[k] = minus(values[k], step) }
    }
}
