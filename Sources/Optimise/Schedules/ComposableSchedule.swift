/// A schedule that can be rebuilt from the values of its fields, in declaration order: the Swift
/// form of Julia's default `ComposedSchedule` composer `T(ps...)` (the type's field constructor).
///
/// ``ComposedSchedule/init(_:_:)`` uses it to rebuild the schedule at every step from its
/// parameters' values. Fields that are integers in Julia (periods, degrees) must get whole
/// numbers, `CosAnneal`'s `restart` 0 or 1 (or a `Bool`); anything else stops the program with a
/// message (Julia throws `InexactError`).
///
/// | schedule | fields |
/// | --- | --- |
/// | `Exp` | `start, decay` |
/// | `Poly` | `start, degree, maxIter` |
/// | `Inv` | `start, decay, degree` |
/// | `Triangle`, `Sin` | `range, offset, period` |
/// | `CosAnneal` | `range, offset, period, restart` (all four, as in Julia) |
/// | `Constant` | `value` |
public protocol ComposableSchedule: Schedule {
    /// The schedule whose fields, in declaration order, are `fields`.
    init(fields: [Double])
}

/// Stops unless `fields` has `names.count` values, naming the schedule and its fields.
func requireFieldCount(_ fields: [Double], _ type: String, _ names: [String]) {
    requireSchedule(fields.count == names.count,
                    "ComposedSchedule: \(type) has \(names.count) fields (\(names.joined(separator: ", "))), got \(fields.count) parameter values \(fields)")
}

/// `value` as the integer field `name` of `type` (Julia converts with `InexactError`).
func integerField(_ value: Double, _ name: String, of type: String) -> Int {
    requireSchedule(value.isFinite && value.rounded() == value && Swift.abs(value) < 9.2e18,
                    "ComposedSchedule: \(type) field \(name) must be a whole number, got \(value)")
    return Int(value)
}

/// `value` as the `Bool` field `name` of `type`: 0 is `false`, 1 is `true` (Julia's `Bool(x)`).
func boolField(_ value: Double, _ name: String, of type: String) -> Bool {
    requireSchedule(value == 0 || value == 1, "ComposedSchedule: \(type) field \(name) must be 0 or 1 (false or true), got \(value)")
    return value == 1
}
