import Optimise
import Tensors

/// Runs an elementwise kernel that writes each element's step into `dx`, and returns `dx`: how
/// these rules reuse the Flux.Optimise kernels (`Optimise.Adam.step(…)`) on explicit state.
@inlinable func overwriting<T: TensorScalar>(_ dx: Tensor<T>, _ kernel: (WriteStep<T>) -> Void) -> Tensor<T> {
    if dx.count > 0 {
        dx.withUnsafeMutableBufferPointer { kernel(WriteStep($0.baseAddress!)) }
    }
    return dx
}

/// `state` as a typed tensor; stops when it belongs to a parameter of another element type.
@inlinable func typedState<T: TensorScalar>(_ state: any TensorProtocol, _ type: T.Type) -> Tensor<T> {
    guard let typed = state as? Tensor<T> else {
        preconditionFailure("optimiser state is \(state.scalarTypeName), the parameter \(T.juliaName): set up the state for this parameter")
    }
    return typed
}

/// `state` as moment buffers of element type `T`.
@inlinable func typedMoments<T: TensorScalar>(_ state: AnyObject, _ type: T.Type) -> MomentState<T> {
    guard let typed = state as? MomentState<T> else {
        preconditionFailure("optimiser state is \(Swift.type(of: state)), expected the moments of a \(T.juliaName) parameter")
    }
    return typed
}

/// Fresh zero moments (and running powers β) for `x`.
@inlinable func freshMoments<T: TensorScalar>(_ x: Tensor<T>, _ beta: (Double, Double), initial: T = 0, third: Bool = false) -> AnyObject {
    MomentState(like: x, initial: initial, third: third, beta: beta)
}

extension MomentState: CustomStringConvertible {
    /// `(m, v, βt)` in Julia's printing.
    public var description: String {
        let buffers = [m, v] + (w.map { [$0] } ?? [])
        return "(" + buffers.map { describeValues($0) }.joined(separator: ", ") + ", (\(β1p), \(β2p)))"
    }
}
