/// Natural logarithm of a positive, finite `x`, computed from IEEE basic operations only, so
/// the result is bit-identical on every platform (the system `log` may differ in the last ulp).
///
/// `x = 2^k · m` with `m` in `[√½, √2)`; then `log m = 2·atanh(s)` with `s = (m − 1)/(m + 1)`,
/// `|s| ≤ 0.1716`, summed as the odd series `2(s + s³/3 + … + s²³/23)`, accurate to about 1 ulp.
@inlinable public func portableLog(_ x: Double) -> Double {
    precondition(x > 0 && x.isFinite, "portableLog: expected a positive finite value, got \(x)")
    var m = x.significand          // in [1, 2)
    var k = Double(x.exponent)
    if m > 1.4142135623730951 { m *= 0.5; k += 1 }
    let s = (m - 1) / (m + 1)
    let s2 = s * s
    var series = 1.0 / 23
    var n = 21.0
    while n >= 1 {
        series = series * s2 + 1 / n
        n -= 2
    }
    let ln2Hi = 0.6931471803691238, ln2Lo = 1.9082149292705877e-10
    return (k * ln2Hi + 2 * s * series) + k * ln2Lo
}
