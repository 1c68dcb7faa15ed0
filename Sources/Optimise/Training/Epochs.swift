/// Runs `body` `n` times, logging `[ Info: Epoch i` before each (Flux's `@epochs n expr`).
public func epochs(_ n: Int, log: Bool = true, _ body: () throws -> Void) rethrows {
    try epochs(n, log: log) { (_: Int) in try body() }
}

/// Runs `body(epoch)` for `epoch` in `1...n`, logging `[ Info: Epoch i` before each when `log` is true.
public func epochs(_ n: Int, log: Bool = true, _ body: (Int) throws -> Void) rethrows {
    precondition(n >= 0, "epochs: expected n ≥ 0, got \(n)")
    guard n > 0 else { return }
    for epoch in 1...n {
        if log { print("[ Info: Epoch \(epoch)") }
        try body(epoch)
    }
}
