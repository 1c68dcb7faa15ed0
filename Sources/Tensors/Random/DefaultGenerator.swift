import Synchronization

/// The process-wide generator behind `rand`, `randn` and shuffling when no generator is passed.
/// It starts from seed 0 and is protected by a mutex, so it is safe to use from any thread.
@usableFromInline let defaultGenerator = Mutex(Xoshiro256StarStar(seed: 0))

/// Re-seeds the default generator (Julia `Random.seed!(42)`), making later `rand`/`randn`
/// calls without an explicit generator reproducible.
public func seed(_ value: UInt64) {
    defaultGenerator.withLock { $0 = Xoshiro256StarStar(seed: value) }
}

/// Runs `body` with exclusive access to the default generator.
@inlinable public func withDefaultGenerator<R>(_ body: (inout Xoshiro256StarStar) -> R) -> R {
    defaultGenerator.withLock { body(&$0) }
}
