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

/// Subtracts each step from the parameter (for a fused `update`), optionally with weight decay:
/// `x[i] -= step + λ·x[i]`, the same operations in the same order as `Optimiser(rule,
/// WeightDecay(λ))` (the rule's step, then `WeightDecay` adding `λ·x` and subtracting), in one
/// pass instead of two. One type for both, so that every rule's kernel is specialised for it once;
/// the choice is the same for every element, and the compiler moves it out of the loop.
///
/// Internally it may also carry a gradient bound δ for the head of a chain, `Optimiser(ClipValue(δ),
/// rule)`: the wide-vector kernel of a built-in rule reads every gradient element through
/// ClipValue's clamp to [−δ, δ]. A chain hands one over only when that kernel runs.
public struct SubtractStep<Scalar: TensorScalar>: StepSink {
    @usableFromInline let x: UnsafeMutablePointer<Scalar>
    @usableFromInline let weightDecay: Scalar?
    @usableFromInline let gradientBound: Scalar?
    /// A sink subtracting from `x`, with weight decay `λ` when it is given.
    @inlinable public init(_ x: UnsafeMutablePointer<Scalar>, weightDecay λ: Scalar? = nil) {
        self.init(x, weightDecay: λ, gradientBound: nil)
    }
    /// A sink subtracting from `x`, with weight decay `λ` and gradient bound `δ` when given.
    @inlinable init(_ x: UnsafeMutablePointer<Scalar>, weightDecay λ: Scalar?, gradientBound δ: Scalar?) {
        self.x = x
        self.weightDecay = λ
        self.gradientBound = δ
    }
    /// `x[i] -= step`, or `x[i] -= step + λ·x[i]`.
    @inlinable @inline(__always) public func put(_ i: Int, _ step: Scalar) {
        if let λ = weightDecay { x[i] -= step + λ * x[i] } else { x[i] -= step }
    }
    /// The same for `x[i ..< i+lanes]`.
    @inlinable @inline(__always) public func put(_ i: Int, _ lanes: Int, _ step: SIMD4<Scalar>) {
        let xi = load(x, i, lanes)
        if let λ = weightDecay {
            store(xi - (step + λ * xi), x, i, lanes)
        } else {
            store(xi - step, x, i, lanes)
        }
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

    /// Advances this rule's state for `x` and subtracts its step for gradient `g` plus the weight
    /// decay `lambda·x` from `x` in one pass: what `Optimiser(rule, WeightDecay(lambda))` (Flux's
    /// `AdamW`) does in two, with the same operations in the same order. Implemented once in an
    /// extension; a requirement for the same reason as ``writeStep(_:_:into:)``.
    func updateWithWeightDecay<S: TensorScalar>(_ x: Tensor<S>, _ g: Tensor<S>, lambda: Double)
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

    /// The step and the weight decay subtracted in one pass, through the code specialised for
    /// `Float` or `Double`. `lambda` is rounded to `S` as `WeightDecay` rounds it.
    public func updateWithWeightDecay<S: TensorScalar>(_ x: Tensor<S>, _ g: Tensor<S>, lambda: Double) {
        subtractStep(x, g, weightDecay: lambda)
    }

    /// Subtracts the step from `x` in the same pass that computes it; `x̄` is only read.
    public func update<S: TensorScalar>(_ x: Tensor<S>, _ x̄: Tensor<S>) {
        subtractStep(x, x̄, weightDecay: nil)
    }

    /// The kernel run into ``SubtractStep`` (with weight decay `λ` and gradient bound `δ` rounded
    /// to `S` when given), through the code specialised for `Float` or `Double`. Give a bound only
    /// to a ``GradientBoundReader`` whose wide kernel runs (``wideRuleRuns(_:count:)``).
    func subtractStep<S: TensorScalar>(_ x: Tensor<S>, _ g: Tensor<S>, weightDecay λ: Double?, gradientBound δ: Double? = nil) {
        if let x = x.specialised(as: Float.self), let g = g.specialised(as: Float.self) {
            step(x, g, into: SubtractStep(x.pointer, weightDecay: λ.map { Float($0) }, gradientBound: δ.map { Float($0) }))
        } else if let x = x.specialised(as: Double.self), let g = g.specialised(as: Double.self) {
            step(x, g, into: SubtractStep(x.pointer, weightDecay: λ, gradientBound: δ))
        } else {
            step(x, g, into: SubtractStep(x.pointer, weightDecay: λ.map { S($0) }, gradientBound: δ.map { S($0) }))
        }
    }
}

extension Tensor {
    /// The storage as a mutable pointer, for optimiser kernels (hoisted once per call).
    @inlinable var pointer: UnsafeMutablePointer<Scalar> {
        withUnsafeMutableBufferPointer { $0.baseAddress! }
    }
}

/// A rule whose wide kernel reads every gradient element through the clamp of ``SubtractStep``'s
/// gradient bound, so that `Optimiser(ClipValue(δ), rule)` (and `Optimiser(ClipValue(δ), rule,
/// WeightDecay(λ))`) update in one pass, bit for bit the chain's result, whenever the wide kernel
/// runs (``wideRuleRuns(_:count:)``); otherwise the chain takes a pass per member. Adopted by every
/// rule with a wide kernel (the built-in rules with elementwise state, Descent … AdaBelief, and
/// SignDecay).
protocol GradientBoundReader: ElementwiseRule {}
