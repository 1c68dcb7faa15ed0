import Foundation
import Testing
import Flux

@Suite("BatchNorm")
struct BatchNormTests {
    /// Two channels, four samples: channel 0 is [1, 2, 3, 6] (mean 3, biased variance 14/4 = 3.5),
    /// channel 1 is [0, 0, 2, 6] (mean 2, biased variance 24/4 = 6).
    static func batch() -> Tensor<Double> { Tensor(rows: [[1, 2, 3, 6], [0, 0, 2, 6]]) }
    /// Flux's ϵ = 1f-5 and momentum = 0.1f0 as a Double layer sees them.
    static let eps = Double(Float(1e-5)), mtm = Double(Float(0.1))

    /// `γ (x − μ) / √(σ² + ϵ) + β` per channel (row) of a (channels, batch) matrix.
    static func normalised(_ rows: [[Double]], mean: [Double], variance: [Double],
                           γ: [Double] = [1, 1], β: [Double] = [0, 0]) -> [Double] {
        // column-major: sample by sample, channel by channel
        (0..<rows[0].count).flatMap { n in
            (0..<rows.count).map { c in γ[c] * (rows[c][n] - mean[c]) / (variance[c] + eps).squareRoot() + β[c] }
        }
    }

    static let rows: [[Double]] = [[1, 2, 3, 6], [0, 0, 2, 6]]

    @Test func trainModeUsesBatchStatistics() {
        let bn = BatchNorm<Double>(2)
        let base = bn.reconstructed(from: [Tensor<Double>([1, -1]), Tensor<Double>([2, 0.5]), bn.μ!, bn.σ²!])
        trainmode(base)
        let y = base(Self.batch())
        #expect(y.shape == [2, 4])
        let expected = Self.normalised(Self.rows, mean: [3, 2], variance: [3.5, 6], γ: [2, 0.5], β: [1, -1])
        #expect(close(y.scalars, expected, 1e-14))
    }

    @Test func runningStatisticsFollowFlux() {
        let bn = trainmode(BatchNorm<Double>(2))
        _ = bn(Self.batch())
        // μ = (1 − mtm)·0 + mtm·μ_batch; σ² = (1 − mtm)·1 + mtm·(m/(m − 1))·σ²_batch with m = 4.
        let keep = 1 - Self.mtm
        #expect(bn.μ!.scalars == [keep * 0 + Self.mtm * 3, keep * 0 + Self.mtm * 2])
        let corrected = Self.mtm * (4.0 / 3.0)
        #expect(close(bn.σ²!.scalars, [keep * 1 + corrected * 3.5, keep * 1 + corrected * 6], 1e-15))
        // A second batch moves them again from there.
        let μ1 = bn.μ!.scalars, σ1 = bn.σ²!.scalars
        _ = bn(Self.batch() .* 2.0)
        #expect(close(bn.μ!.scalars, [keep * μ1[0] + Self.mtm * 6, keep * μ1[1] + Self.mtm * 4], 1e-15))
        #expect(close(bn.σ²!.scalars, [keep * σ1[0] + corrected * 14, keep * σ1[1] + corrected * 24], 1e-15))
        // Test mode then normalises with the running statistics.
        testmode(bn)
        let y = bn(Self.batch())
        #expect(close(y.scalars, Self.normalised(Self.rows, mean: bn.μ!.scalars, variance: bn.σ²!.scalars), 1e-14))
    }

    @Test func floatLayerUpdatesInSinglePrecision() {
        let bn = trainmode(BatchNorm(2))
        #expect(type(of: bn.μ!) == Tensor<Float>.self, "Float by default, as Flux's Float32")
        _ = bn(Tensor<Float>(Self.batch()))
        let mtm: Float = 0.1, keep: Float = 1 - mtm, corrected: Float = mtm * (Float(4) / (Float(4) - 1))
        #expect(bn.μ!.scalars == [keep * 0 + mtm * 3, keep * 0 + mtm * 2])
        #expect(bn.σ²!.scalars == [keep * 1 + corrected * 3.5, keep * 1 + corrected * 6])
    }

    @Test func testModeUsesRunningStatistics() {
        let bn = BatchNorm<Double>(2)
        let y = bn(Self.batch())   // outside a gradient call: test mode, μ = 0, σ² = 1
        #expect(close(y.scalars, Self.batch().scalars.map { $0 / (1 + Self.eps).squareRoot() }, 1e-15))
        #expect(bn.μ!.scalars == [0, 0] && bn.σ²!.scalars == [1, 1], "test mode leaves the statistics alone")
    }

    @Test func modeFollowsGradientCalls() {
        let bn = BatchNorm<Double>(2)
        let x = Self.batch(), r = Tensor<Double>(shape: [2, 4], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
        let weighted = { (y: Tensor<Double>) in zip(y.scalars, r.scalars).reduce(0) { $0 + $1.0 * $1.1 } }
        #expect(!withinGradient())
        let (value, _) = withgradient({ () -> Tensor<Double> in
            #expect(withinGradient())
            return sum(bn(x) .* r)
        }, params(bn))
        let train = Self.normalised(Self.rows, mean: [3, 2], variance: [3.5, 6])
        #expect(Swift.abs(value - weighted(Tensor(shape: [2, 4], scalars: train))) < 1e-12, "inside gradient: batch statistics")
        #expect(bn.μ!.scalars == [Self.mtm * 3, Self.mtm * 2], "and the running statistics moved")
        // testmode overrides the automatic choice, trainmode(nil) restores it
        testmode(bn)
        let (testValue, _) = withgradient({ sum(bn(x) .* r) }, params(bn))
        let test = Self.normalised(Self.rows, mean: bn.μ!.scalars, variance: bn.σ²!.scalars)
        #expect(Swift.abs(testValue - weighted(Tensor(shape: [2, 4], scalars: test))) < 1e-12)
        #expect(bn.active == false)
        trainmode(bn, nil)
        #expect(bn.active == nil)
        testmode(bn, false)
        #expect(bn.active == true, "testmode(m, false) is training mode, as in Flux")
    }

    @Test func modesReachNestedLayers() {
        let inner = BatchNorm(3), outer = BatchNorm(2)
        let model = Chain(Dense(2 => 3), Chain(inner, Dense(3 => 2)), outer)
        #expect(testmode(model) === model)
        #expect(inner.active == false && outer.active == false)
        trainmode(model)
        #expect(inner.active == true && outer.active == true)
        testmode(model, nil)
        #expect(inner.active == nil && outer.active == nil)
    }

    @Test func convolutionShapedInput() {
        // (width 2, height 1, channels 2, batch 2): channel c's values are normalised together over
        // width, height and batch.
        let x = Tensor<Double>(shape: [2, 1, 2, 2], scalars: [1, 3, 10, 20, 5, 7, 30, 60])
        let y = trainmode(BatchNorm<Double>(2))(x)
        #expect(y.shape == [2, 1, 2, 2])
        let ch0 = [1.0, 3, 5, 7], ch1 = [10.0, 20, 30, 60]
        func stats(_ v: [Double]) -> (Double, Double) {
            let m = v.reduce(0, +) / 4
            return (m, v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / 4)
        }
        let (m0, v0) = stats(ch0), (m1, v1) = stats(ch1)
        let n0 = ch0.map { ($0 - m0) / (v0 + Self.eps).squareRoot() }, n1 = ch1.map { ($0 - m1) / (v1 + Self.eps).squareRoot() }
        #expect(close(y.scalars, [n0[0], n0[1], n1[0], n1[1], n0[2], n0[3], n1[2], n1[3]], 1e-14))
    }

    @Test func activationIsApplied() {
        let bn = BatchNorm<Double>(2, relu)
        let y = bn(Self.batch() .- 3.0)
        #expect(close(y.scalars, Self.batch().scalars.map { Swift.max($0 - 3, 0) / (1 + Self.eps).squareRoot() }, 1e-15))
        let floatLayer = BatchNorm(5, relu)
        #expect(floatLayer(Tensor<Float>(shape: [5, 1], repeating: -1)).scalars.allSatisfy { $0 == 0 })
        let tanhLayer = BatchNorm<Double>(2, tanh)
        #expect(close(tanhLayer(Self.batch()).scalars, Self.batch().scalars.map { Foundation.tanh($0 / (1 + Self.eps).squareRoot()) }, 1e-15))
    }

    @Test func trainablesAndChildren() {
        let dense1 = Dense(2 => 3, tanh), bn = BatchNorm(3), dense2 = Dense(3 => 2)
        let model = Chain(dense1, bn, dense2)
        let expected: [AnyObject] = [dense1.weight, dense1.bias!, bn.β!, bn.γ!, dense2.weight, dense2.bias!]
        let ps = params(model)
        #expect(ps.count == 6)
        #expect(zip(ps.order, expected).allSatisfy { ($0 as AnyObject) === $1 }, "W, b, β, γ, W, b as Optimisers.trainables lists them")
        #expect(bn.children.names == ["β", "γ", "μ", "σ²"])
        #expect(bn.trainableNames == ["β", "γ"])
        #expect(bn.β!.scalars == [0, 0, 0] && bn.γ!.scalars == [1, 1, 1] && bn.μ!.scalars == [0, 0, 0] && bn.σ²!.scalars == [1, 1, 1])
        // fmap sees the running statistics too, unless asked for trainable tensors only.
        let copied = fmap(bn) { ($0 as! Tensor<Float>).copy() } as! BatchNorm<Float>
        #expect(copied.μ! !== bn.μ! && copied.σ²! !== bn.σ²! && copied.β! !== bn.β!)
        let trainedOnly = fmap(bn, trainableOnly: true) { ($0 as! Tensor<Float>).copy() } as! BatchNorm<Float>
        #expect(trainedOnly.μ! === bn.μ! && trainedOnly.β! !== bn.β!)
        #expect(copied.ϵ == bn.ϵ && copied.momentum == bn.momentum && copied.chs == 3)
    }

    @Test func withoutAffineOrStatistics() {
        let plain = BatchNorm<Double>(2, affine: false)
        #expect(plain.β == nil && plain.children.names == ["μ", "σ²"] && params(plain).count == 0)
        trainmode(plain)
        #expect(close(plain(Self.batch()).scalars, Self.normalised(Self.rows, mean: [3, 2], variance: [3.5, 6]), 1e-14))
        let stateless = BatchNorm<Double>(2, track_stats: false)
        #expect(stateless.μ == nil && stateless.children.names == ["β", "γ"])
        // without running statistics even test mode uses the batch's
        #expect(close(stateless(Self.batch()).scalars, Self.normalised(Self.rows, mean: [3, 2], variance: [3.5, 6]), 1e-14))
        let rebuilt = stateless.reconstructed(from: [Tensor<Double>([1, 1]), Tensor<Double>([1, 1])])
        #expect(rebuilt.β!.scalars == [1, 1] && rebuilt.μ == nil)
        let custom = BatchNorm<Double>(2, eps: 1e-3, momentum: 0.5)
        trainmode(custom)
        _ = custom(Self.batch())
        #expect(custom.μ!.scalars == [1.5, 1.0])
        #expect(close(custom(Self.batch()).scalars,
                      Self.normalised(Self.rows, mean: [3, 2], variance: [3.5 + Double(Float(1e-3)) - Self.eps, 6 + Double(Float(1e-3)) - Self.eps]),
                      1e-13))
    }

    /// Fixed pseudo-random entries in (−1, 1).
    func uniform(_ shape: [Int], seed: UInt64) -> Tensor<Double> {
        var g = Xoshiro256StarStar(seed: seed)
        return Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Double.random(in: -1..<1, using: &g) })
    }

    @Test(arguments: [[3, 5], [3, 2, 3, 2]])
    func gradientsMatchCentralDifferences(_ shape: [Int]) {
        let c = shape[shape.count - 2]
        let layer = BatchNorm<Double>(c, tanh)
        let β = uniform([c], seed: 1), γ = uniform([c], seed: 2) .+ 1.5
        let x = uniform(shape, seed: 3)
        let r = uniform(shape, seed: 4)
        func loss(_ β: Tensor<Double>, _ γ: Tensor<Double>, _ x: Tensor<Double>) -> Tensor<Double> {
            sum(layer.reconstructed(from: [β, γ, layer.μ!, layer.σ²!])(x) .* r)
        }
        for mode in [true, false] {
            trainmode(layer, mode)   // fixed, so the numerical side (outside gradient) uses the same statistics
            if !mode {
                layer.μ! .= uniform([c], seed: 5)
                layer.σ²! .= uniform([c], seed: 6) .+ 1.5
            }
            let label = "\(mode ? "train" : "test") mode, shape \(shape)"
            checkScalarGradient({ loss(β, γ, $0) }, at: x, "x, \(label)")
            checkScalarGradient({ loss($0, γ, x) }, at: β, "β, \(label)")
            checkScalarGradient({ loss(β, $0, x) }, at: γ, "γ, \(label)")
        }
    }

    @Test func modelGradientCoversShiftAndScale() {
        let bn = BatchNorm<Double>(2)
        let x = Self.batch(), r = Tensor<Double>(shape: [2, 4], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
        let tree = gradient({ (m: BatchNorm<Double>) in sum(m(x) .* r) }, bn)
        // ∂/∂β_c = Σ_n r[c, n]; ∂/∂γ_c = Σ_n r[c, n]·x̂[c, n].
        #expect(tree.β.tensor(as: Double.self)?.scalars == [1 + 3 + 5 + 7, 2 + 4 + 6 + 8])
        let x̂ = Self.normalised(Self.rows, mean: [3, 2], variance: [3.5, 6])
        let gγ = [0, 1].map { c in (0..<4).reduce(0.0) { $0 + r.scalars[c + 2 * $1] * x̂[c + 2 * $1] } }
        #expect(close(tree.γ.tensor(as: Double.self)?.scalars ?? [], gγ, 1e-12))
        #expect(tree.μ.leafValue == nil && tree.σ².leafValue == nil, "train mode does not read the running statistics")
    }

    @Test func wrongChannelCountStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = BatchNorm(3)(rand(Float.self, 2, 5))
        }
        if let result {
            let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(stderr.contains("BatchNorm(3)") && stderr.contains("expected 3 channels") && stderr.contains("(2, 5)"), "stderr: \(stderr)")
        }
    }

    @Test func vectorInputStops() async {
        await #expect(processExitsWith: .failure) {
            _ = BatchNorm(3)(rand(Float.self, 3))
        }
    }
}
