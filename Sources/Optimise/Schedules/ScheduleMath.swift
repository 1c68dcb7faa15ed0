#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

// The arithmetic every schedule shares, written to round exactly as ParameterSchedulers.jl does
// on Julia ≥ 1.8 (Float64 throughout, Julia's association order).

/// Julia's `x ^ n` for a `Float64` and an integer power: `x*x*x` for `n == 3` (two roundings, as
/// Julia's `literal_pow` compatibility rule does), `(1/x)*(1/x)` for `n == −2`, and the
/// (essentially correctly rounded) libm power otherwise — within 1–2 ulp of Julia's compensated
/// power-by-squaring.
func juliaPower(_ x: Double, _ n: Int) -> Double {
    switch n {
    case 0: return 1
    case 3: return x * x * x
    case -2: let r = 1 / x; return r * r
    default: return pow(x, Double(n))
    }
}

/// Julia's `mod(a, n)` for `n > 0`: the remainder in `0 ..< n`, also for negative `a`.
func juliaMod(_ a: Int, _ n: Int) -> Int {
    let r = a % n
    return r < 0 ? r + n : r
}

/// Julia's `mod1(t, n)` for `n > 0`: the remainder in `1 ... n`.
func juliaMod1(_ t: Int, _ n: Int) -> Int { juliaMod(t - 1, n) + 1 }

/// The triangle wave `(2/π)·|asin(sin(π·(t − 1)/period))|`: 0 at t = 1, 1 at t − 1 = period/2,
/// back to (about) 0 at t − 1 = period (ParameterSchedulers' `_tri`).
func triangleWave(_ t: Int, _ period: Int) -> Double {
    (2 / Double.pi) * Swift.abs(asin(sin(Double.pi * Double(t - 1) / Double(period))))
}

/// The rectified sine `|sin(π·(t − 1)/period)|` (ParameterSchedulers' `_sin`).
func sineWave(_ t: Int, _ period: Int) -> Double {
    Swift.abs(sin(Double.pi * Double(t - 1) / Double(period)))
}

/// The cosine-annealing value `range·(1 + cos(π·t̂/period))/2 + offset`, in Julia's association
/// order (`((range·(1 + c))/2) + offset`).
func cosineAnnealed(_ range: Double, _ offset: Double, _ t̂: Int, _ period: Int) -> Double {
    range * (1 + cos(Double.pi * Double(t̂) / Double(period))) / 2 + offset
}

/// Julia's `ceil(Int, x)`.
func juliaCeil(_ x: Double) -> Int {
    requireSchedule(x.isFinite && Swift.abs(x) < 9.2e18, "Interpolator: ceil of \(x) is not an Int step")
    return Int(ceil(x))
}

/// Julia's `ceil(Int, t / rate)` for an integer step and a rate: a Float64 division, then ceil.
func ceilDivided(_ t: Int, _ rate: Double) -> Int { juliaCeil(Double(t) / rate) }
