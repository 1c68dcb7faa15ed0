import Tensors

/// A chain of rules applied in order (Flux `Optimiser(a, b, c…)`): each rule's step is the
/// next rule's gradient, and the last step is subtracted from the parameter.
///
/// Order matters: put `WeightDecay`, `ClipValue` and `ClipNorm` first, and `InvDecay` /
/// `ExpDecay` last, so the decay scales the final step.
///
/// ```swift
/// let opt = Optimiser(ClipValue(1e-3), ADAM(1e-3))
/// (opt[1] as! Adam).eta = 1e-4       // or opt.member(1, as: Adam.self).eta
/// ```
///
/// Members are shared objects: `Optimiser(opt[0 ..< 2])` builds a new chain around the same
/// rules, so their state is shared too.
public final class Optimiser: OptimiserContainer, RandomAccessCollection, MutableCollection {
    /// The member rules, in application order.
    public var os: [any AbstractOptimiser] { didSet { plan = Self.updatePlan(os) } }

    /// How ``update(_:_:)`` runs this chain, found once per change of ``os`` rather than cast on
    /// every step.
    private var plan: UpdatePlan

    /// The ways a chain can update a parameter, fastest first.
    private enum UpdatePlan {
        /// An elementwise rule followed by `WeightDecay` (Flux's `AdamW`): one pass in all.
        case decayed(rule: any ElementwiseRule, decay: WeightDecay)
        /// `ClipValue`, then a ``GradientBoundReader`` rule, then optionally `WeightDecay`: one pass,
        /// the rule's wide kernel reading the gradient through the clamp; a pass per member where
        /// the wide kernel does not run.
        case clipped(clip: ClipValue, rule: any ElementwiseRule, decay: WeightDecay?)
        /// Both ends elementwise: one pass per member (the first writes its step into a scratch
        /// tensor, the middle ones apply in place, the last subtracts from the parameter).
        case passPerMember(first: any ElementwiseRule, last: any ElementwiseRule)
        /// Anything else: the gradient copied, every member applied, the result subtracted.
        case general
    }

    /// A chain of the given rules.
    public convenience init(_ os: any AbstractOptimiser...) { self.init(os) }

    /// A chain of the given rules.
    public init(_ os: [any AbstractOptimiser]) {
        self.os = os
        plan = Self.updatePlan(os)
    }

    /// The fastest way to update with the chain `os`.
    private static func updatePlan(_ os: [any AbstractOptimiser]) -> UpdatePlan {
        guard os.count >= 2, let first = os.first as? any ElementwiseRule, let last = os.last as? any ElementwiseRule else {
            return .general
        }
        if os.count == 2, let decay = last as? WeightDecay { return .decayed(rule: first, decay: decay) }
        if let clip = first as? ClipValue, let rule = os[1] as? any ElementwiseRule, rule is any GradientBoundReader {
            if os.count == 2 { return .clipped(clip: clip, rule: rule, decay: nil) }
            if os.count == 3, let decay = last as? WeightDecay { return .clipped(clip: clip, rule: rule, decay: decay) }
        }
        return .passPerMember(first: first, last: last)
    }

    /// A chain around the rules of a slice of another chain (sharing them and their state).
    public convenience init(_ slice: Slice<Optimiser>) { self.init(Array(slice)) }

    /// Folds `Δ` through every member in order.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    public func apply<S: TensorScalar>(_ x: Tensor<S>, _ Δ: Tensor<S>) -> Tensor<S> {
        os.reduce(Δ) { step, rule in rule.apply(x, step) }
    }

    /// A scratch tensor per parameter for ``update(_:_:)``, kept so that a steady-state step
    /// allocates nothing (its contents are rewritten on every step; it is not optimiser state).
    let scratch = IdDict()

    /// `x .-= ` the chain's step for `x̄`, bit for bit the result of applying the members in turn
    /// and subtracting, with `x̄` left as it is. An elementwise rule followed by `WeightDecay`
    /// (`AdamW`) runs in one pass: the rule's kernel subtracts its step plus `λ·x` from `x`
    /// directly; so do `Optimiser(ClipValue(δ), rule)` and `Optimiser(ClipValue(δ), rule,
    /// WeightDecay(λ))` when the rule is a built-in rule with elementwise state (Descent …
    /// AdaBelief) or SignDecay and its wide-vector kernel runs (AVX2 or AVX-512, 32 elements or
    /// more), reading each gradient element through ClipValue's clamp. Other chains whose ends
    /// are ``ElementwiseRule``s run one pass per member: the first member writes its step into a
    /// scratch tensor (instead of a copy of `x̄` that it then overwrites), the members between
    /// apply to it in place, and the last subtracts its step from `x` directly. Chains whose first
    /// or last member is not an ``ElementwiseRule`` take the general path. The scratch tensor, one
    /// per parameter, is kept between steps.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    public func update<S: TensorScalar>(_ x: Tensor<S>, _ x̄: Tensor<S>) {
        switch plan {
        case let .decayed(rule, decay):
            rule.updateWithWeightDecay(x, x̄, lambda: decay.wd)
        case let .clipped(clip, rule, decay) where wideRuleRuns(S.self, count: x.count):
            rule.subtractStep(x, x̄, weightDecay: decay?.wd, gradientBound: clip.thresh)
        case let .clipped(clip, rule, decay):
            updatePassPerMember(x, x̄, first: clip, last: decay ?? rule)
        case let .passPerMember(first, last):
            updatePassPerMember(x, x̄, first: first, last: last)
        case .general:
            copyApplySubtract(self, x, x̄)
        }
    }

    /// One pass per member: `first` writes its step into the scratch tensor, the members between
    /// apply to it in place, `last` subtracts its step from `x`.
    private func updatePassPerMember<S: TensorScalar>(_ x: Tensor<S>, _ x̄: Tensor<S>, first: any ElementwiseRule,
                                                      last: any ElementwiseRule) {
        var Δ = scratch.get(x, default: Tensor<S>(unsafeUninitializedShape: x.shape))
        first.writeStep(x, x̄, into: Δ)
        for rule in os.dropFirst().dropLast() { Δ = rule.apply(x, Δ) }
        last.update(x, Δ)
    }

    /// The index of the first member.
    public var startIndex: Int { os.startIndex }
    /// One past the index of the last member.
    public var endIndex: Int { os.endIndex }
    /// The member at a 0-based position (Julia `opt[1]` is `opt[0]`).
    public subscript(i: Int) -> any AbstractOptimiser {
        get { os[i] }
        set { os[i] = newValue }
    }

    /// The member at `i` as its concrete type, so its fields can be changed
    /// (`opt.member(0, as: ExpDecay.self).eta = 0.01`); stops if the member is of another type.
    public func member<T: AbstractOptimiser>(_ i: Int, as type: T.Type) -> T {
        guard let rule = os[i] as? T else {
            preconditionFailure("Optimiser member \(i) is a \(Swift.type(of: os[i])), not a \(T.self)")
        }
        return rule
    }

    /// Appends a rule at the end (Julia `push!(opt, rule)`).
    public func append(_ rule: any AbstractOptimiser) { os.append(rule) }

    /// The chained optimisers, ``os``.
    public var members: [any AbstractOptimiser] { os }
}
