import Foundation
import Testing

/// The digits example trains, reaches a useful accuracy in three epochs and draws its curves.
@Suite("Examples: digits")
struct DigitsExampleTests {
    @Test("digits --quick: accuracy rises past 80% in three epochs and both charts are well-formed SVG")
    func quickRun() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try ExampleRun.run("digits", ["--quick", "--output", directory.path])
        #expect(run.status == 0, "\(run.output)")
        let accuracies = run.numbers(after: "test accuracy")
        // Three epochs plus the final line; ten classes, so chance is 10%.
        try #require(accuracies.count == 4, "\(run.output)")
        #expect(accuracies[2] > 80, "accuracy after three epochs: \(accuracies[2])%")
        let losses = run.numbers(after: "loss")
        #expect(zip(losses, losses.dropFirst()).allSatisfy { $0 > $1 }, "training loss should fall every epoch: \(losses)")
        for file in ["digits-loss.svg", "digits-accuracy.svg"] {
            let path = directory.appendingPathComponent(file).path
            #expect(run.output.contains("wrote \(path)"))
            let svg = try SVGCheck(path: path)
            #expect(svg.isWellFormedSVG, "\(file): \(svg.error ?? "root \(svg.root ?? "none")")")
            #expect(svg.counts["polyline", default: 0] >= 1, "\(file) draws no curve")
        }
        #expect(try SVGCheck(path: directory.appendingPathComponent("digits-accuracy.svg").path)
            .texts.contains("Digits: test accuracy"))
    }

    @Test("digits rejects a bad option with a message and exit status 2, writing nothing")
    func badOption() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try ExampleRun.run("digits", ["--epochs", "zero", "--output", directory.path])
        #expect(run.status == 2)
        #expect(run.output.contains("--epochs expects a positive integer, got zero"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test("digits refuses a missing output directory before training, with exit status 2")
    func missingOutputDirectory() throws {
        let run = try ExampleRun.run("digits", ["--quick", "--output", "/nonexistent/flux-digits"])
        #expect(run.status == 2)
        #expect(run.output.contains("--output /nonexistent/flux-digits is not a directory"))
        #expect(!run.lines.contains { $0.hasPrefix("epoch ") }, "no training should start")
    }
}
