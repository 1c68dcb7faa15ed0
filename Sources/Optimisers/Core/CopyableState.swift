import Optimise
import Tensors

/// Rule state that holds tensors and can copy them, so the non-mutating ``update(_:_:_:)`` and
/// ``adjust(_:_:)`` never share buffers with the tree they were given. A custom rule whose state
/// holds tensors adopts it; plain values (counters, numbers) need nothing.
public protocol CopyableState {
    /// A copy whose tensors are new buffers with the same contents.
    func copied() -> Self
}

/// `state` with every tensor it holds copied: tensors, ``CopyableState`` values and arrays of
/// them (chain states); anything else is returned as it is.
func copyState(_ state: Any) -> Any {
    if let tensor = state as? any TensorProtocol { return copyTensor(tensor) }
    if let copyable = state as? any CopyableState { return copyable.copied() }
    if let array = state as? [Any] { return array.map(copyState) }
    return state
}

/// A new tensor with `x`'s element type, shape and contents.
func copyTensor(_ x: any TensorProtocol) -> any TensorProtocol {
    func typed<X: TensorProtocol>(_ x: X) -> any TensorProtocol { x.tensor.copy() }
    return typed(x)
}

extension MomentState: CopyableState {
    /// New buffers with the same moments, powers and step count.
    public func copied() -> MomentState<S> {
        let copy = MomentState(like: m, third: w != nil, beta: (β1p, β2p))
        copy.m .= m
        copy.v .= v
        if let w, let target = copy.w { target .= w }
        copy.t = t
        return copy
    }
}
