import Testing
import Flux

@Suite("autosize")
struct AutosizeTests {
    @Test func seedSnippet() {
        // net = @autosize (size(x)...,) Chain(Conv((3, 3), 1 => 3, stride=2, bias=false), Flux.flatten, Dense(_ => 2, relu))
        seed(1)
        let x = randn(Float.self, 28, 28, 1, 1)
        let conv = Conv((3, 3), 1 => 3, stride: 2, bias: false)
        let net = autosize(x.shape, Chain(conv, Flux.flatten, Dense(.auto => 2, relu)))
        #expect(net.count == 3)
        #expect(net[0] as AnyObject === conv, "sized layers are kept as they are")
        let dense = net.layer(2, as: Dense<Float>.self)
        // (28 − 3) ÷ 2 + 1 = 13, so 13 × 13 × 3 = 507 features
        #expect(dense.weight.shape == [2, 507] && dense.bias?.scalars == [0, 0])
        let limit = Float(6.0 / 509.0).squareRoot()
        #expect(dense.weight.scalars.allSatisfy { Swift.abs($0) <= limit } && dense.weight.scalars.contains { $0 != 0 },
                "Glorot-uniform weights for 507 => 2")
        let y = net(x)
        #expect(y.shape == [2, 1] && y.scalars.allSatisfy { $0 >= 0 }, "relu is kept")
        #expect(params(net).count == 3)
    }

    @Test func placeholdersOfEveryKind() {
        let model = autosize([12, 10, 3, 2], Chain(
            Conv((3, 3), .auto => 4, relu, pad: 1),
            BatchNorm(.auto, relu),
            Conv((3, 3), .auto => 2, stride: 2, bias: false),
            Chain(flatten, Dense(.auto => 8, tanh), BatchNorm(.auto)),
            Dense(.auto => 1, bias: false)))
        let c1 = model.layer(0, as: Conv<Float>.self), bn = model.layer(1, as: BatchNorm<Float>.self)
        let c2 = model.layer(2, as: Conv<Float>.self), inner = model.layer(3, as: Chain.self)
        #expect(c1.weight.shape == [3, 3, 3, 4] && c1.pad == [1, 1, 1, 1])
        #expect(bn.chs == 4 && bn.γ!.scalars == [1, 1, 1, 1])
        #expect(c2.weight.shape == [3, 3, 4, 2] && c2.bias == nil && c2.stride == [2, 2])
        // (12 − 3) ÷ 2 + 1 = 5, (10 − 3) ÷ 2 + 1 = 4: 5·4·2 = 40 features
        #expect(inner.layer(1, as: Dense<Float>.self).weight.shape == [8, 40])
        #expect(inner.layer(2, as: BatchNorm<Float>.self).chs == 8)
        #expect(model.layer(4, as: Dense<Float>.self).weight.shape == [1, 8] && model.layer(4, as: Dense<Float>.self).bias == nil)
        #expect(model(rand(Float.self, 12, 10, 3, 2)).shape == [1, 2])
        #expect(bn.μ!.scalars == [0, 0, 0, 0] && bn.σ²!.scalars == [1, 1, 1, 1], "sizing does not touch running statistics")
    }

    @Test func followsTheModelElementType() {
        let model = autosize([6, 6, 2, 1], Chain(Conv<Double>((2, 2), 2 => 3), flatten, Dense<Double>(.auto => 4)))
        let dense = model.layer(2, as: Dense<Double>.self)
        #expect(dense.weight.shape == [4, 75])
        #expect(model(rand(Double.self, 6, 6, 2, 1)).shape == [4, 1])
    }

    @Test func keepsStatisticsOfLayersInTrainMode() {
        let bn = trainmode(BatchNorm(3))
        let model = autosize([3, 5], Chain(bn, Dense(.auto => 2)))
        #expect(bn.μ!.scalars == [0, 0, 0] && bn.σ²!.scalars == [1, 1, 1])
        #expect(model.layer(1, as: Dense<Float>.self).weight.shape == [2, 3])
    }

    @Test func aModelWithoutPlaceholdersIsReturnedAsItIs() {
        let model = Chain(Dense(3 => 2), relu)
        #expect(autosize([3, 1], model) === model)
        let dense = Dense(.auto => 5, σ)
        let sized = autosize([7], dense)
        #expect(sized.weight.shape == [5, 7])
        #expect(sized(rand(Float.self, 7)).scalars.allSatisfy { $0 > 0 && $0 < 1 }, "σ is kept")
    }

    @Test func pairSyntaxStaysUnambiguous() {
        let known = 3 => 4
        #expect(known.inputs == 3 && known.outputs == 4)
        let inferred = .auto => 4
        #expect(inferred.outputs == 4)
    }

    @Test func unsizedConvStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Conv((3, 3), .auto => 4)(rand(Float.self, 8, 8, 1, 1))
        }
        if let result {
            let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(stderr.contains("autosize"), "stderr: \(stderr)")
        }
    }

    @Test func unsizedBatchNormStops() async {
        await #expect(processExitsWith: .failure) {
            _ = BatchNorm(.auto)(rand(Float.self, 3, 2))
        }
    }

    @Test func denseAfterAnUnflattenedConvolutionStops() async {
        await #expect(processExitsWith: .failure) {
            _ = autosize([8, 8, 1, 1], Chain(Conv((3, 3), 1 => 2), Dense(.auto => 2)))(rand(Float.self, 8, 8, 1, 1))
        }
    }
}
