import Foundation

// Scratch directories for the tests that write files (atomic writes, checkpoints).

/// Runs `body` with a new empty directory, removed afterwards.
func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
    let path = NSTemporaryDirectory() + "OptimiseTests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(atPath: path) }
    try body(path)
}

/// The names of the entries of the directory at `path`, sorted (hidden ones included).
func directoryListing(_ path: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: path).sorted()
}
