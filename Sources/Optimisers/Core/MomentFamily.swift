import Optimise
import Tensors

/// What the Adam family shares (Adam, RAdam, AdaMax, OAdam, AMSGrad, NAdam, AdaBelief, AdamW):
/// hyper-parameters `eta`, `beta`, `epsilon`, moment buffers as state, and `adjust`. Each rule
/// adds its defaults and its kernel, ``step(_:_:_:into:)``.
public protocol MomentFamilyRule: AbstractRule where State == AnyObject {
    /// Learning rate η.
    var eta: Double { get set }
    /// Moment decays (β1, β2).
    var beta: (Double, Double) { get set }
    /// ϵ.
    var epsilon: Double { get set }
    /// The value the moment buffers start at (0; AMSGrad starts at ϵ).
    func initialMoment<T: TensorScalar>(_ type: T.Type) -> T
    /// Whether the rule keeps a third buffer (AMSGrad's `v̂`, OAdam's previous step).
    var keepsThirdBuffer: Bool { get }
    /// Advances `state` and gives each element's step to `sink`.
    func step<T: TensorScalar>(_ state: MomentState<T>, _ x: Tensor<T>, _ dx: Tensor<T>, into sink: WriteStep<T>)
}

extension MomentFamilyRule {
    /// Zero.
    public func initialMoment<T: TensorScalar>(_ type: T.Type) -> T { 0 }
    /// No third buffer.
    public var keepsThirdBuffer: Bool { false }

    /// Moment buffers like `x` and the running powers `β`.
    public func `init`<T: TensorScalar>(_ x: Tensor<T>) -> AnyObject {
        freshMoments(x, beta, initial: initialMoment(T.self), third: keepsThirdBuffer)
    }

    /// Runs the rule's kernel, writing the step over `dx`.
    public func apply<T: TensorScalar>(_ state: AnyObject, _ x: Tensor<T>, _ dx: Tensor<T>) -> (AnyObject, Tensor<T>?) {
        let moments = typedMoments(state, T.self)
        return (moments, overwriting(dx) { step(moments, x, dx, into: $0) })
    }

    /// Changes `eta`, `beta` and `epsilon`.
    public func adjusted(_ changes: Adjustment) -> Self {
        var rule = self
        changes.apply(changes.eta, to: &rule.eta)
        changes.apply(changes.beta, to: &rule.beta)
        changes.apply(changes.epsilon, to: &rule.epsilon)
        return rule
    }
}
