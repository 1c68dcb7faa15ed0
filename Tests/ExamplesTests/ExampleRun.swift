import Foundation

/// One finished run of an example executable: its exit status and what it printed.
struct ExampleRun {
    /// The process's exit status (0 on success).
    let status: Int32
    /// Everything written to standard output and standard error, interleaved as written.
    let output: String

    /// Runs the example `name` (an executable product of this package, built beside the test
    /// bundle) with `arguments`, waiting for it to finish.
    static func run(_ name: String, _ arguments: [String] = []) throws -> ExampleRun {
        let process = Process()
        process.executableURL = try executable(named: name)
        process.arguments = arguments
        // One pipe for both streams, read to the end before waiting, so the example cannot block
        // on a full pipe.
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ExampleRun(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// The lines printed.
    var lines: [Substring] { output.split(separator: "\n") }

    /// The number printed right after the first occurrence of `label` (e.g. `"loss before:"`),
    /// or `nil` if the label is missing or not followed by a number.
    func number(after label: String) -> Double? {
        guard let range = output.range(of: label) else { return nil }
        return leadingNumber(output[range.upperBound...])
    }

    /// Every number printed right after `label`, in order.
    func numbers(after label: String) -> [Double] {
        var found: [Double] = [], rest = output[...]
        while let range = rest.range(of: label) {
            rest = rest[range.upperBound...]
            if let value = leadingNumber(rest) { found.append(value) }
        }
        return found
    }

    /// The number at the start of `text`, after any spaces.
    private func leadingNumber(_ text: Substring) -> Double? {
        Double(text.drop { $0 == " " }.prefix { "0123456789+-.eE".contains($0) })
    }
}

/// The error thrown when an example's executable has not been built.
struct MissingExample: Error, CustomStringConvertible {
    let name: String
    let searched: String
    var description: String {
        "example executable '\(name)' not found in \(searched); build the package first (swift build)"
    }
}

/// The built executable `name`, looked up in the directory holding this test binary (SwiftPM puts
/// every product of a configuration in one directory) and in its parents (Darwin's `.xctest`
/// bundles nest the binary a few levels down).
private func executable(named name: String) throws -> URL {
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = me.deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory = directory.deletingLastPathComponent()
    }
    throw MissingExample(name: name, searched: me.deletingLastPathComponent().path)
}

/// A fresh, empty temporary directory for one test's output files.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("flux-examples-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
