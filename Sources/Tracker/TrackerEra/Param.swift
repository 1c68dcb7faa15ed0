import Tensors

/// A Tracker-era parameter (Flux v0.6 `param(x)`): marks `x` as a tracked leaf and returns it.
///
/// From then on every operation on `x` is recorded, inside or outside a `gradient` call, so
/// `back(loss)` can accumulate into `grad(x)`. `Param` is just `Tensor`: `x` keeps its identity
/// (Flux copied the array into a new `TrackedArray`; here the tensor itself becomes the leaf).
/// Calling `param` again on the same tensor leaves it as it is.
@discardableResult
public func param<S>(_ x: Tensor<S>) -> Tensor<S> {
    x.makePersistentLeaf()
    return x
}

/// A tracked 0-dimensional parameter holding `x` (Flux `param(2.0)`).
public func param<S: TensorScalar>(_ x: S) -> Tensor<S> { param(Tensor(x)) }

/// Flux's tracked-array type; in Swift every tensor can be a parameter.
public typealias Param<S: TensorScalar> = Tensor<S>

/// The value of a tracked tensor (Flux `Tracker.data(x)`): the tensor itself, whose storage is
/// the parameter's (writing to it writes the parameter).
public func data<S>(_ x: Tensor<S>) -> Tensor<S> { x }

/// The gradient accumulated by `back` into a `param` (Flux `Tracker.grad(x)`): the accumulator
/// itself, not a copy. `nil` for a tensor that is not a Tracker-era parameter.
public func grad<S>(_ x: Tensor<S>) -> Tensor<S>? {
    guard let node = x.autodiffNode, node.isPersistent else { return nil }
    return node.accumulatedGradient
}

/// Sets the accumulated gradient of a `param` to zero (Flux `x.grad .= 0`, Tracker's
/// `zero_grad!`); does nothing for other tensors.
public func zeroGrad<S>(_ x: Tensor<S>) {
    grad(x)? .= 0
}

/// Whether `x` is a Tracker-era parameter (a leaf created by `param`).
public func isLeaf<S>(_ x: Tensor<S>) -> Bool { x.autodiffNode?.isPersistent ?? false }
