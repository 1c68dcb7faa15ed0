// The rest of Flux's "Optimisers" guide (Flux 0.13 docs), ported line by line: the optimiser
// reference's constructor lines, the custom Momentum with a velocity dictionary, the composed
// `Optimiser(ExpDecay(…), Descent())` on the 10×10 problem for 10^5 steps, the decays and gradient
// clipping. (The guide's opening linear regression is the `linear-regression` example, its
// scheduling loops the `schedules` example.) Each Julia line is in the comment above its Swift line.
// Run: swift run -c release optimise-guide        (--quick: a small budget, as the tests use)
import Flux
import Foundation

let quick = CommandLine.arguments.dropFirst().contains("--quick")
let unknown = CommandLine.arguments.dropFirst().filter { $0 != "--quick" }
guard unknown.isEmpty else {
    print("usage: optimise-guide [--quick]\nunknown argument(s): \(unknown.joined(separator: " "))")
    exit(2)
}
seed(0)

// MARK: - The optimiser reference: every constructor line, each trained on the same problem

// A small regression problem for every rule: y = W★x + b★ on 32 points, a fresh W, b per rule.
let (W0, b0) = (rand(2, 5), rand(2))
let xs = rand(5, 32)
let ys = Tensor<Double>(rows: [[1, -2, 0.5, 3, -1], [0.25, 1, -1.5, 0, 2]]) * xs .+ Tensor([0.5, -0.5])
let referenceSteps = quick ? 20 : 500

/// Trains a fresh copy of `(W0, b0)` with `opt` the way the reference's usage block does and
/// returns the loss before and after.
@MainActor func train(_ opt: any AbstractOptimiser) throws -> (before: Double, after: Double) {
    let (W, b) = (W0.copy(), b0.copy())
    // model(x) = W * x .+ b;  loss(x, y) = Flux.Losses.mse(model(x), y)
    let loss = { (x: Tensor<Double>, y: Tensor<Double>) in Losses.mse(W * x .+ b, y) }
    let before = loss(xs, ys).item
    for _ in 1...referenceSteps {
        // ps = params(model)
        let ps = params(W, b)
        // gs = gradient(ps) do
        //   loss(x, y)
        // end
        let gs = gradient(ps) {
            loss(xs, ys)
        }
        // Flux.Optimise.update!(opt, ps, gs)
        try update(opt, ps, gs)
    }
    return (before, loss(xs, ys).item)
}

/// Trains with each optimiser and prints the loss before and after.
@MainActor func report(_ rules: [(String, any AbstractOptimiser)]) throws {
    for (line, opt) in rules {
        let (before, after) = try train(opt)
        let name = line.padding(toLength: 44, withPad: " ", startingAt: 0)
        print("\(name) loss before: \(fixed(before)), after \(referenceSteps) steps: \(fixed(after))")
    }
}

/// `x` to four significant digits.
func fixed(_ x: Double) -> String { String(format: "%.4g", x) }

print("## The optimiser reference (\(referenceSteps) steps each)")
try report([
    // opt = Descent()
    ("opt = Descent()", Descent()),
    // opt = Descent(0.3)
    ("opt = Descent(0.3)", Descent(0.3)),
    // opt = Momentum()   (Optimise.Momentum: this file declares a Momentum of its own below)
    ("opt = Momentum()", Optimise.Momentum()),
    // opt = Momentum(0.01, 0.99)
    ("opt = Momentum(0.01, 0.99)", Optimise.Momentum(0.01, 0.99)),
    // opt = Nesterov()
    ("opt = Nesterov()", Nesterov()),
    // opt = Nesterov(0.003, 0.95)
    ("opt = Nesterov(0.003, 0.95)", Nesterov(0.003, 0.95)),
    // opt = RMSProp()
    ("opt = RMSProp()", RMSProp()),
    // opt = RMSProp(0.002, 0.95)
    ("opt = RMSProp(0.002, 0.95)", RMSProp(0.002, 0.95)),
    // opt = ADAM()
    ("opt = ADAM()", ADAM()),
    // opt = ADAM(0.001, (0.9, 0.8))
    ("opt = ADAM(0.001, (0.9, 0.8))", ADAM(0.001, (0.9, 0.8))),
    // opt = RADAM()
    ("opt = RADAM()", RADAM()),
    // opt = RADAM(0.001, (0.9, 0.8))
    ("opt = RADAM(0.001, (0.9, 0.8))", RADAM(0.001, (0.9, 0.8))),
    // opt = AdaMax()
    ("opt = AdaMax()", AdaMax()),
    // opt = AdaMax(0.001, (0.9, 0.995))
    ("opt = AdaMax(0.001, (0.9, 0.995))", AdaMax(0.001, (0.9, 0.995))),
    // opt = ADAGrad()
    ("opt = ADAGrad()", ADAGrad()),
    // opt = ADAGrad(0.001)
    ("opt = ADAGrad(0.001)", ADAGrad(0.001)),
    // opt = ADADelta()
    ("opt = ADADelta()", ADADelta()),
    // opt = ADADelta(0.89)
    ("opt = ADADelta(0.89)", ADADelta(0.89)),
    // opt = AMSGrad()
    ("opt = AMSGrad()", AMSGrad()),
    // opt = AMSGrad(0.001, (0.89, 0.995))
    ("opt = AMSGrad(0.001, (0.89, 0.995))", AMSGrad(0.001, (0.89, 0.995))),
    // opt = NADAM()
    ("opt = NADAM()", NADAM()),
    // opt = NADAM(0.002, (0.89, 0.995))
    ("opt = NADAM(0.002, (0.89, 0.995))", NADAM(0.002, (0.89, 0.995))),
    // opt = ADAMW()
    ("opt = ADAMW()", ADAMW()),
    // opt = ADAMW(0.001, (0.89, 0.995), 0.1)
    ("opt = ADAMW(0.001, (0.89, 0.995), 0.1)", ADAMW(0.001, (0.89, 0.995), 0.1)),
    // opt = OADAM()
    ("opt = OADAM()", OADAM()),
    // opt = OADAM(0.001, (0.9, 0.995))
    ("opt = OADAM(0.001, (0.9, 0.995))", OADAM(0.001, (0.9, 0.995))),
    // opt = AdaBelief()
    ("opt = AdaBelief()", AdaBelief()),
    // opt = AdaBelief(0.001, (0.9, 0.8))
    ("opt = AdaBelief(0.001, (0.9, 0.8))", AdaBelief(0.001, (0.9, 0.8))),
])

// MARK: - Optimiser interface: a Momentum of our own

// mutable struct Momentum
//   eta
//   rho
//   velocity
// end
// (This `Momentum` shadows Flux's inside this file, as the Julia one does in its module.)
final class Momentum: AbstractOptimiser {
    var eta: Double
    var rho: Double
    let velocity: IdDict

    // Momentum(eta::Real, rho::Real) = Momentum(eta, rho, IdDict())
    init(_ eta: Double, _ rho: Double) {
        (self.eta, self.rho, self.velocity) = (eta, rho, IdDict())
    }

    // function Flux.Optimise.apply!(o::Momentum, x, Δ)
    func apply<S: TensorScalar>(_ x: Tensor<S>, _ Δ: Tensor<S>) -> Tensor<S> {
        // η, ρ = o.eta, o.rho
        let (η, ρ) = (S(eta), S(rho))
        // v = get!(o.velocity, x, zero(x))::typeof(x)
        let v = velocity.get(x, default: x.zerosLike())
        // @. v = ρ * v - η * Δ
        v .= ρ * v .- η * Δ
        // @. Δ = -v
        Δ .= -v
        return Δ
    }
    // end
}

print("\n## A Momentum of our own (velocity in an IdDict)")
try report([("opt = Momentum(0.01, 0.9)  # custom", Momentum(0.01, 0.9))])
let builtin = try train(Optimise.Momentum(0.01, 0.9))
print("the built-in Optimise.Momentum(0.01, 0.9) ends at \(fixed(builtin.after)) — the same rule")

// MARK: - Composing optimisers: the 10×10 problem

print("\n## Composing optimisers: Optimiser(ExpDecay(0.001, 0.1, 1000, 1e-4), Descent())")
do {
    let steps = quick ? 2_000 : 100_000
    seed(0)                                          // reproducible run (not in the Julia snippet)
    // opt = Optimiser(ExpDecay(0.001, 0.1, 1000, 1e-4), Descent())
    let opt = Optimiser(ExpDecay(0.001, 0.1, 1000, 1e-4), Descent())
    // w = randn(10, 10)
    let w = randn(10, 10)
    // w1 = randn(10,10)
    let w1 = randn(10, 10)
    // ps = Params([w, w1])
    let ps = Params([w, w1])
    // loss(x) = Flux.Losses.mse(w * x, w1 * x)
    let loss = { (x: Tensor<Double>) in Flux.Losses.mse(w * x, w1 * x) }
    // loss(rand(10)) # around 9
    print("loss before:", fixed(loss(rand(10)).item), "(Julia: around 9)")
    // for t = 1:10^5
    for _ in 1...steps {
        // θ = Params([w, w1])
        let θ = Params([w, w1])
        // θ̄ = gradient(() -> loss(rand(10)), θ)
        let θ̄ = gradient({ loss(rand(10)) }, θ)
        // Flux.Optimise.update!(opt, θ, θ̄)
        try update(opt, θ, θ̄)
    }
    // end
    // loss(rand(10)) # around 0.9
    print("loss after \(steps) steps:", fixed(loss(rand(10)).item), "(Julia, after 10^5: around 0.9)")
    print("ExpDecay's η is now", opt.member(0, as: ExpDecay.self).eta, "— and ps still holds \(ps.count) arrays")
}

// MARK: - Decays, weight decay and gradient clipping

print("\n## Decays and clipping (\(referenceSteps) steps each)")
try report([
    // opt = Optimiser(ExpDecay(), ADAM())
    ("Optimiser(ExpDecay(), ADAM())", Optimiser(ExpDecay(), ADAM())),
    // Optimiser(InvDecay(..), Opt(..))
    ("Optimiser(InvDecay(0.01), Descent(0.3))", Optimiser(InvDecay(0.01), Descent(0.3))),
    // WeightDecay(wd = 0) — chained before the rule, as in ADAMW
    ("Optimiser(WeightDecay(1e-3), Descent(0.3))", Optimiser(WeightDecay(1e-3), Descent(0.3))),
    // opt = Optimiser(ClipValue(1e-3), ADAM(1e-3))
    ("Optimiser(ClipValue(1e-3), ADAM(1e-3))", Optimiser(ClipValue(1e-3), ADAM(1e-3))),
    // ClipNorm(thresh)
    ("Optimiser(ClipNorm(1.0), Descent(0.3))", Optimiser(ClipNorm(1.0), Descent(0.3))),
])

// MARK: - update!(opt, p, g): one array at a time

print("\n## update!(opt, p, g) for each array, then update!(opt, ps, gs)")
do {
    let (W, b) = (W0.copy(), b0.copy())
    let loss = { Losses.mse(W * xs .+ b, ys) }
    let opt = Descent(0.3)
    print("loss before:", fixed(loss().item))
    let grads = gradient(loss, params(W, b))
    // update!(opt, p, g)
    for p in [W, b] { try update(opt, p, grads[p]!) }
    print("after update!(opt, p, g) for W and b:", fixed(loss().item))
    // update!(opt, ps::Params, gs)
    try update(opt, params(W, b), gradient(loss, params(W, b)))
    print("loss after update!(opt, ps, gs):", fixed(loss().item))
}
