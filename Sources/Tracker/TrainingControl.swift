/// Thrown by ``stop()`` to end `train` (Flux v0.13 `Flux.stop()`).
public struct StopException: Error, Equatable {
    /// Creates the signal.
    public init() {}
}

/// Thrown by ``skip()`` to skip the current data item in `train` (Flux v0.13 `Flux.skip()`).
public struct SkipException: Error, Equatable {
    /// Creates the signal.
    public init() {}
}

/// Ends the running `train` loop from the loss or a callback (Flux v0.13 `Flux.stop()`): write
/// `try stop()`. Thrown from the loss, that item gets no update.
public func stop() throws { throw StopException() }

/// Skips the current data item of the running `train` loop (Flux v0.13 `Flux.skip()`): from the
/// loss it prevents that item's update; from a callback it skips nothing, because the update
/// has already happened (as in Flux, PR #1913).
public func skip() throws { throw SkipException() }

/// The error `train` throws when the loss is not finite, before that step's update.
public struct NonFiniteLossError: Error, CustomStringConvertible, Equatable {
    /// The loss value (NaN or ±Inf).
    public let loss: Double
    /// The 1-based position of the data item, as Julia's `enumerate` counts.
    public let item: Int
    /// The error for `loss` on the `item`-th data item (1-based).
    public init(loss: Double, item: Int) {
        self.loss = loss
        self.item = item
    }
    /// Flux's message, e.g. `Loss is NaN on data item 51, stopping training`.
    public var description: String {
        let value = loss.isNaN ? "NaN" : (loss > 0 ? "Inf" : "-Inf")
        return "Loss is \(value) on data item \(item), stopping training"
    }
}
