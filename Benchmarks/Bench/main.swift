// FluxOptimise benchmarks. Run in release: swift run -c release bench [section…] [--quick]
import Foundation
// Sections: matmul, elementwise, autodiff, training, rules (default: all). --json FILE writes the
// rules section's cells as JSON lines too; --only NAME (repeatable) limits it to those rules. `bench allocations --steps N` only runs N Adam updates,
// for counting heap allocations under valgrind's dhat.
var arguments = Array(CommandLine.arguments.dropFirst())
var jsonPath: String?
if let flag = arguments.firstIndex(of: "--json") {
    guard flag + 1 < arguments.count else {
        print("usage: bench … --json FILE (the rules section's cells as JSON lines)")
        exit(2)
    }
    jsonPath = arguments[flag + 1]
    arguments.removeSubrange(flag...(flag + 1))
}
if arguments.first == "allocations" {
    let steps = arguments.count == 3 && arguments[1] == "--steps" ? Int(arguments[2]) : nil
    guard let steps, steps >= 0 else {
        print("usage: bench allocations --steps N")
        exit(2)
    }
    runUpdatesForAllocationCount(steps: steps)
    exit(0)
}
var onlyRules: [String] = []
while let flag = arguments.firstIndex(of: "--only"), flag + 1 < arguments.count {
    onlyRules.append(arguments[flag + 1])
    arguments.removeSubrange(flag...(flag + 1))
}
let quick = arguments.contains("--quick")
let known = ["matmul", "elementwise", "autodiff", "training", "rules"]
let unknown = arguments.filter { $0 != "--quick" && !known.contains($0) }
if !unknown.isEmpty {
    print("usage: bench [matmul] [elementwise] [autodiff] [training] [rules] [--quick] [--json FILE] [--only RULE …]\nunknown argument(s): \(unknown.joined(separator: " "))")
    exit(2)
}
let sections = arguments.filter { known.contains($0) }
let selected = sections.isEmpty ? known : sections
let budget = quick ? 0.05 : 0.5

if selected.contains("matmul") { benchmarkMatmul(budget: budget) }
if selected.contains("elementwise") { benchmarkElementwise(budget: budget) }
if selected.contains("autodiff") { benchmarkSeedLoop(steps: quick ? 10_000 : 100_000) }
if selected.contains("training") { benchmarkTrainingStep(budget: budget) }
if selected.contains("rules") {
    benchmarkRules(sizes: quick ? [100_000, 1_000_000] : [100_000, 1_000_000, 10_000_000], pieces: 100,
                   budget: quick ? 0.02 : 0.2, jsonPath: jsonPath, only: onlyRules)
}
