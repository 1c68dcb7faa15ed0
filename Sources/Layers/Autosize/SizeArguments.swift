/// A layer's `in => out` argument, given (`3 => 5`, ``LayerSizes``) or with the input size left to
/// ``autosize(_:_:)`` (`.auto => 5`, ``InferredLayerSizes``).
public protocol SizesArgument {
    /// The input size, `nil` when it is to be inferred.
    var knownInputs: Int? { get }
    /// The output size.
    var knownOutputs: Int { get }
}

extension LayerSizes: SizesArgument {
    /// `in`.
    public var knownInputs: Int? { inputs }
    /// `out`.
    public var knownOutputs: Int { outputs }
}

extension InferredLayerSizes: SizesArgument {
    /// `nil`: inferred by `autosize`.
    public var knownInputs: Int? { nil }
    /// `out`.
    public var knownOutputs: Int { outputs }
}

/// A normalisation layer's channel count: an `Int`, or `.auto` for ``autosize(_:_:)`` to infer.
public protocol ChannelsArgument {
    /// The channel count, `nil` when it is to be inferred.
    var knownChannels: Int? { get }
}

extension Int: ChannelsArgument {
    /// The value itself.
    public var knownChannels: Int? { self }
}

extension AutoSize: ChannelsArgument {
    /// `nil`: inferred by `autosize`.
    public var knownChannels: Int? { nil }
}

extension ChannelsArgument where Self == AutoSize {
    /// The placeholder size, inferred by ``autosize(_:_:)``: `BatchNorm(.auto)`, `.auto => 2`.
    /// (It lives here so that `.auto` also resolves where a ``ChannelsArgument`` is expected.)
    public static var auto: AutoSize { AutoSize() }
}
