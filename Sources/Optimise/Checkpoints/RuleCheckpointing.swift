// The fields and state each built-in optimiser stores in a checkpoint. Names follow the Julia
// fields (`eta`, `rho`, `beta1`/`beta2` for the β tuple, `epsilon`, `decay`, `step`…).

extension Descent: Checkpointable {
    public var hyperParameterFields: [HyperParameterField] { [.real("eta", of: self, \.eta)] }
}

extension Momentum: Checkpointable {
    public var hyperParameterFields: [HyperParameterField] {
        [.real("eta", of: self, \.eta), .real("rho", of: self, \.rho, .unitInterval)]
    }
    public var stateDictionaries: [StateDictionary] { [StateDictionary(velocity, holding: .tensor)] }
}

extension Nesterov: Checkpointable {
    public var hyperParameterFields: [HyperParameterField] {
        [.real("eta", of: self, \.eta), .real("rho", of: self, \.rho, .unitInterval)]
    }
    public var stateDictionaries: [StateDictionary] { [StateDictionary(velocity, holding: .tensor)] }
}

extension RMSProp: Checkpointable {
    public var hyperParameterFields: [HyperParameterField] {
        [.real("eta", of: self, \.eta), .real("rho", of: self, \.rho, .unitInterval), .real("epsilon", of: self, \.epsilon)]
    }
    public var stateDictionaries: [StateDictionary] { [StateDictionary(acc, holding: .tensor)] }
}

extension AdaGrad: Checkpointable {
    public var hyperParameterFields: [HyperParameterField] {
        [.real("eta", of: self, \.eta), .real("epsilon", of: self, \.epsilon)]
    }
    public var stateDictionaries: [StateDictionary] { [StateDictionary(acc, holding: .tensor)] }
}

extension AdaDelta: Checkpointable {
    public var hyperParameterFields: [HyperParameterField] {
        [.real("rho", of: self, \.rho, .unitInterval), .real("epsilon", of: self, \.epsilon)]
    }
    public var stateDictionaries: [StateDictionary] { [StateDictionary(state, holding: .moments(withThird: false))] }
}

extension MomentRule {
    /// η, β1, β2 and ϵ, shared by the Adam family.
    public var hyperParameterFields: [HyperParameterField] {
        [.real("eta", of: self, \.eta), .real("beta1", of: self, \.beta.0, .unitInterval),
         .real("beta2", of: self, \.beta.1, .unitInterval), .real("epsilon", of: self, \.epsilon)]
    }
    /// The moments of every parameter.
    public var stateDictionaries: [StateDictionary] { [StateDictionary(state, holding: .moments(withThird: type(of: self).keepsThirdMoment))] }
}

extension Adam: Checkpointable {}
extension RAdam: Checkpointable {}
extension AdaMax: Checkpointable {}
extension OAdam: Checkpointable {}
extension AMSGrad: Checkpointable {}
extension NAdam: Checkpointable {}
extension AdaBelief: Checkpointable {}

extension ExpDecay: Checkpointable {
    public var hyperParameterFields: [HyperParameterField] {
        [.real("eta", of: self, \.eta), .real("decay", of: self, \.decay),
         .integer("step", of: self, \.step, in: 1...Int(1 << 53)), .real("clip", of: self, \.clip),
         .integer("start", of: self, \.start, in: -Int(1 << 53)...Int(1 << 53))]
    }
    public var stateDictionaries: [StateDictionary] { [StateDictionary(current, holding: .counter)] }
}

extension InvDecay: Checkpointable {
    public var hyperParameterFields: [HyperParameterField] { [.real("gamma", of: self, \.gamma, .nonNegative)] }
    public var stateDictionaries: [StateDictionary] { [StateDictionary(state, holding: .counter)] }
}

extension WeightDecay: Checkpointable {
    public var hyperParameterFields: [HyperParameterField] { [.real("wd", of: self, \.wd)] }
}

extension SignDecay: Checkpointable {
    public var hyperParameterFields: [HyperParameterField] { [.single("lambda", of: self, \.lambda)] }
}

extension ClipValue: Checkpointable {
    public var hyperParameterFields: [HyperParameterField] { [.real("thresh", of: self, \.thresh, .nonNegative)] }
}

extension ClipNorm: Checkpointable {
    public var hyperParameterFields: [HyperParameterField] { [.real("thresh", of: self, \.thresh, .nonNegative)] }
}

extension GuardFinite: Checkpointable {
    /// The policy (0 = throw, 1 = skip) and the number of skipped steps.
    public var hyperParameterFields: [HyperParameterField] {
        [HyperParameterField(name: "policy", requirement: .integer(0...1),
                             read: { self.policy == .throw ? 0 : 1 }, write: { self.policy = $0 == 0 ? .throw : .skip }),
         .integer("skippedSteps", of: self, \.skippedSteps, in: 0...Int(1 << 53))]
    }
}

extension Optimiser: Checkpointable {
    /// A chain has no hyper-parameters of its own; its members are stored after it.
    public var hyperParameterFields: [HyperParameterField] { [] }
}

extension Scheduler: Checkpointable {
    /// A scheduler's schedule is part of its kind (`Scheduler<Exp, Descent>`); its position is
    /// the per-parameter step counters in ``stateDictionaries``.
    public var hyperParameterFields: [HyperParameterField] { [] }
    public var stateDictionaries: [StateDictionary] { [StateDictionary(state, holding: .counter)] }
}
