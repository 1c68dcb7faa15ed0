import Foundation

/// The command line shared by the examples: `--quick` for a small budget (tests and CI),
/// `--output DIR` for where files go, `--help`, plus any options an example declares.
///
/// ```swift
/// let steps = ExampleOption("--steps", valueName: "N", help: "steps per optimiser")
/// let options = try ExampleOptions(parsing: Array(CommandLine.arguments.dropFirst()), extraOptions: [steps])
/// let n = try options.value(of: steps, as: Int.self) ?? (options.quick ? 300 : 5000)
/// try writeAtomically(svg, to: options.outputPath("loss.svg"))
/// ```
public struct ExampleOptions: Sendable {
    /// `--quick`: run with a small budget.
    public var quick = false
    /// `--output DIR`: the directory output files are written to; `.` by default.
    public var outputDirectory = "."
    /// `--help` or `-h`: print the usage and stop.
    public var help = false
    /// The values of the declared extra options that were given, by flag.
    public var values: [String: String] = [:]

    /// The defaults: not quick, output to the current directory.
    public init() {}

    /// Parses `arguments` (without the program name): the shared flags and `extraOptions`; an
    /// option given twice keeps its last value. Throws on any other flag or argument and on a
    /// flag missing its value (a value may not begin with `--`).
    public init(parsing arguments: [String], extraOptions: [ExampleOption] = []) throws(ExampleOptionsError) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--quick": quick = true
            case "--help", "-h": help = true
            case "--output": outputDirectory = try Self.value(after: argument, in: &rest)
            case _ where extraOptions.contains { $0.flag == argument }:
                values[argument] = try Self.value(after: argument, in: &rest)
            case _ where argument.hasPrefix("-"): throw .unknownOption(argument)
            default: throw .unexpectedArgument(argument)
            }
        }
    }

    /// Throws ``ExampleOptionsError/notADirectory(_:)`` unless the output directory exists, so
    /// that an example can stop before its work rather than when it writes the results.
    public func requireOutputDirectory() throws(ExampleOptionsError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: outputDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .notADirectory(outputDirectory)
        }
    }

    /// The path of the file called `fileName` in the output directory.
    public func outputPath(_ fileName: String) -> String {
        outputDirectory.hasSuffix("/") ? outputDirectory + fileName : outputDirectory + "/" + fileName
    }

    /// The value given for `option` converted to `T` (`Int`, `Double`, …), or `nil` if the
    /// option was not given; throws ``ExampleOptionsError/invalidValue(flag:value:expected:)``
    /// if the text does not convert.
    public func value<T: LosslessStringConvertible>(of option: ExampleOption, as type: T.Type) throws(ExampleOptionsError) -> T? {
        guard let text = values[option.flag] else { return nil }
        guard let value = T(text) else {
            throw .invalidValue(flag: option.flag, value: text, expected: "a value of type \(T.self)")
        }
        return value
    }

    /// The usage message of `program`: a synopsis line, `summary`, and one line per option.
    public static func usage(program: String, summary: String, extraOptions: [ExampleOption] = []) -> String {
        let rows = [("--quick", "a small budget, for tests and CI"),
                    ("--output DIR", "the directory to write files to (must exist; default: the current directory)")]
            + extraOptions.map { ("\($0.flag) \($0.valueName)", $0.help) }
            + [("--help", "print this message")]
        let width = rows.map(\.0.count).max() ?? 0
        let synopsis = rows.map { "[\($0.0)]" }.joined(separator: " ")
        let lines = rows.map { column, help in "  " + column + String(repeating: " ", count: width - column.count + 2) + help }
        return (["usage: \(program) \(synopsis)", summary] + lines).joined(separator: "\n")
    }

    /// The argument after `flag`, taken from `rest`; throws if there is none or it is a flag.
    private static func value(after flag: String, in rest: inout ArraySlice<String>) throws(ExampleOptionsError) -> String {
        guard let value = rest.first, !value.hasPrefix("--") else { throw .missingValue(flag: flag) }
        rest.removeFirst()
        return value
    }
}
