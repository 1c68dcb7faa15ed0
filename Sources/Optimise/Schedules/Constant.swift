/// A schedule that is always the same value (ParameterSchedulers `Constant`). Numbers given to
/// `Sequence` and `ComposedSchedule` become `Constant`s.
///
/// s(t) = value
public struct Constant: ComposableSchedule, Equatable {
    /// The value at every step.
    public let value: Double

    /// `Constant(value)`.
    public init(_ value: Double) { self.value = value }

    /// Field `value` (for ``ComposedSchedule``).
    public init(fields: [Double]) {
        requireFieldCount(fields, "Constant", ["value"])
        self.init(fields[0])
    }

    /// s(t) = value.
    public func callAsFunction(_ t: Int) -> Double { value }
}
