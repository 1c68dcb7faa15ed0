/// Julia's `Iterators` namespace, for the training-data idioms Flux code uses.
public enum Iterators {
    /// `element` `count` times (Julia `Iterators.repeated(x, n)`), e.g. one batch as the data of
    /// `train` for `count` steps: `train(loss, ps, Iterators.repeated((x, y), 200), opt)`.
    public static func repeated<T>(_ element: T, _ count: Int) -> Repeated<T> {
        precondition(count >= 0, "Iterators.repeated: count must be non-negative, got \(count)")
        return repeatElement(element, count: count)
    }
}
