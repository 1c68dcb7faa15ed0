import Tensors

/// Rules applied one after another, each to the step the previous one produced (Optimisers.jl
/// `OptimiserChain(rules...)`): `OptimiserChain(ClipGrad(1), WeightDecay(), Adam())`.
///
/// Once a member returns `nil` (``AccumGrad`` between accumulations) the rest are skipped and
/// keep their state, and the parameter is not changed. An empty chain is `Descent(1)`: the step
/// is the gradient. State: one per member. `adjust` changes every member that has the field.
public struct OptimiserChain: AbstractRule {
    /// The members, in order.
    public var rules: [any AbstractRule]

    /// A chain of the given rules.
    public init(_ rules: any AbstractRule...) { self.rules = rules }

    /// A chain of an array of rules.
    public init(_ rules: [any AbstractRule]) { self.rules = rules }

    /// Every member's initial state.
    public func `init`<T: TensorScalar>(_ x: Tensor<T>) -> [Any] {
        rules.map { initialState($0, x) }
    }

    /// Whether some member can throw.
    public var mayThrow: Bool { rules.contains { $0.mayThrow } }

    /// Folds the gradient through the members, stopping at a `nil` step.
    public func apply<T: TensorScalar>(_ state: [Any], _ x: Tensor<T>, _ dx: Tensor<T>) throws -> ([Any], Tensor<T>?) {
        precondition(state.count == rules.count, "OptimiserChain: \(state.count) states for \(rules.count) rules")
        var states = state
        var step: Tensor<T>? = dx
        for (i, rule) in rules.enumerated() {
            guard let current = step else { break }
            (states[i], step) = try applyErased(rule, states[i], x, current)
        }
        return (states, step)
    }

    /// Every member adjusted.
    public func adjusted(_ changes: Adjustment) -> OptimiserChain {
        OptimiserChain(rules.map { $0.adjusted(changes) })
    }
}

/// `rule.apply(state, x, dx)` for a type-erased rule and state; stops when the state is not
/// the rule's.
func applyErased<R: AbstractRule, T: TensorScalar>(_ rule: R, _ state: Any, _ x: Tensor<T>, _ dx: Tensor<T>) throws -> (Any, Tensor<T>?) {
    guard let typed = state as? R.State else {
        preconditionFailure("\(R.self): the state is a \(type(of: state)), expected \(R.State.self)")
    }
    return try rule.apply(typed, x, dx)
}

/// `rule.init(x)` for a typed tensor.
func initialState<R: AbstractRule, T: TensorScalar>(_ rule: R, _ x: Tensor<T>) -> Any {
    rule.`init`(x)
}
