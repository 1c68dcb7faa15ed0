#if _endian(big)
#error("the checkpoint format is little-endian; this library copies tensor memory as it is")
#endif

import Tensors

/// Appends the checkpoint format's little-endian fields to a byte array.
package struct ByteWriter {
    /// The bytes written so far.
    package private(set) var bytes: [UInt8] = []

    /// An empty writer.
    package init() {}

    /// Appends the low `width` bytes of `value`, least significant first.
    package mutating func append<I: FixedWidthInteger>(_ value: I) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
    }

    /// Appends a `Double` as the little-endian bytes of its IEEE bit pattern.
    package mutating func append(_ value: Double) { append(value.bitPattern) }

    /// Appends a string: its UTF-8 byte count as a `UInt16`, then the bytes.
    package mutating func append(_ text: String) {
        let utf8 = Array(text.utf8)
        precondition(utf8.count <= Int(UInt16.max), "checkpoint: a name of \(utf8.count) bytes is too long")
        append(UInt16(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// Appends a tensor record: element type code, rank, each dimension as a `UInt64`, then the
    /// elements in column-major order as little-endian IEEE bit patterns.
    package mutating func append<S: TensorScalar>(_ tensor: Tensor<S>) {
        append(ElementCode.of(S.self).rawValue)
        append(UInt8(tensor.rank))
        for d in tensor.shape { append(UInt64(d)) }
        // Stored little-endian: on the little-endian machines Swift runs on, the memory itself.
        tensor.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeRawBufferPointer($0)) }
    }

    /// Appends a type-erased tensor's record, as ``append(_:)-(Tensor<S>)`` does for a typed one.
    package mutating func append(erased tensor: any TensorProtocol) {
        func typed<X: TensorProtocol>(_ x: X) { append(x.tensor) }
        typed(tensor)
    }
}

/// The element type of a stored tensor.
package enum ElementCode: UInt8 {
    /// IEEE binary32 (`Float`, Julia `Float32`).
    case float32 = 1
    /// IEEE binary64 (`Double`, Julia `Float64`).
    case float64 = 2

    /// The code of a tensor element type.
    package static func of<S: TensorScalar>(_ type: S.Type) -> ElementCode { S.self == Float.self ? .float32 : .float64 }

    /// The Julia name of the element type, for messages.
    package var juliaName: String { self == .float32 ? "Float32" : "Float64" }

    /// The size of one element in bytes.
    package var width: Int { self == .float32 ? 4 : 8 }
}
