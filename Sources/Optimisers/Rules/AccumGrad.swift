import Tensors

/// Accumulates gradients over `n` calls and steps once with their mean (Optimisers.jl
/// `AccumGrad(n)`): `OptimiserChain(AccumGrad(4), Adam())` trains with an effective batch four
/// times larger.
///
/// call k = 1: acc = dx/n;  k > 1: acc = acc + dx/n
/// k < n: no step (`nil`; the parameter and later chain members are untouched);  k = n: step = acc, k = 1
///
/// State: `acc` (zeros) and the counter `k`, starting at 1.
public struct AccumGrad: AbstractRule {
    /// How many gradients make one step.
    public let n: Int

    /// `AccumGrad(n)`, n ≥ 1.
    public init(_ n: Int) {
        precondition(n >= 1, "AccumGrad: n must be ≥ 1, got \(n)")
        self.n = n
    }

    /// The accumulator and the counter.
    public struct State: CopyableState, CustomStringConvertible {
        /// The running mean.
        public let accumulator: any TensorProtocol
        /// The 1-based position within the current group of `n`.
        public let counter: Int

        /// A copy with its own accumulator.
        public func copied() -> State { State(accumulator: copyTensor(accumulator), counter: counter) }

        /// `(acc, k)`.
        public var description: String { "(\(describeValues(accumulator)), \(counter))" }
    }

    /// Zeros like `x` and counter 1.
    public func `init`<T: TensorScalar>(_ x: Tensor<T>) -> State { State(accumulator: x.zerosLike(), counter: 1) }

    /// Adds `dx/n`; every `n`-th call returns the mean.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func apply<T: TensorScalar>(_ state: State, _ x: Tensor<T>, _ dx: Tensor<T>) -> (State, Tensor<T>?) {
        let acc = typedState(state.accumulator, T.self), size = T(n), first = state.counter == 1
        acc.withUnsafeMutableBufferPointer { a in
            dx.withUnsafeBufferPointer { g in
                for i in 0..<g.count { a[i] = first ? g[i] / size : a[i] + g[i] / size }
            }
        }
        guard state.counter == n else { return (State(accumulator: acc, counter: state.counter + 1), nil) }
        dx .= acc
        return (State(accumulator: acc, counter: 1), dx)
    }
}
