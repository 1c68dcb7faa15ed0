import ExampleSupport
import Flux

/// Runs `contestant` on `function` for up to `steps` steps from the function's start point,
/// written as a Flux training loop on one implicit parameter; stops early if the loss stops
/// being finite.
func race(_ contestant: Contestant, on function: TestFunction, steps: Int) throws -> RaceResult {
    // p = [-1.5, 2.0]
    let p = Tensor([function.start.x, function.start.y])
    // ps = Flux.params(p)
    let ps = params(p)
    // opt = ADAM(η)
    let opt = contestant.make(contestant.rates[keyPath: function.rate])
    // losses = [rosenbrock(p)]
    var losses = [function.loss(p).item]
    var trajectory = [function.start]
    // for step in 1:steps
    for _ in 0..<steps {
        // θ̄ = gradient(() -> rosenbrock(p), ps)
        let θ̄ = gradient({ function.loss(p) }, ps)
        // Flux.Optimise.update!(opt, ps, θ̄)
        try update(opt, ps, θ̄)
        // push!(losses, rosenbrock(p))
        losses.append(function.loss(p).item)
        trajectory.append(PlotPoint(x: p[0], y: p[1]))
        // isfinite(losses[end]) || break
        guard losses[losses.count - 1].isFinite else { break }
    }
    return RaceResult(rule: contestant.name, trajectory: trajectory, losses: losses)
}
