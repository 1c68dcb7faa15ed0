#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Uninitialised storage for `count` elements, released with `free`.
///
/// Small buffers come straight from `malloc` (16-byte aligned on every supported platform, and
/// without the aligned-allocation path the standard library's allocators take); buffers of 4 KiB
/// and more are aligned to a 64-byte cache line. Kernels never assume more than the element's own
/// alignment: vector loads and stores are unaligned ones.
@inlinable func allocateElements<Scalar>(_ count: Int, of type: Scalar.Type) -> UnsafeMutablePointer<Scalar> {
    let bytes = count * MemoryLayout<Scalar>.stride
    var raw: UnsafeMutableRawPointer?
    if bytes >= 4096 {
        if posix_memalign(&raw, 64, bytes) != 0 { raw = nil }
    } else {
        raw = malloc(bytes)
    }
    guard let raw else { fatalError("Tensor: out of memory allocating \(bytes) bytes") }
    return raw.bindMemory(to: Scalar.self, capacity: count)
}

/// Releases storage from ``allocateElements(_:of:)``.
@inlinable func releaseElements<Scalar>(_ base: UnsafeMutablePointer<Scalar>) { free(base) }
