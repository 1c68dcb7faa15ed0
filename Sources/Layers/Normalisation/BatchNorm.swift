import Tensors
import Tracker

/// Batch normalisation (Flux `BatchNorm(channels, λ; eps, momentum, affine, track_stats)`).
///
/// The channel dimension is the second-to-last: (channels, batch) after a `Dense`, (width,
/// height, channels, batch) after a `Conv`. Each channel is normalised over every other dimension,
/// then scaled and shifted: with `scale = γ ./ √(σ² .+ ϵ)`,
/// `y = λ.(scale .* x .+ (β .- scale .* μ))`, Flux v0.14's evaluation order.
///
/// - In training mode `μ`, `σ²` are the batch mean and (biased) variance, and the running
///   statistics move towards them: `μ ← (1 − momentum)·μ + momentum·μ_batch`,
///   `σ² ← (1 − momentum)·σ² + momentum·m/(m − 1)·σ²_batch` with `m` values per channel (a
///   batch of one value per channel makes `σ²` NaN, as in Flux).
/// - In test mode the running statistics are used (or the batch's, with `track_stats: false`).
/// - The mode follows Flux: training inside a gradient call, testing outside, unless fixed with
///   ``trainmode(_:_:)`` / ``testmode(_:_:)`` or ``active``.
///
/// `β` (zeros) and `γ` (ones) are trainable; the running `μ` (zeros) and `σ²` (ones) are
/// children that `fmap` and the explicit API see but optimisers leave alone. `affine: false`
/// drops `β` and `γ`; `track_stats: false` drops `μ` and `σ²`. `ϵ` and `momentum` are `Float`,
/// as Flux's default `1f-5` and `0.1f0` are `Float32`, and are converted to the element type
/// where used, as Flux converts them. Layers are `Float` by default; `BatchNorm<Double>(3)` for
/// `Double`. `BatchNorm(.auto)` leaves the channel count to ``autosize(_:_:)``.
public final class BatchNorm<Scalar: TensorScalar>: Layer, Functor, TrainingModeSwitchable, CustomStringConvertible {
    /// The activation applied after normalising.
    public let λ: (Tensor<Scalar>) -> Tensor<Scalar>
    /// The shift, one per channel (`nil` without `affine`).
    public let β: Tensor<Scalar>?
    /// The scale, one per channel (`nil` without `affine`).
    public let γ: Tensor<Scalar>?
    /// The running mean (`nil` without `track_stats`); updated in training mode.
    public let μ: Tensor<Scalar>?
    /// The running variance (`nil` without `track_stats`); updated in training mode.
    public let σ²: Tensor<Scalar>?
    /// Added to the variance before the square root (Flux's `eps` keyword).
    public let ϵ: Float
    /// The weight of each batch in the running statistics.
    public let momentum: Float
    /// The number of channels (0 for a placeholder awaiting ``autosize(_:_:)``).
    public let chs: Int
    /// `true` to always train, `false` to always test, `nil` (the default) to train exactly
    /// inside a gradient call.
    public var active: Bool?

    /// Whether the layer has `β` and `γ`.
    public var affine: Bool { β != nil }
    /// Whether the layer keeps running statistics.
    public var track_stats: Bool { μ != nil }

    /// A layer with the given tensors (each of shape `(channels,)`; `β` and `γ` both or neither,
    /// `μ` and `σ²` both or neither).
    public init(channels: Int, β: Tensor<Scalar>?, γ: Tensor<Scalar>?, μ: Tensor<Scalar>?, σ²: Tensor<Scalar>?,
                _ λ: @escaping (Tensor<Scalar>) -> Tensor<Scalar>, eps: Float = 1e-5, momentum: Float = 0.1, active: Bool? = nil) {
        precondition(channels >= 0, "BatchNorm: the channel count must be positive, got \(channels)")
        precondition((β == nil) == (γ == nil), "BatchNorm: β and γ must both be given or both be nil")
        precondition((μ == nil) == (σ² == nil), "BatchNorm: μ and σ² must both be given or both be nil")
        for (name, t) in [("β", β), ("γ", γ), ("μ", μ), ("σ²", σ²)] {
            if let t {
                precondition(t.shape == [channels],
                             "BatchNorm(\(channels)): \(name) must have shape (\(channels),), got \(formatShape(t.shape))")
            }
        }
        (self.chs, self.β, self.γ, self.μ, self.σ², self.λ) = (channels, β, γ, μ, σ², λ)
        (self.ϵ, self.momentum, self.active) = (eps, momentum, active)
    }

    /// `BatchNorm(channels, λ; eps, momentum, affine, track_stats)`: `β` zeros, `γ` ones, `μ`
    /// zeros, `σ²` ones.
    public convenience init(_ channels: some ChannelsArgument, _ λ: @escaping (Tensor<Scalar>) -> Tensor<Scalar>,
                            eps: Float = 1e-5, momentum: Float = 0.1, affine: Bool = true, track_stats: Bool = true,
                            active: Bool? = nil) {
        self.init(fresh: Self.channelCount(channels), λ, eps: eps, momentum: momentum, affine: affine,
                  track_stats: track_stats, active: active)
    }

    /// A layer with fresh tensors for `c` channels: `β` zeros, `γ` ones, `μ` zeros, `σ²` ones.
    convenience init(fresh c: Int, _ λ: @escaping (Tensor<Scalar>) -> Tensor<Scalar>, eps: Float, momentum: Float,
                     affine: Bool, track_stats: Bool, active: Bool?) {
        self.init(channels: c, β: affine ? zeros(Scalar.self, c) : nil, γ: affine ? ones(Scalar.self, c) : nil,
                  μ: track_stats ? zeros(Scalar.self, c) : nil, σ²: track_stats ? ones(Scalar.self, c) : nil,
                  λ, eps: eps, momentum: momentum, active: active)
    }

    /// `BatchNorm(channels, λ; …)` with an ``Activation`` value (default `identity`).
    public convenience init(_ channels: some ChannelsArgument, _ λ: some Activation = identity,
                            eps: Float = 1e-5, momentum: Float = 0.1, affine: Bool = true, track_stats: Bool = true,
                            active: Bool? = nil) {
        self.init(fresh: Self.channelCount(channels), { λ($0) }, eps: eps, momentum: momentum, affine: affine,
                  track_stats: track_stats, active: active)
    }

    /// The channel count of a ``ChannelsArgument`` (0 for `.auto`), checked positive.
    static func channelCount(_ channels: some ChannelsArgument) -> Int {
        guard let c = channels.knownChannels else { return 0 }
        precondition(c > 0, "BatchNorm: the channel count must be positive, got \(c)")
        return c
    }

    /// Flux's summary: `BatchNorm(3)`, `BatchNorm(3, affine=false, active=true)`.
    public var description: String {
        var text = "BatchNorm(\(chs == 0 ? ".auto" : String(chs))"
        if !affine { text += ", affine=false" }
        if !track_stats { text += ", track_stats=false" }
        if let active { text += ", active=\(active)" }
        return text + ")"
    }

    /// `β`, `γ`, `μ`, `σ²`, each when present.
    public var children: FunctorChildren {
        .fields([("β", β), ("γ", γ), ("μ", μ), ("σ²", σ²)].compactMap { name, t in t.map { (name, $0 as any Trainable) } })
    }

    /// `β` and `γ`: the running statistics are not trained.
    public var trainableNames: [String] { ["β", "γ"] }

    /// A layer with the given tensors (in ``children`` order) and the same activation, `ϵ`,
    /// momentum and mode.
    public func reconstructed(from children: [any Trainable]) -> BatchNorm {
        var rest = children.makeIterator()
        let β = affine ? rest.next() as? Tensor<Scalar> : nil, γ = affine ? rest.next() as? Tensor<Scalar> : nil
        let μ = track_stats ? rest.next() as? Tensor<Scalar> : nil, σ² = track_stats ? rest.next() as? Tensor<Scalar> : nil
        return BatchNorm(channels: chs, β: β, γ: γ, μ: μ, σ²: σ², λ, eps: ϵ, momentum: momentum, active: active)
    }

    /// Normalises `x` (channels in the second-to-last dimension) with batch or running statistics
    /// according to the mode; stops, naming the expected and found shapes, on a channel mismatch.
    public func callAsFunction<T: TensorScalar>(_ x: Tensor<T>) -> Tensor<T> {
        let x = convertible(x, to: Scalar.self)
        precondition(chs > 0, "\(self) has no channel count yet: build the model with autosize(inputShape, model)")
        precondition(x.rank >= 2 && x.shape[x.rank - 2] == chs,
                     "\(self): expected \(chs) channels in dimension \(Swift.max(x.rank - 1, 1)) (the second-to-last) of the input, got shape \(formatShape(x.shape))")
        let y = batchNormalise(x, channels: chs, β: β, γ: γ, μ: μ, σ²: σ², λ, ϵ: ϵ, momentum: momentum, training: isTraining)
        return convertible(y, to: T.self)
    }
}

/// The forward pass of ``BatchNorm``, compiled for `Float` and `Double`: differentiable in `x`,
/// `β` and `γ` (and in the running statistics in test mode); the running-statistics update is a
/// plain in-place loop outside the graph.
@_specialize(where S == Float)
@_specialize(where S == Double)
func batchNormalise<S: TensorScalar>(_ x: Tensor<S>, channels c: Int, β: Tensor<S>?, γ: Tensor<S>?, μ: Tensor<S>?, σ²: Tensor<S>?,
                                     _ λ: (Tensor<S>) -> Tensor<S>, ϵ: Float, momentum: Float, training: Bool) -> Tensor<S> {
    let shape = x.shape
    let inner = shape.dropLast(2).reduce(1, *), outer = shape[shape.count - 1]
    let x3 = reshape(x, inner, c, outer)
    let mean: Tensor<S>, variance: Tensor<S>
    if !training, let μ, let σ² {
        (mean, variance) = (reshape(μ, 1, c, 1), reshape(σ², 1, c, 1))
    } else {
        let m = inner * outer
        mean = sum(sum(x3, dims: 1), dims: 3) ./ S(m)
        variance = sum(sum(abs2(x3 .- mean), dims: 1), dims: 3) ./ S(m)
        if let μ, let σ² { updateRunningStatistics(μ, σ², batchMean: mean, batchVariance: variance, count: m, momentum: momentum) }
    }
    let eps = S(ϵ)
    let normalised: Tensor<S>
    if let β, let γ {
        let scale = reshape(γ, 1, c, 1) ./ sqrt(variance .+ eps)
        normalised = scale .* x3 .+ (reshape(β, 1, c, 1) .- scale .* mean)
    } else {
        normalised = (x3 .- mean) ./ sqrt(variance .+ eps)
    }
    return λ(reshape(normalised, shape))
}

/// Flux's `_track_stats!`: `μ .= (1 − mtm)·μ + mtm·μ_batch` and
/// `σ² .= (1 − mtm)·σ² + mtm·(m/(m − 1))·σ²_batch`, in place and unrecorded.
func updateRunningStatistics<S: TensorScalar>(_ μ: Tensor<S>, _ σ²: Tensor<S>, batchMean: Tensor<S>, batchVariance: Tensor<S>,
                                              count m: Int, momentum: Float) {
    let mtm = S(momentum), keep = 1 - mtm, corrected = mtm * (S(m) / (S(m) - 1))
    μ.withUnsafeMutableBufferPointer { running in
        batchMean.withUnsafeBufferPointer { batch in
            for i in running.indices { running[i] = keep * running[i] + mtm * batch[i] }
        }
    }
    σ².withUnsafeMutableBufferPointer { running in
        batchVariance.withUnsafeBufferPointer { batch in
            for i in running.indices { running[i] = keep * running[i] + corrected * batch[i] }
        }
    }
}

extension BatchNorm where Scalar == Float {
    /// A `Float` layer (Flux's default `Float32`) with an activation function.
    public convenience init(_ channels: some ChannelsArgument, _ λ: @escaping (Tensor<Float>) -> Tensor<Float>,
                            eps: Float = 1e-5, momentum: Float = 0.1, affine: Bool = true, track_stats: Bool = true,
                            active: Bool? = nil) {
        self.init(fresh: Self.channelCount(channels), λ, eps: eps, momentum: momentum, affine: affine,
                  track_stats: track_stats, active: active)
    }

    /// A `Float` layer with an ``Activation`` value (default `identity`).
    public convenience init(_ channels: some ChannelsArgument, _ λ: some Activation = identity,
                            eps: Float = 1e-5, momentum: Float = 0.1, affine: Bool = true, track_stats: Bool = true,
                            active: Bool? = nil) {
        self.init(fresh: Self.channelCount(channels), { λ($0) }, eps: eps, momentum: momentum, affine: affine,
                  track_stats: track_stats, active: active)
    }
}

extension BatchNorm: AutoSizable, ShapePreservingDuringSizing {
    /// Whether the channel count is still `.auto`.
    public var needsSizing: Bool { chs == 0 }

    /// A layer with `inputShape[rank − 2]` channels, fresh statistics and parameters and the same
    /// settings; itself when the channel count is known.
    public func sized(forInput inputShape: [Int]) -> BatchNorm {
        guard needsSizing else { return self }
        precondition(inputShape.count >= 2 && inputShape[inputShape.count - 2] > 0,
                     "autosize: BatchNorm(.auto) needs channels in the second-to-last dimension, got shape \(formatShape(inputShape))")
        return BatchNorm(fresh: inputShape[inputShape.count - 2], λ, eps: ϵ, momentum: momentum, affine: affine,
                         track_stats: track_stats, active: active)
    }
}
