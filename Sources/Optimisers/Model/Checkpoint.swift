import Optimise
import Tensors
import Tracker

/// The kind an Optimisers.jl checkpoint stores at its root.
let stateTreeKind = "Optimisers.Tree"

/// Saves a model's trainable parameters and its Optimisers.jl state tree (every leaf's state,
/// rule and frozen flag) to `path`, atomically, in the checkpoint format of Documentation/Checkpoints.md.
///
/// ```swift
/// var state = Optimisers.setup(Optimisers.Adam(), model)
/// … training …
/// try saveCheckpoint("/tmp/run.ckpt", model, state)
/// // later, after building the same model and `state = Optimisers.setup(Optimisers.Adam(), model)`:
/// try loadCheckpoint("/tmp/run.ckpt", model, state)
/// ```
///
/// Throws ``CheckpointError`` and writes nothing if a leaf holds state the format cannot store or
/// the file cannot be written.
public func saveCheckpoint(_ path: String, _ model: any Trainable, _ state: Tree<Leaf>) throws(CheckpointError) {
    var payload = ByteWriter()
    appendParameters(trainables(model), to: &payload)
    let leaves = uniqueLeaves(state)
    appendSettings(OptimiserSettings(kind: stateTreeKind, hyperParameters: [], members: leaves.map(\.settings)), to: &payload)
    for (i, leaf) in leaves.enumerated() {
        try appendStateValue(leaf.state, to: &payload, location: "leaf \(i) (\(leaf.rule))", position: i)
    }
    do { try writeAtomically(sealed(payload.bytes), to: path) } catch { throw .unwritable(error) }
}

/// Loads a checkpoint written by ``saveCheckpoint(_:_:_:)-(_,any Trainable,_)`` into `model`'s
/// parameters (matched by position in `trainables(model)` order) and the leaves of `state`
/// (matched by position in depth-first order, shared leaves once), in place.
///
/// `state` should come from `setup` on a model built the same way, with the same rules (and the
/// same `adjust` calls): each leaf's rule must print as the stored one. Everything is checked
/// before anything changes; on a mismatch it throws a ``CheckpointError`` saying what was expected
/// and what was found, and the model and the tree are as before.
public func loadCheckpoint(_ path: String, _ model: any Trainable, _ state: Tree<Leaf>) throws(CheckpointError) {
    var reader = ByteReader(try checkedPayload(try readFile(path), path: path))
    var writes = try planParameters(trainables(model), from: &reader)
    let stored = try readSettings(&reader, "the state tree")
    let leaves = uniqueLeaves(state)
    guard stored.kind == stateTreeKind else {
        throw .optimiserKind(location: "state tree", checkpoint: stored.kind, model: stateTreeKind)
    }
    guard stored.members.count == leaves.count else {
        throw .memberCount(location: "state tree", checkpoint: stored.members.count, model: leaves.count)
    }
    for (i, (leaf, settings)) in zip(leaves, stored.members).enumerated() {
        let location = "leaf \(i) (\(leaf.rule))"
        guard settings.kind == "\(leaf.rule)" else {
            throw .optimiserKind(location: "leaf \(i)", checkpoint: settings.kind, model: "\(leaf.rule)")
        }
        guard settings.hyperParameters.map(\.name) == ["frozen"] else {
            throw .hyperParameterNames(location: location, checkpoint: settings.hyperParameters.map(\.name), model: ["frozen"])
        }
        let frozen = settings.hyperParameters[0].value
        guard frozen == 0 || frozen == 1 else {
            throw .hyperParameterValue(location: location, name: "frozen", value: frozen, requirement: "0 or 1")
        }
        writes.append { leaf.frozen = frozen == 1 }
    }
    for (i, leaf) in leaves.enumerated() {
        let make = try planStateValue(like: leaf.state, from: &reader, location: "leaf \(i) (\(leaf.rule))", position: i)
        writes.append { leaf.state = make() }
    }
    guard reader.isAtEnd else { throw .malformed(detail: "\(reader.bytes.count - reader.offset) bytes follow the last state value") }
    for write in writes { write() }
}

extension Leaf {
    /// What a checkpoint stores about the leaf besides its state: its rule and frozen flag.
    var settings: OptimiserSettings {
        OptimiserSettings(kind: "\(rule)", hyperParameters: [HyperParameter("frozen", frozen ? 1 : 0)])
    }
}
