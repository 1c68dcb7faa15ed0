/// The package's random number generator: xoshiro256** (Blackman and Vigna 2018), seeded by
/// expanding a 64-bit seed with SplitMix64.
///
/// It uses only 64-bit integer operations, so a given seed yields the same stream on every
/// platform and in every build configuration. `rand` maps the top 53 bits (Double) or 24 bits
/// (Float) of each output to `[0, 1)`; `randn` uses the Marsaglia polar method with a logarithm
/// computed from IEEE basic operations only (see ``portableLog(_:)``), so normal variates are
/// reproducible too.
///
/// ```swift
/// var g = Xoshiro256StarStar(seed: 42)
/// let W = rand(2, 5, using: &g)
/// ```
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    @usableFromInline var s0, s1, s2, s3: UInt64

    /// Creates a generator whose stream is determined by `seed`.
    @inlinable public init(seed: UInt64) {
        var mix = SplitMix64(seed: seed)
        s0 = mix.next(); s1 = mix.next(); s2 = mix.next(); s3 = mix.next()
    }

    /// The next 64 random bits.
    @inlinable public mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    @inlinable func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
