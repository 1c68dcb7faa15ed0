#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Tracker

/// Saves the parameters `ps` and the complete state of `opt` — hyper-parameters (ExpDecay's
/// decayed η, a Scheduler's …), chains' members, moments, decays' and schedulers' step counters —
/// to the file at `path`, so that ``loadCheckpoint(_:_:_:)`` in a later process resumes training
/// bit for bit.
///
/// The file is written atomically (a temporary file in the same directory, flushed, renamed
/// over `path`): a crash at any moment leaves the previous checkpoint or the new one, never a
/// torn file. Parameters are stored in `Params` order, each with its element type and shape; the
/// format is documented in Documentation/Checkpoints.md.
///
/// ```swift
/// let ps = params(model)
/// try saveCheckpoint("/tmp/run.ckpt", ps, opt)
/// // … in a new process, after building the same model and optimiser:
/// try loadCheckpoint("/tmp/run.ckpt", ps, opt)
/// ```
///
/// Throws ``CheckpointError`` — and writes nothing — when an optimiser in `opt` does not adopt
/// ``Checkpointable`` or holds state the format cannot store, or when the file cannot be written.
public func saveCheckpoint(_ path: String, _ ps: Params, _ opt: any AbstractOptimiser) throws(CheckpointError) {
    let bytes = try encodeCheckpoint(ps, opt)
    do { try writeAtomically(bytes, to: path) } catch { throw .unwritable(error) }
}

/// Loads a checkpoint written by ``saveCheckpoint(_:_:_:)`` into the parameters `ps` (matched by
/// position in `Params` order) and the optimiser `opt` (matched member by member).
///
/// Everything is checked before anything changes: the magic bytes, the format version, the
/// length, the CRC-32, the parameter count, every parameter's shape and element type, every
/// optimiser's kind, member count and hyper-parameter names and values, and every stored state
/// entry against its parameter. On any mismatch it throws a ``CheckpointError`` that says what was
/// expected and what was found, and the parameters and the optimiser are exactly as before.
public func loadCheckpoint(_ path: String, _ ps: Params, _ opt: any AbstractOptimiser) throws(CheckpointError) {
    for write in try planLoading(try readFile(path), path: path, ps, opt) { write() }
}

/// The whole contents of the file at `path`.
package func readFile(_ path: String) throws(CheckpointError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
        if n > 0 {
            bytes += chunk[0..<n]
        } else if n == 0 {
            return bytes
        } else if errno != EINTR {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
