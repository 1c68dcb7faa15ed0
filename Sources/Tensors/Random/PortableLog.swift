/// Natural logarithm of a positive, finite `x`, computed from IEEE basic operations only, so
/// the result is bit-identical on every platform (the system `log` may differ in the last ulp).
///
/// The reduction `x = 2^k · m` with `m` in `[√½, √2)` and `f = m − 1` is followed by
/// `log(1 + f) = f − (f²/2 − s·(f²/2 + R(s²)))`, `s = f/(2 + f)`, where `R` is the classic
/// degree-7 minimax polynomial in `s²` (Cody–Waite style, as in Sun's fdlibm); `k·ln 2` is added
/// in two parts. The error is below one ulp.
@inlinable public func portableLog(_ x: Double) -> Double {
    precondition(x > 0 && x.isFinite, "portableLog: expected a positive finite value, got \(x)")
    var m = x.significand          // in [1, 2)
    var k = Double(x.exponent)
    if m > 1.4142135623730951 { m *= 0.5; k += 1 }
    let f = m - 1
    let s = f / (2 + f)
    let z = s * s
    let c1 = 6.666666666666735130e-01, c2 = 3.999999999940941908e-01, c3 = 2.857142874366239149e-01
    let c4 = 2.222219843214978396e-01, c5 = 1.818357216161805012e-01, c6 = 1.531383769920937332e-01
    let c7 = 1.479819860511658591e-01
    let r = z * (c1 + z * (c2 + z * (c3 + z * (c4 + z * (c5 + z * (c6 + z * c7))))))
    let halfSquare = 0.5 * f * f
    let ln2Hi = 6.93147180369123816490e-01, ln2Lo = 1.90821492927058770002e-10
    return k * ln2Hi - ((halfSquare - (s * (halfSquare + r) + k * ln2Lo)) - f)
}
