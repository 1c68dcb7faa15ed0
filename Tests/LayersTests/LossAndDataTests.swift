import Foundation
import Testing
import Flux

@Suite("Losses, softmax, onehot and DataLoader")
struct LossAndDataTests {
    @Test func softmaxAndLogSoftmaxByHand() {
        let x = Tensor<Double>(rows: [[1, 0], [2, 0], [3, 1000]])
        let s = softmax(x)
        let e = [Foundation.exp(1.0), Foundation.exp(2.0), Foundation.exp(3.0)], z = e.reduce(0, +)
        #expect(close(Array(s.scalars[0..<3]), e.map { $0 / z }))
        #expect(close(Array(s.scalars[3..<6]), [0, 0, 1]), "stable for large logits")
        let l = logsoftmax(x)
        #expect(close(Array(l.scalars[0..<3]), [1, 2, 3].map { $0 - Foundation.log(z) }))
        #expect(close(Array(l.scalars[3..<6]), [-1000, -1000, 0]))
        let rows = softmax(Tensor<Double>(rows: [[0, Foundation.log(3.0)]]), dims: 2)
        #expect(close(rows.scalars, [0.25, 0.75]))
    }

    @Test func lossesByHand() {
        let ŷ = Tensor<Double>([1, 2, 4]), y = Tensor<Double>([0, 2, 1])
        #expect(mae(ŷ, y).item == 4.0 / 3.0)
        #expect(Losses.mae(ŷ, y, agg: .sum).item == 4)
        // errors 1, 0, 3 with δ = 1: 1·(1 − ½) = 0.5, 0, 1·(3 − ½) = 2.5 → mean 1; δ = 2: ½, 0, 2(3 − 1) = 4
        #expect(huber_loss(ŷ, y).item == 1)
        #expect(Losses.huber_loss(ŷ, y, agg: .sum, delta: 2).item == 4.5)

        let p = Tensor<Double>(rows: [[0.25, 0.5], [0.75, 0.5]]), t = Tensor<Double>(rows: [[0, 1], [1, 0]])
        // columns: −log(0.75 + ϵ), −log(0.5 + ϵ); mean over the two columns
        let ϵ = Double.ulpOfOne
        let ce = (-Foundation.log(0.75 + ϵ) - Foundation.log(0.5 + ϵ)) / 2
        #expect(Swift.abs(crossentropy(p, t).item - ce) < 1e-15)
        #expect(crossentropy(Tensor<Double>([0, 1]), Tensor<Double>([0, 1])).item.isFinite, "zero targets contribute nothing")

        let logits = Tensor<Double>(rows: [[2, -1], [0, 3]])
        let lse0 = Foundation.log(Foundation.exp(2.0) + 1), lse1 = Foundation.log(Foundation.exp(-1.0) + Foundation.exp(3.0))
        let lce = ((lse0 - 0) + (lse1 - (-1))) / 2
        #expect(Swift.abs(logitcrossentropy(logits, t).item - lce) < 1e-14)
        #expect(logitcrossentropy(Tensor<Double>([1000, -1000]), Tensor<Double>([0, 1])).item == 2000, "stable on extreme logits")

        let q = Tensor<Double>([0.9, 0.2]), b = Tensor<Double>([1, 0])
        let bce = (-Foundation.log(0.9 + ϵ) - Foundation.log(1 - 0.2 + ϵ)) / 2
        #expect(Swift.abs(binarycrossentropy(q, b).item - bce) < 1e-15)
        let z = Tensor<Double>([2, -3])
        // (1 − y)·z + softplus(−z): 0 + log(1 + e⁻²), −3 + log(1 + e³) = log(1 + e⁻³)
        let lbce = (Foundation.log1p(Foundation.exp(-2.0)) + Foundation.log1p(Foundation.exp(-3.0))) / 2
        #expect(Swift.abs(logitbinarycrossentropy(z, b).item - lbce) < 1e-15)
        #expect(logitbinarycrossentropy(Tensor<Double>([-800]), Tensor<Double>([1])).item == 800, "stable on extreme logits")
    }

    @Test func lossGradients() {
        let x = Tensor<Double>(rows: [[0.3, -1.2, 0.5], [1.1, 0.4, -0.7], [0.2, 0.9, 1.5]])
        let t = Tensor<Double>(rows: [[1, 0, 0], [0, 0, 1], [0, 1, 0]])
        let w = Tensor<Double>(rows: [[0.7, 1.3, -0.4], [0.2, -0.9, 1.1], [1.5, 0.6, 0.3]])
        checkScalarGradient({ sum(softmax($0) .* w) }, at: x, "softmax")
        checkScalarGradient({ sum(softmax($0, dims: 2) .* w) }, at: x, "softmax dims 2")
        checkScalarGradient({ sum(logsoftmax($0) .* w) }, at: x, "logsoftmax")
        checkScalarGradient({ logitcrossentropy($0, t) }, at: x, "logitcrossentropy")
        checkScalarGradient({ crossentropy(softmax($0), t) }, at: x, "crossentropy")
        checkScalarGradient({ mae($0, t) }, at: x, "mae")
        checkScalarGradient({ huber_loss($0, t, delta: 0.8) }, at: x, "huber")
        let p = σ(x)
        checkScalarGradient({ binarycrossentropy($0, t) }, at: p, "binarycrossentropy")
        checkScalarGradient({ logitbinarycrossentropy($0, t) }, at: x, "logitbinarycrossentropy")
        checkScalarGradient({ sum(xlogy(t .+ 0.5, $0)) }, at: p, "xlogy wrt y")
    }

    @Test func onehotRoundTrips() throws {
        let v: Tensor<Float> = try onehot("b", ["a", "b", "c"])
        #expect(v.scalars == [0, 1, 0])
        #expect(onecold(v, ["a", "b", "c"]) == "b")
        let labels = [3, 0, 9, 3]
        let Y: Tensor<Double> = try onehotbatch(labels, 0...9, as: Double.self)
        #expect(Y.shape == [10, 4] && Y.scalars.reduce(0, +) == 4)
        #expect(onecold(batch: Y, 0...9) == labels)
        #expect(throws: OneHotError(value: "12", labels: (0...9).map(String.init), position: 1)) {
            let _: Tensor<Float> = try onehotbatch([1, 12], 0...9)
        }
    }

    @Test func dataLoaderBatches() throws {
        let x = Tensor<Double>(shape: [2, 5], scalars: (0..<10).map(Double.init)), y = Tensor<Double>([0, 1, 2, 3, 4])
        let loader = try DataLoader((x, y), batchsize: 2)
        let batches = Array(loader)
        #expect(batches.map { $0.1.scalars } == [[0, 1], [2, 3], [4]], "last partial batch kept")
        #expect(batches[1].0.scalars == [4, 5, 6, 7] && batches[1].0.shape == [2, 2])
        #expect(Array(try DataLoader(y, batchsize: 2, partial: false)).map(\.scalars) == [[0, 1], [2, 3]])

        let a = try DataLoader(y, batchsize: 5, shuffle: true, seed: 7), b = try DataLoader(y, batchsize: 5, shuffle: true, seed: 7)
        let firstA = Array(a).flatMap(\.scalars), firstB = Array(b).flatMap(\.scalars)
        #expect(firstA == firstB, "same seed, same order")
        #expect(firstA.sorted() == [0, 1, 2, 3, 4])
        let passes = (0..<6).map { _ in Array(a).flatMap(\.scalars) }
        #expect(Set(passes.map { $0.map(Int.init) }).count > 1, "each pass reshuffles")

        #expect(throws: DataLoaderError.observationCountMismatch(first: 5, other: 4, position: 1)) {
            _ = try DataLoader((x, Tensor<Double>([1, 2, 3, 4])), batchsize: 2)
        }
        #expect(throws: DataLoaderError.invalidBatchSize(0)) { _ = try DataLoader(y, batchsize: 0) }
    }

    @Test func smallModelTrainsEndToEnd() throws {
        seed(5)
        // XOR-like: two clusters per class
        let x = Tensor<Float>(rows: [[0, 0, 1, 1, 0.1, 0.9], [0, 1, 0, 1, 0.1, 0.9]])
        let labels = [0, 1, 1, 0, 0, 0]
        let y: Tensor<Float> = try onehotbatch(labels, 0...1)
        let m = Chain(Dense(2 => 8, tanh), Dense(8 => 2))
        let loss = { (x: Tensor<Float>, y: Tensor<Float>) in logitcrossentropy(m(x), y) }
        let before = loss(x, y).item
        try train(loss, params(m), Iterators.repeated((x, y), 300), Adam(0.05))
        let after = loss(x, y).item
        #expect(after < before / 10, "loss \(before) → \(after)")
        #expect(onecold(batch: m(x), 0...1) == labels)
    }
}
