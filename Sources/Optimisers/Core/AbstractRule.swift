import Tensors

/// An Optimisers.jl rule (`Optimisers.AbstractRule`): an immutable value holding only
/// hyper-parameters. State lives outside the rule, in the ``Leaf``s of a state tree that
/// ``setup(_:_:)`` builds, and is passed in and returned explicitly.
///
/// A new rule implements `init` (the state for one parameter array) and `apply` (the step and
/// the next state); the seeds' `DecayDescent` ports as written:
///
/// ```swift
/// struct DecayDescent: AbstractRule {
///     var eta: Double
///     func apply<T: TensorScalar>(_ state: Int, _ x: Tensor<T>, _ x̄: Tensor<T>) -> (Int, Tensor<T>?) {
///         let newx̄ = T(eta / Double(state).squareRoot()) .* x̄
///         let nextstate = state + 1
///         return (nextstate, newx̄)
///     }
///     func `init`<T: TensorScalar>(_ x: Tensor<T>) -> Int { 1 }
/// }
/// ```
///
/// The parameter is then updated to `x .- newx̄`; returning `nil` leaves it unchanged (what
/// ``AccumGrad`` does between accumulations, and what stops an ``OptimiserChain``). `apply` may
/// throw for a gradient it rejects (``ClipNorm`` with a non-finite norm).
public protocol AbstractRule: Sendable {
    /// The state this rule keeps per parameter array.
    associatedtype State

    /// The initial state for parameter `x` (Julia `Optimisers.init(rule, x)`).
    func `init`<T: TensorScalar>(_ x: Tensor<T>) -> State

    /// The next state and the step to subtract from `x`, given gradient `dx` (Julia
    /// `Optimisers.apply!(rule, state, x, dx)`), or `nil` for no change. `x` is read only; the
    /// rule may overwrite `dx` (``update(_:_:_:)`` passes it a private copy) and may update
    /// tensors inside `state` in place.
    func apply<T: TensorScalar>(_ state: State, _ x: Tensor<T>, _ dx: Tensor<T>) throws -> (State, Tensor<T>?)

    /// Whether `apply` can throw. `updateInPlace` first runs such rules on copies of their state
    /// and gradient, so that a rejected gradient changes no parameter and no state. The default is
    /// `false`; a rule whose `apply` throws returns `true` (and its state, if it holds tensors,
    /// adopts ``CopyableState``).
    var mayThrow: Bool { get }

    /// This rule with the hyper-parameters named in `changes` replaced (Julia `adjust(rule; kw...)`);
    /// names the rule does not have are ignored. The default changes nothing: a custom rule
    /// implements it to take part in ``adjust(_:_:)``.
    func adjusted(_ changes: Adjustment) -> Self
}

extension AbstractRule {
    /// Does not throw.
    public var mayThrow: Bool { false }

    /// Ignores every change.
    public func adjusted(_ changes: Adjustment) -> Self { self }
}

/// Hyper-parameter changes for `adjust`, by Optimisers.jl field name; `nil` leaves a field alone.
public struct Adjustment: Sendable {
    /// Learning rate η.
    public var eta: Double?
    /// Momentum or decay ρ.
    public var rho: Double?
    /// Moment decays (β1, β2).
    public var beta: (Double, Double)?
    /// ϵ.
    public var epsilon: Double?
    /// Weight-decay or sign-decay λ.
    public var lambda: Double?
    /// ClipGrad's δ.
    public var delta: Double?
    /// ClipNorm's ω.
    public var omega: Double?

    /// The changes given; at least one must be non-`nil`.
    public init(eta: Double? = nil, rho: Double? = nil, beta: (Double, Double)? = nil, epsilon: Double? = nil,
                lambda: Double? = nil, delta: Double? = nil, omega: Double? = nil) {
        self.eta = eta; self.rho = rho; self.beta = beta; self.epsilon = epsilon
        self.lambda = lambda; self.delta = delta; self.omega = omega
        precondition(eta != nil || rho != nil || beta != nil || epsilon != nil || lambda != nil || delta != nil || omega != nil,
                     "adjust: give a learning rate or at least one hyper-parameter to change")
        // Julia's adjust rebuilds the rule through its constructor, which rejects η < 0.
        if let eta { precondition(eta >= 0, "adjust: the learning rate η must be ≥ 0, got \(eta)") }
    }

    /// Replaces `field` with the change if there is one.
    func apply<V>(_ change: V?, to field: inout V) {
        if let change { field = change }
    }
}

/// Stops unless η ≥ 0, naming the rule (Optimisers.jl throws a `DomainError`).
func requireLearningRate(_ eta: Double, _ rule: String) {
    precondition(eta >= 0, "\(rule): the learning rate η must be ≥ 0, got \(eta)")
}

