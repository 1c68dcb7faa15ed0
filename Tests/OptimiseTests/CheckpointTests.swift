import Foundation
import Testing
@testable import Optimise
import Tensors
import Tracker

/// A small training setup: a Float64 matrix and vector and a Float32 matrix, the same values every
/// time it is built, and a deterministic gradient for each step.
struct CheckpointFixture {
    let W = Tensor<Double>(shape: [3, 2], scalars: [0.5, -1, 2, 0.25, -0.75, 1.5])
    let b = Tensor<Double>([0.1, -0.2, 0.3])
    let V = Tensor<Float>(shape: [2, 2], scalars: [1, -2, 0.5, 3])
    var ps: Params { Params([W, b, V]) }

    /// The gradients of step `t`: smooth functions of `t` and the element index.
    func grads(_ t: Int) -> Grads {
        let gs = Grads(ps)
        func wave(_ n: Int, _ phase: Double) -> [Double] { (0..<n).map { sin(Double(t) * 0.7 + Double($0) + phase) } }
        gs[W] = Tensor<Double>(shape: [3, 2], scalars: wave(6, 0))
        gs[b] = Tensor<Double>(wave(3, 1))
        gs[V] = Tensor<Float>(shape: [2, 2], scalars: wave(4, 2).map { Float($0) })
        return gs
    }

    /// Runs steps `range` of `opt`.
    func train(_ opt: any AbstractOptimiser, _ range: ClosedRange<Int>) throws {
        for t in range { try update(opt, ps, grads(t)) }
    }

    /// A fresh fixture trained over `steps` with `opt`.
    static func trained(_ steps: ClosedRange<Int>, with opt: any AbstractOptimiser) throws -> CheckpointFixture {
        let fixture = CheckpointFixture()
        try fixture.train(opt, steps)
        return fixture
    }

    /// A fresh fixture trained over `steps` with `opt`, then saved with it to `path`.
    static func saved(after steps: ClosedRange<Int>, with opt: any AbstractOptimiser, to path: String) throws -> CheckpointFixture {
        let fixture = try trained(steps, with: opt)
        try saveCheckpoint(path, fixture.ps, opt)
        return fixture
    }

    /// Every element's bit pattern, so runs compare exactly.
    var bits: [UInt64] {
        W.scalars.map(\.bitPattern) + b.scalars.map(\.bitPattern) + V.scalars.map { UInt64($0.bitPattern) }
    }
}

/// Every built-in optimiser, composite and scheduler, by name.
let checkpointCases: [(String, @Sendable () -> any AbstractOptimiser)] = [
    ("Descent", { Descent(0.1) }), ("Momentum", { Momentum(0.01) }), ("Nesterov", { Nesterov(0.01) }),
    ("RMSProp", { RMSProp(0.01) }), ("Adam", { Adam(0.01) }), ("RAdam", { RAdam(0.01) }),
    ("AdaMax", { AdaMax(0.01) }), ("OAdam", { OAdam(0.01) }), ("AdaGrad", { AdaGrad(0.1) }),
    ("AdaDelta", { AdaDelta(0.9) }), ("AMSGrad", { AMSGrad(0.01) }), ("NAdam", { NAdam(0.01) }),
    ("AdaBelief", { AdaBelief(0.01) }), ("AdamW", { AdamW(0.01, (0.9, 0.999), 0.1) }),
    ("ExpDecay", { Optimiser(ExpDecay(0.5, 0.5, 3, 1e-3), Descent(0.1)) }),
    ("InvDecay", { Optimiser(InvDecay(0.5), Descent(0.1)) }),
    ("WeightDecay", { Optimiser(WeightDecay(0.1), Adam(0.01)) }),
    ("SignDecay", { Optimiser(SignDecay(0.01), Descent(0.1)) }),
    ("ClipValue", { Optimiser(ClipValue(0.3), Momentum(0.01)) }),
    ("ClipNorm", { Optimiser(ClipNorm(0.5), AdaBelief(0.01)) }),
    ("GuardFinite", { Optimiser(GuardFinite(.skip), Adam(0.01)) }),
    ("Scheduler", { Scheduler(Exp(start: 0.1, decay: 0.8), Nesterov(0.01)) }),
    ("Scheduler in a chain", { Optimiser(ClipValue(1), Scheduler(Step(0.1, 0.5, 2), AMSGrad())) }),
]

/// A rule of the user's own, checkpointable as the ``Checkpointable`` documentation shows.
final class DecayDescent: AbstractOptimiser, Checkpointable {
    var eta: Double
    let counts = IdDict()
    init(_ eta: Double = 0.1) { self.eta = eta }
    func apply<S: TensorScalar>(_ x: Tensor<S>, _ Δ: Tensor<S>) -> Tensor<S> {
        let n = counts.get(x, default: Box(1))
        defer { n.value += 1 }
        Δ .*= S(eta / Double(n.value).squareRoot())
        return Δ
    }
    var hyperParameterFields: [HyperParameterField] { [.real("eta", of: self, \.eta)] }
    var stateDictionaries: [StateDictionary] { [StateDictionary(counts, holding: .counter)] }
}

/// The same rule without checkpoint support.
final class PlainDecayDescent: AbstractOptimiser {
    func apply<S: TensorScalar>(_ x: Tensor<S>, _ Δ: Tensor<S>) -> Tensor<S> { Δ }
}

@Suite("Checkpoints")
struct CheckpointTests {
    /// Saves after step 7 of a run, loads into a freshly built model and optimiser, continues to
    /// step 15, and compares with a run that never stopped: every bit of every parameter equal.
    @Test(arguments: checkpointCases.indices)
    func resumingGivesTheUninterruptedRunExactly(_ i: Int) throws {
        let (name, make) = checkpointCases[i]
        try withTemporaryDirectory { (directory) throws in
            let path = directory + "/run.ckpt"
            let straight = try CheckpointFixture.trained(1...15, with: make())
            let firstOpt = make()
            let first = try CheckpointFixture.saved(after: 1...7, with: firstOpt, to: path)

            let second = CheckpointFixture(), secondOpt = make()
            try loadCheckpoint(path, second.ps, secondOpt)
            #expect(second.bits == first.bits, "\(name): the parameters are loaded as saved")
            #expect(try settings(of: secondOpt) == settings(of: firstOpt), "\(name): hyper-parameters loaded")
            try second.train(secondOpt, 8...15)
            #expect(second.bits == straight.bits, "\(name): the resumed run equals the uninterrupted one")
            #expect(second.bits != first.bits, "\(name): training went on after loading")
        }
    }

    /// A resumed run without the optimiser state (a fresh optimiser, parameters loaded) goes
    /// elsewhere for a rule with state, so the comparison above is a real test of the state.
    @Test func theStateMattersForAStatefulRule() throws {
        try withTemporaryDirectory { (directory) throws in
            let path = directory + "/run.ckpt"
            let straight = try CheckpointFixture.trained(1...15, with: Adam(0.01))
            _ = try CheckpointFixture.saved(after: 1...7, with: Adam(0.01), to: path)
            let other = CheckpointFixture()
            try loadCheckpoint(path, other.ps, Adam(0.01))   // state loaded into an optimiser we then drop
            try other.train(Adam(0.01), 8...15)
            #expect(other.bits != straight.bits)
        }
    }

    @Test func decayedEtaCountersAndSkippedStepsAreRestored() throws {
        try withTemporaryDirectory { (directory) throws in
            let path = directory + "/run.ckpt"
            let fixture = CheckpointFixture()
            let decay = ExpDecay(0.5, 0.5, 3, 1e-3), guardRule = GuardFinite(.skip)
            let opt = Optimiser(guardRule, decay, Descent(0.1))
            try fixture.train(opt, 1...7)
            let bad = fixture.grads(8)
            (bad[fixture.b] as Tensor<Double>?)![1] = .infinity
            try update(opt, fixture.ps, bad)
            // 7 steps with decay_step 3: η halved at steps 3 and 6 → 0.125; one skipped step
            #expect(decay.eta == 0.125 && guardRule.skippedSteps == 1)
            try saveCheckpoint(path, fixture.ps, opt)

            let freshDecay = ExpDecay(0.5, 0.5, 3, 1e-3), freshGuard = GuardFinite(.skip)
            let fresh = Optimiser(freshGuard, freshDecay, Descent(0.1))
            try loadCheckpoint(path, CheckpointFixture().ps, fresh)
            #expect(freshDecay.eta == 0.125)
            #expect(freshGuard.skippedSteps == 1)
            #expect(freshDecay.current.value(for: CheckpointFixture().W, as: Box<Int>.self) == nil,
                    "state belongs to the loaded tensors only")
        }
    }

    @Test func aUserRuleAdoptingCheckpointableRoundTrips() throws {
        try withTemporaryDirectory { (directory) throws in
            let path = directory + "/run.ckpt"
            let straight = try CheckpointFixture.trained(1...9, with: DecayDescent(0.2))
            _ = try CheckpointFixture.saved(after: 1...4, with: DecayDescent(0.2), to: path)
            let second = CheckpointFixture(), loaded = DecayDescent(0.2)
            try loadCheckpoint(path, second.ps, loaded)
            #expect(loaded.counts.value(for: second.W, as: Box<Int>.self)?.value == 5, "4 steps taken, the next is the 5th")
            try second.train(loaded, 5...9)
            #expect(second.bits == straight.bits)
        }
    }

    @Test func anOptimiserWithoutCheckpointSupportIsRefusedAndNothingIsWritten() throws {
        try withTemporaryDirectory { (directory) throws in
            let path = directory + "/run.ckpt"
            let error = #expect(throws: CheckpointError.self) {
                try saveCheckpoint(path, CheckpointFixture().ps, Optimiser(ClipNorm(1), PlainDecayDescent()))
            }
            #expect(error == .unsupportedOptimiser(location: "optimiser[1]", type: "PlainDecayDescent"))
            #expect(error?.description.contains("does not adopt Checkpointable") == true)
            #expect(try directoryListing(directory).isEmpty)
        }
    }

    /// The header, the payload length and the CRC-32 laid out as Documentation/Checkpoints.md
    /// describes them, read back here independently of the library's reader.
    @Test func theFileLayoutFollowsTheDocumentedFormat() throws {
        try withTemporaryDirectory { (directory) throws in
            let path = directory + "/run.ckpt"
            let fixture = CheckpointFixture()
            try saveCheckpoint(path, fixture.ps, Descent(0.25))
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            func integer(_ at: Int, _ width: Int) -> UInt64 {
                (0..<width).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) }
            }
            #expect(Array(bytes[0..<8]) == Array("FLUXCKPT".utf8))
            #expect(integer(8, 4) == 1, "version 1")
            let length = Int(integer(12, 8))
            #expect(bytes.count == 20 + length + 4)
            #expect(UInt32(integer(20 + length, 4)) == crc32(Array(bytes[20..<20 + length])))
            // payload: 3 parameters; the first is Float64 (code 2), rank 2, 3 × 2, then W's elements
            #expect(integer(20, 4) == 3)
            #expect(bytes[24] == 2 && bytes[25] == 2 && integer(26, 8) == 3 && integer(34, 8) == 2)
            #expect(Double(bitPattern: integer(42, 8)) == 0.5 && Double(bitPattern: integer(50, 8)) == -1)
            // the settings: kind "Descent", one hyper-parameter "eta" = 0.25, no members
            let settingsAt = 20 + 4 + (2 + 16 + 48) + (2 + 8 + 24) + (2 + 16 + 16)
            #expect(integer(settingsAt, 2) == 7 && Array(bytes[settingsAt + 2..<settingsAt + 9]) == Array("Descent".utf8))
            #expect(integer(settingsAt + 9, 2) == 1 && integer(settingsAt + 11, 2) == 3)
            #expect(Double(bitPattern: integer(settingsAt + 16, 8)) == 0.25)
        }
    }

    @Test func crc32KnownAnswers() {
        #expect(crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(crc32([]) == 0)
        #expect(crc32(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    }

    @Test func settingsAreCodableAndRestoreChecksEverythingFirst() throws {
        let opt = Optimiser(ClipNorm(0.5), Scheduler(Exp(start: 0.1, decay: 0.8), Adam(0.01, (0.8, 0.99))))
        let saved = try settings(of: opt)
        #expect(saved.kind == "Optimiser" && saved.members.map(\.kind) == ["ClipNorm", "Scheduler<Exp, Adam>"])
        #expect(saved.members[1].members[0].hyperParameters
                == [HyperParameter("eta", 0.01), HyperParameter("beta1", 0.8), HyperParameter("beta2", 0.99), HyperParameter("epsilon", 1e-8)])
        let json = try JSONEncoder().encode(saved)
        let decoded = try JSONDecoder().decode(OptimiserSettings.self, from: json)
        #expect(decoded == saved)

        let target = Optimiser(ClipNorm(2), Scheduler(Exp(start: 0.1, decay: 0.8), Adam()))
        try restore(decoded, into: target)
        #expect(try settings(of: target) == saved)

        var bad = saved
        bad.members[0].hyperParameters[0].value = -1
        bad.members[1].members[0].hyperParameters[0].value = 0.5
        let before = try settings(of: target)
        let error = #expect(throws: CheckpointError.self) { try restore(saved, into: Optimiser(ClipNorm(2), Adam())) }
        #expect(error == .optimiserKind(location: "optimiser[1] (Adam)", checkpoint: "Scheduler<Exp, Adam>", model: "Adam"))
        let valueError = #expect(throws: CheckpointError.self) { try restore(bad, into: target) }
        #expect(valueError == .hyperParameterValue(location: "optimiser[0] (ClipNorm)", name: "thresh", value: -1, requirement: "finite and ≥ 0"))
        #expect(try settings(of: target) == before, "a refused restore changes nothing, not even the later valid η")
    }
}
