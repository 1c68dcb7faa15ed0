import Tensors

/// An optimiser whose hyper-parameter follows a schedule (ParameterSchedulers v0.3 `Scheduler`
/// for Flux.Optimise): it keeps a step counter per parameter, and before each update sets the
/// wrapped rule's learning rate (or whatever `updateFunc` sets) from the schedule.
///
/// t = counter[x] (1 on first use);  counter[x] ← t + 1
/// updateFunc(optim, schedule(t))            (default: optim.eta = schedule(t))
/// step = apply(optim, x, Δ)
///
/// Step t uses s(t), starting with s(1), **before** the update. All parameters share the one
/// wrapped rule, so its `eta` ends up as the value for the last parameter processed; normally
/// every counter moves together, but a parameter skipped with a `nil` gradient falls behind.
/// After t updates, `optim.eta == s(t)` and every counter is t + 1.
///
/// ```swift
/// let opt = Scheduler(Exp(0.1, 0.5), Momentum())          // Scheduler(Exp(0.1, 0.5), Momentum())
/// let rho = Scheduler(Triangle(l0: 0.8, l1: 0.95, period: 10), Momentum()) { o, s in o.rho = s }
/// try train(loss, ps, data, opt)                          // or update(opt, ps, gs), or in a chain
/// ```
/// It is an ``AbstractOptimiser``, so it works with `update`, `train` and inside `Optimiser(…)`.
public final class Scheduler<Sched: Schedule, Opt: AbstractOptimiser>: OptimiserContainer {
    /// The step counter per parameter (Julia's `state::IdDict{Any,Int}`), as `Box<Int>`.
    public let state = IdDict()
    /// The schedule.
    public var schedule: Sched
    /// The wrapped rule.
    public let optim: Opt
    /// Sets the scheduled value on the wrapped rule (Julia's `update_func(opt, s)`).
    public let updateFunc: (Opt, Double) -> Void

    /// `Scheduler(schedule, opt, update_func)`: `updateFunc(opt, s(t))` runs before each step;
    /// the trailing-closure form is `Scheduler(schedule, opt) { opt, η in opt.rho = η }`.
    public init(_ schedule: Sched, _ opt: Opt, _ updateFunc: @escaping (Opt, Double) -> Void) {
        self.schedule = schedule
        self.optim = opt
        self.updateFunc = updateFunc
    }

    /// `Scheduler(schedule, opt)`: schedules the learning rate, `opt.eta = s(t)`.
    public convenience init(_ schedule: Sched, _ opt: Opt) where Opt: HasLearningRate {
        self.init(schedule, opt) { opt, η in opt.eta = η }
    }

    /// The wrapped rule, ``optim``.
    public var members: [any AbstractOptimiser] { [optim] }

    /// The step the next update of `x` will use (Julia `o.state[x]`), or `nil` if `x` has not been
    /// updated yet.
    public func counter<K: TensorProtocol>(for x: K) -> Int? {
        state.value(for: x, as: Box<Int>.self)?.value
    }

    /// Reads and advances `x`'s counter, then gives the schedule's value to `updateFunc`.
    func advance<S: TensorScalar>(_ x: Tensor<S>) {
        let counter = state.get(x, default: Box(1))
        let t = counter.value
        counter.value = t + 1
        updateFunc(optim, schedule(t))
    }

    /// Sets the scheduled value for `x`'s step, then the wrapped rule's step (Flux `apply!`).
    public func apply<S: TensorScalar>(_ x: Tensor<S>, _ Δ: Tensor<S>) -> Tensor<S> {
        advance(x)
        return optim.apply(x, Δ)
    }

    /// Sets the scheduled value for `x`'s step, then the wrapped rule's (fused) update.
    public func update<S: TensorScalar>(_ x: Tensor<S>, _ x̄: Tensor<S>) {
        advance(x)
        optim.update(x, x̄)
    }
}
