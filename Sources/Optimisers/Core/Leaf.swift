import Optimise
import Tensors

/// The optimiser state of one parameter array (Julia `Optimisers.Leaf`): its rule, the rule's
/// state, and whether it is frozen.
///
/// Leaves are objects, so a tensor that appears at several places in a model (tied weights) has
/// one leaf shared by all of them, and ``freeze(_:)``, ``thaw(_:)`` and ``adjustInPlace(_:_:)`` can
/// change part of a tree in place.
public final class Leaf: CustomStringConvertible {
    /// The rule applied to this parameter.
    public internal(set) var rule: any AbstractRule
    /// The rule's state for this parameter (momenta, counters).
    public internal(set) var state: Any
    /// A frozen leaf is neither updated nor has its state advanced.
    public internal(set) var frozen: Bool

    /// A leaf with the given rule, state and frozen flag.
    public init(_ rule: any AbstractRule, _ state: Any, frozen: Bool = false) {
        self.rule = rule
        self.state = state
        self.frozen = frozen
    }

    /// Julia's printing: `Leaf(Momentum(eta: 0.01, rho: 0.9), [0.0, 0.0], frozen = true)`.
    public var description: String {
        "Leaf(\(rule), \(describeState(state))\(frozen ? ", frozen = true" : ""))"
    }

    /// A leaf with copies of this one's state tensors.
    func copied() -> Leaf { Leaf(rule, copyState(state), frozen: frozen) }

    /// Applies the rule to parameter `x` with gradient `dx` (which the rule may overwrite),
    /// stores the next state and subtracts the step from `x`.
    func step(_ x: any TensorProtocol, _ dx: any TensorProtocol) throws {
        func typed<X: TensorProtocol>(_ x: X) throws {
            guard let g = dx as? Tensor<X.Scalar> else {
                preconditionFailure("update: the gradient of a \(X.Scalar.juliaName) parameter is a \(dx.scalarTypeName) tensor")
            }
            try stepTyped(x.tensor, g)
        }
        try typed(x)
    }

    /// Throws what the rule would throw for parameter `x` and gradient `dx`, by applying it to
    /// copies of the state and the gradient; changes nothing. Free for rules that cannot throw.
    func rehearse(_ x: any TensorProtocol, _ dx: any TensorProtocol) throws {
        guard rule.mayThrow else { return }
        func typed<X: TensorProtocol>(_ x: X) throws {
            guard let g = dx as? Tensor<X.Scalar> else { return }
            _ = try applyErased(rule, copyState(state), x.tensor, g.copy())
        }
        try typed(x)
    }

    /// ``step(_:_:)`` with the element type known.
    private func stepTyped<T: TensorScalar>(_ x: Tensor<T>, _ dx: Tensor<T>) throws {
        func run<R: AbstractRule>(_ rule: R) throws {
            let (next, step) = try applyErased(rule, state, x, dx)
            state = next
            guard let step else { return }
            precondition(step.shape == x.shape,
                         "\(R.self) returned a step of shape \(formatShape(step.shape)) for a parameter of shape \(formatShape(x.shape))")
            subtractStep(x, step)
        }
        try run(rule)
    }
}

/// A state for printing: tensors show their values, chain states their parts.
func describeState(_ state: Any) -> String {
    if let array = state as? [Any] { return "(" + array.map(describeState).joined(separator: ", ") + ")" }
    if let tensor = state as? any TensorProtocol { return describeValues(tensor) }
    return String(describing: state)
}

/// `[0.0, 0.0]`: a tensor's values in column-major order, Julia style.
func describeValues(_ x: any TensorProtocol) -> String {
    func typed<X: TensorProtocol>(_ x: X) -> String {
        "[" + x.tensor.scalars.map { "\($0)" }.joined(separator: ", ") + "]"
    }
    return typed(x)
}
