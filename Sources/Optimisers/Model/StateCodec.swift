import Optimise
import Tensors

// How a leaf's state (`Any`: a tensor, a MomentState, `()`, a list, AccumGrad's or a Scheduler's
// state) is stored in a checkpoint, and read back against the state a fresh `setup` made, which
// fixes every type and shape the stored values must have.

/// A state that pairs a step counter with an inner state (a ``Scheduler``'s), rebuilt field by
/// field when a checkpoint is loaded.
protocol SteppedState {
    /// The step counter.
    var t: Int { get }
    /// The inner rule's state.
    var inner: Any { get }
    /// The same kind of state with other values.
    func replacing(t: Int, inner: Any) -> Self
}

extension Scheduler.State: SteppedState {
    func replacing(t: Int, inner: Any) -> Self { Self(t: t, inner: inner) }
}

/// Appends a leaf's state value: its tag and contents.
func appendStateValue(_ state: Any, to writer: inout ByteWriter, location: String, position: Int) throws(CheckpointError) {
    switch state {
    case is Void:
        writer.append(StateTag.none.rawValue)
    case let tensor as any TensorProtocol:
        writer.append(StateTag.tensor.rawValue)
        writer.append(erased: tensor)
    case let moments as MomentState<Float>:
        writer.append(StateTag.moments.rawValue)
        appendMoments(moments, to: &writer)
    case let moments as MomentState<Double>:
        writer.append(StateTag.moments.rawValue)
        appendMoments(moments, to: &writer)
    case let accumulation as AccumGrad.State:
        writer.append(StateTag.accumulation.rawValue)
        writer.append(erased: accumulation.accumulator)
        writer.append(Int64(accumulation.counter))
    case let stepped as any SteppedState:
        writer.append(StateTag.scheduled.rawValue)
        writer.append(Int64(stepped.t))
        try appendStateValue(stepped.inner, to: &writer, location: location, position: position)
    case let list as [Any]:
        writer.append(StateTag.list.rawValue)
        writer.append(UInt32(list.count))
        for item in list { try appendStateValue(item, to: &writer, location: location, position: position) }
    default:
        throw .unsupportedState(location: location, position: position, type: String(describing: type(of: state)))
    }
}

/// Reads a state value and checks it against `template` (the state a fresh `setup` gave the
/// leaf): the same kind of state, with tensors of the same element types and shapes. Returns a
/// function that builds the loaded state.
func planStateValue(like template: Any, from reader: inout ByteReader, location: String, position: Int) throws(CheckpointError) -> () -> Any {
    func mismatch(_ detail: String) -> CheckpointError { .stateMismatch(location: location, position: position, detail: detail) }
    let what = "\(location), state of leaf \(position)"
    let code = try reader.read(UInt8.self, what)
    guard let tag = StateTag(rawValue: code) else { throw .malformed(detail: "\(what): unknown state tag \(code)") }
    func expect(_ wanted: StateTag) throws(CheckpointError) {
        guard tag == wanted else { throw mismatch("the checkpoint stores \(tag) state but the rule keeps \(wanted) state") }
    }
    switch template {
    case is Void:
        try expect(.none)
        return { () }
    case let tensor as any TensorProtocol:
        try expect(.tensor)
        return try planTensor(like: tensor, from: &reader, what, mismatch)
    case let moments as MomentState<Float>:
        try expect(.moments)
        let make = try readMoments(from: &reader, like: moments.m, withThird: moments.w != nil, what, mismatch)
        return { make() }
    case let moments as MomentState<Double>:
        try expect(.moments)
        let make = try readMoments(from: &reader, like: moments.m, withThird: moments.w != nil, what, mismatch)
        return { make() }
    case let accumulation as AccumGrad.State:
        try expect(.accumulation)
        let accumulator = try planTensor(like: accumulation.accumulator, from: &reader, what, mismatch)
        let counter = Int(try reader.read(Int64.self, "\(what): counter"))
        return { AccumGrad.State(accumulator: accumulator() as! any TensorProtocol, counter: counter) }
    case let stepped as any SteppedState:
        try expect(.scheduled)
        let t = Int(try reader.read(Int64.self, "\(what): step"))
        let inner = try planStateValue(like: stepped.inner, from: &reader, location: location, position: position)
        return { stepped.replacing(t: t, inner: inner()) }
    case let list as [Any]:
        try expect(.list)
        let count = Int(try reader.read(UInt32.self, "\(what): list length"))
        guard count == list.count else { throw mismatch("the checkpoint stores \(count) state values but the rule keeps \(list.count)") }
        var items: [() -> Any] = []
        for item in list { items.append(try planStateValue(like: item, from: &reader, location: location, position: position)) }
        if type(of: template) == [any TensorProtocol].self {
            return { items.map { $0() as! any TensorProtocol } }
        }
        return { items.map { $0() } }
    default:
        throw .unsupportedState(location: location, position: position, type: String(describing: type(of: template)))
    }
}

/// Reads a tensor record that must have `like`'s element type and shape.
private func planTensor(like tensor: any TensorProtocol, from reader: inout ByteReader, _ what: String,
                        _ mismatch: (String) -> CheckpointError) throws(CheckpointError) -> () -> Any {
    func typed<X: TensorProtocol>(_ x: X) throws(CheckpointError) -> () -> Any {
        let stored = try reader.readTensor(what)
        try stored.check(fits: x.tensor, mismatch)
        return { stored.tensor(of: X.Scalar.self) as any TensorProtocol }
    }
    return try typed(tensor)
}
