import Testing
import Flux

/// A recorded graph lives exactly as long as the tensors computed from it: once those are gone,
/// every intermediate result and every parameter the graph refers to is freed. (A pullback that
/// held its own output would make a cycle — output → node → pullback → output — and keep the
/// whole graph behind it alive for ever, with the parameters its pullbacks hold;
/// AddressSanitizer's leak checker found one in `softmax`/`logsoftmax`.)
@Suite("Lifetime of recorded graphs")
struct GraphLifetimeTests {
    /// The slice-wise activations, each with the name a failure reports.
    static let activations: [(name: String, apply: @Sendable (Tensor<Double>) -> Tensor<Double>)] = [
        ("softmax", { softmax($0) }), ("softmax dims 2", { softmax($0, dims: 2) }),
        ("logsoftmax", { logsoftmax($0) }), ("logsoftmax dims 2", { logsoftmax($0, dims: 2) }),
    ]

    @Test("after a gradient call, its activation outputs and the parameters are freed")
    func gradientCallFreesItsGraph() {
        for (name, activation) in Self.activations {
            weak var output: Tensor<Double>?
            weak var parameter: Tensor<Double>?
            do {
                let W = Tensor<Double>(rows: [[0.5, -0.2, 0.1], [0.3, 0.8, -0.6]])
                let x = Tensor<Double>(rows: [[1, 2], [-1, 0.5], [0.2, 0.1]])
                parameter = W
                let gs = gradient({ () -> Tensor<Double> in
                    let y = activation(W * x)
                    output = y
                    return sum(y .* y)
                }, params(W))
                #expect(gs[W] != nil, "\(name): no gradient")
            }
            #expect(output == nil, "\(name): the recorded output outlives its graph")
            #expect(parameter == nil, "\(name): the parameter is kept alive by the recorded graph")
        }
    }

    @Test("a Tracker-era graph through an activation is freed with its result")
    func trackerEraGraphIsFreed() throws {
        for (name, activation) in Self.activations {
            weak var output: Tensor<Double>?
            weak var parameter: Tensor<Double>?
            do {
                let p = param(Tensor<Double>(rows: [[0.5, -0.2], [0.3, 0.8]]))
                parameter = p
                let y = activation(p)
                output = y
                try back(sum(y .* y))
                #expect(grad(p) != nil, "\(name): no gradient")
            }
            #expect(output == nil, "\(name): the recorded output outlives its graph")
            #expect(parameter == nil, "\(name): the parameter is kept alive by the recorded graph")
        }
    }

    @Test("training with logitcrossentropy and crossentropy leaves nothing of a dropped model alive")
    func trainedModelIsFreed() throws {
        let x = Tensor<Float>(rows: [[0, 0, 1, 1], [0, 1, 0, 1]])
        let y: Tensor<Float> = try onehotbatch([0, 1, 1, 0], 0...1)
        let losses: [(String, (Tensor<Float>, Tensor<Float>) -> Tensor<Float>)] = [
            ("logitcrossentropy", { logitcrossentropy($0, $1) }),
            ("crossentropy", { crossentropy(softmax($0), $1) }),
        ]
        for (name, lossFunction) in losses {
            weak var weight: Tensor<Float>?
            do {
                let model = Chain(Dense(2 => 4, tanh), Dense(4 => 2))
                weight = model.layer(0, as: Dense<Float>.self).weight
                let loss = { (x: Tensor<Float>, y: Tensor<Float>) in lossFunction(model(x), y) }
                try train(loss, params(model), Array(repeating: (x, y), count: 5), Adam(0.01))
            }
            #expect(weight == nil, "\(name): a parameter of the dropped model is still alive")
        }
    }
}
