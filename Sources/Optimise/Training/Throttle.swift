import Dispatch

/// A function wrapper that runs at most once per `timeout` seconds (Flux `throttle`).
///
/// With `leading` (the default) the first call runs at once and calls during the cool-down are
/// dropped. With `trailing`, the last dropped call is remembered and runs once the cool-down has
/// passed: Swift has no implicit event loop, so it runs at the next call made after the
/// cool-down (before that call is considered) or when you call ``flush()``. Each call returns the
/// most recent result of `f` (possibly a stale one), as in Flux.
///
/// Create it once, outside the loop.
public final class Throttle<Output> {
    let f: () throws -> Output
    let timeout: Double
    let leading: Bool
    let trailing: Bool
    let now: () -> Double
    var lastRun: Double?
    var pending = false
    /// The most recent result of the wrapped function.
    public private(set) var lastResult: Output?

    /// Wraps `f`; `clock` returns seconds (monotonic by default) and exists for tests.
    public init(_ f: @escaping () throws -> Output, _ timeout: Double, leading: Bool = true, trailing: Bool = false,
                clock: @escaping () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }) {
        precondition(timeout >= 0, "throttle: timeout must be ≥ 0, got \(timeout)")
        self.f = f
        self.timeout = timeout
        self.leading = leading
        self.trailing = trailing
        self.now = clock
    }

    /// Calls `f` if the cool-down allows, and returns the latest result.
    @discardableResult
    public func callAsFunction() throws -> Output? {
        let t = now()
        if let last = lastRun, t - last < timeout {
            if trailing { pending = true }
            return lastResult
        }
        if pending {
            pending = false
            try run(at: t)
            return lastResult
        }
        if leading {
            try run(at: t)
        } else if trailing {
            pending = true
            lastRun = t
        }
        return lastResult
    }

    /// Runs a pending trailing call now, if there is one.
    @discardableResult
    public func flush() throws -> Output? {
        if pending {
            pending = false
            try run(at: now())
        }
        return lastResult
    }

    func run(at t: Double) throws {
        lastResult = try f()
        lastRun = t
    }
}

/// `f`, throttled to run at most once every `timeout` seconds (Flux `throttle(f, timeout;
/// leading = true, trailing = false)`), as a closure that fits `train`'s `cb:`.
///
/// ```swift
/// let evalcb = throttle({ print(loss(x, y)) }, 10)
/// try train(loss, ps, data, opt, cb: evalcb)
/// ```
public func throttle(_ f: @escaping () throws -> Void, _ timeout: Double, leading: Bool = true, trailing: Bool = false) -> () throws -> Void {
    let wrapper = Throttle(f, timeout, leading: leading, trailing: trailing)
    return { try wrapper() }
}
