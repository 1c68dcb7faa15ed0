#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `text` as UTF-8 to the file at `path`, atomically: the bytes go to a new temporary
/// file in the same directory (named `.<name>.<random>.tmp`), which is flushed to disk and then
/// renamed over `path`. Readers see either the old file or the complete new one, never a
/// partial write.
///
/// On failure the temporary file is removed, `path` is left as it was, and a
/// ``FileWriteError`` says which file, which step and why. The directory must exist.
///
/// ```swift
/// try writeAtomically("η = 0.1\n", to: "/tmp/settings.txt")
/// ```
public func writeAtomically(_ text: String, to path: String) throws(FileWriteError) {
    try writeAtomically(Array(text.utf8), to: path)
}

/// Writes `bytes` to the file at `path` atomically, as ``writeAtomically(_:to:)-(String,_)``
/// writes text: temporary file in the same directory, flushed, renamed over `path`, and the
/// directory flushed so the rename itself survives a crash. A crash at any point leaves either
/// the old file or the complete new one (plus, at worst, a hidden `.tmp` file).
public func writeAtomically(_ bytes: [UInt8], to path: String) throws(FileWriteError) {
    let temporaryPath = temporaryPath(beside: path)
    func failure(_ step: FileWriteError.Step, _ code: Int32) -> FileWriteError {
        FileWriteError(path: path, temporaryPath: temporaryPath, step: step, reason: String(cString: strerror(code)))
    }
    let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard descriptor >= 0 else { throw failure(.creatingTemporaryFile, errno) }
    if let (step, code) = fill(descriptor, with: bytes) {
        unlink(temporaryPath)
        throw failure(step, code)
    }
    guard rename(temporaryPath, path) == 0 else {
        let code = errno
        unlink(temporaryPath)
        throw failure(.renaming, code)
    }
    flushDirectory(of: path)
}

/// Flushes the directory holding `path` to disk, so a completed rename is durable. Best effort:
/// some file systems refuse `fsync` on a directory, and the file itself is complete either way.
private func flushDirectory(of path: String) {
    let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "."
    let descriptor = open(directory, O_RDONLY)
    guard descriptor >= 0 else { return }
    _ = fsync(descriptor)
    _ = close(descriptor)
}

/// A fresh hidden file name in the directory of `path`: `dir/.name.<random>.tmp`.
private func temporaryPath(beside path: String) -> String {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    return directory + "." + name + "." + String(UInt64.random(in: 0...UInt64.max), radix: 36) + ".tmp"
}

/// Writes all of `bytes` to `descriptor` (retrying short and interrupted writes), flushes it to
/// disk and closes it; the step that failed first and its `errno`, or `nil` on success. The
/// descriptor is closed either way.
private func fill(_ descriptor: Int32, with bytes: [UInt8]) -> (step: FileWriteError.Step, code: Int32)? {
    var failure: (step: FileWriteError.Step, code: Int32)? = nil
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written >= 0 {
                offset += written
            } else if errno != EINTR {
                failure = (.writing, errno)
                return
            }
        }
    }
    if failure == nil, fsync(descriptor) != 0 { failure = (.closing, errno) }
    if close(descriptor) != 0, failure == nil { failure = (.closing, errno) }
    return failure
}
