#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The default generator of one thread, behind `rand`, `randn` and shuffling when no generator
/// is passed.
@usableFromInline final class ThreadGenerator {
    @usableFromInline var generator: Xoshiro256StarStar
    init(seed: UInt64) { generator = Xoshiro256StarStar(seed: seed) }
}

/// How many threads have created their default generator so far: thread number `k` (in order of
/// first use) starts from seed `k`, so the first thread — normally the main one — starts from 0.
let generatorThreadCount = Atomic<UInt64>(0)

/// The per-thread key of the default generator; the destructor releases it when the thread ends.
let generatorKey: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key) { raw in
        #if canImport(Darwin)
        Unmanaged<ThreadGenerator>.fromOpaque(raw).release()
        #else
        if let raw { Unmanaged<ThreadGenerator>.fromOpaque(raw).release() }
        #endif
    }
    precondition(status == 0, "could not create the random generator's thread-local key (status \(status))")
    return key
}()

/// The calling thread's default generator, created on first use.
@usableFromInline func threadGenerator() -> ThreadGenerator {
    if let raw = pthread_getspecific(generatorKey) {
        return Unmanaged<ThreadGenerator>.fromOpaque(raw).takeUnretainedValue()
    }
    let seed = generatorThreadCount.add(1, ordering: .relaxed).oldValue
    let box = ThreadGenerator(seed: seed)
    pthread_setspecific(generatorKey, Unmanaged.passRetained(box).toOpaque())
    return box
}

/// Re-seeds the calling thread's default generator (Julia `Random.seed!(42)`), making later
/// `rand`/`randn` calls on this thread without an explicit generator reproducible.
///
/// Like Julia's task-local default RNG, the default generator is per thread: seeding on one
/// thread does not affect another, and threads never contend for it.
public func seed(_ value: UInt64) {
    threadGenerator().generator = Xoshiro256StarStar(seed: value)
}

/// Runs `body` with the calling thread's default generator.
@inlinable public func withDefaultGenerator<R>(_ body: (inout Xoshiro256StarStar) -> R) -> R {
    body(&threadGenerator().generator)
}
