import Tensors
import Tracker

/// A fully connected layer `σ(W * x .+ b)` (Flux `Dense`).
///
/// `weight` is (out, in) and initialised with Flux's Glorot-uniform rule, uniform on
/// `±√(6 / (in + out))`; `bias` starts at zero (or is absent with `bias: false`). The layer takes a
/// vector of length `in` or an (in, batch) matrix. `Dense(10, 5, σ)` and `Dense(10 => 5, σ)` build
/// `Float` layers as Flux builds `Float32` ones; write `Dense<Double>(…)` for `Double`.
///
/// Parameters, in `params` order: `weight`, then `bias`.
public final class Dense<Scalar: TensorScalar>: Layer, Functor {
    /// The (out, in) weight matrix.
    public let weight: Tensor<Scalar>
    /// The bias vector of length out, or `nil` for a layer without bias.
    public let bias: Tensor<Scalar>?
    /// The activation applied to `W * x .+ b`.
    public let σ: (Tensor<Scalar>) -> Tensor<Scalar>

    /// A layer with the given weight and bias (Flux `Dense(W, b, σ)`); `bias` must have one entry
    /// per row of `weight`.
    public init(weight: Tensor<Scalar>, bias: Tensor<Scalar>?, _ σ: @escaping (Tensor<Scalar>) -> Tensor<Scalar>) {
        precondition(weight.rank == 2, "Dense: the weight must be a matrix, got shape \(formatShape(weight.shape))")
        if let bias {
            precondition(bias.shape == [weight.shape[0]],
                         "Dense: bias of shape \(formatShape(bias.shape)) does not match weight \(formatShape(weight.shape))")
        }
        self.weight = weight
        self.bias = bias
        self.σ = σ
    }

    /// A layer from `inputs` to `outputs` features with Glorot-uniform weights and a zero bias.
    public convenience init(_ inputs: Int, _ outputs: Int, _ σ: @escaping (Tensor<Scalar>) -> Tensor<Scalar>, bias: Bool = true) {
        self.init(inputs, outputs, σ, bias: bias, scalar: Scalar.self)
    }

    /// A layer with an ``Activation`` value (`σ`, `relu`, `identity`, …).
    public convenience init(_ inputs: Int, _ outputs: Int, _ σ: some Activation = identity, bias: Bool = true) {
        self.init(inputs, outputs, { σ($0) }, bias: bias)
    }

    /// `Dense(in => out, σ)`.
    public convenience init(_ sizes: LayerSizes, _ σ: @escaping (Tensor<Scalar>) -> Tensor<Scalar>, bias: Bool = true) {
        self.init(sizes.inputs, sizes.outputs, σ, bias: bias)
    }

    /// `Dense(in => out, σ)` with an ``Activation`` value.
    public convenience init(_ sizes: LayerSizes, _ σ: some Activation = identity, bias: Bool = true) {
        self.init(sizes.inputs, sizes.outputs, σ, bias: bias)
    }

    /// `weight`, then `bias` if there is one.
    public var children: FunctorChildren {
        .fields(bias.map { [("weight", weight), ("bias", $0)] } ?? [("weight", weight)])
    }

    /// A layer with the same activation and the given weight (and bias).
    public func reconstructed(from children: [any Trainable]) -> Dense {
        Dense(weight: children[0] as! Tensor<Scalar>, bias: bias == nil ? nil : (children[1] as! Tensor<Scalar>), σ)
    }

    /// `σ(W * x .+ b)` for a vector or (in, batch) matrix `x`.
    public func callAsFunction<T: TensorScalar>(_ x: Tensor<T>) -> Tensor<T> {
        let x = convertible(x, to: Scalar.self)
        precondition(x.rank >= 1 && x.shape[0] == weight.shape[1],
                     "Dense(\(weight.shape[1]) => \(weight.shape[0])): expected \(weight.shape[1]) input features, got shape \(formatShape(x.shape))")
        return convertible(affine(weight, bias, σ, x), to: T.self)
    }
}

/// `σ(W * x .+ b)`, compiled for `Float` and `Double` so layers called through `any Layer` run
/// specialised arithmetic.
@_specialize(where S == Float)
@_specialize(where S == Double)
func affine<S: TensorScalar>(_ W: Tensor<S>, _ b: Tensor<S>?, _ σ: (Tensor<S>) -> Tensor<S>, _ x: Tensor<S>) -> Tensor<S> {
    let z = W * x
    return σ(b.map { z .+ $0 } ?? z)
}

extension Dense where Scalar == Float {
    /// A `Float` layer (Flux's default `Float32`) with an activation function.
    public convenience init(_ inputs: Int, _ outputs: Int, _ σ: @escaping (Tensor<Float>) -> Tensor<Float>, bias: Bool = true) {
        self.init(inputs, outputs, σ, bias: bias, scalar: Float.self)
    }

    /// A `Float` layer with an ``Activation`` value (default `identity`).
    public convenience init(_ inputs: Int, _ outputs: Int, _ σ: some Activation = identity, bias: Bool = true) {
        self.init(inputs, outputs, { σ($0) }, bias: bias, scalar: Float.self)
    }

    /// `Dense(in => out, σ)` for `Float`.
    public convenience init(_ sizes: LayerSizes, _ σ: @escaping (Tensor<Float>) -> Tensor<Float>, bias: Bool = true) {
        self.init(sizes.inputs, sizes.outputs, σ, bias: bias, scalar: Float.self)
    }

    /// `Dense(in => out, σ)` for `Float` with an ``Activation`` value.
    public convenience init(_ sizes: LayerSizes, _ σ: some Activation = identity, bias: Bool = true) {
        self.init(sizes.inputs, sizes.outputs, { σ($0) }, bias: bias, scalar: Float.self)
    }
}

extension Dense {
    /// The Glorot-uniform initialiser with the element type spelled out (Flux `glorot_uniform`:
    /// `(rand(out, in) .- 0.5) .* √(24 / (in + out))`).
    convenience init(_ inputs: Int, _ outputs: Int, _ σ: @escaping (Tensor<Scalar>) -> Tensor<Scalar>, bias: Bool, scalar: Scalar.Type) {
        precondition(inputs > 0 && outputs > 0, "Dense: sizes must be positive, got \(inputs) => \(outputs)")
        let limit = Scalar(24.0 / Double(inputs + outputs)).squareRoot()
        let w = (rand(Scalar.self, outputs, inputs) .- Scalar(0.5)) .* limit
        self.init(weight: w, bias: bias ? zeros(Scalar.self, outputs) : nil, σ)
    }
}

/// The sizes of a layer written `in => out` (Flux's `Pair` syntax).
public struct LayerSizes: Equatable, Sendable {
    /// Input features.
    public let inputs: Int
    /// Output features.
    public let outputs: Int
}

precedencegroup PairPrecedence {
    lowerThan: AdditionPrecedence
    associativity: none
}

infix operator => : PairPrecedence

/// `in => out`, the sizes of a layer (Julia's `Pair`).
public func => (inputs: Int, outputs: Int) -> LayerSizes { LayerSizes(inputs: inputs, outputs: outputs) }
