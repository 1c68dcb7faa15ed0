import Optimise

/// The rules that have wide-vector kernels (and read a ClipValue bound in them), by name, with
/// the hyper-parameters the wide-kernel and clipped-chain tests use.
enum WideKernelRules {
    static let names = ["Descent", "Momentum", "Nesterov", "RMSProp", "Adam", "RAdam", "AdaMax", "OAdam", "AdaGrad",
                        "AdaDelta", "AMSGrad", "NAdam", "AdaBelief", "SignDecay"]

    /// A fresh rule of that name.
    static func make(_ name: String) -> any AbstractOptimiser {
        switch name {
        case "Descent": Descent(0.1)
        case "Momentum": Momentum(0.01, 0.9)
        case "Nesterov": Nesterov(0.001, 0.9)
        case "RMSProp": RMSProp(0.001, 0.9)
        case "Adam": Adam(0.001, (0.9, 0.999))
        case "RAdam": RAdam(0.001, (0.9, 0.999))
        case "AdaMax": AdaMax(0.001, (0.9, 0.999))
        case "OAdam": OAdam(0.001, (0.5, 0.9))
        case "AdaGrad": AdaGrad(0.1)
        case "AdaDelta": AdaDelta(0.9)
        case "AMSGrad": AMSGrad(0.001, (0.9, 0.999))
        case "NAdam": NAdam(0.001, (0.9, 0.999))
        case "AdaBelief": AdaBelief(0.001, (0.9, 0.999))
        case "SignDecay": SignDecay(0.05)
        default: preconditionFailure("no wide-kernel rule named \(name)")
        }
    }
}
