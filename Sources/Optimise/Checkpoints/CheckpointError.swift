import Tensors

/// Why a checkpoint could not be saved or loaded. Nothing was changed when it is thrown: not the
/// file on disk (a failed save leaves the previous checkpoint in place), not a parameter, not a
/// hyper-parameter, not an optimiser's state.
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    /// The file could not be read (`reason` is the system's explanation).
    case unreadable(path: String, reason: String)
    /// Writing the new checkpoint failed; the old one, if any, is untouched.
    case unwritable(FileWriteError)
    /// The file does not start with the checkpoint magic bytes `FLUXCKPT`.
    case notACheckpoint(path: String, found: [UInt8])
    /// The file's format version is not one this library reads.
    case unsupportedVersion(found: UInt32, supported: UInt32)
    /// The file ends before the data its header announces (a torn or cut-off file).
    case truncated(expectedBytes: Int, foundBytes: Int)
    /// The stored CRC-32 does not match the data (the file was corrupted after it was written).
    case checksumMismatch(stored: UInt32, computed: UInt32)
    /// The data passed its checksum but does not follow the format (`detail` says where).
    case malformed(detail: String)
    /// The checkpoint holds a different number of parameters than the `Params` it is loaded into.
    case parameterCount(checkpoint: Int, model: Int)
    /// The parameter at `position` (0-based, `Params` order) has another shape in the checkpoint.
    case parameterShape(position: Int, checkpoint: [Int], model: [Int])
    /// The parameter at `position` has another element type in the checkpoint.
    case parameterElementType(position: Int, checkpoint: String, model: String)
    /// The optimiser at `location` is of another kind than the one stored there.
    case optimiserKind(location: String, checkpoint: String, model: String)
    /// The chain at `location` has another number of members than the one stored there.
    case memberCount(location: String, checkpoint: Int, model: Int)
    /// The optimiser at `location` stores other hyper-parameters than the model's optimiser has.
    case hyperParameterNames(location: String, checkpoint: [String], model: [String])
    /// A stored hyper-parameter value is outside what the optimiser accepts.
    case hyperParameterValue(location: String, name: String, value: Double, requirement: String)
    /// A stored state entry does not fit its parameter (shape, element type or kind of state).
    case stateMismatch(location: String, position: Int, detail: String)
    /// Saving met an optimiser that cannot be checkpointed (it does not adopt ``Checkpointable``).
    case unsupportedOptimiser(location: String, type: String)
    /// Saving met per-parameter state of a kind the format does not know.
    case unsupportedState(location: String, position: Int, type: String)

    /// What was expected and what was found.
    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "cannot read checkpoint \"\(path)\": \(reason)"
        case let .unwritable(error):
            return "\(error) (the previous checkpoint, if any, is unchanged)"
        case let .notACheckpoint(path, found):
            return "\"\(path)\" is not a checkpoint: expected the magic bytes \"FLUXCKPT\", found \(found.map { hex($0) }.joined(separator: " "))"
        case let .unsupportedVersion(found, supported):
            return "checkpoint format version \(found) is not supported: this library reads version \(supported)"
        case let .truncated(expected, found):
            return "checkpoint is truncated: expected \(expected) bytes, found \(found)"
        case let .checksumMismatch(stored, computed):
            return "checkpoint is corrupted: stored CRC-32 \(hex32(stored)), computed \(hex32(computed))"
        case let .malformed(detail):
            return "checkpoint is malformed: \(detail)"
        case let .parameterCount(checkpoint, model):
            return "checkpoint holds \(checkpoint) parameter\(checkpoint == 1 ? "" : "s") but the model has \(model)"
        case let .parameterShape(position, checkpoint, model):
            return "parameter \(position) (0-based, in Params order): checkpoint has shape \(formatShape(checkpoint)) but the model has \(formatShape(model))"
        case let .parameterElementType(position, checkpoint, model):
            return "parameter \(position) (0-based, in Params order): checkpoint holds \(checkpoint) but the model holds \(model)"
        case let .optimiserKind(location, checkpoint, model):
            return "\(location): the checkpoint holds \(checkpoint) state here but the optimiser is \(model)"
        case let .memberCount(location, checkpoint, model):
            return "\(location): checkpoint holds \(checkpoint) member\(checkpoint == 1 ? "" : "s") but the chain has \(model)"
        case let .hyperParameterNames(location, checkpoint, model):
            return "\(location): checkpoint stores hyper-parameters [\(checkpoint.joined(separator: ", "))] but the optimiser has [\(model.joined(separator: ", "))]"
        case let .hyperParameterValue(location, name, value, requirement):
            return "\(location): hyper-parameter \(name) = \(value) in the checkpoint, but it must be \(requirement)"
        case let .stateMismatch(location, position, detail):
            return "\(location), state of parameter \(position): \(detail)"
        case let .unsupportedOptimiser(location, type):
            return "\(location): a \(type) cannot be checkpointed (it does not adopt Checkpointable); nothing was written"
        case let .unsupportedState(location, position, type):
            return "\(location), state of parameter \(position): state of type \(type) cannot be checkpointed; nothing was written"
        }
    }
}

/// `0x4a` style.
private func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16)
    return "0x" + (digits.count == 1 ? "0" + digits : digits)
}

/// `0x0badf00d` style.
private func hex32(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
}
