import Tensors

/// The per-parameter state of the Adam family: moment buffers in the parameter's element type,
/// the running powers `β1^t`, `β2^t` (kept in `Double`, as Flux keeps `βp`), and the step count.
public final class MomentState<S: TensorScalar> {
    /// First moment (or what the rule keeps in its place).
    public let m: Tensor<S>
    /// Second moment (or what the rule keeps in its place).
    public let v: Tensor<S>
    /// A third buffer for rules that need one (AMSGrad's `v̂`, OAdam's previous step).
    public let w: Tensor<S>?
    /// `β1^t` for the coming step `t`.
    public var β1p: Double
    /// `β2^t` for the coming step `t`.
    public var β2p: Double
    /// The 1-based step count (RAdam's `t`).
    public var t: Int = 1

    /// Fresh state for `x`: buffers filled with `initial`, powers starting at `β`.
    public init(like x: Tensor<S>, initial: S = 0, third: Bool = false, beta: (Double, Double)) {
        m = Tensor(shape: x.shape, repeating: initial)
        v = Tensor(shape: x.shape, repeating: initial)
        w = third ? Tensor(shape: x.shape, repeating: initial) : nil
        β1p = beta.0
        β2p = beta.1
    }

    /// Advances the powers and the step count after a step.
    @inlinable public func advance(_ beta: (Double, Double)) {
        β1p *= beta.0
        β2p *= beta.1
        t += 1
    }
}

/// Stops unless `value` is in `[0, 1]`, naming the hyper-parameter.
@inlinable public func requireUnitInterval(_ value: Double, _ name: String) {
    precondition(value >= 0 && value <= 1, "\(name) must be in [0, 1], got \(value)")
}

/// Stops unless `value` is not negative, naming the hyper-parameter.
@inlinable func requireNonNegative(_ value: Double, _ name: String) {
    precondition(value >= 0, "\(name) must be ≥ 0, got \(value)")
}
