/// Stops the program with `message` unless `condition` holds: the way every schedule reports a
/// programmer error (a bad constructor argument, or a finite schedule called past its end).
///
/// This is the package's `precondition` policy for programmer errors, but through `fatalError`, so
/// the message (naming the schedule, the argument or step, and the allowed range) is printed in
/// release builds too. Julia throws `BoundsError`/`AssertionError` in these places.
func requireSchedule(_ condition: Bool, _ message: @autoclosure () -> String,
                     file: StaticString = #fileID, line: UInt = #line) {
    if !condition { fatalError(message(), file: file, line: line) }
}

/// Stops unless `period ≥ 1`, naming the schedule and the argument.
func requirePositive(_ value: Int, _ what: @autoclosure () -> String,
                     file: StaticString = #fileID, line: UInt = #line) {
    requireSchedule(value >= 1, "\(what()) must be ≥ 1, got \(value)", file: file, line: line)
}

/// Stops with "`name`: step `t` is past the end of the schedule (length `length`)" unless
/// `t ≤ length`.
func requireWithinLength(_ t: Int, _ length: Int, _ name: @autoclosure () -> String,
                         file: StaticString = #fileID, line: UInt = #line) {
    requireSchedule(t <= length, "\(name()): step \(t) is past the end of the schedule (length \(length))",
                    file: file, line: line)
}
