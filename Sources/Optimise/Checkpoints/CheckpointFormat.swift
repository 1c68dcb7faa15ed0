import Tensors
import Tracker

// Version 1 of the checkpoint format; Documentation/Checkpoints.md describes it byte by byte.
// Everything is little-endian.
//
//   magic "FLUXCKPT" · version UInt32 · payload length UInt64 · payload · CRC-32 of payload UInt32
//
//   payload:
//     parameter count UInt32, then one tensor record per parameter in Params order
//     optimiser settings, depth first: kind, hyper-parameter count UInt16, (name, Float64) pairs,
//       member count UInt16, members
//     optimiser state, depth first in the same order: state dictionary count UInt8, then for
//       each dictionary one state record per parameter in Params order
//
//   tensor record: element type UInt8 (1 Float32, 2 Float64) · rank UInt8 · dimensions UInt64 ·
//     elements column-major
//   state record: tag UInt8 — 0 none · 1 tensor record · 2 moments (m, v record; has-third
//     UInt8; third record if present; β1ᵗ, β2ᵗ Float64; t Int64) · 3 counter Int64
//   string: byte count UInt16 · UTF-8

/// The first eight bytes of every checkpoint.
let checkpointMagic = Array("FLUXCKPT".utf8)
/// The format version this library writes and reads.
let checkpointVersion: UInt32 = 1
/// Magic, version and payload length.
let checkpointHeaderSize = 8 + 4 + 8

/// State record tags.
package enum StateTag: UInt8 {
    /// No state (or `()`).
    case none = 0
    /// A tensor record.
    case tensor = 1
    /// A ``MomentState``: `m`, `v`, the optional third array, `β1ᵗ`, `β2ᵗ`, `t`.
    case moments = 2
    /// An `Int64` counter.
    case counter = 3
    /// A list of state values (Optimisers.jl chains and multi-array states).
    case list = 4
    /// Optimisers.jl `AccumGrad` state: a tensor record and an `Int64` counter.
    case accumulation = 5
    /// Optimisers.jl `Scheduler` state: the step `Int64` and the inner state value.
    case scheduled = 6
}

/// The bytes of a checkpoint of `ps` and `opt`; throws before anything is written if an optimiser
/// or a state value cannot be stored.
func encodeCheckpoint(_ ps: Params, _ opt: any AbstractOptimiser) throws(CheckpointError) -> [UInt8] {
    let root = try CheckpointNode(opt)
    var payload = ByteWriter()
    appendParameters(Array(ps), to: &payload)
    appendSettings(root.settings, to: &payload)
    for node in root.depthFirst {
        let dictionaries = node.rule.stateDictionaries
        payload.append(UInt8(dictionaries.count))
        for dictionary in dictionaries {
            for (position, p) in ps.enumerated() {
                try appendState(of: p, in: dictionary, to: &payload, location: node.location, position: position)
            }
        }
    }
    return sealed(payload.bytes)
}

/// A whole checkpoint file around `payload`: magic, version, length, payload, CRC-32.
package func sealed(_ payload: [UInt8]) -> [UInt8] {
    var file = ByteWriter()
    for byte in checkpointMagic { file.append(byte) }
    file.append(checkpointVersion)
    file.append(UInt64(payload.count))
    var trailer = ByteWriter()
    trailer.append(crc32(payload))
    return file.bytes + payload + trailer.bytes
}

/// Appends the parameter section: the count, then each parameter's tensor record.
package func appendParameters(_ ps: [any TensorProtocol], to writer: inout ByteWriter) {
    writer.append(UInt32(ps.count))
    for p in ps { writer.append(erased: p) }
}

/// Appends a ``MomentState``'s record body (after its tag).
package func appendMoments<S: TensorScalar>(_ s: MomentState<S>, to writer: inout ByteWriter) {
    writer.append(s.m)
    writer.append(s.v)
    writer.append(UInt8(s.w == nil ? 0 : 1))
    if let w = s.w { writer.append(w) }
    writer.append(s.β1p)
    writer.append(s.β2p)
    writer.append(Int64(s.t))
}

/// Appends settings depth first.
package func appendSettings(_ settings: OptimiserSettings, to writer: inout ByteWriter) {
    writer.append(settings.kind)
    writer.append(UInt16(settings.hyperParameters.count))
    for h in settings.hyperParameters {
        writer.append(h.name)
        writer.append(h.value)
    }
    writer.append(UInt16(settings.members.count))
    for member in settings.members { appendSettings(member, to: &writer) }
}

/// Appends the state record of parameter `p` in `dictionary`.
private func appendState(of p: any TensorProtocol, in dictionary: StateDictionary, to writer: inout ByteWriter,
                         location: String, position: Int) throws(CheckpointError) {
    func typed<X: TensorProtocol>(_ x: X) throws(CheckpointError) {
        let x = x.tensor
        guard let value = dictionary.dictionary.value(for: x, as: AnyObject.self) else {
            writer.append(StateTag.none.rawValue)
            return
        }
        switch dictionary.kind {
        case .tensor:
            if let t = value as? Tensor<X.Scalar>, t.shape == x.shape {
                writer.append(StateTag.tensor.rawValue)
                writer.append(t)
                return
            }
        case .moments(let withThird):
            if let s = value as? MomentState<X.Scalar>, (s.w != nil) == withThird {
                writer.append(StateTag.moments.rawValue)
                appendMoments(s, to: &writer)
                return
            }
        case .counter:
            if let box = value as? Box<Int> {
                writer.append(StateTag.counter.rawValue)
                writer.append(Int64(box.value))
                return
            }
        }
        throw .unsupportedState(location: location, position: position, type: String(describing: type(of: value)))
    }
    try typed(p)
}

extension CheckpointNode {
    /// This node and every node below it, depth first (the order state is stored in).
    var depthFirst: [CheckpointNode] { [self] + members.flatMap(\.depthFirst) }
}

/// Checks a checkpoint's bytes against `ps` and `opt` completely and returns the writes that load
/// it, to be run only after every check has passed.
func planLoading(_ bytes: [UInt8], path: String, _ ps: Params, _ opt: any AbstractOptimiser) throws(CheckpointError) -> [() -> Void] {
    let payload = try checkedPayload(bytes, path: path)
    let root = try CheckpointNode(opt)
    var reader = ByteReader(payload)
    var writes = try planParameters(Array(ps), from: &reader)
    writes += try root.plan(try readSettings(&reader, "the optimiser settings"))
    for node in root.depthFirst {
        let dictionaries = node.rule.stateDictionaries
        let stored = Int(try reader.read(UInt8.self, "\(node.location): the state dictionary count"))
        guard stored == dictionaries.count else {
            throw .malformed(detail: "\(node.location) stores \(stored) state dictionaries but the optimiser has \(dictionaries.count)")
        }
        for dictionary in dictionaries {
            for (position, p) in ps.enumerated() {
                writes.append(try planState(of: p, in: dictionary, from: &reader, location: node.location, position: position))
            }
        }
    }
    guard reader.isAtEnd else { throw .malformed(detail: "\(payload.count - reader.offset) bytes follow the last state record") }
    return writes
}

/// The payload of a checkpoint file after checking magic, version, length and checksum.
package func checkedPayload(_ bytes: [UInt8], path: String) throws(CheckpointError) -> [UInt8] {
    let prefix = Array(bytes.prefix(checkpointMagic.count))
    guard prefix == Array(checkpointMagic.prefix(prefix.count)) else { throw .notACheckpoint(path: path, found: prefix) }
    guard bytes.count >= checkpointHeaderSize else { throw .truncated(expectedBytes: checkpointHeaderSize, foundBytes: bytes.count) }
    var header = ByteReader(bytes, from: checkpointMagic.count)
    let version = try header.read(UInt32.self, "the version")
    guard version == checkpointVersion else { throw .unsupportedVersion(found: version, supported: checkpointVersion) }
    let length = try header.read(UInt64.self, "the payload length")
    guard length <= UInt64(Int.max - checkpointHeaderSize - 4) else {
        throw .truncated(expectedBytes: Int.max, foundBytes: bytes.count)
    }
    let expected = checkpointHeaderSize + Int(length) + 4
    guard bytes.count >= expected else { throw .truncated(expectedBytes: expected, foundBytes: bytes.count) }
    guard bytes.count == expected else { throw .malformed(detail: "\(bytes.count - expected) bytes follow the checksum") }
    let payload = Array(bytes[checkpointHeaderSize..<checkpointHeaderSize + Int(length)])
    var trailer = ByteReader(bytes, from: checkpointHeaderSize + Int(length))
    let stored = try trailer.read(UInt32.self, "the checksum")
    let computed = crc32(payload)
    guard stored == computed else { throw .checksumMismatch(stored: stored, computed: computed) }
    return payload
}

/// Reads the parameter section, checks it against `ps` (count, then each parameter's element type
/// and shape) and returns the writes that load it.
package func planParameters(_ ps: [any TensorProtocol], from reader: inout ByteReader) throws(CheckpointError) -> [() -> Void] {
    let count = Int(try reader.read(UInt32.self, "the parameter count"))
    guard count == ps.count else { throw .parameterCount(checkpoint: count, model: ps.count) }
    var writes: [() -> Void] = []
    for (position, p) in ps.enumerated() {
        writes.append(try planParameter(p, from: reader.readTensor("parameter \(position)"), position: position))
    }
    return writes
}

/// Checks a stored parameter against the model's and returns the write that loads it.
private func planParameter(_ p: any TensorProtocol, from stored: StoredTensor, position: Int) throws(CheckpointError) -> () -> Void {
    func typed<X: TensorProtocol>(_ x: X) throws(CheckpointError) -> () -> Void {
        let x = x.tensor
        guard stored.element == ElementCode.of(X.Scalar.self) else {
            throw .parameterElementType(position: position, checkpoint: stored.element.juliaName, model: X.Scalar.juliaName)
        }
        guard stored.shape == x.shape else { throw .parameterShape(position: position, checkpoint: stored.shape, model: x.shape) }
        return { stored.copy(into: x) }
    }
    return try typed(p)
}

/// Reads settings depth first.
package func readSettings(_ reader: inout ByteReader, _ what: String) throws(CheckpointError) -> OptimiserSettings {
    let kind = try reader.readString("\(what): the kind")
    var hyperParameters: [HyperParameter] = []
    for _ in 0..<Int(try reader.read(UInt16.self, "\(what) (\(kind)): the hyper-parameter count")) {
        let name = try reader.readString("\(what) (\(kind)): a hyper-parameter name")
        hyperParameters.append(HyperParameter(name, try reader.readDouble("\(what) (\(kind)): hyper-parameter \(name)")))
    }
    var members: [OptimiserSettings] = []
    let memberCount = Int(try reader.read(UInt16.self, "\(what) (\(kind)): the member count"))
    for i in 0..<memberCount { members.append(try readSettings(&reader, "\(what)[\(i)]")) }
    return OptimiserSettings(kind: kind, hyperParameters: hyperParameters, members: members)
}

/// Reads one state record, checks it against the parameter and the dictionary's kind, and
/// returns the write that installs it (or removes the parameter's state for "none").
private func planState(of p: any TensorProtocol, in dictionary: StateDictionary, from reader: inout ByteReader,
                       location: String, position: Int) throws(CheckpointError) -> () -> Void {
    func mismatch(_ detail: String) -> CheckpointError { .stateMismatch(location: location, position: position, detail: detail) }
    func typed<X: TensorProtocol>(_ x: X) throws(CheckpointError) -> () -> Void {
        let x = x.tensor
        let what = "\(location), state of parameter \(position)"
        let code = try reader.read(UInt8.self, what)
        guard let tag = StateTag(rawValue: code) else { throw .malformed(detail: "\(what): unknown state tag \(code)") }
        let ids = dictionary.dictionary
        switch (tag, dictionary.kind) {
        case (.none, _):
            return { ids.remove(x) }
        case (.tensor, .tensor):
            let t = try reader.readTensor(what)
            try t.check(fits: x, mismatch)
            return { ids.set(t.tensor(of: X.Scalar.self), for: x) }
        case (.moments, .moments(let withThird)):
            let make = try readMoments(from: &reader, like: x, withThird: withThird, what, mismatch)
            return { ids.set(make(), for: x) }
        case (.counter, .counter):
            let n = try reader.read(Int64.self, "\(what): counter")
            return { ids.set(Box(Int(n)), for: x) }
        default:
            throw mismatch("the checkpoint stores \(tag) state but the rule keeps \(dictionary.kind)")
        }
    }
    return try typed(p)
}

/// Reads a ``MomentState`` record body (after its tag) for a parameter like `x`, checking every
/// array against it and the third array's presence against `withThird`; returns a function that
/// builds the state.
package func readMoments<S: TensorScalar>(from reader: inout ByteReader, like x: Tensor<S>, withThird: Bool, _ what: String,
                                          _ mismatch: (String) -> CheckpointError) throws(CheckpointError) -> () -> MomentState<S> {
    let m = try reader.readTensor("\(what): m"), v = try reader.readTensor("\(what): v")
    try m.check(fits: x, mismatch)
    try v.check(fits: x, mismatch)
    let hasThird = try reader.read(UInt8.self, "\(what): the third-array flag")
    guard hasThird <= 1 else { throw .malformed(detail: "\(what): third-array flag \(hasThird)") }
    guard (hasThird == 1) == withThird else {
        throw mismatch(withThird ? "the rule keeps a third array but the checkpoint has none" : "the checkpoint has a third array the rule does not keep")
    }
    let w = hasThird == 1 ? try reader.readTensor("\(what): third array") : nil
    if let w { try w.check(fits: x, mismatch) }
    let β1p = try reader.readDouble("\(what): β1ᵗ"), β2p = try reader.readDouble("\(what): β2ᵗ")
    let t = try reader.read(Int64.self, "\(what): t")
    return {
        let state = MomentState(like: x, third: withThird, beta: (β1p, β2p))
        m.copy(into: state.m)
        v.copy(into: state.v)
        if let w, let target = state.w { w.copy(into: target) }
        state.t = Int(t)
        return state
    }
}
