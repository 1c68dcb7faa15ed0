/// A mistake on an example's command line.
public enum ExampleOptionsError: Error, Equatable, CustomStringConvertible {
    /// A flag the example does not know, e.g. `--qiuck`.
    case unknownOption(String)
    /// A flag that needs a value came last, or was followed by another flag.
    case missingValue(flag: String)
    /// An argument that is not a flag and not the value of one.
    case unexpectedArgument(String)
    /// A value the example cannot use, e.g. `--steps ten`; `expected` says what would do.
    case invalidValue(flag: String, value: String, expected: String)
    /// The output directory does not exist or is not a directory.
    case notADirectory(String)

    /// A sentence saying what is wrong.
    public var description: String {
        switch self {
        case .unknownOption(let flag): return "unknown option \(flag)"
        case .missingValue(let flag): return "\(flag) needs a value"
        case .unexpectedArgument(let argument): return "unexpected argument \(argument)"
        case .invalidValue(let flag, let value, let expected): return "\(flag) expects \(expected), got \(value)"
        case .notADirectory(let path): return "--output \(path) is not a directory"
        }
    }
}
