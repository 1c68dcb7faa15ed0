// The linear regression from Flux's "Optimisers" guide (Flux 0.13 docs), ported line by line.
// Each Julia line is in the comment above its Swift line. Run: swift run -c release linear-regression
import Flux

seed(0)                                                   // reproducible run (not in the Julia snippet)

// W = rand(2, 5)
let W = rand(2, 5)
// b = rand(2)
let b = rand(2)

// predict(x) = (W * x) .+ b
let predict = { (x: Tensor<Double>) in (W * x) .+ b }
// loss(x, y) = sum((predict(x) .- y).^2)
let loss = { (x: Tensor<Double>, y: Tensor<Double>) in sum((predict(x) .- y) .^ 2) }

// x, y = rand(5), rand(2) # Dummy data
let (x, y) = (rand(5), rand(2))
// l = loss(x, y) # ~ 3
let l = loss(x, y)
print("loss before:", l.item)

// θ = params(W, b)
let θ = params(W, b)
// grads = gradient(() -> loss(x, y), θ)
var grads = gradient({ loss(x, y) }, θ)

// using Flux.Optimise: update!
// η = 0.1 # Learning Rate
let η = 0.1
// for p in (W, b)
//   update!(p, η * grads[p])
// end
for p in [W, b] {
    try update(p, η * grads[p]!)
}
print("loss after plain update:", loss(x, y).item)

// opt = Descent(0.1) # Gradient descent with learning rate 0.1
let opt = Descent(0.1)
// for p in (W, b)
//   update!(opt, p, grads[p])
// end
grads = gradient({ loss(x, y) }, θ)
for p in [W, b] {
    try update(opt, p, grads[p]!)
}
print("loss after Descent(0.1):", loss(x, y).item)

// opt = ADAM(); ps = params(model); gs = gradient(ps) do loss(x, y) end
// Flux.Optimise.update!(opt, ps, gs) — the same with a more advanced rule, for 100 steps:
let adam = ADAM(0.01)
for _ in 1...100 {
    let gs = gradient(θ) { loss(x, y) }
    try update(adam, θ, gs)
}
print("loss after 100 ADAM(0.01) steps:", loss(x, y).item)
