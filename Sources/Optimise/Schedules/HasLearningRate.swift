/// A rule with a learning rate `eta` that may be changed between updates: what ``Scheduler``'s
/// default update function sets (`opt.eta = s(t)`).
///
/// Adopted by every rule for which ParameterSchedulers defines the default: `Descent`,
/// `Momentum`, `Nesterov`, `RMSProp`, `AdaGrad` and the Adam family (`Adam`, `RAdam`, `AdaMax`,
/// `OAdam`, `AMSGrad`, `NAdam`, `AdaBelief`). `AdaDelta` has no learning rate; `ExpDecay` changes
/// its own; for those, and for chains, give `Scheduler` an update function.
public protocol HasLearningRate: AbstractOptimiser {
    /// The learning rate η.
    var eta: Double { get set }
}

// The rules ParameterSchedulers' `Scheduler(schedule, opt)` default covers (all have `eta`).
extension Descent: HasLearningRate {}
extension Momentum: HasLearningRate {}
extension Nesterov: HasLearningRate {}
extension RMSProp: HasLearningRate {}
extension AdaGrad: HasLearningRate {}
extension Adam: HasLearningRate {}
extension RAdam: HasLearningRate {}
extension AdaMax: HasLearningRate {}
extension OAdam: HasLearningRate {}
extension AMSGrad: HasLearningRate {}
extension NAdam: HasLearningRate {}
extension AdaBelief: HasLearningRate {}
