import Flux

/// The value of the one hyper-parameter a rule races with on each function: its learning rate
/// η, or for ADADelta, which has none, its ϵ.
struct LearningRates {
    let rosenbrock: Double
    let beale: Double
}

/// One rule in the race: its Flux name, how it is constructed from the tuned hyper-parameter,
/// and the tuned values. Every other hyper-parameter is at its Flux default, except ADAMW's
/// weight decay: 1e-4 rather than 0, without which ADAMW is exactly ADAM.
struct Contestant {
    /// The Flux name, e.g. `ADAM`.
    let name: String
    /// The constructor call, with the tuned hyper-parameter written as its symbol: `ADAM(η)`.
    let call: String
    /// The tuned hyper-parameter's value on each function.
    let rates: LearningRates
    /// Builds the rule from the tuned hyper-parameter's value.
    let make: (Double) -> any AbstractOptimiser

    /// Every rule of Flux.Optimise with its hyper-parameter tuned per function: the value from
    /// the grid 1, 2, 5 × 10ᵏ between 1e-5 and 0.1 that reaches the tolerance in the fewest
    /// steps, or else leaves the lowest loss after 5000 steps (see `main.swift`).
    static var field: [Contestant] {
        [
            Contestant(name: "Descent", call: "Descent(η)", rates: LearningRates(rosenbrock: 0.002, beale: 0.02)) { Descent($0) },
            Contestant(name: "Momentum", call: "Momentum(η)", rates: LearningRates(rosenbrock: 0.002, beale: 0.005)) { Momentum($0) },
            Contestant(name: "Nesterov", call: "Nesterov(η)", rates: LearningRates(rosenbrock: 0.001, beale: 0.005)) { Nesterov($0) },
            Contestant(name: "RMSProp", call: "RMSProp(η)", rates: LearningRates(rosenbrock: 0.001, beale: 0.001)) { RMSProp($0) },
            Contestant(name: "ADAM", call: "ADAM(η)", rates: LearningRates(rosenbrock: 0.1, beale: 0.1)) { ADAM($0) },
            Contestant(name: "RADAM", call: "RADAM(η)", rates: LearningRates(rosenbrock: 0.01, beale: 0.02)) { RADAM($0) },
            Contestant(name: "AdaMax", call: "AdaMax(η)", rates: LearningRates(rosenbrock: 0.1, beale: 0.1)) { AdaMax($0) },
            Contestant(name: "ADAGrad", call: "ADAGrad(η)", rates: LearningRates(rosenbrock: 0.1, beale: 0.1)) { ADAGrad($0) },
            Contestant(name: "ADADelta", call: "ADADelta(0.9, ϵ)", rates: LearningRates(rosenbrock: 1e-8, beale: 1e-8)) { ADADelta(0.9, $0) },
            Contestant(name: "AMSGrad", call: "AMSGrad(η)", rates: LearningRates(rosenbrock: 0.05, beale: 0.1)) { AMSGrad($0) },
            Contestant(name: "NADAM", call: "NADAM(η)", rates: LearningRates(rosenbrock: 0.02, beale: 0.1)) { NADAM($0) },
            Contestant(name: "ADAMW", call: "ADAMW(η, (0.9, 0.999), 1e-4)", rates: LearningRates(rosenbrock: 0.05, beale: 0.1)) {
                ADAMW($0, (0.9, 0.999), 1e-4)
            },
            Contestant(name: "OADAM", call: "OADAM(η)", rates: LearningRates(rosenbrock: 0.001, beale: 0.001)) { OADAM($0) },
            Contestant(name: "AdaBelief", call: "AdaBelief(η)", rates: LearningRates(rosenbrock: 0.1, beale: 0.1)) { AdaBelief($0) },
        ]
    }
}
