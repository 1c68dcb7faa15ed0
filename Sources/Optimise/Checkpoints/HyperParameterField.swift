/// What a hyper-parameter accepts; values read from a checkpoint or from settings are checked
/// against it before anything is changed.
public enum ValueRequirement: Sendable, Equatable {
    /// Any finite number.
    case finite
    /// A finite number ≥ 0.
    case nonNegative
    /// A number in [0, 1].
    case unitInterval
    /// A whole number in the range.
    case integer(ClosedRange<Int>)

    /// Whether `value` meets the requirement.
    public func accepts(_ value: Double) -> Bool {
        switch self {
        case .finite: return value.isFinite
        case .nonNegative: return value.isFinite && value >= 0
        case .unitInterval: return value >= 0 && value <= 1
        case .integer(let range):
            return value.isFinite && value.rounded() == value && value >= Double(range.lowerBound) && value <= Double(range.upperBound)
        }
    }

    /// The requirement in words, for error messages ("in [0, 1]").
    public var description: String {
        switch self {
        case .finite: return "finite"
        case .nonNegative: return "finite and ≥ 0"
        case .unitInterval: return "in [0, 1]"
        case .integer(let range): return "a whole number in \(range.lowerBound)...\(range.upperBound)"
        }
    }
}

/// One hyper-parameter of a ``Checkpointable`` optimiser: its name, how to read and write it,
/// and what it accepts.
///
/// ```swift
/// var hyperParameterFields: [HyperParameterField] {
///     [.real("eta", of: self, \.eta), .real("rho", of: self, \.rho, .unitInterval)]
/// }
/// ```
public struct HyperParameterField {
    /// The name stored with the value.
    public let name: String
    /// What the field accepts.
    public let requirement: ValueRequirement
    /// Reads the current value.
    let read: () -> Double
    /// Writes a value that meets ``requirement``.
    let write: (Double) -> Void

    /// The current value.
    public var value: Double { read() }

    /// A `Double` field.
    public static func real<R: AnyObject>(_ name: String, of rule: R, _ path: ReferenceWritableKeyPath<R, Double>,
                                          _ requirement: ValueRequirement = .finite) -> HyperParameterField {
        HyperParameterField(name: name, requirement: requirement, read: { rule[keyPath: path] },
                            write: { rule[keyPath: path] = $0 })
    }

    /// A `Float` field (stored as the `Double` equal to it).
    public static func single<R: AnyObject>(_ name: String, of rule: R, _ path: ReferenceWritableKeyPath<R, Float>,
                                            _ requirement: ValueRequirement = .finite) -> HyperParameterField {
        HyperParameterField(name: name, requirement: requirement, read: { Double(rule[keyPath: path]) },
                            write: { rule[keyPath: path] = Float($0) })
    }

    /// An `Int` field within `range`.
    public static func integer<R: AnyObject>(_ name: String, of rule: R, _ path: ReferenceWritableKeyPath<R, Int>,
                                             in range: ClosedRange<Int>) -> HyperParameterField {
        HyperParameterField(name: name, requirement: .integer(range), read: { Double(rule[keyPath: path]) },
                            write: { rule[keyPath: path] = Int($0) })
    }

    /// A field with its own accessors.
    public init(name: String, requirement: ValueRequirement, read: @escaping () -> Double, write: @escaping (Double) -> Void) {
        (self.name, self.requirement, self.read, self.write) = (name, requirement, read, write)
    }
}
