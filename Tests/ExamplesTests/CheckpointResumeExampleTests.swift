import Foundation
import Testing

/// Stop, save, and resume in a new process: bit-identical to a run that never stopped, for every
/// rule, composite and scheduler the example offers.
@Suite("Examples: checkpoint-resume")
struct CheckpointResumeExampleTests {
    static let rules = ["Descent", "Momentum", "Nesterov", "RMSProp", "Adam", "RAdam", "AdaMax", "OAdam", "AdaGrad",
                        "AdaDelta", "AMSGrad", "NAdam", "AdaBelief", "AdamW", "ExpDecay", "InvDecay", "WeightDecay",
                        "SignDecay", "ClipValue", "ClipNorm", "GuardFinite", "Scheduler", "SchedulerChain"]

    /// The lines that describe the trained model: the loss and every parameter's bit patterns.
    static func result(_ run: ExampleRun) -> [Substring] {
        run.lines.filter { $0.hasPrefix("loss:") || $0.hasPrefix("parameter ") }
    }

    @Test func theExampleOffersEveryRule() throws {
        let run = try ExampleRun.run("checkpoint-resume", ["--list"])
        #expect(run.status == 0)
        #expect(run.lines.map(String.init) == Self.rules)
    }

    @Test(arguments: rules)
    func resumingInANewProcessIsBitIdentical(_ rule: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("run.ckpt").path
        let straight = try ExampleRun.run("checkpoint-resume", ["--rule", rule, "--steps", "30"])
        let first = try ExampleRun.run("checkpoint-resume", ["--rule", rule, "--steps", "30", "--stop", "13", "--save", path])
        let second = try ExampleRun.run("checkpoint-resume", ["--rule", rule, "--steps", "30", "--resume", path, "--from", "13"])
        for run in [straight, first, second] { #expect(run.status == 0, "\(run.output)") }
        #expect(first.output.contains("saved \(path) after step 13"))
        #expect(second.output.contains("resumed from \(path) after step 13"))
        let expected = Self.result(straight)
        #expect(expected.count == 4, "\(straight.output)")
        #expect(Self.result(second) == expected, "\(rule): resumed run differs from the uninterrupted one")
        #expect(Self.result(first) != expected, "\(rule): the first half alone is not the whole run")
    }

    /// Resuming from the checkpoint of another step count, or into another optimiser, does not
    /// pass for the uninterrupted run: the comparison above can fail.
    @Test func aMismatchedResumeIsCaught() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("run.ckpt").path
        let straight = try ExampleRun.run("checkpoint-resume", ["--rule", "Adam", "--steps", "30"])
        _ = try ExampleRun.run("checkpoint-resume", ["--rule", "Adam", "--steps", "30", "--stop", "12", "--save", path])
        let offByOne = try ExampleRun.run("checkpoint-resume", ["--rule", "Adam", "--steps", "30", "--resume", path, "--from", "13"])
        #expect(offByOne.status == 0)
        #expect(Self.result(offByOne) != Self.result(straight))

        let wrongRule = try ExampleRun.run("checkpoint-resume", ["--rule", "Momentum", "--steps", "30", "--resume", path, "--from", "12"])
        #expect(wrongRule.status == 1)
        #expect(wrongRule.output.contains("optimiser (Momentum): the checkpoint holds Adam state here but the optimiser is Momentum"),
                "\(wrongRule.output)")
    }

    @Test func badArgumentsExitWithStatus2() throws {
        let run = try ExampleRun.run("checkpoint-resume", ["--rule", "Adamm"])
        #expect(run.status == 2)
        #expect(run.output.contains("--rule"))
        let unpaired = try ExampleRun.run("checkpoint-resume", ["--stop", "3"])
        #expect(unpaired.status == 2)
    }
}
