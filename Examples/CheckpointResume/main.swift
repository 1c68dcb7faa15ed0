// Checkpoint and resume: train a small model with one optimiser, stop after some steps, save a
// checkpoint, and carry on in a new process from that checkpoint. The parameters printed at the
// end are bit for bit those of a run that never stopped (the ExamplesTests run this for every
// rule and composite).
//
//   checkpoint-resume --rule Adam --steps 40                                 uninterrupted
//   checkpoint-resume --rule Adam --steps 40 --stop 17 --save run.ckpt       first half
//   checkpoint-resume --rule Adam --steps 40 --resume run.ckpt --from 17     second half
//   checkpoint-resume --list                                                 the rule names

import ExampleSupport
import Flux
import Foundation

/// The optimisers the example can train with, by name: every Flux.Optimise rule, the composites
/// in chains, and schedulers.
let rules: [(name: String, make: () -> any AbstractOptimiser)] = [
    ("Descent", { Descent(0.05) }),
    ("Momentum", { Momentum(0.01, 0.9) }),
    ("Nesterov", { Nesterov(0.01, 0.9) }),
    ("RMSProp", { RMSProp(0.005) }),
    ("Adam", { ADAM(0.01) }),
    ("RAdam", { RADAM(0.01) }),
    ("AdaMax", { AdaMax(0.01) }),
    ("OAdam", { OADAM(0.01) }),
    ("AdaGrad", { ADAGrad(0.05) }),
    ("AdaDelta", { ADADelta(0.9) }),
    ("AMSGrad", { AMSGrad(0.01) }),
    ("NAdam", { NADAM(0.01) }),
    ("AdaBelief", { AdaBelief(0.01) }),
    ("AdamW", { ADAMW(0.01, (0.9, 0.999), 0.01) }),
    ("ExpDecay", { Optimiser(Adam(0.01), ExpDecay(1.0, 0.5, 5, 1e-3)) }),
    ("InvDecay", { Optimiser(InvDecay(0.1), Descent(0.05)) }),
    ("WeightDecay", { Optimiser(WeightDecay(0.01), Momentum(0.01)) }),
    ("SignDecay", { Optimiser(SignDecay(0.001), Descent(0.05)) }),
    ("ClipValue", { Optimiser(ClipValue(0.05), Adam(0.01)) }),
    ("ClipNorm", { Optimiser(ClipNorm(0.5), RMSProp(0.005)) }),
    ("GuardFinite", { Optimiser(GuardFinite(.skip), NAdam(0.01)) }),
    ("Scheduler", { Scheduler(Exp(start: 0.05, decay: 0.9), Momentum(0.01)) }),
    ("SchedulerChain", { Optimiser(ClipNorm(1.0), Scheduler(CosAnneal(l0: 0.01, l1: 0.001, period: 7), Adam())) }),
]

let ruleOption = ExampleOption("--rule", valueName: "NAME", help: "the optimiser (see --list)")
let stepsOption = ExampleOption("--steps", valueName: "N", help: "train up to step N (default 40)")
let stopOption = ExampleOption("--stop", valueName: "K", help: "stop after step K and save (needs --save)")
let saveOption = ExampleOption("--save", valueName: "FILE", help: "where --stop writes the checkpoint")
let resumeOption = ExampleOption("--resume", valueName: "FILE", help: "load this checkpoint first (needs --from)")
let fromOption = ExampleOption("--from", valueName: "K", help: "the step the checkpoint was saved after")
let extraOptions = [ruleOption, stepsOption, stopOption, saveOption, resumeOption, fromOption]

if CommandLine.arguments.dropFirst().first == "--list" {
    print(rules.map(\.name).joined(separator: "\n"))
    exit(0)
}

/// The run the command line asks for.
struct Plan {
    let rule: String, steps: Int, first: Int, last: Int
    let save: String?, resume: String?
}

@MainActor func plan() throws -> Plan {
    let options = try ExampleOptions(parsing: Array(CommandLine.arguments.dropFirst()), extraOptions: extraOptions)
    if options.help {
        print(ExampleOptions.usage(program: "checkpoint-resume", summary: "Trains, checkpoints and resumes exactly.", extraOptions: extraOptions))
        exit(0)
    }
    let rule = try options.value(of: ruleOption, as: String.self) ?? "Adam"
    guard rules.contains(where: { $0.name == rule }) else {
        throw ExampleOptionsError.invalidValue(flag: "--rule", value: rule, expected: "one of \(rules.map(\.name).joined(separator: ", "))")
    }
    let steps = try options.value(of: stepsOption, as: Int.self) ?? 40
    let stop = try options.value(of: stopOption, as: Int.self)
    let from = try options.value(of: fromOption, as: Int.self)
    let save = options.values[saveOption.flag], resume = options.values[resumeOption.flag]
    guard (stop == nil) == (save == nil), (from == nil) == (resume == nil) else {
        throw ExampleOptionsError.invalidValue(flag: stop == nil ? "--save" : "--resume", value: save ?? resume ?? "",
                                               expected: "--stop K with --save FILE, and --from K with --resume FILE")
    }
    let first = (from ?? 0) + 1, last = stop ?? steps
    guard steps >= 1, first >= 1, last <= steps, first <= last + 1 else {
        throw ExampleOptionsError.invalidValue(flag: "--steps", value: String(steps), expected: "1 ≤ --from < --stop ≤ --steps")
    }
    return Plan(rule: rule, steps: steps, first: first, last: last, save: save, resume: resume)
}

let run: Plan
do { run = try plan() } catch {
    print("checkpoint-resume: \(error)")
    exit(2)
}

// The model: a Float64 layer y = tanh(W x .+ b) and a Float32 matrix V fitted separately, so the
// checkpoint holds parameters of both element types. The same seed gives the same start in every
// process.
seed(7)
let W = randn(3, 4), b = zeros(3)
let V = Tensor<Float>(randn(2, 2))
let ps = Params([W, b, V])
let opt = rules.first { $0.name == run.rule }!.make()

if let path = run.resume {
    do { try loadCheckpoint(path, ps, opt) } catch {
        print("checkpoint-resume: cannot resume: \(error)")
        exit(1)
    }
    print("resumed from \(path) after step \(run.first - 1)")
}

for t in run.first...max(run.first, run.last) where t <= run.last {
    seed(UInt64(1000 + t))                          // the data of step t, whatever process runs it
    let x = randn(4, 8), y = randn(3, 8)
    let u = Tensor<Float>(randn(2, 5)), target = Tensor<Float>(randn(2, 5))
    let gs = gradient(Params([W, b])) { Flux.Losses.mse(tanh(W * x .+ b), y) }
    let gv = gradient(Params([V])) { Flux.Losses.mse(V * u, target) }
    if run.rule == "GuardFinite" && t % 9 == 0 {
        let g: Tensor<Double> = gs[W]!
        g[0, 0] = .nan                              // a bad step for GuardFinite to skip (and count)
    }
    do {
        try update(opt, ps, gs)
        try update(opt, ps, gv)
    } catch {
        print("checkpoint-resume: step \(t): \(error)")
        exit(1)
    }
}

if let path = run.save {
    do { try saveCheckpoint(path, ps, opt) } catch {
        print("checkpoint-resume: \(error)")
        exit(1)
    }
    print("saved \(path) after step \(run.last)")
}

/// Every element's bit pattern, in hexadecimal, so two runs can be compared exactly.
func bits(_ p: any TensorProtocol) -> String {
    if let t = p as? Tensor<Double> { return t.scalars.map { String($0.bitPattern, radix: 16) }.joined(separator: " ") }
    if let t = p as? Tensor<Float> { return t.scalars.map { String($0.bitPattern, radix: 16) }.joined(separator: " ") }
    return "?"
}

print("rule: \(run.rule), steps \(run.first)–\(run.last)")
print("loss: \(Flux.Losses.mse(tanh(W * randn(4, 8) .+ b), zeros(3, 8)).item)")
for (i, p) in ps.enumerated() { print("parameter \(i): \(bits(p))") }
