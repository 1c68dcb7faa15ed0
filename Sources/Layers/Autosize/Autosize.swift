import Tensors
import Tracker

/// A layer with a size that ``autosize(_:_:)`` can infer from the data flowing into it (a layer
/// built with `.auto`, Flux's `_` inside `@autosize`).
public protocol AutoSizable: Layer {
    /// Whether some size is still a placeholder.
    var needsSizing: Bool { get }

    /// This layer made real for an input of shape `inputShape`: a new layer with the inferred
    /// sizes, freshly initialised parameters and the same other settings; the layer itself when
    /// nothing needs sizing.
    func sized(forInput inputShape: [Int]) -> Self
}

/// A layer whose output has its input's shape and whose call may change its own state (a
/// normalisation layer updating running statistics): ``autosize(_:_:)`` passes data past it
/// instead of calling it, so building a model leaves no trace in its state.
protocol ShapePreservingDuringSizing {}

/// Builds a model whose `.auto` sizes are inferred from an input of shape `inputShape` (Flux's
/// `@autosize (size(x)...,) model`):
///
/// ```swift
/// // net = @autosize (28, 28, 1, 1) Chain(Conv((3, 3), 1 => 3, stride=2, bias=false), Flux.flatten, Dense(_ => 2, relu))
/// let net = autosize([28, 28, 1, 1], Chain(Conv((3, 3), 1 => 3, stride: 2, bias: false), flatten, Dense(.auto => 2, relu)))
/// // net[2] is Dense(507 => 2, relu): 13 × 13 × 3 features come out of the convolution.
/// ```
///
/// A zero input of that shape (in the element type of the model's first tensor, `Float` if it
/// has none) runs through the model. Each member of a ``Chain`` (nested chains included) that
/// still ``AutoSizable/needsSizing`` — `Dense(.auto => out)`, `Conv(k, .auto => out)`,
/// `BatchNorm(.auto)` — is replaced by a real layer built for the data that reaches it, with
/// fresh Glorot-uniform weights; everything else is kept as it is (the same objects).
/// Normalisation layers are passed over, so their running statistics do not change. Placeholders
/// inside other container types are not reached; a placeholder that is called unsized stops.
public func autosize<M: Layer>(_ inputShape: [Int], _ model: M) -> M {
    precondition(inputShape.allSatisfy { $0 >= 0 }, "autosize: sizes must be non-negative, got \(formatShape(inputShape))")
    let resolved = firstTensor(in: model) is Tensor<Double>
        ? sizingPass(model, Tensor<Double>(shape: inputShape, repeating: 0)).layer
        : sizingPass(model, Tensor<Float>(shape: inputShape, repeating: 0)).layer
    return resolved as! M
}

/// `layer` with its placeholders (and those of nested chains) replaced for input `x`, its output
/// on `x`, and whether anything was replaced.
func sizingPass<T: TensorScalar>(_ layer: any Layer, _ x: Tensor<T>) -> (layer: any Layer, output: Tensor<T>, changed: Bool) {
    if let chain = layer as? Chain {
        var y = x, members: [any Layer] = [], changed = false
        for member in chain.layers {
            let step = sizingPass(member, y)
            members.append(step.layer)
            y = step.output
            changed = changed || step.changed
        }
        // Rebuilding through the Functor keeps whatever else the chain carries (member names).
        return (changed ? chain.reconstructed(from: [members.map { $0 as any Trainable }]) : chain, y, changed)
    }
    var sized = layer, changed = false
    if let placeholder = layer as? any AutoSizable, placeholder.needsSizing {
        sized = placeholder.sized(forInput: x.shape)
        changed = true
    }
    return (sized, sized is any ShapePreservingDuringSizing ? x : sized(x), changed)
}

/// The first tensor of `model`, depth first over its ``Functor`` children.
func firstTensor(in model: any Trainable) -> (any TensorProtocol)? {
    if let tensor = model as? any TensorProtocol { return tensor }
    for child in functorChildren(model).values {
        if let found = firstTensor(in: child) { return found }
    }
    return nil
}
