import Tensors

/// Why a one-hot encoding could not be built.
public struct OneHotError: Error, CustomStringConvertible, Equatable {
    /// The value that is not among the labels, as text.
    public let value: String
    /// The labels, as text.
    public let labels: [String]
    /// Its position in the input, for `onehotbatch`.
    public let position: Int?

    /// An error for `value` missing from `labels` (at `position` of a batch, if given).
    public init(value: String, labels: [String], position: Int?) {
        (self.value, self.labels, self.position) = (value, labels, position)
    }

    /// Julia's wording: the value and the labels it was looked up in.
    public var description: String {
        let place = position.map { " (item \($0))" } ?? ""
        return "onehot: value \(value)\(place) not found in labels [\(labels.joined(separator: ", "))]"
    }
}

/// The one-hot column of `x` among `labels` (Flux `onehot(x, labels)`): a vector with 1 at
/// `x`'s position in `labels` and 0 elsewhere, of element type `type` (`Float` by default).
/// Throws ``OneHotError`` when `x` is not a label.
public func onehot<L: Equatable, S: TensorScalar>(_ x: L, _ labels: some Collection<L>, as type: S.Type = Float.self) throws(OneHotError) -> Tensor<S> {
    let column: Tensor<S> = try onehotbatch([x], labels, as: type, positions: false)
    return reshape(column, [column.count])
}

/// The one-hot matrix of `xs` (Flux `onehotbatch(xs, labels)`): (labels, count) with column `j`
/// the one-hot encoding of `xs[j]`. Throws ``OneHotError`` naming the first value that is not a
/// label and where it is.
public func onehotbatch<L: Equatable, S: TensorScalar>(_ xs: some Collection<L>, _ labels: some Collection<L>,
                                                      as type: S.Type = Float.self) throws(OneHotError) -> Tensor<S> {
    try onehotbatch(xs, labels, as: type, positions: true)
}

/// ``onehotbatch(_:_:as:)``, reporting positions or not.
func onehotbatch<L: Equatable, S: TensorScalar>(_ xs: some Collection<L>, _ labels: some Collection<L>,
                                               as type: S.Type, positions: Bool) throws(OneHotError) -> Tensor<S> {
    let labels = Array(labels)
    var scalars = [S](repeating: 0, count: labels.count * xs.count)
    for (j, x) in xs.enumerated() {
        guard let i = labels.firstIndex(of: x) else {
            throw OneHotError(value: "\(x)", labels: labels.map { "\($0)" }, position: positions ? j : nil)
        }
        scalars[i + j * labels.count] = 1
    }
    return Tensor(shape: [labels.count, xs.count], scalars: scalars)
}

/// The label of the largest entry of a score vector (Flux `onecold(y, labels)`), the inverse of
/// `onehot`. Ties go to the first largest entry, as Julia's `argmax`.
public func onecold<S: TensorScalar, L>(_ y: Tensor<S>, _ labels: some Collection<L>) -> L {
    precondition(y.rank == 1, "onecold: expected a vector, got shape \(formatShape(y.shape)); use onecold(batch:_:) for a matrix")
    return onecold(batch: reshape(y, [y.count, 1]), labels)[0]
}

/// The label of each column's largest entry of a (labels, batch) matrix (Flux `onecold(Y, labels)`).
public func onecold<S: TensorScalar, L>(batch y: Tensor<S>, _ labels: some Collection<L>) -> [L] {
    let labels = Array(labels)
    precondition(y.rank == 2 && y.shape[0] == labels.count,
                 "onecold: expected a (\(labels.count), batch) matrix for \(labels.count) labels, got shape \(formatShape(y.shape))")
    return argmax(y, dims: 1).map { labels[$0] }
}
