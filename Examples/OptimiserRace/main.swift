// The optimiser race: every Flux.Optimise rule minimises the Rosenbrock and the Beale function
// from one shared start point per function, each written as a Flux training loop on one
// implicit parameter p = [x, y] (Race.swift: `gradient(() -> f(p), ps)` then `update!`).
//
// Start points: Rosenbrock (−1.5, 2), minimum (1, 1); Beale (1, 1.5), minimum (3, 0.5).
// Budget: 5000 steps per rule and function (300 with --quick, or --steps N).
// Tolerance: a rule "arrives" at the first step after which the loss is below 1e-6.
//
// Learning rates. Each rule races with its Flux defaults except one hyper-parameter, tuned per
// function: from the grid 1, 2, 5 × 10ᵏ between 1e-5 and 0.1, the value that reaches the
// tolerance in the fewest steps, or else leaves the lowest loss after 5000 steps. ADADelta has no
// learning rate and races with its defaults (ρ = 0.9, ϵ = 1e-8). ADAMW gets weight decay 1e-4
// (Flux's default 0 would make it ADAM). The grid stops at 0.1 because the adaptive rules step
// about η per coordinate and larger steps leap across the plot; ADAM, AdaMax, ADAGrad, AdaBelief
// (and AMSGrad, NADAM on Beale) would go faster still above it. Defaults such as η = 0.001
// barely move in 5000 steps.
//
//   rule       constructed as                 Rosenbrock   Beale
//   Descent    Descent(η)                     η = 0.002    η = 0.02
//   Momentum   Momentum(η)                    η = 0.002    η = 0.005
//   Nesterov   Nesterov(η)                    η = 0.001    η = 0.005
//   RMSProp    RMSProp(η)                     η = 0.001    η = 0.001
//   ADAM       ADAM(η)                        η = 0.1      η = 0.1
//   RADAM      RADAM(η)                       η = 0.01     η = 0.02
//   AdaMax     AdaMax(η)                      η = 0.1      η = 0.1
//   ADAGrad    ADAGrad(η)                     η = 0.1      η = 0.1
//   ADADelta   ADADelta(0.9, ϵ)               ϵ = 1e-8     ϵ = 1e-8
//   AMSGrad    AMSGrad(η)                     η = 0.05     η = 0.1
//   NADAM      NADAM(η)                       η = 0.02     η = 0.1
//   ADAMW      ADAMW(η, (0.9, 0.999), 1e-4)   η = 0.05     η = 0.1
//   OADAM      OADAM(η)                       η = 0.001    η = 0.001
//   AdaBelief  AdaBelief(η)                   η = 0.1      η = 0.1
//
// Every rule's loss drops on both functions with these values. RMSProp and OADAM settle into
// a small oscillation whose size grows with η; ADAGrad's steps shrink as its sum of squared
// gradients grows, and ADADelta's start tiny (about √ϵ), so neither arrives in 5000 steps; the
// Adam family's loss spikes now and then near the minimum; RADAM's first four steps are plain
// bias-corrected momentum, which the steep start point turns into long leaps.
//
// Writes race-<function>-contour.svg, race-<function>-loss.svg for each function and
// race-table.md to the output directory, and prints the tables.
//
// Run: swift run -c release optimiser-race [--quick] [--output DIR] [--steps N]
import ExampleSupport
import Flux
import Foundation

/// Prints `message` to standard error, prefixed with the program's name, and exits with `status`.
func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("optimiser-race: \(message)\n".utf8))
    exit(status)
}

let stepsOption = ExampleOption("--steps", valueName: "N", help: "steps per rule and function (default 5000; 300 with --quick)")
let usage = ExampleOptions.usage(
    program: "optimiser-race",
    summary: "Races every Flux.Optimise rule on the Rosenbrock and Beale functions and writes contour and loss plots.",
    extraOptions: [stepsOption])
let options: ExampleOptions
let steps: Int
do {
    options = try ExampleOptions(parsing: Array(CommandLine.arguments.dropFirst()), extraOptions: [stepsOption])
    steps = try options.value(of: stepsOption, as: Int.self) ?? (options.quick ? 300 : 5000)
    guard steps >= 1 else { throw ExampleOptionsError.invalidValue(flag: "--steps", value: String(steps), expected: "a positive integer") }
    if !options.help { try options.requireOutputDirectory() }
} catch {
    fail("\(error)\n\(usage)", status: 2)
}
if options.help {
    print(usage)
    exit(0)
}

let tolerance = 1e-6
let functions = [TestFunction.rosenbrock, TestFunction.beale]
let field = Contestant.field
print("Learning rates (every other hyper-parameter at its Flux default; ADAMW with weight decay 1e-4):\n")
print(learningRateTable(field, functions))

var results: [(function: TestFunction, results: [RaceResult])] = []
var written: [String] = []
do {
    for function in functions {
        let start = Date()
        print("\(function.title), \(steps) steps from (\(function.start.x), \(function.start.y))")
        print("loss before: \(format(function.value(function.start.x, function.start.y)))")
        let runs = try field.map { try race($0, on: function, steps: steps) }
        for run in runs {
            print("  \(run.rule.padding(toLength: 10, withPad: " ", startingAt: 0)) loss after: \(finalLoss(run))")
        }
        print(String(format: "  (%.2f s)\n", Date().timeIntervalSince(start)))
        written += try writeCharts(for: function, runs, options: options)
        results.append((function, runs))
    }
    let table = resultsTable(results, tolerance: tolerance)
    print(table)
    let tablePath = options.outputPath("race-table.md")
    try writeAtomically(table, to: tablePath)
    written.append(tablePath)
} catch {
    fail("\(error)", status: 1)
}
print("wrote:")
written.forEach { print("  \($0)") }
