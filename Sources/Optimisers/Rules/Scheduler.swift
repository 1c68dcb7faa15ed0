import Optimise
import Tensors

/// A rule whose hyper-parameters follow schedules (ParameterSchedulers.jl v0.4 `Scheduler`):
/// at a leaf's step `t` the rule is rebuilt from the schedules' values `s(t)` and applied with
/// the leaf's inner state, which survives the rebuild.
///
/// ```swift
/// // Julia: Scheduler(Descent, Exp(start = 0.1, decay = 0.5))
/// let rule = Optimisers.Scheduler(Exp(start: 0.1, decay: 0.5)) { η in Optimisers.Descent(η) }
/// // Julia: Scheduler(Momentum, s_eta, s_rho)
/// let both = Optimisers.Scheduler(sEta, sRho) { η, ρ in Optimisers.Momentum(η, ρ) }
/// // Julia: Scheduler(AdamW, eta = 1e-4, lambda = Exp(1e-3, 0.7)) — numbers are constants
/// let named = Optimisers.Scheduler(1e-4, Exp(1e-3, 0.7)) { η, λ in Optimisers.AdamW(eta: η, lambda: λ) }
/// ```
///
/// Hyper-parameters the closure does not set keep the rule's defaults. The step counter lives in
/// each leaf's state: it starts at 1, `s(t)` is used before the update, and a leaf that is
/// skipped (empty gradient, frozen) does not advance. As in Julia, `adjust` has no effect on a
/// scheduled rule. State: `(t, inner state)`.
public struct Scheduler<Rule: AbstractRule>: AbstractRule {
    /// The schedules, one per constructor argument.
    public let schedules: [any Schedule]
    /// Builds the rule from the schedules' values at one step, in order.
    public let constructor: @Sendable ([Double]) -> Rule

    /// A rule rebuilt every step from the values of `schedules` (Julia `Scheduler(constructor, schedules...)`).
    public init(_ schedules: [any ScheduleConvertible], constructor: @escaping @Sendable ([Double]) -> Rule) {
        precondition(!schedules.isEmpty, "Scheduler: give at least one schedule")
        self.schedules = schedules.map(\.asSchedule)
        self.constructor = constructor
    }

    /// One scheduled hyper-parameter: `Scheduler(Exp(0.1, 0.5)) { η in Descent(η) }`.
    public init(_ schedule: some ScheduleConvertible, _ constructor: @escaping @Sendable (Double) -> Rule) {
        self.init([schedule], constructor: { constructor($0[0]) })
    }

    /// Two scheduled hyper-parameters: `Scheduler(sEta, sRho) { η, ρ in Momentum(η, ρ) }`.
    public init(_ first: some ScheduleConvertible, _ second: some ScheduleConvertible,
                _ constructor: @escaping @Sendable (Double, Double) -> Rule) {
        self.init([first, second], constructor: { constructor($0[0], $0[1]) })
    }

    /// The counter and the scheduled rule's own state.
    public struct State: CopyableState, CustomStringConvertible {
        /// The 1-based step whose values the next update uses.
        public let t: Int
        /// The inner rule's state.
        public let inner: Any

        /// A copy with the inner state's tensors copied.
        public func copied() -> State { State(t: t, inner: copyState(inner)) }

        /// `(t = 3, opt = …)`.
        public var description: String { "(t = \(t), opt = \(describeState(inner)))" }
    }

    /// The rule at step `t`.
    public func rule(at t: Int) -> Rule { constructor(schedules.map { $0(t) }) }

    /// Step 1 and the state of the rule built from `s(1)`.
    public func `init`<T: TensorScalar>(_ x: Tensor<T>) -> State {
        State(t: 1, inner: rule(at: 1).`init`(x))
    }

    /// Rebuilds the rule from `s(t)`, applies it and advances `t`.
    public func apply<T: TensorScalar>(_ state: State, _ x: Tensor<T>, _ dx: Tensor<T>) throws -> (State, Tensor<T>?) {
        let (inner, step) = try applyErased(rule(at: state.t), state.inner, x, dx)
        return (State(t: state.t + 1, inner: inner), step)
    }

    /// Whether the scheduled rule can throw (judged from the rule of step 1).
    public var mayThrow: Bool { rule(at: 1).mayThrow }
}
