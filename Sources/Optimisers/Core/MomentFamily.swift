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

/// The defaults and the kernel of one Adam-family rule; ``MomentFamily`` supplies the rest.
public protocol MomentKernel: Sendable {
    /// The rule's name, for printing.
    static var name: String { get }
    /// Optimisers.jl's defaults (η, β, ϵ).
    static var defaults: (eta: Double, beta: (Double, Double), epsilon: Double) { get }
    /// The value the moment buffers start at, given ϵ (0 unless the rule says otherwise).
    static func initialMoment(epsilon: Double) -> Double
    /// Whether the rule keeps a third buffer.
    static var keepsThirdBuffer: Bool { get }
    /// Advances `state` and gives each element's step to `sink`.
    static func step<T: TensorScalar>(_ state: MomentState<T>, _ dx: Tensor<T>, eta: Double, beta: (Double, Double),
                                      epsilon: Double, into sink: WriteStep<T>)
}

extension MomentKernel {
    /// Zero.
    public static func initialMoment(epsilon: Double) -> Double { 0 }
    /// No third buffer.
    public static var keepsThirdBuffer: Bool { false }
}

/// An Adam-family rule (`Adam`, `RAdam`, `AdaMax`, `OAdam`, `AMSGrad`, `NAdam`, `AdaBelief` are
/// aliases of it): hyper-parameters η, β, ϵ with the kernel's defaults, moment buffers as state.
public struct MomentFamily<Kernel: MomentKernel>: MomentFamilyRule, CustomStringConvertible {
    /// Learning rate η.
    public var eta: Double
    /// Moment decays (β1, β2).
    public var beta: (Double, Double)
    /// ϵ.
    public var epsilon: Double

    /// `Rule(η, β, ϵ)` with Optimisers.jl's defaults for the rule.
    public init(_ eta: Double = Kernel.defaults.eta, _ beta: (Double, Double) = Kernel.defaults.beta,
                _ epsilon: Double = Kernel.defaults.epsilon) {
        requireLearningRate(eta, Kernel.name)
        checkBeta(beta, Kernel.name)
        self.eta = eta
        self.beta = beta
        self.epsilon = epsilon
    }

    /// `Rule(eta:beta:epsilon:)`.
    public init(eta: Double = Kernel.defaults.eta, beta: (Double, Double) = Kernel.defaults.beta,
                epsilon: Double = Kernel.defaults.epsilon) {
        self.init(eta, beta, epsilon)
    }

    /// The kernel's starting value.
    public func initialMoment<T: TensorScalar>(_ type: T.Type) -> T { T(Kernel.initialMoment(epsilon: epsilon)) }

    /// The kernel's choice.
    public var keepsThirdBuffer: Bool { Kernel.keepsThirdBuffer }

    /// Runs the kernel.
    public func step<T: TensorScalar>(_ state: MomentState<T>, _ x: Tensor<T>, _ dx: Tensor<T>, into sink: WriteStep<T>) {
        Kernel.step(state, dx, eta: eta, beta: beta, epsilon: epsilon, into: sink)
    }

    /// `Adam(eta: 0.001, beta: (0.9, 0.999), epsilon: 1e-08)`.
    public var description: String { "\(Kernel.name)(eta: \(eta), beta: \(beta), epsilon: \(epsilon))" }
}
