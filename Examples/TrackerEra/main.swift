// The Tracker-era snippets of Flux v0.6's "Optimisers" guide, ported line by line.
// Julia lines are in the comments. Run: swift run -c release tracker-era
import Flux

seed(1)

// using Flux.Tracker
// W = param(rand(2, 5))
let W = param(rand(2, 5))
// b = param(rand(2))
let b = param(rand(2))
let (W0, b0) = (data(W).copy(), data(b).copy())           // kept for the reference race at the end

// predict(x) = W*x .+ b
let predict = { (x: Tensor<Double>) in W * x .+ b }
// loss(x, y) = sum((predict(x) .- y).^2)
let loss = { (x: Tensor<Double>, y: Tensor<Double>) in sum((predict(x) .- y) .^ 2) }

// x, y = rand(5), rand(2) # Dummy data
let (x, y) = (rand(5), rand(2))
// l = loss(x, y) # ~ 3
let l = loss(x, y)
print("loss before:", l.item)

// params = Params([W, b])
let parameters = Params([W, b])
// grads = Tracker.gradient(() -> loss(x, y), params)
let grads = Tracker.gradient({ loss(x, y) }, parameters)

// using Flux.Tracker: grad, update!
// function sgd()
//   η = 0.1 # Learning Rate
//   for p in (W, b)
//     update!(p, -η * grads[p])
//   end
// end
let sgd = {
    let η = 0.1
    for p in [W, b] {
        Tracker.update(p, -η * grads[p]!)
    }
}
sgd()
print("loss after sgd():", loss(x, y).item)

// m = Chain(
//   Dense(10, 5, σ),
//   Dense(5, 2), softmax)
let m = Chain(
    Dense(10, 5, σ),
    Dense(5, 2), softmax)
// params(m) — every parameter of the model, instead of [m[1].W, m[1].b, ...]
let modelParams = params(m)
print("params(m):", modelParams)
print("m(rand(10)) sums to", sum(m(rand(Float.self, 10))).item)

// back!(l): accumulate gradients into the parameters themselves, then let an optimiser use them.
// opt = SGD([W, b], 0.1) # Gradient descent with learning rate 0.1
let opt = SGD([W, b], 0.1)
for _ in 1...20 {
    try back(loss(x, y))
    // opt() # Carry out the update, modifying `W` and `b`.
    opt()
}
print("loss after 20 back + opt() steps:", loss(x, y).item)

// Flux.train!(loss, Iterators.repeated((x, y), 20), ADAM([W, b], 0.1))
let adam = ADAM([W, b], 0.1)
try train(loss, Array(repeating: (x, y), count: 20), adam)
print("loss after train with ADAM([W, b], 0.1):", loss(x, y).item)

// Optimiser reference: "All optimisers return a function that, when called, will update the
// parameters passed to it." Each one below takes 20 back! + opt() steps from the same start.
/// Resets `W` and `b` to their starting values, runs `back(loss)` then `opt()` twenty times, and prints the loss.
@MainActor func race(_ line: String, _ opt: TrackerOptimiser) throws {
    W .= W0
    b .= b0
    zeroGrad(W)
    zeroGrad(b)
    for _ in 1...20 {
        try back(loss(x, y))
        opt()
    }
    print("\(line): loss after 20 steps:", loss(x, y).item)
}
// SGD(params, η = 0.1; decay = 0)
try race("SGD([W, b], 0.1; decay = 0.01)", SGD([W, b], 0.1, decay: 0.01))
// Momentum(params, η = 0.01; ρ = 0.9, decay = 0)
try race("Momentum([W, b], 0.01; ρ = 0.9)", Momentum([W, b], 0.01, ρ: 0.9))
// Nesterov(params, η = 0.01; ρ = 0.9, decay = 0)
try race("Nesterov([W, b], 0.01; ρ = 0.9)", Nesterov([W, b], 0.01, ρ: 0.9))
// ADAM(params, η = 0.001; β1 = 0.9, β2 = 0.999, ϵ = 1e-08, decay = 0)
try race("ADAM([W, b], 0.1; β1 = 0.9, β2 = 0.999, ϵ = 1e-08)", ADAM([W, b], 0.1, β1: 0.9, β2: 0.999, ϵ: 1e-08))
