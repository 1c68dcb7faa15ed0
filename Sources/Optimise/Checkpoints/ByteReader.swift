import Tensors

/// Reads the checkpoint format's little-endian fields from a byte array, throwing
/// ``CheckpointError/malformed(detail:)`` instead of reading past the end.
package struct ByteReader {
    /// The bytes being read.
    package let bytes: [UInt8]
    /// The position of the next byte to read.
    package private(set) var offset: Int

    /// A reader over `bytes[start...]`.
    package init(_ bytes: [UInt8], from start: Int = 0) { (self.bytes, self.offset) = (bytes, start) }

    /// Whether every byte has been read.
    package var isAtEnd: Bool { offset == bytes.count }

    /// Reads a little-endian integer.
    package mutating func read<I: FixedWidthInteger>(_ type: I.Type, _ what: @autoclosure () -> String) throws(CheckpointError) -> I {
        let width = MemoryLayout<I>.size
        try need(width, what())
        var value = I.zero
        for i in 0..<width { value |= I(truncatingIfNeeded: bytes[offset + i]) << (8 * i) }
        offset += width
        return value
    }

    /// Reads a `Double` from its bit pattern.
    package mutating func readDouble(_ what: @autoclosure () -> String) throws(CheckpointError) -> Double {
        Double(bitPattern: try read(UInt64.self, what()))
    }

    /// Reads a length-prefixed UTF-8 string.
    package mutating func readString(_ what: @autoclosure () -> String) throws(CheckpointError) -> String {
        let count = Int(try read(UInt16.self, what()))
        try need(count, what())
        let text = String(decoding: bytes[offset..<offset + count], as: UTF8.self)
        offset += count
        return text
    }

    /// Reads a tensor record (see ``ByteWriter/append(_:)-(Tensor<S>)``) without converting its
    /// elements yet.
    package mutating func readTensor(_ what: @autoclosure () -> String) throws(CheckpointError) -> StoredTensor {
        let code = try read(UInt8.self, what())
        guard let element = ElementCode(rawValue: code) else {
            throw .malformed(detail: "\(what()): unknown element type code \(code)")
        }
        let rank = Int(try read(UInt8.self, what()))
        var shape: [Int] = []
        var count = 1
        for _ in 0..<rank {
            let d = try read(UInt64.self, what())
            guard d <= UInt64(Int32.max) else { throw .malformed(detail: "\(what()): dimension \(d) is implausibly large") }
            shape.append(Int(d))
            let (product, overflow) = count.multipliedReportingOverflow(by: Int(d))
            guard !overflow else { throw .malformed(detail: "\(what()): shape \(formatShape(shape)) holds more elements than fit in memory") }
            count = product
        }
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: element.width)
        guard !overflow else { throw .malformed(detail: "\(what()): shape \(formatShape(shape)) holds more bytes than fit in memory") }
        try need(byteCount, what())
        let stored = StoredTensor(element: element, shape: shape, bytes: Array(bytes[offset..<offset + byteCount]))
        offset += byteCount
        return stored
    }

    /// Throws unless `count` more bytes remain.
    private func need(_ count: Int, _ what: String) throws(CheckpointError) {
        guard count >= 0, count <= bytes.count - offset else {
            throw .malformed(detail: "\(what) runs past the end of the data (offset \(offset), \(count) bytes needed, \(bytes.count - offset) left)")
        }
    }
}

/// A tensor read from a checkpoint: its element type, shape and raw little-endian elements.
package struct StoredTensor {
    /// The stored element type.
    package let element: ElementCode
    /// The stored shape.
    package let shape: [Int]
    /// The elements' bytes, column-major, little-endian.
    package let bytes: [UInt8]

    /// Throws ``CheckpointError`` via `mismatch` unless this has `like`'s element type and shape.
    package func check<S: TensorScalar>(fits like: Tensor<S>, _ mismatch: (String) -> CheckpointError) throws(CheckpointError) {
        if element != ElementCode.of(S.self) {
            throw mismatch("checkpoint holds \(element.juliaName) but the parameter holds \(ElementCode.of(S.self).juliaName)")
        }
        if shape != like.shape {
            throw mismatch("checkpoint has shape \(formatShape(shape)) but the parameter has \(formatShape(like.shape))")
        }
    }

    /// Copies the stored elements into `target` (which has the stored element type and shape),
    /// bit for bit: the format is little-endian, as the memory of every machine Swift runs on.
    package func copy<S: TensorScalar>(into target: Tensor<S>) {
        target.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(out).copyMemory(from: $0) }
        }
    }

    /// A new tensor holding the stored elements (which have `S`'s element type).
    package func tensor<S: TensorScalar>(of type: S.Type) -> Tensor<S> {
        let t = Tensor<S>(shape: shape, repeating: 0)
        copy(into: t)
        return t
    }
}
