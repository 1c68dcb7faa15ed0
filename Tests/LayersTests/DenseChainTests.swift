import Foundation
import Testing
import Flux

@Suite("Dense and Chain")
struct DenseChainTests {
    @Test func denseComputesActivationOfAffineMap() {
        let W = Tensor<Double>(rows: [[1, 2], [-1, 0.5], [0, 3]]), b = Tensor<Double>([0.5, -1, 2])
        let d = Dense(weight: W, bias: b, { relu($0) })
        // W * [1, -2] + b = [1-4+0.5, -1-1-1, 0-6+2] = [-2.5, -3, -4] → relu → 0
        #expect(d(Tensor<Double>([1, -2])).scalars == [0, 0, 0])
        // W * [2, 1] + b = [4.5, -2.5, 5] → relu → [4.5, 0, 5]
        #expect(d(Tensor<Double>([2, 1])).scalars == [4.5, 0, 5])
        let batch = Tensor<Double>(rows: [[1, 2], [-2, 1]])
        let y = d(batch)
        #expect(y.shape == [3, 2])
        #expect(y.scalars == [0, 0, 0, 4.5, 0, 5], "columns are samples")
    }

    @Test func fluxConstructorsAndGlorotRange() {
        seed(3)
        let d = Dense(10, 5, σ)
        #expect(d.weight.shape == [5, 10] && d.bias?.shape == [5])
        #expect(type(of: d.weight) == Tensor<Float>.self, "Float by default, as Flux's Float32")
        let limit = Float(6.0 / 15.0).squareRoot()
        #expect(d.weight.scalars.allSatisfy { Swift.abs($0) <= limit })
        #expect(d.weight.scalars.contains { Swift.abs($0) > limit / 2 }, "spread over the Glorot range")
        #expect(d.bias!.scalars.allSatisfy { $0 == 0 })
        let e = Dense(10 => 5, relu, bias: false)
        #expect(e.bias == nil && params(e).count == 1)
        let f = Dense<Double>(3, 2, tanh)
        #expect(type(of: f.weight) == Tensor<Double>.self)
        let out = f(Tensor<Double>([0.1, 0.2, 0.3]))
        #expect(out.scalars.allSatisfy { Swift.abs($0) < 1 })
    }

    @Test func chainComposesAndIndexes() {
        seed(1)
        let m = Chain(Dense(10, 5, σ), Dense(5, 2), softmax)
        let x = rand(Float.self, 10)
        let y = m(x)
        #expect(y.shape == [2])
        #expect(Swift.abs(y.scalars.reduce(0, +) - 1) < 1e-6, "softmax output sums to 1")
        let d0 = m.layer(0, as: Dense<Float>.self), d1 = m.layer(1, as: Dense<Float>.self)
        let manual = softmax(d1(d0(x)))
        #expect(y.scalars == manual.scalars)
        #expect(m.count == 3 && m[2] is Softmax)
        let nested = Chain(m, Chain(relu))
        #expect(nested(x).scalars == relu(y).scalars)
    }

    @Test func paramsOrderAndSharing() {
        let a = Dense<Double>(3, 2, identity), b = Dense<Double>(2, 2, identity)
        let shared = Dense(weight: a.weight, bias: nil, { $0 })
        let m = Chain(a, Chain(b, shared))
        let ps = params(m)
        let expected: [AnyObject] = [a.weight, a.bias!, b.weight, b.bias!]
        #expect(ps.count == 4, "the shared weight is collected once")
        #expect(zip(ps.order, expected).allSatisfy { ($0 as AnyObject) === $1 }, "depth first, weight then bias")
    }

    @Test func gradientsFlowThroughLayers() {
        let m = Chain(Dense<Double>(3, 4, σ), Dense<Double>(4, 2, identity))
        let x = Tensor<Double>([0.3, -0.2, 0.9]), y = Tensor<Double>([1, 0])
        let gs = gradient({ logitcrossentropy(m(x), y) }, params(m))
        for p in params(m) { #expect(gs[p] != nil) }
        let first = m.layer(0, as: Dense<Double>.self), second = m[1]
        checkScalarGradient({ (w: Tensor<Double>) in
            logitcrossentropy(second(Dense(weight: w, bias: first.bias, { σ($0) })(x)), y)
        }, at: first.weight, "first layer weight")
        let viaParams = gs[first.weight]!, explicit = gradient({ (w: Tensor<Double>) in
            logitcrossentropy(second(Dense(weight: w, bias: first.bias, { σ($0) })(x)), y)
        }, first.weight)!
        #expect(close(viaParams.scalars, explicit.scalars))
    }

    @Test func userLayerAdoptsTheProtocol() {
        final class Scale: Layer {
            let s = Tensor<Double>([2, 3])
            var trainable: [any Trainable] { [s] }
            func callAsFunction<T: TensorScalar>(_ x: Tensor<T>) -> Tensor<T> { x .* convertible(s, to: T.self) }
        }
        let layer = Scale()
        #expect(layer(Tensor<Double>([1, 1])).scalars == [2, 3])
        #expect(params(Chain(layer, relu)).count == 1)
        let gs = gradient({ sum(layer(Tensor<Double>([4, 5]))) }, params(layer))
        #expect(gs[layer.s]?.scalars == [4, 5])
    }
}
