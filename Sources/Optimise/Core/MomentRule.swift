import Tensors

/// The hyper-parameters and state shared by the Adam family (Adam, RAdam, AdaMax, OAdam,
/// AMSGrad, NAdam, AdaBelief): learning rate `eta`, decays `beta = (β1, β2)`, `epsilon`, and the
/// per-parameter moments in ``state``. Each rule is a final subclass that adds its defaults and
/// its kernel; this class cannot be subclassed outside the module.
public class MomentRule {
    /// Learning rate η.
    public var eta: Double
    /// Decays (β1, β2) of the first and second moments, each in [0, 1].
    public var beta: (Double, Double) { didSet { checkBeta(beta, ruleName) } }
    /// ϵ (where and how it enters is the rule's; see its documentation).
    public var epsilon: Double
    /// The moments per parameter, keyed by identity.
    public let state = IdDict()
    /// The rule's name, for precondition messages.
    let ruleName: String
    /// Whether the rule keeps a third per-parameter array in its ``MomentState`` (AMSGrad's
    /// running maximum, OAdam's previous step); checkpoints check stored state against it.
    class var keepsThirdMoment: Bool { false }

    /// Stores the hyper-parameters after checking that both decays are in [0, 1].
    init(_ eta: Double, _ beta: (Double, Double), _ epsilon: Double, ruleName: String) {
        checkBeta(beta, ruleName)
        self.eta = eta
        self.beta = beta
        self.epsilon = epsilon
        self.ruleName = ruleName
    }
}

/// Stops unless both decays are in [0, 1], naming the rule.
@inlinable public func checkBeta(_ beta: (Double, Double), _ rule: String) {
    requireUnitInterval(beta.0, "\(rule) β1")
    requireUnitInterval(beta.1, "\(rule) β2")
}
