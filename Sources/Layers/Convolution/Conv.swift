import Tensors
import Tracker

/// A 2-d convolutional layer `σ.(conv(x, weight) .+ bias)` (Flux `Conv`).
///
/// Data is WHCN, as in Flux: a batch of 50 RGB images of 100×100 pixels is a (100, 100, 3, 50)
/// tensor. `weight` is (kernel width, kernel height, in, out), initialised with Flux's
/// Glorot-uniform rule (`fan_in = kw·kh·in`, `fan_out = kw·kh·out`); `bias` has one entry per
/// output channel and starts at zero, or is absent with `bias: false`. Like Flux (NNlib's
/// `conv`), this is a *true* convolution: the kernel is flipped in both spatial dimensions (see
/// ``conv(_:_:stride:pad:dilation:flipped:)``). Each spatial output size is
/// `(size + pad_lo + pad_hi − dilation·(k − 1) − 1) ÷ stride + 1`.
///
/// ```swift
/// Conv((3, 3), 1 => 3, stride: 2, bias: false)     // Conv((3, 3), 1 => 3, stride = 2, bias = false)
/// Conv((3, 3), 3 => 5, relu, pad: 1)               // Conv((3, 3), 3 => 5, relu, pad = 1)
/// Conv((5, 5), 3 => 7, stride: [2, 1], pad: SamePad())
/// ```
///
/// `stride` and `dilation` take an `Int` or `[w, h]` (Julia's tuple `(w, h)`); `pad` takes an
/// `Int`, `[w, h]`, `[w_lo, w_hi, h_lo, h_hi]` or ``SamePad``. Layers are `Float` by default, as
/// Flux's are `Float32`; write `Conv<Double>(…)` for `Double`. `.auto => out` leaves the input
/// channels to ``autosize(_:_:)``.
///
/// Parameters, in `params` order: `weight`, then `bias`.
public final class Conv<Scalar: TensorScalar>: Layer, Functor, CustomStringConvertible {
    /// The (kernel width, kernel height, in, out) kernel.
    public let weight: Tensor<Scalar>
    /// One bias per output channel, or `nil` for a layer without bias.
    public let bias: Tensor<Scalar>?
    /// The activation applied to `conv(x, weight) .+ bias`.
    public let σ: (Tensor<Scalar>) -> Tensor<Scalar>
    /// The stride `[width, height]`.
    public let stride: [Int]
    /// The padding `[width low, width high, height low, height high]`.
    public let pad: [Int]
    /// The dilation `[width, height]`.
    public let dilation: [Int]

    /// A layer with the given kernel and bias (Flux `Conv(weight, bias, σ; stride, pad, dilation)`).
    /// `weight` must be 4-d and `bias`, if any, have one entry per output channel.
    public init(weight: Tensor<Scalar>, bias: Tensor<Scalar>?, _ σ: @escaping (Tensor<Scalar>) -> Tensor<Scalar>,
                stride: some SpatialArgument = 1, pad: some PaddingArgument = 0, dilation: some SpatialArgument = 1) {
        precondition(weight.rank == 4,
                     "Conv: the weight must be 4-d (kernel width, kernel height, in, out), got shape \(formatShape(weight.shape))")
        if let bias {
            precondition(bias.shape == [weight.shape[3]],
                         "Conv: bias of shape \(formatShape(bias.shape)) does not match weight \(formatShape(weight.shape)); expected (\(weight.shape[3]),)")
        }
        self.weight = weight
        self.bias = bias
        self.σ = σ
        self.stride = stride.spatialValues(name: "stride")
        self.dilation = dilation.spatialValues(name: "dilation")
        self.pad = pad.padding(kernel: Array(weight.shape[0..<2]), dilation: self.dilation)
        precondition(self.stride.allSatisfy { $0 >= 1 } && self.dilation.allSatisfy { $0 >= 1 } && self.pad.allSatisfy { $0 >= 0 },
                     "Conv: stride and dilation must be ≥ 1 and pad ≥ 0, got stride \(formatShape(self.stride)), pad \(formatShape(self.pad)), dilation \(formatShape(self.dilation))")
    }

    /// A layer with the given kernel and bias and an ``Activation`` value.
    public convenience init(weight: Tensor<Scalar>, bias: Tensor<Scalar>?, _ σ: some Activation = identity,
                            stride: some SpatialArgument = 1, pad: some PaddingArgument = 0, dilation: some SpatialArgument = 1) {
        self.init(weight: weight, bias: bias, { σ($0) }, stride: stride, pad: pad, dilation: dilation)
    }

    /// `Conv((kw, kh), in => out, σ; stride, pad, dilation, bias)` with Glorot-uniform weights.
    public convenience init(_ filter: (Int, Int), _ channels: some SizesArgument, _ σ: @escaping (Tensor<Scalar>) -> Tensor<Scalar>,
                            stride: some SpatialArgument = 1, pad: some PaddingArgument = 0, dilation: some SpatialArgument = 1,
                            bias: Bool = true) {
        self.init(weight: Self.initialWeight(filter, channels), bias: bias ? zeros(Scalar.self, channels.knownOutputs) : nil,
                  σ, stride: stride, pad: pad, dilation: dilation)
    }

    /// `Conv((kw, kh), in => out, σ; …)` with an ``Activation`` value (default `identity`).
    public convenience init(_ filter: (Int, Int), _ channels: some SizesArgument, _ σ: some Activation = identity,
                            stride: some SpatialArgument = 1, pad: some PaddingArgument = 0, dilation: some SpatialArgument = 1,
                            bias: Bool = true) {
        self.init(filter, channels, { σ($0) }, stride: stride, pad: pad, dilation: dilation, bias: bias)
    }

    /// A Glorot-uniform (kw, kh, in, out) kernel, or an empty (kw, kh, 0, out) placeholder when
    /// `in` is left to `autosize`.
    static func initialWeight(_ filter: (Int, Int), _ channels: some SizesArgument) -> Tensor<Scalar> {
        let (kw, kh) = filter, out = channels.knownOutputs
        precondition(kw > 0 && kh > 0 && out > 0 && (channels.knownInputs ?? 1) > 0,
                     "Conv: sizes must be positive, got filter (\(kw), \(kh)) and \(channels.knownInputs.map(String.init) ?? ".auto") => \(out)")
        guard let inputs = channels.knownInputs else { return zeros(Scalar.self, kw, kh, 0, out) }
        return glorotUniform(Scalar.self, [kw, kh, inputs, out])
    }

    /// The input channels (0 for a placeholder awaiting ``autosize(_:_:)``).
    public var inChannels: Int { weight.shape[2] }
    /// The output channels.
    public var outChannels: Int { weight.shape[3] }

    /// Flux's summary: `Conv((3, 3), 1 => 3, stride=2, bias=false)`.
    public var description: String {
        var text = "Conv((\(weight.shape[0]), \(weight.shape[1])), \(inChannels == 0 ? ".auto" : String(inChannels)) => \(outChannels)"
        if pad.contains(where: { $0 != 0 }) { text += ", pad=\(Self.compact(pad))" }
        if stride.contains(where: { $0 != 1 }) { text += ", stride=\(Self.compact(stride))" }
        if dilation.contains(where: { $0 != 1 }) { text += ", dilation=\(Self.compact(dilation))" }
        if bias == nil { text += ", bias=false" }
        return text + ")"
    }

    /// One number when all values agree, else Julia's tuple.
    static func compact(_ values: [Int]) -> String {
        Set(values).count == 1 ? String(values[0]) : "(" + values.map(String.init).joined(separator: ", ") + ")"
    }

    /// `weight`, then `bias` if there is one.
    public var children: FunctorChildren {
        .fields(bias.map { [("weight", weight), ("bias", $0)] } ?? [("weight", weight)])
    }

    /// A layer with the same activation, stride, padding and dilation and the given weight (and bias).
    public func reconstructed(from children: [any Trainable]) -> Conv {
        Conv(weight: children[0] as! Tensor<Scalar>, bias: bias == nil ? nil : (children[1] as! Tensor<Scalar>), σ,
             stride: stride, pad: pad, dilation: dilation)
    }

    /// `σ.(conv(x, weight) .+ bias)` for a (width, height, in, batch) input; stops, naming the
    /// expected and found shapes, for any other rank or channel count.
    public func callAsFunction<T: TensorScalar>(_ x: Tensor<T>) -> Tensor<T> {
        let x = convertible(x, to: Scalar.self)
        precondition(inChannels > 0, "\(self) has no input size yet: build the model with autosize(inputShape, model)")
        precondition(x.rank == 4,
                     "\(self): expected a 4-d (width, height, channels, batch) input, got shape \(formatShape(x.shape)); add a batch dimension with reshape(x, \(x.shape.map(String.init).joined(separator: ", ")), 1)")
        precondition(x.shape[2] == inChannels,
                     "\(self): expected \(inChannels) input channels (dimension 3), got shape \(formatShape(x.shape))")
        return convertible(convolutionLayer(x, weight, bias, σ, stride: stride, pad: pad, dilation: dilation), to: T.self)
    }
}

/// `σ.(conv(x, w) .+ b)`, compiled for `Float` and `Double` so a layer called through `any Layer`
/// runs specialised arithmetic.
@_specialize(where S == Float)
@_specialize(where S == Double)
func convolutionLayer<S: TensorScalar>(_ x: Tensor<S>, _ w: Tensor<S>, _ b: Tensor<S>?, _ σ: (Tensor<S>) -> Tensor<S>,
                                       stride: [Int], pad: [Int], dilation: [Int]) -> Tensor<S> {
    let y = conv(x, w, stride: stride, pad: pad, dilation: dilation)
    return σ(b.map { y .+ reshape($0, 1, 1, $0.count, 1) } ?? y)
}

extension Conv where Scalar == Float {
    /// A `Float` layer (Flux's default `Float32`) with an activation function.
    public convenience init(_ filter: (Int, Int), _ channels: some SizesArgument, _ σ: @escaping (Tensor<Float>) -> Tensor<Float>,
                            stride: some SpatialArgument = 1, pad: some PaddingArgument = 0, dilation: some SpatialArgument = 1,
                            bias: Bool = true) {
        self.init(weight: Self.initialWeight(filter, channels), bias: bias ? zeros(Float.self, channels.knownOutputs) : nil,
                  σ, stride: stride, pad: pad, dilation: dilation)
    }

    /// A `Float` layer with an ``Activation`` value (default `identity`).
    public convenience init(_ filter: (Int, Int), _ channels: some SizesArgument, _ σ: some Activation = identity,
                            stride: some SpatialArgument = 1, pad: some PaddingArgument = 0, dilation: some SpatialArgument = 1,
                            bias: Bool = true) {
        self.init(weight: Self.initialWeight(filter, channels), bias: bias ? zeros(Float.self, channels.knownOutputs) : nil,
                  { σ($0) }, stride: stride, pad: pad, dilation: dilation)
    }
}

extension Conv: AutoSizable {
    /// Whether the input channels are still `.auto`.
    public var needsSizing: Bool { inChannels == 0 }

    /// A layer with `inputShape[2]` input channels, fresh Glorot-uniform weights and the same
    /// settings; itself when the channels are known.
    public func sized(forInput inputShape: [Int]) -> Conv {
        guard needsSizing else { return self }
        precondition(inputShape.count == 4,
                     "autosize: \(self) expects a 4-d (width, height, channels, batch) input, got shape \(formatShape(inputShape))")
        let (kw, kh) = (weight.shape[0], weight.shape[1])
        return Conv(weight: Self.initialWeight((kw, kh), inputShape[2] => outChannels),
                    bias: bias.map { _ in zeros(Scalar.self, outChannels) }, σ, stride: stride, pad: pad, dilation: dilation)
    }
}
