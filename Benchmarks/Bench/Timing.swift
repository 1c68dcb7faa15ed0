import Dispatch

/// Seconds on the monotonic clock.
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// The best (minimum) time in seconds of one call to `body`, over at least `minimumRuns` calls
/// and at least `budget` seconds, after one warm-up call.
func bestTime(budget: Double, minimumRuns: Int = 3, _ body: () -> Void) -> Double {
    body()
    var best = Double.infinity
    var runs = 0
    let start = now()
    while runs < minimumRuns || now() - start < budget {
        let t0 = now()
        body()
        best = min(best, now() - t0)
        runs += 1
    }
    return best
}

/// Pads `s` on the left to `width` characters.
func rightAligned(_ s: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - s.count)) + s
}

/// Pads `s` on the right to `width` characters.
func leftAligned(_ s: String, _ width: Int) -> String {
    s + String(repeating: " ", count: max(0, width - s.count))
}

/// `x` with `digits` decimals.
func fixed(_ x: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (x * scale).rounded() / scale
    var s = String(rounded)
    if let dot = s.firstIndex(of: ".") {
        let decimals = s.distance(from: dot, to: s.endIndex) - 1
        if decimals < digits { s += String(repeating: "0", count: digits - decimals) }
    } else if digits > 0 {
        s += "." + String(repeating: "0", count: digits)
    }
    return s
}
