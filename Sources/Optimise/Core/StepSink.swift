import Tensors

/// Where a rule's elementwise kernel puts the step it computes for element `i`.
///
/// Built-in rules compute each step once, in one pass, and hand it to a sink: ``WriteStep``
/// stores it into the gradient buffer (Flux's `apply!`, which overwrites `Δ`), ``SubtractStep``
/// subtracts it from the parameter (a fused `update` that leaves the caller's gradient alone).
/// Both are specialised into the kernel, so the loop vectorises either way.
public protocol StepSink {
    /// The element type.
    associatedtype Scalar: TensorScalar
    /// Receives the step of element `i`.
    func put(_ i: Int, _ step: Scalar)
    /// Receives the steps of elements `i ..< i+lanes` (the first `lanes` lanes of `step`).
    func put(_ i: Int, _ lanes: Int, _ step: SIMD4<Scalar>)
}

/// Stores each step into a buffer (the gradient, for `apply`).
public struct WriteStep<Scalar: TensorScalar>: StepSink {
    @usableFromInline let out: UnsafeMutablePointer<Scalar>
    /// A sink writing into `out`.
    @inlinable public init(_ out: UnsafeMutablePointer<Scalar>) { self.out = out }
    /// `out[i] = step`.
    @inlinable @inline(__always) public func put(_ i: Int, _ step: Scalar) { out[i] = step }
    /// Stores the first `lanes` steps at `out + i`.
    @inlinable @inline(__always) public func put(_ i: Int, _ lanes: Int, _ step: SIMD4<Scalar>) {
        store(step, out, i, lanes)
    }
}

/// Subtracts each step from the parameter (for a fused `update`).
public struct SubtractStep<Scalar: TensorScalar>: StepSink {
    @usableFromInline let x: UnsafeMutablePointer<Scalar>
    /// A sink subtracting from `x`.
    @inlinable public init(_ x: UnsafeMutablePointer<Scalar>) { self.x = x }
    /// `x[i] -= step`.
    @inlinable @inline(__always) public func put(_ i: Int, _ step: Scalar) { x[i] -= step }
    /// Subtracts the first `lanes` steps from `x[i ..< i+lanes]`.
    @inlinable @inline(__always) public func put(_ i: Int, _ lanes: Int, _ step: SIMD4<Scalar>) {
        store(load(x, i, lanes) - step, x, i, lanes)
    }
}

/// A rule whose step is computed elementwise in one pass: it implements ``step(_:_:into:)``
/// once, and gets both ``AbstractOptimiser/apply(_:_:)`` (into the gradient) and a fused,
/// allocation-free ``AbstractOptimiser/update(_:_:)`` (into the parameter) from it.
public protocol ElementwiseRule: AbstractOptimiser {
    /// Advances this rule's state for `x` and gives the step of every element to `sink`. Reads
    /// `g` element `i` before `sink` receives step `i`, and never reads `g` or `x` at `i` after.
    func step<S, Sink: StepSink>(_ x: Tensor<S>, _ g: Tensor<S>, into sink: Sink) where Sink.Scalar == S

    /// Advances this rule's state for `x` and writes the step for gradient `g` into `out` (which
    /// may be `g` itself), leaving `x` alone. Implemented once in an extension, on top of
    /// ``step(_:_:into:)``; a requirement so that calls through `any ElementwiseRule` reach the code
    /// specialised for the rule.
    func writeStep<S: TensorScalar>(_ x: Tensor<S>, _ g: Tensor<S>, into out: Tensor<S>)
}

extension ElementwiseRule {
    /// Writes the step into `Δ` and returns it.
    public func apply<S: TensorScalar>(_ x: Tensor<S>, _ Δ: Tensor<S>) -> Tensor<S> {
        writeStep(x, Δ, into: Δ)
        return Δ
    }

    /// The step for `g` written into `out`, through the code specialised for `Float` or `Double`.
    public func writeStep<S: TensorScalar>(_ x: Tensor<S>, _ g: Tensor<S>, into out: Tensor<S>) {
        if let x = x.specialised(as: Float.self), let g = g.specialised(as: Float.self), let out = out.specialised(as: Float.self) {
            step(x, g, into: WriteStep(out.pointer))
        } else if let x = x.specialised(as: Double.self), let g = g.specialised(as: Double.self), let out = out.specialised(as: Double.self) {
            step(x, g, into: WriteStep(out.pointer))
        } else {
            step(x, g, into: WriteStep(out.pointer))
        }
    }

    /// Subtracts the step from `x` in the same pass that computes it; `x̄` is only read.
    public func update<S: TensorScalar>(_ x: Tensor<S>, _ x̄: Tensor<S>) {
        if let x = x.specialised(as: Float.self), let x̄ = x̄.specialised(as: Float.self) {
            step(x, x̄, into: SubtractStep(x.pointer))
        } else if let x = x.specialised(as: Double.self), let x̄ = x̄.specialised(as: Double.self) {
            step(x, x̄, into: SubtractStep(x.pointer))
        } else {
            step(x, x̄, into: SubtractStep(x.pointer))
        }
    }
}

extension Tensor {
    /// The storage as a mutable pointer, for optimiser kernels (hoisted once per call).
    @inlinable var pointer: UnsafeMutablePointer<Scalar> {
        withUnsafeMutableBufferPointer { $0.baseAddress! }
    }
}
