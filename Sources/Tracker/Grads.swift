import Tensors

/// The error thrown when a gradient is read with an element type other than its parameter's.
public struct GradientTypeMismatch: Error, CustomStringConvertible {
    /// The element type that was requested.
    public let requested: String
    /// The parameter's element type.
    public let found: String
    /// What was expected and what was found.
    public var description: String {
        "gradient requested as \(requested), but the parameter holds \(found)"
    }
}

/// Gradients keyed by parameter identity (Zygote's `Grads`).
///
/// `gs[W]` is the gradient of the loss with respect to `W`, or `nil` when the loss does not
/// depend on `W` (an optimiser then skips `W`). Gradients can also be supplied by hand:
///
/// ```swift
/// let gs = Grads()
/// gs[W] = ones(2, 5)
/// update(Descent(0.1), params(W), gs)
/// ```
///
/// Iteration yields `(parameter, gradient)` pairs in the order of ``params`` and then of any
/// tensors given a gradient by hand. `+`, `-` and scalar `*` combine two `Grads` over the same
/// parameters as Zygote does: a missing gradient counts as zeros, so the result has a gradient
/// for every parameter.
public final class Grads: Sequence {
    /// The parameters these gradients belong to.
    public let params: Params
    /// Gradients by parameter identity.
    @exclusivity(unchecked) var values = IdentityMap<any TensorProtocol>()
    /// Tensors given a gradient by hand that are not in ``params``, in insertion order.
    var extra: [any TensorProtocol] = []

    /// Empty gradients for `params` (every lookup gives `nil` until set).
    public init(_ params: Params = Params()) {
        self.params = params
        values = IdentityMap(capacity: params.count)
    }

    /// The gradient of `x`, or `nil` when there is none; setting `nil` removes it.
    public subscript<S>(x: Tensor<S>) -> Tensor<S>? {
        get { values[ObjectIdentifier(x)].map { unsafeDowncast($0 as AnyObject, to: Tensor<S>.self) } }
        set { set(newValue, for: x) }
    }

    /// The gradient of a type-erased parameter, or `nil`.
    @_disfavoredOverload
    public subscript(x: any TensorProtocol) -> (any TensorProtocol)? {
        values[ObjectIdentifier(x)]
    }

    /// The gradient of a type-erased parameter as a tensor of `type`, or `nil` when there is none;
    /// throws ``GradientTypeMismatch`` when the parameter's element type is not `type`.
    public func gradient<S: TensorScalar>(of x: any TensorProtocol, as type: S.Type) throws -> Tensor<S>? {
        guard x is Tensor<S> else { throw GradientTypeMismatch(requested: S.juliaName, found: x.scalarTypeName) }
        return values[ObjectIdentifier(x)].map { $0 as! Tensor<S> }
    }

    /// Whether `x` has a gradient here.
    public func hasGradient(_ x: any TensorProtocol) -> Bool { values[ObjectIdentifier(x)] != nil }

    /// Stores `g` as the gradient of `x` (or removes it for `nil`). Shapes are checked by the
    /// optimiser's `update`, which throws on a mismatch before changing anything.
    func set<S>(_ g: Tensor<S>?, for x: Tensor<S>) {
        let id = ObjectIdentifier(x)
        guard let g else { values[id] = nil; return }
        if values[id] == nil && !params.contains(x) && !extra.contains(where: { $0 === x }) { extra.append(x) }
        values[id] = g
    }

    /// The parameters in iteration order: ``params`` (each once), then the extra tensors.
    var keys: [any TensorProtocol] {
        var seen = Set<ObjectIdentifier>()
        return (params.order + extra).filter { seen.insert(ObjectIdentifier($0)).inserted }
    }

    /// Iterates `(parameter, gradient)` pairs; the gradient is `nil` for an untouched parameter.
    public func makeIterator() -> IndexingIterator<[(parameter: any TensorProtocol, gradient: (any TensorProtocol)?)]> {
        keys.map { (parameter: $0, gradient: self[$0]) }.makeIterator()
    }

    /// Combines `a` and `b` parameter by parameter, a missing gradient counting as zeros.
    static func combine(_ a: Grads, _ b: Grads, _ op: (any TensorProtocol, (any TensorProtocol)?, (any TensorProtocol)?) -> any TensorProtocol) -> Grads {
        let result = Grads(a.params)
        var seen = Set<ObjectIdentifier>()
        for x in a.keys + b.keys where seen.insert(ObjectIdentifier(x)).inserted {
            result.setErased(op(x, a[x], b[x]), for: x)
        }
        return result
    }

    /// Stores a type-erased gradient for a type-erased parameter of the same element type.
    func setErased(_ g: any TensorProtocol, for x: any TensorProtocol) {
        func open<T: TensorProtocol>(_ x: T) { set((g as! Tensor<T.Scalar>), for: x.tensor) }
        open(x)
    }

    /// `a + b` parameter by parameter (Zygote `gs1 .+ gs2`); missing gradients count as zeros.
    public static func + (a: Grads, b: Grads) -> Grads { combine(a, b) { x, g, h in erasedCombine(x, g, h, subtract: false) } }

    /// `a - b` parameter by parameter; missing gradients count as zeros.
    public static func - (a: Grads, b: Grads) -> Grads { combine(a, b) { x, g, h in erasedCombine(x, g, h, subtract: true) } }

    /// Every gradient scaled by `s` (Zygote `gs .* s`); missing gradients become zeros.
    public static func * (s: Double, a: Grads) -> Grads {
        combine(a, Grads(a.params)) { x, g, _ in erasedScale(x, g, s) }
    }

    /// Every gradient scaled by `s`.
    public static func * (a: Grads, s: Double) -> Grads { s * a }
}

/// `(g ?? 0) ± (h ?? 0)` for the gradients of parameter `x`, in `x`'s element type.
func erasedCombine(_ x: any TensorProtocol, _ g: (any TensorProtocol)?, _ h: (any TensorProtocol)?,
                   subtract: Bool) -> any TensorProtocol {
    func open<T: TensorProtocol>(_ x: T) -> any TensorProtocol {
        let zero = Tensor<T.Scalar>(shape: x.shape, repeating: 0)
        let a = (g as? Tensor<T.Scalar>) ?? zero, b = (h as? Tensor<T.Scalar>) ?? zero
        return subtract ? a .- b : a .+ b
    }
    return open(x)
}

/// `(g ?? 0) · s` in `x`'s element type.
func erasedScale(_ x: any TensorProtocol, _ g: (any TensorProtocol)?, _ s: Double) -> any TensorProtocol {
    func open<T: TensorProtocol>(_ x: T) -> any TensorProtocol {
        guard let g = g as? Tensor<T.Scalar> else { return Tensor<T.Scalar>(shape: x.shape, repeating: 0) }
        return g .* T.Scalar(s)
    }
    return open(x)
}
