// Every snippet of the Optimisers.jl documentation (and its README), ported line for line.
// The Julia original is in the comment beside or above each Swift line. Metalhead's ResNet-18,
// Boltz's ResNet and Lux are external packages: small local models stand in for them, as the
// comments at those places say. ForwardDiff is replaced by this package's reverse-mode gradient.
//
// Run: swift run optimisers-jl          (add --quick for smaller images, as the tests do)

import Flux
import Optimisers

let quick = CommandLine.arguments.contains("--quick")
seed(1)                                                          // Random.seed!(1)

func section(_ title: String) { print("\n== \(title)") }

// MARK: - An optimisation rule

section("An optimisation rule: DecayDescent")
// struct DecayDescent <: Optimisers.AbstractRule
//   eta::Float64
// end
struct DecayDescent: AbstractRule {
    var eta: Double
    // function Optimisers.apply!(o::DecayDescent, state, x, x̄)
    func apply<T: TensorScalar>(_ state: Int, _ x: Tensor<T>, _ x̄: Tensor<T>) -> (Int, Tensor<T>?) {
        let newx̄ = T(eta / Double(state).squareRoot()) .* x̄  // T = eltype(x); newx̄ = T(o.eta / √state) .* x̄
        let nextstate = state + 1                            // nextstate = state + 1
        return (nextstate, newx̄)                             // return nextstate, newx̄
    }
    // Optimisers.init(o::DecayDescent, x::AbstractArray) = 1
    func `init`<T: TensorScalar>(_ x: Tensor<T>) -> Int { 1 }
    // (adjust! changes eta, as Julia's generic field-based adjust would)
    func adjusted(_ changes: Adjustment) -> DecayDescent { DecayDescent(eta: changes.eta ?? eta) }
}
do {
    let x = Tensor<Double>([1, 2, 3])
    let st = Optimisers.setup(DecayDescent(eta: 0.1), x)
    for _ in 1...3 { _ = try Optimisers.updateInPlace(st, x, Tensor<Double>([1, 1, 1])) }
    let expected: Double = 1 - 0.1 * (1 + 1 / 2.0.squareRoot() + 1 / 3.0.squareRoot())
    print("x after three steps with x̄ = 1:", x.scalars, "(first entry by hand: 1 − 0.1·(1 + 1/√2 + 1/√3) = \(expected))")
}

// MARK: - Usage with Flux.jl

section("Usage with Flux.jl")
// model = Metalhead.ResNet(18) |> gpu        — a small local convolutional model stands in for ResNet-18
let side = quick ? 32 : 224
let model0 = autosize([side, side, 3, 1], Chain(
    Conv((3, 3), 3 => 8, relu, pad: 1), Conv((3, 3), 8 => 8, relu, stride: 4), flatten, Dense(.auto => 10)))
let image = rand(Float.self, side, side, 3, 1)                   // image = rand(Float32, 224, 224, 3, 1) |> gpu
print("sum(model(image)) =", sum(model0(image)).item)           // @show sum(model(image))
let rule = Optimisers.Adam()                                     // rule = Optimisers.Adam()
var stateTree = Optimisers.setup(rule, model0)                   // state_tree = Optimisers.setup(rule, model)
let (gradModel, _) = gradient(model0, image) { m, x in              // ∇model, _ = gradient(model, image) do m, x
    sum(m(x))                                                    //   sum(m(x))
}                                                                // end
var model = model0
(stateTree, model) = try Optimisers.update(stateTree, model, gradModel) // ∇model is `gradModel` (∇ is an operator character in Swift); state_tree, model = Optimisers.update(state_tree, model, ∇model)
print("sum(model(image)) =", sum(model(image)).item, "(reduced)") // @show sum(model(image))

/// Bytes held by the tensors in a model or a state tree (Julia's `Base.summarysize`, tensors only).
func tensorBytes(_ tensors: [any TensorProtocol]) -> Int { tensors.reduce(0) { $0 + $1.count * 4 } }
func stateTensors(_ tree: Tree<Leaf>) -> [any TensorProtocol] {
    tree.leafValues.flatMap { leaf -> [any TensorProtocol] in
        let mirror = Mirror(reflecting: leaf.state)
        return mirror.children.compactMap { $0.value as? any TensorProtocol }
    }
}
// Base.summarysize(model) / 1024^2   # about 45MB;  Base.summarysize(state) / 1024^2  # about 90MB
print("parameters: \(tensorBytes(trainables(model))) bytes; Adam state: \(tensorBytes(stateTensors(stateTree))) bytes (two momenta per parameter)")

// MARK: - Usage with Lux.jl

section("Usage with Lux.jl (a local stand-in for Lux and Boltz)")
// Lux keeps the parameters in a tree separate from the model. The stand-in: a two-layer network
// whose parameters are a `Functor` struct, applied by a plain function that also returns a
// (here trivial) model state, as Lux.apply does.
struct DenseParams: Functor {
    let weight: Tensor<Float>, bias: Tensor<Float>
    var children: FunctorChildren { .fields([("weight", weight), ("bias", bias)]) }
    func reconstructed(from c: [any Trainable]) -> DenseParams {
        DenseParams(weight: c[0] as! Tensor<Float>, bias: c[1] as! Tensor<Float>)
    }
}
struct LuxParams: Functor {
    let layer_1: DenseParams, layer_2: DenseParams
    var children: FunctorChildren { .fields([("layer_1", layer_1), ("layer_2", layer_2)]) }
    func reconstructed(from c: [any Trainable]) -> LuxParams {
        LuxParams(layer_1: c[0] as! DenseParams, layer_2: c[1] as! DenseParams)
    }
}
struct LuxState { var calls = 0 }
enum Lux {
    static func setup(_ inputs: Int, _ hidden: Int, _ outputs: Int) -> (LuxParams, LuxState) {
        (LuxParams(layer_1: DenseParams(weight: randn(Float.self, hidden, inputs) .* Float(0.1), bias: zeros(Float.self, hidden)),
                   layer_2: DenseParams(weight: randn(Float.self, outputs, hidden) .* Float(0.1), bias: zeros(Float.self, outputs))),
         LuxState())
    }
    static func apply(_ p: LuxParams, _ x: Tensor<Float>, _ st: LuxState) -> (Tensor<Float>, LuxState) {
        let h = relu(p.layer_1.weight * x .+ p.layer_1.bias)
        return (p.layer_2.weight * h .+ p.layer_2.bias, LuxState(calls: st.calls + 1))
    }
}
do {
    var (params, luxState) = Lux.setup(48, 16, 4)                   // lux_model, params, lux_state = Boltz.resnet(:resnet18) |> gpu
    let images = rand(Float.self, 48, 4)                            // images = rand(Float32, 224, 224, 3, 4) |> gpu
    var y: Tensor<Float>
    (y, luxState) = Lux.apply(params, images, luxState)             // y, lux_state = Lux.apply(lux_model, images, params, lux_state)
    print("sum(y) =", sum(y).item)                                  // @show sum(y)
    let rule = Optimisers.Adam()                                    // rule = Optimisers.Adam()
    let optState = Optimisers.setup(rule, params)                   // opt_state = Optimisers.setup(rule, params)
    // (loss, lux_state), back = Zygote.pullback(params, images) do p, x ... end; ∇params, _ = back((one.(loss), nothing))
    // The model state the closure produces is captured instead of returned beside the loss:
    var newLuxState = luxState
    let (gradParams, _) = gradient(params, images) { p, x in
        let (y, st) = Lux.apply(p, x, luxState)                     //   y, st = Lux.apply(lux_model, x, p, lux_state)
        newLuxState = st
        return sum(y)                                               //   sum(y), st
    }
    luxState = newLuxState
    (_, params) = try Optimisers.updateInPlace(optState, params, gradParams) // opt_state, params = Optimisers.update!(opt_state, params, ∇params)
    (y, luxState) = Lux.apply(params, images, luxState)             // y, lux_state = Lux.apply(lux_model, images, params, lux_state)
    print("sum(y) =", sum(y).item, "(reduced); model state calls:", luxState.calls) // @show sum(y)
    // ∇params, _ = gradient(params, images) do p, x ... end   (no model state to keep)
    let (gradParams2, _) = gradient(params, images) { p, x in sum(Lux.apply(p, x, luxState).0) }
    print("∇params.layer_2.bias =", gradParams2.layer_2.bias.tensor(as: Float.self)!.scalars)
}

// MARK: - Non-trainable parameters

section("Non-trainable parameters")
// struct Layer{T}; alpha::T; beta::T; length::Int; end   — `Layer` is a protocol here, so `MyLayer`
struct MyLayer: Functor {
    let alpha: Tensor<Double>, beta: Tensor<Double>, length: Int
    // Layer(n::Int) = Layer(randn(n), zeros(n), n)
    init(_ n: Int) { self.init(alpha: randn(n), beta: zeros(Double.self, n), length: n) }
    init(alpha: Tensor<Double>, beta: Tensor<Double>, length: Int) { self.alpha = alpha; self.beta = beta; self.length = length }
    // Functors.@functor Layer
    var children: FunctorChildren { .fields([("alpha", alpha), ("beta", beta)]) }
    func reconstructed(from c: [any Trainable]) -> MyLayer {
        MyLayer(alpha: c[0] as! Tensor<Double>, beta: c[1] as! Tensor<Double>, length: length)
    }
    // Optimisers.trainable(x::Layer) = (; alpha = x.alpha)   # must be a subset of children
    var trainableNames: [String] { ["alpha"] }
}
print("children:", MyLayer(3).children.names!)                    // Functors.children(Layer(3))
let st = Optimisers.setup(DecayDescent(eta: 0.1), MyLayer(3))     // st = Optimisers.setup(DecayDescent(0.1), Layer(3))
print("st =", st)

// MARK: - Frozen parameters

section("Frozen parameters")
let x = randn(Float.self, 28, 28, 1, 1)                           // x = randn(Float32, 28, 28, 1, 1);
let net = autosize(x.shape, Chain(                                // net = @autosize (size(x)...,) Chain(
    Conv((3, 3), 1 => 3, stride: 2, bias: false), flatten, Dense(.auto => 2, relu))) //   Conv((3, 3), 1 => 3, stride=2, bias=false), Flux.flatten, Dense(_ => 2, relu))
let opt = Optimisers.setup(Optimisers.Momentum(), net)            // opt = Optimisers.setup(Optimisers.Momentum(), net);
print(net.layers[2] is Dense<Float>)                              // net.layers[3] isa Dense  # now freeze this layer's parameters:
freeze(opt.layers[2])                                             // Optimisers.freeze!(opt.layers[3])
print(opt.layers[2].bias)                                         // opt.layers[3].bias  # confirm: Leaf(Momentum(...), [0.0, 0.0], frozen = true)
try Optimisers.updateInPlace(opt, net, gradient({ m in sum(m(x)) }, net)) // Optimisers.update!(opt, net, gradient(m -> sum(m(x)), net)...);
print(net.layer(2, as: Dense<Float>.self).bias!.scalars)          // net.layers[3].bias  # still zero, and its momentum is too:
thaw(opt)                                                         // Optimisers.thaw!(opt)
print(opt.layers[2].bias)                                         // opt.layers[3].bias  # Leaf(Momentum(...), [0.0, 0.0])

// MARK: - Adjusting hyperparameters

section("Adjusting hyperparameters")
adjustInPlace(opt, 0.03)                                          // Optimisers.adjust!(opt, 0.03)  # change η for the whole model...
adjustInPlace(opt.layers[2], 0.04)                                // Optimisers.adjust!(opt.layers[3], 0.04)  # ... or just for one layer.
print(Mirror(reflecting: Optimisers.Momentum()).children.map { $0.label! }) // Momentum |> fieldnames  # (:eta, :rho)
adjustInPlace(opt, rho: 0.95)                                     // Optimisers.adjust!(opt, rho = 0.95)  # change ρ for the whole model.
print(opt.layers[0].weight.leafValue!.rule, opt.layers[2].bias.leafValue!.rule)

// MARK: - Tied parameters

section("Tied parameters")
// Julia's Dense(enc[1].weight', true, tanh) shares the encoder's weight through a lazy transpose.
// The stand-in layer keeps the shared matrix in a `weight.parent` field, as Julia's Transpose does.
struct TransposedWeight: Functor {
    let parent: Tensor<Float>
    var children: FunctorChildren { .fields([("parent", parent)]) }
    func reconstructed(from c: [any Trainable]) -> TransposedWeight { TransposedWeight(parent: c[0] as! Tensor<Float>) }
}
final class TiedDense: Layer, Functor {
    let weight: TransposedWeight, bias: Tensor<Float>, σ: (Tensor<Float>) -> Tensor<Float>
    init(_ weight: TransposedWeight, _ bias: Tensor<Float>, _ σ: @escaping (Tensor<Float>) -> Tensor<Float>) {
        self.weight = weight; self.bias = bias; self.σ = σ
    }
    var children: FunctorChildren { .fields([("weight", weight), ("bias", bias)]) }
    func reconstructed(from c: [any Trainable]) -> TiedDense { TiedDense(c[0] as! TransposedWeight, c[1] as! Tensor<Float>, σ) }
    func callAsFunction<T: TensorScalar>(_ x: Tensor<T>) -> Tensor<T> {
        convertible(σ(transpose(weight.parent) * convertible(x, to: Float.self) .+ bias), to: T.self)
    }
}
let enc = Chain(Dense(40 => 20, tanh), Dense(20 => 10))          // enc = Chain(Dense(40 => 20, tanh), Dense(20 => 10));
let encoder0 = enc.layer(0, as: Dense<Float>.self), encoder1 = enc.layer(1, as: Dense<Float>.self)
let dec = Chain(TiedDense(TransposedWeight(parent: encoder0.weight), zeros(Float.self, 40), tanh), // dec = Chain(Dense(enc[1].weight', true, tanh),
                TiedDense(TransposedWeight(parent: encoder1.weight), zeros(Float.self, 20), tanh)) //   Dense(enc[2].weight', true, tanh));
let tiedModel = Chain(named: ["enc": enc, "dec": dec])            // model = Chain(; enc, dec)
let tiedState = Optimisers.setup(Optimisers.Adam(), tiedModel)    // st = Optimisers.setup(Optimisers.Adam(), model);
print(tiedState.layers.enc.layers[0].weight.leafValue! === tiedState.layers.dec.layers[0].weight.parent.leafValue!) // st.layers.enc.layers[1].weight === st.layers.dec.layers[1].weight.parent  # true

// MARK: - Obtaining a flat parameter vector

section("Obtaining a flat parameter vector")
let flatModel = testmode(Chain(                                   // model = Chain(
    Conv((3, 3), 3 => 5, pad: 1, bias: false),                    //   Conv((3, 3), 3 => 5, pad=1, bias=false),
    BatchNorm(5, relu),                                           //   BatchNorm(5, relu),
    Conv((3, 3), 5 => 3, stride: 16)))                            //   Conv((3, 3), 5 => 3, stride=16))
// (testmode: under ForwardDiff Flux's BatchNorm uses its running statistics; a reverse-mode
// gradient would otherwise put it in training mode.)
let flatImage = rand(Float.self, side, side, 3, 1)                // image = rand(Float32, 224, 224, 3, 1);
print("sum(model(image)) =", sum(flatModel(flatImage)).item)      // @show sum(model(image));
var (flat, re) = destructure(flatModel)                           // flat, re = destructure(model)
var flatState = Optimisers.setup(rule, flat)                      // st = Optimisers.setup(rule, flat)  # state is just one Leaf now
let gradFlat = gradient({ v in                                       // ∇flat = ForwardDiff.gradient(flat) do v
    let m = re(v)                                                 //   m = re(v)  # rebuild a new object like model
    return sum(m(flatImage))                                      //   sum(m(image))  # call that as before
}, flat)!                                                         // end
(flatState, flat) = try Optimisers.update(flatState, flat, gradFlat) // st, flat = Optimisers.update(st, flat, ∇flat)
print("sum(re(flat)(image)) =", sum(re(flat)(flatImage)).item)    // @show sum(re(flat)(image));
print("flat holds \(flat.count) trainable parameters")            // flat contains only the 283 trainable parameters

// MARK: - Collecting all trainable parameters

section("Collecting all trainable parameters")
let bnModel = Chain(Dense(2 => 3, tanh), BatchNorm(3), Dense(3 => 2)) // model = Chain(Dense(2 => 3, tanh), BatchNorm(3), Dense(3 => 2));
let found = trainables(bnModel)                                   // trainables(model)
print("\(found.count)-element Vector{AbstractArray}:")
for p in found { print(describeTrainable(p)) }
func describeTrainable(_ p: any TensorProtocol) -> String {
    "Float32" + ((p as? Tensor<Float>)?.scalars.description ?? "?")
}
// l2reg(model) = sum([sum(abs2, p) for p in trainables(model)]);
func l2reg(_ m: Chain) -> Tensor<Float> {
    trainables(m, as: Float.self).map { sum($0 .* $0) }.reduce(Tensor(shape: [], repeating: 0), +)
}
let g = gradient(l2reg, bnModel)                                  // g = gradient(l2reg, model)[1];
print("g.layers[1] (BatchNorm): β =", g.layers[1].β.tensor(as: Float.self)!.scalars, " γ =", g.layers[1].γ.tensor(as: Float.self)!.scalars)

// MARK: - README

section("README")
let readmeModel = Chain(Dense(3 => 4, relu), Dense(4 => 1))
let xs = rand(Float.self, 3, 16), ys = rand(Float.self, 1, 16)
func loss(_ ŷ: Tensor<Float>, _ y: Tensor<Float>) -> Tensor<Float> { mse(ŷ, y) }
var readmeState = Optimisers.setup(Optimisers.Adam(), readmeModel) // state = Optimisers.setup(Optimisers.Adam(), model)  # just once
var trained = readmeModel
print("loss before:", loss(trained(xs), ys).item)
for _ in 1...200 {
    let grad = gradient({ m in loss(m(xs), ys) }, trained)        // grad = Zygote.gradient(m -> loss(m(x), y), model)[1]
    (readmeState, trained) = try Optimisers.update(readmeState, trained, grad) // state, model = Optimisers.update(state, model, grad)  # at every step
}
print("loss after 200 steps:", loss(trained(xs), ys).item)
let (vector, rebuild) = destructure(trained)                      // vector, re = Optimisers.destructure(model)
let model2 = rebuild(2 .* vector)                                 // model2 = re(2 .* vector)
print("model2's first weight is twice the model's:",
      model2.layer(0, as: Dense<Float>.self).weight.scalars[0] == 2 * trained.layer(0, as: Dense<Float>.self).weight.scalars[0])

// MARK: - ParameterSchedulers v0.4: a scheduled Optimisers.jl rule

section("ParameterSchedulers.jl v0.4 Scheduler")
let scheduled = Optimisers.Scheduler(Exp(start: 0.1, decay: 0.5)) { η in Optimisers.Descent(η) } // Scheduler(Descent, Exp(start = 0.1, decay = 0.5))
let w = Tensor<Double>([1])
let scheduledState = Optimisers.setup(scheduled, w)              // opt_state = Optimisers.setup(Scheduler(...), w)
for _ in 1...3 { try Optimisers.updateInPlace(scheduledState, w, Tensor<Double>([1])) } // three steps with gradient 1
print("w after steps of 0.1, 0.05, 0.025:", w.scalars, " state:", scheduledState)
