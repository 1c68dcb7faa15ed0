import Tensors

/// What ``GuardFinite`` does with an update whose gradients hold `NaN` or `±Inf`.
public enum NonFinitePolicy: Sendable, Equatable {
    /// `update` throws ``UpdateError/nonFiniteGradient(position:nonFinite:count:)`` and changes nothing.
    case `throw`
    /// `update` returns without changing anything (parameters, every rule's state) and counts the
    /// skipped step in ``GuardFinite/skippedSteps``.
    case skip
}

/// A chain member that refuses gradients holding `NaN` or `±Inf`:
/// `Optimiser(GuardFinite(), Adam())` throws, `Optimiser(GuardFinite(.skip), Adam())` skips the
/// whole step, before any rule's state or any parameter changes.
///
/// Flux has no such rule; it complements `train`'s check of the loss (a `NaN` or infinite loss
/// throws `NonFiniteLossError` before that update), which cannot see a finite loss with a
/// non-finite gradient (an overflow in the backward pass, `sqrt` at 0, …).
///
/// The check runs in `update(opt, ps, gs)`, `update(opt, x, x̄)` and `apply(opt, x, Δ)` — and so in
/// `train` — on the gradients as they arrive, before the first member runs, wherever the guard
/// sits in the chain (nested `Optimiser`s and `Scheduler`s included): one non-finite element in
/// any gradient stops the whole step, for every parameter. Inside the chain the guard passes the
/// gradient on unchanged, so with finite gradients `Optimiser(GuardFinite(), rule)` takes exactly
/// the steps of `rule`. A guard's own `apply`, called directly rather than through these
/// functions, checks nothing.
///
/// ```swift
/// let opt = Optimiser(GuardFinite(.skip), Adam())
/// try update(opt, θ, gs)        // a NaN anywhere in gs: nothing moves, opt.member(0, …).skippedSteps += 1
/// ```
public final class GuardFinite: AbstractOptimiser {
    /// Whether a non-finite gradient throws or skips the step.
    public var policy: NonFinitePolicy
    /// The number of steps skipped so far under ``NonFinitePolicy/skip``.
    public internal(set) var skippedSteps = 0

    /// A guard with the given policy (default: throw).
    public init(_ policy: NonFinitePolicy = .throw) { self.policy = policy }

    /// This guard.
    public var finiteGuard: GuardFinite? { self }

    /// Passes `Δ` on unchanged: the check happens before the chain runs.
    public func apply<S: TensorScalar>(_ x: Tensor<S>, _ Δ: Tensor<S>) -> Tensor<S> { Δ }

    /// Applies the policy to a gradient found non-finite: the error to throw, or `nil` after
    /// counting a skipped step.
    func refusal(position: Int?, nonFinite: Int, count: Int) -> UpdateError? {
        switch policy {
        case .throw: return .nonFiniteGradient(position: position, nonFinite: nonFinite, count: count)
        case .skip:
            skippedSteps += 1
            return nil
        }
    }
}

/// An optimiser built from other optimisers (an `Optimiser` chain, a `Scheduler`), so that
/// `update` can find a ``GuardFinite`` anywhere inside it.
public protocol OptimiserContainer: AbstractOptimiser {
    /// The optimisers this one runs, in order.
    var members: [any AbstractOptimiser] { get }
}

extension OptimiserContainer {
    /// The first guard among the members, searched depth first.
    public var finiteGuard: GuardFinite? {
        for member in members {
            if let found = member.finiteGuard { return found }
        }
        return nil
    }
}

/// The number of `NaN` and `±Inf` elements of `g`.
func nonFiniteCount(_ g: any TensorProtocol) -> Int {
    visit(g, with: NonFiniteCounting())
}

/// Counts non-finite elements with the element type known.
struct NonFiniteCounting: TensorVisitor {
    func visit<S: TensorScalar>(_ g: Tensor<S>) -> Int {
        g.withUnsafeBufferPointer { gp in
            var n = 0
            for v in gp where !v.isFinite { n += 1 }
            return n
        }
    }
}
