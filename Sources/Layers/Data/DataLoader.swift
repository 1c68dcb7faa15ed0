import Tensors

/// Why a `DataLoader` could not be built.
public enum DataLoaderError: Error, CustomStringConvertible, Equatable {
    /// The arrays disagree on the number of observations (their last dimension).
    case observationCountMismatch(first: Int, other: Int, position: Int)
    /// `batchsize` is not positive.
    case invalidBatchSize(Int)

    /// What was expected and what was found.
    public var description: String {
        switch self {
        case let .observationCountMismatch(first, other, position):
            return "DataLoader: every array needs the same number of observations (last dimension); the first has \(first), array \(position) has \(other)"
        case let .invalidBatchSize(n):
            return "DataLoader: batchsize must be at least 1, got \(n)"
        }
    }
}

/// Minibatches over the last dimension of one or more arrays (Flux/MLUtils
/// `DataLoader((x, y); batchsize, shuffle, partial)`).
///
/// Iterating yields batches of `batchsize` observations — columns of a (features, n) matrix,
/// entries of a vector — as new tensors; the last batch is smaller unless `partial: false`
/// drops it. With `shuffle: true` every pass (epoch) visits the observations in a fresh random
/// order drawn from the loader's own generator, so a run is reproducible from `seed`.
///
/// ```swift
/// let loader = try DataLoader((x, y), batchsize: 32, shuffle: true, seed: 1)
/// for (xb, yb) in loader { … }
/// ```
public final class DataLoader<Batch>: Sequence {
    /// The number of observations.
    public let count: Int
    /// Observations per batch.
    public let batchsize: Int
    /// Whether each pass visits observations in a new random order.
    public let shuffle: Bool
    /// Whether a final batch smaller than `batchsize` is kept.
    public let partial: Bool
    /// Picks the observations at the given positions.
    let select: ([Int]) -> Batch
    /// The generator that orders shuffled passes.
    var generator: Xoshiro256StarStar

    init(count: Int, batchsize: Int, shuffle: Bool, partial: Bool, seed: UInt64,
         select: @escaping ([Int]) -> Batch) throws(DataLoaderError) {
        guard batchsize >= 1 else { throw .invalidBatchSize(batchsize) }
        self.count = count
        self.batchsize = batchsize
        self.shuffle = shuffle
        self.partial = partial
        self.generator = Xoshiro256StarStar(seed: seed)
        self.select = select
    }

    /// The number of batches in one pass.
    public var batchCount: Int { partial ? (count + batchsize - 1) / batchsize : count / batchsize }

    /// One pass over the data; a shuffling loader draws a new order for each pass.
    public func makeIterator() -> AnyIterator<Batch> {
        var order = Array(0..<count)
        if shuffle { order.shuffle(using: &generator) }
        let batches = batchCount, size = batchsize, select = select
        var b = 0
        return AnyIterator {
            guard b < batches else { return nil }
            defer { b += 1 }
            return select(Array(order[(b * size)..<Swift.min((b + 1) * size, order.count)]))
        }
    }
}

extension DataLoader {
    /// Batches of one array's last dimension (Flux `DataLoader(x; batchsize)`).
    public convenience init<S: TensorScalar>(_ x: Tensor<S>, batchsize: Int = 1, shuffle: Bool = false,
                                            partial: Bool = true, seed: UInt64 = 0) throws(DataLoaderError) where Batch == Tensor<S> {
        try self.init(count: observationCount(x), batchsize: batchsize, shuffle: shuffle, partial: partial, seed: seed) { x[columns: $0] }
    }

    /// Batches of two arrays' last dimensions in step (Flux `DataLoader((x, y); batchsize)`);
    /// both must hold the same number of observations.
    public convenience init<S: TensorScalar, T: TensorScalar>(_ data: (Tensor<S>, Tensor<T>), batchsize: Int = 1, shuffle: Bool = false,
                                                             partial: Bool = true, seed: UInt64 = 0) throws(DataLoaderError)
        where Batch == (Tensor<S>, Tensor<T>) {
        let (x, y) = data
        let n = observationCount(x), m = observationCount(y)
        guard n == m else { throw .observationCountMismatch(first: n, other: m, position: 1) }
        try self.init(count: n, batchsize: batchsize, shuffle: shuffle, partial: partial, seed: seed) { (x[columns: $0], y[columns: $0]) }
    }
}

/// The number of observations in `x`: the size of its last dimension (1 for a 0-d tensor).
func observationCount<S>(_ x: Tensor<S>) -> Int { x.shape.last ?? 1 }
