import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The per-thread key holding a ``withKernelThreads(_:_:)`` override (the count plus one; 0 unset).
@usableFromInline let kernelThreadsKey: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key, nil)
    precondition(status == 0, "could not create the kernel-threads thread-local key (status \(status))")
    return key
}()

/// The processors online, read once.
@usableFromInline let onlineProcessors: Int = Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

/// The smallest piece of a tensor worth handing to another thread: 2¹⁶ elements (256 KiB of
/// `Float`), so that a step on a tensor under 2¹⁷ elements never pays for a thread hand-off.
@usableFromInline let minimumElementsPerThread = 1 << 16

/// How many threads an optimiser step on the calling thread may use: the override of the
/// innermost ``withKernelThreads(_:_:)`` around the call, or else every processor online.
///
/// A step splits a tensor only when each thread gets at least 2¹⁶ elements, so small tensors
/// always run on the calling thread. The split never changes a result: every element's step is
/// computed by the same code whichever thread runs it.
@inlinable public var kernelThreads: Int {
    let stored = Int(bitPattern: pthread_getspecific(kernelThreadsKey))
    return stored > 0 ? stored - 1 : onlineProcessors
}

/// Runs `body` with optimiser steps on the calling thread limited to `threads` threads (1: never
/// split), then restores the previous limit. Other threads are not affected.
///
/// ```swift
/// try withKernelThreads(1) { try update(opt, ps, gs) }   // one thread, e.g. to measure it
/// ```
public func withKernelThreads<R>(_ threads: Int, _ body: () throws -> R) rethrows -> R {
    precondition(threads >= 1, "withKernelThreads: the thread count must be ≥ 1, got \(threads)")
    let previous = pthread_getspecific(kernelThreadsKey)
    pthread_setspecific(kernelThreadsKey, UnsafeRawPointer(bitPattern: threads + 1))
    defer { pthread_setspecific(kernelThreadsKey, previous) }
    return try body()
}

/// Calls `body` with contiguous ranges covering `0..<n`: one range on the calling thread, or —
/// for a tensor large enough — one range per thread, run concurrently. Range boundaries fall on
/// multiples of 64 elements, so no two threads write the same cache line of an aligned array.
///
/// A kernel puts its whole loop inside `body` (`forEachChunk(n) { range in for i in range { … } }`)
/// so that each thread runs the loop compiled with everything inlined, not a call per element.
@inlinable @inline(__always)
func forEachChunk(_ n: Int, _ body: (Range<Int>) -> Void) {
    // Small tensors (most calls) never read the thread-local limit.
    let chunks = n < 2 * minimumElementsPerThread ? 1 : Swift.min(kernelThreads, n / minimumElementsPerThread)
    if chunks <= 1 {
        body(0..<n)
        return
    }
    let size = ((n + chunks - 1) / chunks + 63) & ~63
    withoutActuallyEscaping(body) { body in
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lower = Swift.min(n, c * size)
            body(lower..<Swift.min(n, lower + size))
        }
    }
}

/// Calls `body(b)` once for every `b` in `0..<count`, spread over up to ``kernelThreads`` threads
/// (worker `w` takes blocks `w`, `w + workers`, …) with at least two blocks each; for work already
/// cut into blocks whose results must not depend on the number of threads, such as `twoNorm`'s
/// block sums of 2¹⁶ elements.
func forEachBlock(_ count: Int, _ body: (Int) -> Void) {
    let workers = count < 4 ? 1 : Swift.min(kernelThreads, count / 2)
    if workers <= 1 {
        for b in 0..<count { body(b) }
        return
    }
    withoutActuallyEscaping(body) { body in
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var b = w
            while b < count {
                body(b)
                b += workers
            }
        }
    }
}
