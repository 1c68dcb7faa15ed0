/// The lookup table of the reflected CRC-32 polynomial `0xEDB88320`, one entry per byte value.
let crc32Table: [UInt32] = (0..<256).map { (n: UInt32) -> UInt32 in
    var c = n
    for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
}

/// The CRC-32 of `bytes` (IEEE 802.3, the checksum of zlib, gzip and PNG): reflected polynomial
/// `0xEDB88320`, initial value and final XOR `0xFFFFFFFF`. `crc32(Array("123456789".utf8))` is
/// `0xCBF43926`.
public func crc32(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBufferPointer { buffer in
        crc32Table.withUnsafeBufferPointer { table in
            var c: UInt32 = 0xFFFF_FFFF
            for byte in buffer { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
            return c ^ 0xFFFF_FFFF
        }
    }
}
