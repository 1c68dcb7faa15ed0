import Foundation
import Testing

/// The optimiser race runs every rule on both functions and writes its plots and table.
@Suite("Examples: optimiser-race")
struct OptimiserRaceExampleTests {
    static let rules = ["Descent", "Momentum", "Nesterov", "RMSProp", "ADAM", "RADAM", "AdaMax", "ADAGrad",
                        "ADADelta", "AMSGrad", "NADAM", "ADAMW", "OADAM", "AdaBelief"]

    @Test("optimiser-race --steps 2000: every rule lowers both losses; four well-formed SVGs and the table")
    func race() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try ExampleRun.run("optimiser-race", ["--steps", "2000", "--output", directory.path])
        #expect(run.status == 0, "\(run.output)")

        // Rosenbrock at (−1.5, 2): (1 + 1.5)² + 100 (2 − 2.25)² = 6.25 + 6.25 = 12.5.
        // Beale at (1, 1.5): (1.5 − 1 + 1.5)² + (2.25 − 1 + 2.25)² + (2.625 − 1 + 3.375)² = 4 + 12.25 + 25.
        let before = run.numbers(after: "loss before:")
        try #require(before.count == 2, "\(run.output)")
        #expect(abs(before[0] - 12.5) < 0.05)
        #expect(abs(before[1] - 41.25) < 0.05)
        let after = run.numbers(after: "loss after:")
        try #require(after.count == 2 * Self.rules.count, "\(run.output)")
        for (i, loss) in after.enumerated() {
            let start = before[i / Self.rules.count], rule = Self.rules[i % Self.rules.count]
            #expect(loss.isFinite && loss < start, "\(rule): loss \(loss) from \(start)")
        }

        for function in ["rosenbrock", "beale"] {
            for kind in ["contour", "loss"] {
                let file = "race-\(function)-\(kind).svg"
                let svg = try SVGCheck(path: directory.appendingPathComponent(file).path)
                #expect(svg.isWellFormedSVG, "\(file): \(svg.error ?? "root \(svg.root ?? "none")")")
                #expect(svg.counts["polyline", default: 0] >= Self.rules.count, "\(file): one line per rule")
                for rule in Self.rules { #expect(svg.texts.contains(rule), "\(file): no legend entry for \(rule)") }
            }
        }
        let table = try String(contentsOf: directory.appendingPathComponent("race-table.md"), encoding: .utf8)
        for rule in Self.rules { #expect(table.contains("| \(rule) "), "race-table.md has no row for \(rule)") }
    }

    @Test("optimiser-race refuses an output directory that does not exist, with exit status 2")
    func missingDirectory() throws {
        let run = try ExampleRun.run("optimiser-race", ["--quick", "--output", "/nonexistent/flux-race"])
        #expect(run.status == 2)
        #expect(run.output.contains("/nonexistent/flux-race"))
    }
}
