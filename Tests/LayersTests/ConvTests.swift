import Foundation
import Testing
import Flux

@Suite("Conv")
struct ConvTests {
    /// A 3×3 single-channel image `x[i, j] = 1 + i + 3j` (i along the width).
    static var image: Tensor<Double> { Tensor(shape: [3, 3, 1, 1], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9]) }
    /// A 2×2 kernel `w[0,0] = 1, w[1,0] = 2, w[0,1] = 3, w[1,1] = 4`.
    static var kernel: Tensor<Double> { Tensor(shape: [2, 2, 1, 1], scalars: [1, 2, 3, 4]) }

    @Test func flipsTheKernelAsFluxDoes() {
        // Flux's Conv is a true convolution: y[i, j] = Σ x[i + a, j + b] · w[1 − a, 1 − b].
        // y[0, 0] = 1·4 + 2·3 + 4·2 + 5·1 = 23, and each step right adds Σw = 10, each step up 30.
        let layer = Conv(weight: Self.kernel, bias: nil)
        let y = layer(Self.image)
        #expect(y.shape == [2, 2, 1, 1])
        #expect(y.scalars == [23, 33, 53, 63])
        // The unflipped kernel (Flux's CrossCor) would give 1·1 + 2·2 + 4·3 + 5·4 = 37 first.
        #expect(conv(Self.image, Self.kernel, flipped: true).scalars == [37, 47, 67, 77])
    }

    @Test func biasAndActivation() {
        let layer = Conv(weight: Self.kernel, bias: Tensor<Double>([-40]), relu)
        #expect(layer(Self.image).scalars == [0, 0, 13, 23])
        let tanhLayer = Conv(weight: Self.kernel, bias: Tensor<Double>([-40]), tanh)
        #expect(tanhLayer(Self.image).scalars == [-17, -7, 13, 23].map { Foundation.tanh($0) })
    }

    @Test func strideAndPadding() {
        // stride 2, pad 1: out = (3 + 2 − 2) ÷ 2 + 1 = 2. Padded positions read zero:
        // y[0,0] = x[0,0]·w[0,0] = 1; y[1,0] = x[1,0]·w[1,0] + x[2,0]·w[0,0] = 4 + 3 = 7;
        // y[0,1] = x[0,1]·w[0,1] + x[0,2]·w[0,0] = 12 + 7 = 19;
        // y[1,1] = 5·4 + 6·3 + 8·2 + 9·1 = 63.
        let layer = Conv(weight: Self.kernel, bias: nil, stride: 2, pad: 1)
        #expect(layer(Self.image).scalars == [1, 7, 19, 63])
        #expect(layer.stride == [2, 2] && layer.pad == [1, 1, 1, 1] && layer.dilation == [1, 1])
        // Per-dimension values: stride [1, 2], pad [0, 1] (width unpadded, height padded on both sides).
        let mixed = Conv(weight: Self.kernel, bias: nil, stride: [1, 2], pad: [0, 1])
        #expect(mixed.pad == [0, 0, 1, 1])
        let y = mixed(Self.image)
        #expect(y.shape == [2, 2, 1, 1])
        // Row j = 0 reads heights −1 (padding) and 0: y[0,0] = x[0,0]·w[1,0] + x[1,0]·w[0,0] = 2 + 2 = 4,
        // y[1,0] = 2·2 + 3·1 = 7. Row j = 1 reads heights 1 and 2:
        // y[0,1] = 4·4 + 5·3 + 7·2 + 8·1 = 53, y[1,1] = 5·4 + 6·3 + 8·2 + 9·1 = 63.
        #expect(y.scalars == [4, 7, 53, 63])
    }

    @Test func channelsSumInputsAndStackOutputs() {
        // 1×1 kernels from 2 to 2 channels: out₀ = 1·in₀ + 2·in₁, out₁ = 3·in₀ + 4·in₁.
        let w = Tensor<Double>(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        let x = Tensor<Double>(shape: [2, 1, 2, 2], scalars: [1, 2, 10, 20, -1, -2, -10, -20])
        let y = Conv(weight: w, bias: Tensor<Double>([0.5, -0.5]))(x)
        #expect(y.shape == [2, 1, 2, 2])
        #expect(y.scalars == [21.5, 42.5, 42.5, 85.5, -20.5, -41.5, -43.5, -86.5])
    }

    @Test func seedSnippetShapes() {
        seed(7)
        let a = Conv((3, 3), 1 => 3, stride: 2, bias: false)
        #expect(a(rand(Float.self, 28, 28, 1, 1)).shape == [13, 13, 3, 1])
        let b = Conv((3, 3), 3 => 5, pad: 1, bias: false)
        let image = rand(Float.self, 32, 24, 3, 2)
        #expect(b(image).shape == [32, 24, 5, 2], "pad 1 keeps a 3×3 convolution's size")
        let c = Conv((3, 3), 5 => 3, stride: 16)
        #expect(c(b(image)).shape == [2, 2, 3, 2], "(32 − 3) ÷ 16 + 1 = 2, (24 − 3) ÷ 16 + 1 = 2")
        #expect(Conv((5, 5), 3 => 7, stride: 2, pad: SamePad())(rand(Float.self, 10, 10, 3, 1)).shape == [5, 5, 7, 1])
        #expect(Conv((2, 2), 3 => 7, pad: SamePad()).pad == [1, 0, 1, 0], "Flux: pad=(1, 0, 1, 0)")
        #expect(Conv((3, 3), 1 => 1, dilation: 2)(rand(Float.self, 7, 7, 1, 1)).shape == [3, 3, 1, 1])
    }

    @Test func constructorsAndGlorotRange() {
        seed(3)
        let layer = Conv((3, 3), 4 => 6, relu)
        #expect(type(of: layer.weight) == Tensor<Float>.self, "Float by default, as Flux's Float32")
        #expect(layer.weight.shape == [3, 3, 4, 6] && layer.bias?.shape == [6])
        #expect(layer.bias!.scalars.allSatisfy { $0 == 0 })
        // fan_in = 3·3·4 = 36, fan_out = 3·3·6 = 54: limit √(6 / 90)
        let limit = Float(6.0 / 90.0).squareRoot()
        #expect(layer.weight.scalars.allSatisfy { Swift.abs($0) <= limit })
        #expect(layer.weight.scalars.contains { Swift.abs($0) > 0.9 * limit }, "spread over the Glorot range")
        let double = Conv<Double>((2, 2), 1 => 2, tanh, bias: false)
        #expect(type(of: double.weight) == Tensor<Double>.self && double.bias == nil)
        #expect(layer.description == "Conv((3, 3), 4 => 6)")
        #expect(Conv((3, 3), 1 => 3, stride: 2, bias: false).description == "Conv((3, 3), 1 => 3, stride=2, bias=false)")
        #expect(Conv((3, 3), 1 => 3, stride: [2, 1], pad: 1).description == "Conv((3, 3), 1 => 3, pad=1, stride=(2, 1))")
    }

    @Test func functorChildrenAndReconstruction() {
        let layer = Conv<Double>((3, 3), 2 => 4, relu, stride: [2, 1], pad: [1, 0, 2, 1], dilation: 2)
        #expect(layer.children.names == ["weight", "bias"])
        #expect(layer.trainableNames == ["weight", "bias"])
        let ps = params(layer)
        #expect(ps.count == 2 && (ps.order[0] as AnyObject) === layer.weight && (ps.order[1] as AnyObject) === layer.bias!)
        let w = layer.weight.copy() .* 2.0, b = layer.bias!.copy() .+ 1.0
        let rebuilt = layer.reconstructed(from: [w, b])
        #expect(rebuilt.weight === w && rebuilt.bias === b)
        #expect(rebuilt.stride == layer.stride && rebuilt.pad == layer.pad && rebuilt.dilation == layer.dilation)
        let x = uniform([9, 10, 2, 1])
        let expected = relu(conv(x, w, stride: [2, 1], pad: [1, 0, 2, 1], dilation: [2]) .+ reshape(b, 1, 1, 4, 1))
        #expect(rebuilt(x).scalars == expected.scalars, "the activation and geometry are kept")
        let unbiased = Conv<Double>((3, 3), 2 => 4, bias: false)
        #expect(unbiased.children.names == ["weight"] && unbiased.reconstructed(from: [w]).bias == nil)
        // fmap walks into the layer and rebuilds it.
        let doubled = fmap(layer) { ($0 as! Tensor<Double>) .* 2.0 } as! Conv<Double>
        #expect(doubled.weight.scalars == layer.weight.scalars.map { $0 * 2 })
    }

    /// A Double tensor of the given shape with fixed pseudo-random entries in (−1, 1).
    func uniform(_ shape: [Int], seed: UInt64 = 17) -> Tensor<Double> {
        var g = Xoshiro256StarStar(seed: seed)
        return Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Double.random(in: -1..<1, using: &g) })
    }

    @Test(arguments: [(1, 0), (2, 1), (3, 2)])
    func gradientsMatchCentralDifferences(_ stride: Int, _ pad: Int) {
        let layer = Conv<Double>(weight: uniform([3, 2, 2, 3], seed: 1), bias: uniform([3], seed: 2), tanh,
                                 stride: stride, pad: pad)
        let x = uniform([7, 6, 2, 2], seed: 3)
        let r = uniform(layer(x).shape, seed: 4)
        let loss = { (l: Conv<Double>, x: Tensor<Double>) in sum(l(x) .* r) }
        checkScalarGradient({ loss(layer, $0) }, at: x, "input, stride \(stride), pad \(pad)")
        checkScalarGradient({ loss(layer.reconstructed(from: [$0, layer.bias!]), x) }, at: layer.weight, "weight, stride \(stride), pad \(pad)")
        checkScalarGradient({ loss(layer.reconstructed(from: [layer.weight, $0]), x) }, at: layer.bias!, "bias, stride \(stride), pad \(pad)")
        // The implicit-parameter and explicit model gradients agree with the checks above.
        let gs = gradient({ loss(layer, x) }, params(layer))
        let tree = gradient({ (m: Conv<Double>) in loss(m, x) }, layer)
        #expect(tree.weight.tensor(as: Double.self)?.scalars == gs[layer.weight]?.scalars)
        #expect(tree.bias.tensor(as: Double.self)?.scalars == gs[layer.bias!]?.scalars)
    }

    @Test func trainsInAChain() {
        seed(11)
        let model = Chain(Conv<Double>((3, 3), 1 => 2, relu, pad: 1), flatten, Dense<Double>(2 * 5 * 5, 1, identity))
        let x = rand(Double.self, 5, 5, 1, 4), y = rand(Double.self, 1, 4)
        let ps = params(model)
        #expect(ps.count == 4)
        let before = mse(model(x), y).item
        let opt = Descent(0.05)
        for _ in 0..<20 { try? update(opt, ps, gradient({ mse(model(x), y) }, ps)) }
        #expect(mse(model(x), y).item < before)
    }

    @Test func wrongRankStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Conv((3, 3), 1 => 3)(rand(Float.self, 28, 28, 1))
        }
        if let result {
            let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(stderr.contains("Conv((3, 3), 1 => 3)") && stderr.contains("4-d") && stderr.contains("(28, 28, 1)"), "stderr: \(stderr)")
        }
    }

    @Test func wrongChannelCountStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Conv((3, 3), 3 => 5)(rand(Float.self, 8, 8, 2, 1))
        }
        if let result {
            let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(stderr.contains("expected 3 input channels") && stderr.contains("(8, 8, 2, 1)"), "stderr: \(stderr)")
        }
    }

    @Test func inputTooSmallStops() async {
        await #expect(processExitsWith: .failure) {
            _ = Conv((5, 5), 1 => 1)(rand(Float.self, 3, 3, 1, 1))
        }
    }
}
