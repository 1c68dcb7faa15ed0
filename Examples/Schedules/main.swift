// The "Scheduling Optimisers" snippets of Flux's optimiser guide (Flux 0.13 docs), ported line by
// line with this package's port of ParameterSchedulers.jl. Julia lines are in the comments; where
// the docs say "# your training code here", a tiny model is trained. Run: swift run -c release schedules
import Flux
import Foundation

seed(0)

// The model the loops train: Dense(5 => 1) on 64 random points of a linear function.
let model = Dense(5 => 1)
let x = rand(Float.self, 5, 64)
let y = Tensor<Float>(rows: [[0.5, -1, 2, 0.25, -0.75]]) * x .+ Float(0.1)
let loss = { (x: Tensor<Float>, y: Tensor<Float>) in Losses.mse(model(x), y) }
let ps = params(model)
let batches = (0..<8).map { i in (x[columns: (8 * i)..<(8 * i + 8)], y[columns: (8 * i)..<(8 * i + 8)]) }

/// Prints the first `n` values of any sequence of numbers (a schedule is one).
func show<S: Sequence>(_ name: String, _ values: S, _ n: Int = 8) where S.Element == Double {
    print(name, values.prefix(n).map { String(format: "%.6g", $0) }.joined(separator: ", "), "…")
}

print("loss before:", loss(x, y).item)

// using ParameterSchedulers
// opt = Momentum()
let opt = Momentum()
// schedule = Cos(λ0 = 1e-4, λ1 = 1e-2, period = 10)
let schedule = Cos(λ0: 1e-4, λ1: 1e-2, period: 10)
// for (eta, epoch) in zip(schedule, 1:100)
for (eta, epoch) in zip(schedule, 1...100) {
    // opt.eta = eta
    opt.eta = eta
    // # your training code here
    try train(loss, ps, batches, opt)
    if epoch % 25 == 0 { print("epoch \(epoch): η = \(eta), loss = \(loss(x, y).item)") }
}
// end

// schedule(100) — a schedule can be called at any step ("indexed") or iterated
print("schedule(100) =", schedule(100), "== schedule(10):", schedule(100) == schedule(10))
show("schedule values:", schedule, 11)

do {
    // using ParameterSchedulers: Stateful, next!
    // schedule = Stateful(Cos(λ0 = 1e-4, λ1 = 1e-2, period = 10))
    let schedule = Stateful(Cos(λ0: 1e-4, λ1: 1e-2, period: 10))
    // for epoch in 1:100
    for epoch in 1...100 {
        // opt.eta = next!(schedule)
        opt.eta = next(schedule)
        // # your training code here
        try train(loss, ps, batches, opt)
        if epoch % 50 == 0 { print("stateful epoch \(epoch): η = \(opt.eta), loss = \(loss(x, y).item)") }
    }
    // end
    print("state after 100 next! calls:", schedule.state)
}

// "arbitrary functions, looping any function with a given period, or sequences of many schedules"
show("t -> 1e-2 / sqrt(t):", AnySchedule { t in 1e-2 / Double(t).squareRoot() })
show("Loop(Exp(start = 1e-2, decay = 0.5), 4):", Loop(Exp(start: 1e-2, decay: 0.5), 4))
show("Sequence(1e-2 => 3, Exp(1e-2, 0.8) => 10):", Sequence((1e-2, 3), (Exp(1e-2, 0.8), 10)))
show("Step(start = 1, decay = 0.8, step_sizes = [2, 3, 2]):", Step(start: 1, decay: 0.8, stepSizes: [2, 3, 2]), 10)
show("OneCycle(10, 1.0):", OneCycle(10, 1.0), 10)

// The Flux.Optimise-era Scheduler wraps a rule and sets its η from the schedule before each update
// (ParameterSchedulers v0.3: Scheduler(schedule, opt)); here on a fresh model, 100 epochs of 8 batches:
// opt = Scheduler(OneCycle(800, 0.05), Descent()); for epoch in 1:100 Flux.train!(loss, ps, data, opt) end
let fresh = Dense(5 => 1)
let freshLoss = { (x: Tensor<Float>, y: Tensor<Float>) in Losses.mse(fresh(x), y) }
let descent = Descent()
let scheduled = Scheduler(OneCycle(800, 0.05), descent)
print("fresh model, loss before:", freshLoss(x, y).item)
for _ in 1...100 { try train(freshLoss, params(fresh), batches, scheduled) }
print("after Scheduler(OneCycle(800, 0.05), Descent()):", freshLoss(x, y).item, "— last η =", descent.eta)

print("loss after (Momentum loops):", loss(x, y).item)
