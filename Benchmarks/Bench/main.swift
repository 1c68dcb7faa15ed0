// FluxOptimise benchmarks. Run in release: swift run -c release bench [section…] [--quick]
import Foundation
// Sections: matmul, elementwise, autodiff, rules (default: all).
let arguments = Array(CommandLine.arguments.dropFirst())
let quick = arguments.contains("--quick")
let known = ["matmul", "elementwise", "autodiff", "rules"]
let unknown = arguments.filter { $0 != "--quick" && !known.contains($0) }
if !unknown.isEmpty {
    print("usage: bench [matmul] [elementwise] [autodiff] [rules] [--quick]\nunknown argument(s): \(unknown.joined(separator: " "))")
    exit(2)
}
let sections = arguments.filter { known.contains($0) }
let selected = sections.isEmpty ? known : sections
let budget = quick ? 0.05 : 0.5

if selected.contains("matmul") { benchmarkMatmul(budget: budget) }
if selected.contains("elementwise") { benchmarkElementwise(budget: budget) }
if selected.contains("autodiff") { benchmarkSeedLoop(steps: quick ? 10_000 : 100_000) }
if selected.contains("rules") {
    benchmarkRules(total: quick ? 1_000_000 : 10_000_000, pieces: 100, budget: quick ? 0.05 : 0.3)
}
