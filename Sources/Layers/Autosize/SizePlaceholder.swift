import Tensors

/// A size left for ``autosize(_:_:)`` to infer, Flux's `_` inside `@autosize`: write `.auto`, as
/// in `Dense(.auto => 2, relu)`, `Conv((3, 3), .auto => 8)` or `BatchNorm(.auto)`.
///
/// A layer built with a placeholder has empty parameters; it is only a description until
/// `autosize` replaces it with a real layer sized from the data flowing into it. The only value
/// is ``ChannelsArgument/auto``.
public struct AutoSize: Equatable, Sendable {
    /// The placeholder; spelled `.auto`.
    init() {}
}

/// `.auto => out`: a layer's sizes with the input size left to ``autosize(_:_:)`` (Flux's
/// `_ => out`).
public struct InferredLayerSizes: Equatable, Sendable {
    /// Output features or channels.
    public let outputs: Int
}

/// `.auto => out`, the sizes of a layer whose input size ``autosize(_:_:)`` infers. No ambiguity
/// with `in => out`: `.auto` is not an `Int`.
public func => (inputs: AutoSize, outputs: Int) -> InferredLayerSizes { InferredLayerSizes(outputs: outputs) }
