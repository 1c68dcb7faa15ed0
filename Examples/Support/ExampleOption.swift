/// An option with a value that one example accepts besides the shared ones, e.g. digits'
/// `--epochs N`; declared so that ``ExampleOptions`` can parse it and list it in the usage.
public struct ExampleOption: Hashable, Sendable {
    /// The flag, with its dashes: `--epochs`.
    public let flag: String
    /// The placeholder for the value in the usage: `N`.
    public let valueName: String
    /// One line saying what the option does.
    public let help: String

    /// An option `flag VALUENAME` described by `help`.
    public init(_ flag: String, valueName: String, help: String) {
        self.flag = flag
        self.valueName = valueName
        self.help = help
    }
}
