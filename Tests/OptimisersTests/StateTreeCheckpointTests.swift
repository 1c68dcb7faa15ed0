import Flux
import Foundation
import Optimisers
import Testing

/// Checkpoints of Optimisers.jl state trees: a run stopped, saved, loaded into a freshly built
/// model and `setup` tree, and continued is bit for bit the run that never stopped.
@Suite("Checkpoints of Optimisers.jl state trees")
struct StateTreeCheckpointTests {
    /// A scratch file path, removed by the caller's `defer`.
    static func scratchPath() -> String { NSTemporaryDirectory() + "state-tree-\(UUID().uuidString).ckpt" }

    /// A fresh model and its tree for `rule`, trained for steps 1 through `last` (none for 0) with
    /// the synthetic gradients.
    static func trained(_ rule: any AbstractRule, through last: Int) throws -> (Chain, Tree<Leaf>) {
        func typed<R: AbstractRule>(_ rule: R) throws -> (Chain, Tree<Leaf>) {
            let model = twoLayerModel()
            let state = Optimisers.setup(rule, model)
            for t in stride(from: 1, through: last, by: 1) { try Optimisers.updateInPlace(state, model, syntheticGradient(model, t)) }
            return (model, state)
        }
        return try typed(rule)
    }

    /// Every parameter's bits.
    static func bits(_ model: Chain) -> [UInt64] { parameterNumbers(model).map(\.bitPattern) }

    @Test(arguments: ExplicitHostileRule.all.map(\.name))
    func resumingGivesTheUninterruptedRunExactly(_ name: String) throws {
        let make = ExplicitHostileRule.all.first { $0.name == name }!.make
        let path = Self.scratchPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (straight, _) = try Self.trained(make(), through: 12)
        let (first, firstState) = try Self.trained(make(), through: 5)
        try saveCheckpoint(path, first, firstState)

        let (second, secondState) = try Self.trained(make(), through: 0)        // built, not trained
        try loadCheckpoint(path, second, secondState)
        #expect(Self.bits(second) == Self.bits(first), "\(name): parameters loaded")
        #expect("\(secondState)" == "\(firstState)", "\(name): state loaded")
        for t in 6...12 { try Optimisers.updateInPlace(secondState, second, syntheticGradient(second, t)) }
        #expect(Self.bits(second) == Self.bits(straight), "\(name): the resumed run equals the uninterrupted one")
    }

    @Test func frozenLeavesStayFrozen() throws {
        let path = Self.scratchPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (model, state) = try Self.trained(Optimisers.Adam(0.01), through: 3)
        guard case .fields(let top) = state, case .elements(let layers) = top[0].tree else {
            Issue.record("unexpected tree \(state)")
            return
        }
        Optimisers.freeze(layers[0])
        try saveCheckpoint(path, model, state)
        let (fresh, freshState) = try Self.trained(Optimisers.Adam(0.01), through: 0)
        try loadCheckpoint(path, fresh, freshState)
        #expect(freshState.leafValues.map(\.frozen) == [true, true, false, false])
    }

    @Test func anotherRuleOrModelIsRefusedAndNothingChanges() throws {
        let path = Self.scratchPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (model, state) = try Self.trained(Optimisers.Adam(0.01), through: 3)
        try saveCheckpoint(path, model, state)

        let (other, otherState) = try Self.trained(Optimisers.Adam(0.001), through: 2)
        let (before, stateBefore) = (Self.bits(other), "\(otherState)")
        let error = #expect(throws: CheckpointError.self) { try loadCheckpoint(path, other, otherState) }
        #expect(error == .optimiserKind(location: "leaf 0", checkpoint: "Adam(eta: 0.01, beta: (0.9, 0.999), epsilon: 1e-08)",
                                        model: "Adam(eta: 0.001, beta: (0.9, 0.999), epsilon: 1e-08)"))
        #expect(Self.bits(other) == before && "\(otherState)" == stateBefore)

        let wider = Chain(dense([[1, 2, 3], [3, 4, 5]], [0.5, -0.5]), dense([[1, -1]], [0.25]))
        let widerState = Optimisers.setup(Optimisers.Adam(0.01), wider)
        let shapeError = #expect(throws: CheckpointError.self) { try loadCheckpoint(path, wider, widerState) }
        #expect(shapeError == .parameterShape(position: 0, checkpoint: [2, 2], model: [2, 3]))

        let implicitPath = Self.scratchPath()
        defer { try? FileManager.default.removeItem(atPath: implicitPath) }
        try saveCheckpoint(implicitPath, Params(trainables(model)), Optimise.Adam(0.01))
        let kindError = #expect(throws: CheckpointError.self) { try loadCheckpoint(implicitPath, model, state) }
        #expect(kindError == .optimiserKind(location: "state tree", checkpoint: "Adam", model: "Optimisers.Tree"))
    }
}
