/// SplitMix64 (Steele, Lea and Flood 2014): expands one 64-bit seed into the four words that
/// seed ``Xoshiro256StarStar``. Integer arithmetic only, so it is identical on every platform.
@usableFromInline struct SplitMix64 {
    @usableFromInline var state: UInt64

    @inlinable init(seed: UInt64) { state = seed }

    @inlinable mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
