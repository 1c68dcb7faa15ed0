/// One optional object per operand of an operation, in argument order: the nodes of a recorded
/// operation's inputs (``OperationInputs``) or the gradients a pullback returns for them
/// (``InputGradients``).
///
/// Unary and binary operations — nearly all of them — keep their entries inline, so recording
/// and backward passes allocate no array; n-ary operations such as `vcat` keep the rest in an
/// array.
public struct OperandList<Element: AnyObject> {
    @usableFromInline let first: Element?
    @usableFromInline let second: Element?
    @usableFromInline let others: [Element?]
    /// The number of operands.
    public let count: Int

    /// No operands.
    @inlinable public init() {
        (first, second, others, count) = (nil, nil, [], 0)
    }

    /// One operand's entry.
    @inlinable public init(_ a: Element?) {
        (first, second, others, count) = (a, nil, [], 1)
    }

    /// Two operands' entries.
    @inlinable public init(_ a: Element?, _ b: Element?) {
        (first, second, others, count) = (a, b, [], 2)
    }

    /// Any number of operands' entries.
    @inlinable public init(_ all: [Element?]) {
        first = all.first ?? nil
        second = all.count > 1 ? all[1] : nil
        others = all.count > 2 ? Array(all[2...]) : []
        count = all.count
    }

    /// The entry of operand `i` (0-based); `nil` past the end.
    @inlinable public subscript(i: Int) -> Element? {
        switch i {
        case 0: return first
        case 1: return second
        default: return i - 2 < others.count ? others[i - 2] : nil
        }
    }
}

/// The nodes of a recorded operation's tensor inputs (`nil` for an input that is not tracked).
public typealias OperationInputs<Scalar: TensorScalar> = OperandList<Node<Scalar>>

/// The gradients a pullback returns, one per input (`nil` where none flows).
public typealias InputGradients<Scalar: TensorScalar> = OperandList<Tensor<Scalar>>

extension OperandList {
    /// Which entries are present, as a pullback's ``TrackedInputs``.
    @inlinable var tracked: TrackedInputs {
        var bits: UInt64 = 0
        for i in 0..<Swift.min(count, 64) where self[i] != nil { bits |= 1 << UInt64(i) }
        return TrackedInputs(bits: bits)
    }
}

/// Which inputs of an operation need a gradient: a pullback computes input `i`'s gradient only
/// when `tracked[i]` is true (inputs past the 64th always count as tracked).
public struct TrackedInputs: Sendable {
    @usableFromInline let bits: UInt64
    @inlinable init(bits: UInt64) { self.bits = bits }

    /// Whether input `i` (0-based) needs a gradient.
    @inlinable public subscript(i: Int) -> Bool { i >= 64 || bits & (1 << UInt64(i)) != 0 }
}

/// Maps the gradient of an operation's output to the gradients of its inputs, computing only the
/// ones `tracked` asks for.
public typealias Pullback<Scalar: TensorScalar> =
    (_ gradient: Tensor<Scalar>, _ tracked: TrackedInputs) -> InputGradients<Scalar>
