/// A dense, column-major, n-dimensional array of `Float` or `Double` with reference semantics.
///
/// `Tensor` behaves like a Julia `Array`: it is a mutable object compared by identity, so
/// `let W = rand(2, 5)` followed by `params(W, b)` keys the parameter set by `W` itself, and an
/// optimiser updates `W` in place. Storage is contiguous and column-major (the first index varies
/// fastest), exactly as in Julia, so `reshape` and ``scalars`` agree with Julia's `vec`.
///
/// Shapes are Julia's: a vector has shape `[n]`, a matrix `[rows, columns]`, a batch of feature
/// vectors `[features, batch]`, and a 0-dimensional tensor (what `sum(x)` returns) has shape `[]`.
/// Element indices are **0-based** (`W[0, 1]`), unlike Julia.
///
/// ```swift
/// let W = Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])  // columns [1,2], [3,4], [5,6]
/// W[1, 2]          // 6.0
/// W.scalars        // [1, 2, 3, 4, 5, 6]
/// ```
public final class Tensor<Scalar: TensorScalar> {
    /// The size of each dimension, Julia's `size(x)`.
    public let shape: [Int]
    /// The number of elements, Julia's `length(x)`.
    public let count: Int
    /// The first element of the 64-byte-aligned storage, laid out column-major.
    @usableFromInline let base: UnsafeMutablePointer<Scalar>
    /// The autodiff node that produced this tensor, when it was computed from tracked operands,
    /// or the persistent leaf created by `param(_:)`.
    @exclusivity(unchecked) @usableFromInline var node: Node<Scalar>?
    /// The token behind ``lifetimeToken``, once requested.
    @exclusivity(unchecked) @usableFromInline var token: LifetimeToken?

    /// Creates a tensor of the given shape with uninitialised storage; every caller writes all
    /// `count` elements before the tensor escapes.
    @inlinable init(uninitializedShape shape: [Int]) {
        var n = 1
        for d in shape {
            precondition(d >= 0, "Tensor: dimensions must be non-negative, got shape \(formatShape(shape))")
            n *= d
        }
        self.shape = shape
        self.count = n
        self.base = allocateElements(Swift.max(n, 1), of: Scalar.self)
        self.node = nil
        self.token = nil
    }

    deinit { releaseElements(base) }

    /// A tensor of the given shape whose elements are **not initialised**: for kernels that write
    /// every element before anything reads one (an optimiser's scratch step, say). Reading an
    /// element before writing it reads garbage.
    @inlinable public convenience init(unsafeUninitializedShape shape: [Int]) {
        self.init(uninitializedShape: shape)
    }

    /// Creates a tensor of the given shape from scalars listed in column-major order.
    ///
    /// `Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])` is Julia's `reshape([1, 2, 3, 4], 2, 2)`,
    /// the matrix with rows `[1 3; 2 4]`. The number of scalars must equal the product of the shape.
    @inlinable public convenience init(shape: [Int], scalars: [Scalar]) {
        self.init(uninitializedShape: shape)
        precondition(scalars.count == count,
                     "Tensor(shape:scalars:): shape \(formatShape(shape)) holds \(count) elements, got \(scalars.count) scalars")
        scalars.withUnsafeBufferPointer { src in
            if count > 0 { base.update(from: src.baseAddress!, count: count) }
        }
    }

    /// Creates a tensor of the given shape with every element equal to `value`.
    @inlinable public convenience init(shape: [Int], repeating value: Scalar) {
        self.init(uninitializedShape: shape)
        base.initialize(repeating: value, count: count)
    }

    /// Creates a vector (Julia `[1.0, 2.0, 3.0]`).
    @inlinable public convenience init(_ vector: [Scalar]) {
        self.init(shape: [vector.count], scalars: vector)
    }

    /// Creates a 0-dimensional tensor holding one scalar.
    @inlinable public convenience init(_ scalar: Scalar) {
        self.init(shape: [], repeating: scalar)
    }

    /// Creates a matrix from its rows, as Julia's `[1 2; 3 4]` (`Tensor(rows: [[1, 2], [3, 4]])`).
    ///
    /// Every row must have the same length.
    @inlinable public convenience init(rows: [[Scalar]]) {
        let m = rows.count
        let n = rows.first?.count ?? 0
        self.init(uninitializedShape: [m, n])
        for (i, row) in rows.enumerated() {
            precondition(row.count == n, "Tensor(rows:): row 0 has \(n) elements but row \(i) has \(row.count)")
            for (j, v) in row.enumerated() { base[i + j * m] = v }
        }
    }

    /// Creates a tensor with the shape and values of `other`, converting each element
    /// (Julia `Float32.(x)` / `Float64.(x)`). The result is not connected to `other`'s gradient.
    @inlinable public convenience init<Other>(_ other: Tensor<Other>) {
        self.init(uninitializedShape: other.shape)
        for i in 0..<count { base[i] = Scalar(other.base[i]) }
    }

    /// The number of dimensions, Julia's `ndims(x)`.
    @inlinable public var rank: Int { shape.count }

    /// A column-major copy of the elements, Julia's `vec(x)` as a Swift array.
    @inlinable public var scalars: [Scalar] {
        Array(UnsafeBufferPointer(start: base, count: count))
    }

    /// The only element of a one-element tensor (a 0-d result such as `sum(x)`, or shape `[1]`).
    ///
    /// Reading it from a tensor with more than one element stops with a message naming the shape.
    @inlinable public var item: Scalar {
        precondition(count == 1, "item: expected a one-element tensor, got shape \(formatShape(shape))")
        return base[0]
    }

    /// A new tensor with the same shape and a copy of the elements (Julia `copy(x)`).
    ///
    /// The copy is a new object: it has its own identity and is not connected to any gradient.
    @inlinable public func copy() -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        if count > 0 { result.base.update(from: base, count: count) }
        return result
    }

    /// Calls `body` with a read-only view of the column-major storage.
    @inlinable public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Calls `body` with a mutable view of the column-major storage; writes change this tensor in place.
    @inlinable public func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try body(UnsafeMutableBufferPointer(start: base, count: count))
    }
}

/// Formats a shape as Julia prints a size tuple: `(2, 3)`, `(4,)`, `()`.
@inlinable public func formatShape(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}
