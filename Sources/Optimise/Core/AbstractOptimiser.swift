import Tensors

/// A Flux optimisation rule (Flux's `AbstractOptimiser`): an object holding hyper-parameters and
/// per-parameter state, which turns a gradient into the step subtracted from a parameter.
///
/// Conform with a `final class` and implement ``apply(_:_:)``; ``update(_:_:)`` has a default
/// (copy the gradient, `x .-= apply(x, copy)`) that built-in rules replace with one fused pass.
///
/// ```swift
/// final class DecayDescent: AbstractOptimiser {
///     var eta: Double
///     let counts = IdDict()
///     init(_ eta: Double = 0.1) { self.eta = eta }
///     func apply<S: TensorScalar>(_ x: Tensor<S>, _ Δ: Tensor<S>) -> Tensor<S> {
///         let n = counts.get(x, default: Box(1))
///         defer { n.value += 1 }
///         Δ .*= S(eta / Double(n.value).squareRoot())
///         return Δ
///     }
/// }
/// ```
public protocol AbstractOptimiser: AnyObject {
    /// The step for parameter `x` with gradient `Δ` (Flux's `apply!`): advances this rule's state
    /// for `x` and returns the array to subtract from `x`. It may overwrite `Δ` and return it;
    /// it never changes `x`. `Δ` has `x`'s shape.
    func apply<S: TensorScalar>(_ x: Tensor<S>, _ Δ: Tensor<S>) -> Tensor<S>

    /// `x .-= step`, where step is what ``apply(_:_:)`` would return for a copy of `x̄`; `x̄` itself
    /// is never changed. `x̄` has `x`'s shape.
    func update<S: TensorScalar>(_ x: Tensor<S>, _ x̄: Tensor<S>)

    /// The first ``GuardFinite`` this optimiser is or contains (chains and schedulers searched
    /// depth first), which `update` consults before any rule runs. Defaults to `nil` for a rule and
    /// to a search of ``OptimiserContainer/members`` for a container.
    var finiteGuard: GuardFinite? { get }
}

extension AbstractOptimiser {
    /// A rule holds no guard.
    public var finiteGuard: GuardFinite? { nil }
}

extension AbstractOptimiser {
    /// Copies `x̄`, applies the rule to the copy and subtracts the step from `x`.
    public func update<S: TensorScalar>(_ x: Tensor<S>, _ x̄: Tensor<S>) {
        copyApplySubtract(self, x, x̄)
    }
}

/// The generic update: copy `x̄`, apply `opt` to the copy, subtract the step from `x`; dispatches
/// to code specialised for `Float` and `Double`.
func copyApplySubtract<S: TensorScalar>(_ opt: any AbstractOptimiser, _ x: Tensor<S>, _ x̄: Tensor<S>) {
    if let x = x.specialised(as: Float.self), let x̄ = x̄.specialised(as: Float.self) {
        copyApplySubtractTyped(opt, x, x̄)
    } else if let x = x.specialised(as: Double.self), let x̄ = x̄.specialised(as: Double.self) {
        copyApplySubtractTyped(opt, x, x̄)
    } else {
        copyApplySubtractTyped(opt, x, x̄)
    }
}

/// ``copyApplySubtract(_:_:_:)`` for a known element type.
@inline(__always)
func copyApplySubtractTyped<S: TensorScalar>(_ opt: any AbstractOptimiser, _ x: Tensor<S>, _ x̄: Tensor<S>) {
    subtractStep(x, opt.apply(x, x̄.copy()))
}

/// `x .-= step` for equal shapes, over raw buffers (split across threads for a large tensor).
@inlinable public func subtractStep<S>(_ x: Tensor<S>, _ step: Tensor<S>) {
    let xp = x.pointer, sp = step.pointer
    forEachChunk(x.count) { range in for i in range { xp[i] -= sp[i] } }
}
