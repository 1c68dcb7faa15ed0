import Testing

/// The ports of Flux's optimiser guides run to the end and their losses go down.
@Suite("Examples: Flux optimiser guides")
struct FluxGuideExampleTests {
    @Test("linear-regression: each update lowers the loss")
    func linearRegression() throws {
        let run = try ExampleRun.run("linear-regression")
        #expect(run.status == 0, "\(run.output)")
        let losses = ["loss before:", "loss after plain update:", "loss after Descent(0.1):",
                      "loss after 100 ADAM(0.01) steps:"].compactMap(run.number(after:))
        try #require(losses.count == 4, "missing a loss line in:\n\(run.output)")
        // The seed says the first loss is "~ 3" for rand(5), rand(2) data: sum of two squares of
        // differences of numbers in [0, 1] plus a sum of five, so it lies between 0 and 2·6² = 72.
        #expect(losses[0] > 0 && losses[0] < 72)
        #expect(zip(losses, losses.dropFirst()).allSatisfy { $0 > $1 }, "losses \(losses)")
    }

    @Test("optimise-guide --quick: every rule lowers the loss; the 10×10 loop starts near 9")
    func optimiseGuide() throws {
        let run = try ExampleRun.run("optimise-guide", ["--quick"])
        #expect(run.status == 0, "\(run.output)")
        let before = run.numbers(after: "loss before:")
        let after = run.numbers(after: "steps:")
        // 28 reference constructors, the custom Momentum, five chains, the 10×10 loop, update!.
        #expect(run.lines.filter { $0.hasPrefix("opt = ") }.count == 29)
        #expect(before.count == 36, "\(run.output)")
        #expect(after.count == 35, "\(run.output)")
        for (b, a) in zip(before, after) { #expect(a < b, "loss rose from \(b) to \(a)") }
        // The docs' 10×10 problem: mse(w * x, w1 * x) for two randn(10, 10) and x = rand(10) has
        // expectation Σ|w - w1|² E[x²]/10 ≈ 2·100·(1/3)/10 ≈ 6.7, "around 9" in the docs.
        let tenByTen = try #require(run.number(after: "## Composing optimisers: Optimiser(ExpDecay(0.001, 0.1, 1000, 1e-4), Descent())\nloss before:"))
        #expect(tenByTen > 1 && tenByTen < 30)
        // The custom Momentum and the built-in one are the same rule, so they end at the same loss.
        let customLine = try #require(run.lines.first { $0.contains("# custom") })
        let custom = try #require(ExampleRun(status: 0, output: String(customLine)).number(after: "steps:"))
        let builtin = try #require(run.number(after: "Optimise.Momentum(0.01, 0.9) ends at"))
        #expect(custom == builtin)
    }

    @Test("tracker-era: sgd() lowers the loss and every closure optimiser trains")
    func trackerEra() throws {
        let run = try ExampleRun.run("tracker-era")
        #expect(run.status == 0, "\(run.output)")
        let before = try #require(run.number(after: "loss before:"))
        let afterSGD = try #require(run.number(after: "loss after sgd():"))
        #expect(afterSGD < before)
        let raced = run.numbers(after: "loss after 20 steps:")
        #expect(raced.count == 4)
        #expect(raced.allSatisfy { $0 < before }, "\(raced) vs \(before)")
        #expect(run.output.contains("m(rand(10)) sums to 1.0"), "softmax output should sum to 1")
    }

    @Test("schedules: the scheduled loops train and Cos repeats with period 10")
    func schedules() throws {
        let run = try ExampleRun.run("schedules")
        #expect(run.status == 0, "\(run.output)")
        let before = try #require(run.number(after: "loss before:"))
        let after = try #require(run.number(after: "loss after (Momentum loops):"))
        #expect(after < before)
        #expect(run.output.contains("== schedule(10): true"))
        // Cos(λ0 = 1e-4, λ1 = 1e-2, period = 10) starts at λ1 and restarts after ten steps.
        #expect(run.output.contains("schedule values: 0.01, "))
        #expect(run.output.contains("state after 100 next! calls: 101"))
    }

    @Test("optimisers-jl --quick: every Optimisers.jl section runs and the updates reduce the loss")
    func optimisersJL() throws {
        let run = try ExampleRun.run("optimisers-jl", ["--quick"])
        #expect(run.status == 0, "\(run.output)")
        let sums = run.numbers(after: "sum(model(image)) =")
        try #require(sums.count >= 2, "\(run.output)")
        #expect(sums[1] < sums[0], "Usage with Flux.jl: the update should reduce sum(model(image))")
        let lux = run.numbers(after: "sum(y) =")
        try #require(lux.count == 2)
        #expect(lux[1] < lux[0])
        // DecayDescent after three steps of x̄ = 1 from x = 1: 1 − 0.1·(1 + 1/√2 + 1/√3).
        let x1 = try #require(run.number(after: "x after three steps with x̄ = 1: ["))
        #expect(abs(x1 - (1 - 0.1 * (1 + 1 / 2.0.squareRoot() + 1 / 3.0.squareRoot()))) < 1e-12)
        #expect(run.output.contains("Leaf(Momentum(eta: 0.01, rho: 0.9), [0.0, 0.0], frozen = true)"))
    }
}
