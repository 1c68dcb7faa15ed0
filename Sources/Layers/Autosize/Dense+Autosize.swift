import Tensors
import Tracker

extension Dense {
    /// `Dense(.auto => out, σ)`: a placeholder whose input size ``autosize(_:_:)`` infers (Flux's
    /// `Dense(_ => out, σ)` inside `@autosize`). Its weight is an empty (out, 0) matrix until then.
    public convenience init(_ sizes: InferredLayerSizes, _ σ: @escaping (Tensor<Scalar>) -> Tensor<Scalar>, bias: Bool = true) {
        self.init(weight: zeros(Scalar.self, sizes.outputs, 0), bias: bias ? zeros(Scalar.self, sizes.outputs) : nil, σ)
    }

    /// `Dense(.auto => out, σ)` with an ``Activation`` value (default `identity`).
    public convenience init(_ sizes: InferredLayerSizes, _ σ: some Activation = identity, bias: Bool = true) {
        self.init(weight: zeros(Scalar.self, sizes.outputs, 0), bias: bias ? zeros(Scalar.self, sizes.outputs) : nil, { σ($0) })
    }
}

extension Dense where Scalar == Float {
    /// A `Float` placeholder `Dense(.auto => out, σ)`.
    public convenience init(_ sizes: InferredLayerSizes, _ σ: @escaping (Tensor<Float>) -> Tensor<Float>, bias: Bool = true) {
        self.init(weight: zeros(Float.self, sizes.outputs, 0), bias: bias ? zeros(Float.self, sizes.outputs) : nil, σ)
    }

    /// A `Float` placeholder `Dense(.auto => out, σ)` with an ``Activation`` value.
    public convenience init(_ sizes: InferredLayerSizes, _ σ: some Activation = identity, bias: Bool = true) {
        self.init(weight: zeros(Float.self, sizes.outputs, 0), bias: bias ? zeros(Float.self, sizes.outputs) : nil, { σ($0) })
    }
}

extension Dense: AutoSizable {
    /// Whether the input size is still `.auto` (the weight has no columns).
    public var needsSizing: Bool { weight.shape[1] == 0 }

    /// A layer with `inputShape[0]` inputs, fresh Glorot-uniform weights, a zero bias (if it had
    /// one) and the same activation; itself when the input size is known.
    public func sized(forInput inputShape: [Int]) -> Dense {
        guard needsSizing else { return self }
        precondition(!inputShape.isEmpty && inputShape[0] > 0,
                     "autosize: Dense(.auto => \(weight.shape[0])) needs a vector or (features, batch) input, got shape \(formatShape(inputShape))")
        return Dense(inputShape[0], weight.shape[0], σ, bias: bias != nil, scalar: Scalar.self)
    }
}
