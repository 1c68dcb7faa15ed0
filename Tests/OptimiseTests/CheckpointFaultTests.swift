import Foundation
import Testing
@testable import Optimise
import Tensors
import Tracker

/// Damaged and mismatched checkpoints: each is refused with its own error, and the model and
/// optimiser it was loaded into are exactly as before (parameters bit for bit, hyper-parameters,
/// and state — the next step equals that of an untouched twin).
@Suite("Checkpoint faults")
struct CheckpointFaultTests {
    /// A valid checkpoint's bytes: the fixture after 5 steps of ClipNorm + Adam.
    static func goodCheckpoint(_ opt: any AbstractOptimiser = Optimiser(ClipNorm(1), Adam(0.01))) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try withTemporaryDirectory { (directory) throws in
            _ = try CheckpointFixture.saved(after: 1...5, with: opt, to: directory + "/good.ckpt")
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/good.ckpt")))
        }
        return bytes
    }

    /// Writes `bytes`, loads them into a model trained 3 steps (with the optimiser `make` builds),
    /// expects the error, and checks that nothing changed.
    func expectRefused(_ bytes: [UInt8], into ps: (CheckpointFixture) -> Params = { $0.ps },
                       _ make: () -> any AbstractOptimiser = { Optimiser(ClipNorm(1), Adam(0.01)) },
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> CheckpointError? {
        var caught: CheckpointError?
        try withTemporaryDirectory { (directory) throws in
            let path = directory + "/damaged.ckpt"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let target = CheckpointFixture(), opt = make(), twin = CheckpointFixture(), twinOpt = make()
            try target.train(opt, 1...3)
            try twin.train(twinOpt, 1...3)
            let settingsBefore = try? settings(of: opt)
            caught = #expect(throws: CheckpointError.self, sourceLocation: sourceLocation) { try loadCheckpoint(path, ps(target), opt) }
            #expect(target.bits == twin.bits, "parameters unchanged", sourceLocation: sourceLocation)
            #expect((try? settings(of: opt)) == settingsBefore, "hyper-parameters unchanged", sourceLocation: sourceLocation)
            try target.train(opt, 4...4)
            try twin.train(twinOpt, 4...4)
            #expect(target.bits == twin.bits, "optimiser state unchanged: the next step is the twin's", sourceLocation: sourceLocation)
        }
        return caught
    }

    /// `bytes` with the CRC-32 recomputed, so damage inside the payload gets past the checksum.
    static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        let payload = Array(bytes[20..<bytes.count - 4])
        let crc = crc32(payload)
        return Array(bytes[0..<bytes.count - 4]) + (0..<4).map { UInt8(truncatingIfNeeded: crc >> (8 * UInt32($0))) }
    }

    /// The position of `text`'s UTF-8 bytes in `bytes`.
    static func position(of text: String, in bytes: [UInt8]) -> Int {
        let needle = Array(text.utf8)
        return (0...(bytes.count - needle.count)).first { Array(bytes[$0..<$0 + needle.count]) == needle }!
    }

    @Test(arguments: [0, 5, 8, 19, 20, 100, -1])
    func truncatedFiles(_ cut: Int) throws {
        let good = try Self.goodCheckpoint()
        let length = cut < 0 ? good.count + cut : cut
        let error = try expectRefused(Array(good.prefix(length)))
        let expected = length < 20 ? 20 : good.count
        #expect(error == .truncated(expectedBytes: expected, foundBytes: length))
        #expect(error?.description == "checkpoint is truncated: expected \(expected) bytes, found \(length)")
    }

    @Test(arguments: [20, 40, 200, -10, -1])
    func bitFlipsInThePayloadOrChecksum(_ at: Int) throws {
        var bytes = try Self.goodCheckpoint()
        bytes[at < 0 ? bytes.count + at : at] ^= 0x10
        let error = try expectRefused(bytes)
        guard case .checksumMismatch(let stored, let computed)? = error else {
            Issue.record("expected a checksum mismatch, got \(String(describing: error))")
            return
        }
        #expect(stored != computed)
        #expect(error?.description.hasPrefix("checkpoint is corrupted: stored CRC-32 0x") == true)
    }

    @Test func aFlippedMagicByteIsNotACheckpoint() throws {
        var bytes = try Self.goodCheckpoint()
        bytes[3] ^= 0x01                                  // "FLUXCKPT" → "FLUYCKPT"
        let error = try expectRefused(bytes)
        if case .notACheckpoint(_, let found)? = error { #expect(found == Array("FLUYCKPT".utf8)) } else {
            Issue.record("got \(String(describing: error))")
        }
        #expect(error?.description.contains("expected the magic bytes \"FLUXCKPT\", found 0x46 0x4c 0x55 0x59") == true)
    }

    @Test func aTextFileIsNotACheckpoint() throws {
        let error = try expectRefused(Array("W = [1 2; 3 4]\n".utf8))
        if case .notACheckpoint? = error {} else { Issue.record("got \(String(describing: error))") }
    }

    @Test func anotherFormatVersionIsRefused() throws {
        var bytes = try Self.goodCheckpoint()
        bytes[8] = 2
        let error = try expectRefused(bytes)
        #expect(error == .unsupportedVersion(found: 2, supported: 1))
        #expect(error?.description == "checkpoint format version 2 is not supported: this library reads version 1")
    }

    @Test func bytesAfterTheChecksumAreRefused() throws {
        let error = try expectRefused(try Self.goodCheckpoint() + [0])
        #expect(error == .malformed(detail: "1 bytes follow the checksum"))
    }

    @Test func aParameterOfAnotherShapeIsRefused() throws {
        let error = try expectRefused(try Self.goodCheckpoint(), into: { f in
            Params([Tensor<Double>(shape: [2, 3], repeating: 0), f.b, f.V])
        })
        #expect(error == .parameterShape(position: 0, checkpoint: [3, 2], model: [2, 3]))
        #expect(error?.description == "parameter 0 (0-based, in Params order): checkpoint has shape (3, 2) but the model has (2, 3)")
    }

    @Test func aParameterOfAnotherElementTypeIsRefused() throws {
        let error = try expectRefused(try Self.goodCheckpoint(), into: { f in
            Params([f.W, f.b, Tensor<Double>(shape: [2, 2], repeating: 0)])
        })
        #expect(error == .parameterElementType(position: 2, checkpoint: "Float32", model: "Float64"))
    }

    @Test func anotherNumberOfParametersIsRefused() throws {
        let error = try expectRefused(try Self.goodCheckpoint(), into: { f in Params([f.W, f.b]) })
        #expect(error == .parameterCount(checkpoint: 3, model: 2))
        #expect(error?.description == "checkpoint holds 3 parameters but the model has 2")
    }

    @Test func anotherOptimiserIsRefused() throws {
        let error = try expectRefused(try Self.goodCheckpoint(), { Optimiser(ClipNorm(1), Momentum(0.01)) })
        #expect(error == .optimiserKind(location: "optimiser[1] (Momentum)", checkpoint: "Adam", model: "Momentum"))
        let chain = try expectRefused(try Self.goodCheckpoint(), { Optimiser(ClipNorm(1), Adam(0.01), Descent()) })
        #expect(chain == .memberCount(location: "optimiser (Optimiser)", checkpoint: 2, model: 3))
        let bare = try expectRefused(try Self.goodCheckpoint(), { Adam(0.01) })
        #expect(bare == .optimiserKind(location: "optimiser (Adam)", checkpoint: "Optimiser", model: "Adam"))
    }

    @Test func anOutOfRangeHyperParameterIsRefusedEvenWithAValidChecksum() throws {
        var bytes = try Self.goodCheckpoint()
        let at = Self.position(of: "thresh", in: bytes) + 6
        let bits = (-1.0).bitPattern
        for i in 0..<8 { bytes[at + i] = UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i))) }
        let error = try expectRefused(Self.resealed(bytes))
        #expect(error == .hyperParameterValue(location: "optimiser[0] (ClipNorm)", name: "thresh", value: -1, requirement: "finite and ≥ 0"))
    }

    @Test func stateOfTheWrongKindIsRefusedEvenWithAValidChecksum() throws {
        // NAdam and OAdam share their hyper-parameter names, but OAdam keeps a third array.
        var bytes = try Self.goodCheckpoint(NAdam(0.01))
        let at = Self.position(of: "NAdam", in: bytes)
        bytes.replaceSubrange(at..<at + 5, with: Array("OAdam".utf8))
        let error = try expectRefused(Self.resealed(bytes), { OAdam(0.01) })
        #expect(error == .stateMismatch(location: "optimiser (OAdam)", position: 0,
                                        detail: "the rule keeps a third array but the checkpoint has none"))
    }

    @Test func renamedHyperParametersAreRefused() throws {
        var bytes = try Self.goodCheckpoint(AdaGrad(0.1))
        let at = Self.position(of: "AdaGrad", in: bytes)
        bytes.replaceSubrange(at..<at + 7, with: Array("RMSProp".utf8))
        let error = try expectRefused(Self.resealed(bytes), { RMSProp(0.01) })
        #expect(error == .hyperParameterNames(location: "optimiser (RMSProp)", checkpoint: ["eta", "epsilon"], model: ["eta", "rho", "epsilon"]))
    }

    @Test func aShapeTooLargeForMemoryIsMalformedNotATrap() throws {
        // One Float64 parameter of shape (2³¹ − 1)³: the element count overflows Int.
        var payload = ByteWriter()
        payload.append(UInt32(1))
        payload.append(UInt8(2))
        payload.append(UInt8(3))
        for _ in 0..<3 { payload.append(UInt64(Int32.max)) }
        let error = try expectRefused(sealed(payload.bytes), into: { f in Params([f.W]) })
        #expect(error == .malformed(detail: "parameter 0: shape (2147483647, 2147483647, 2147483647) holds more elements than fit in memory"))
    }

    @Test func aMissingFileIsUnreadable() throws {
        let fixture = CheckpointFixture()
        let error = #expect(throws: CheckpointError.self) { try loadCheckpoint("/nonexistent/run.ckpt", fixture.ps, Adam()) }
        #expect(error == .unreadable(path: "/nonexistent/run.ckpt", reason: String(cString: strerror(ENOENT))))
    }

    @Test func aFailedSaveLeavesThePreviousCheckpoint() throws {
        try withTemporaryDirectory { (directory) throws in
            let fixture = CheckpointFixture(), opt = Adam(0.01)
            try fixture.train(opt, 1...2)
            try saveCheckpoint(directory + "/run.ckpt", fixture.ps, opt)
            let before = try Data(contentsOf: URL(fileURLWithPath: directory + "/run.ckpt"))
            // a directory where the checkpoint should go: the temporary file is written, the rename fails
            try FileManager.default.createDirectory(atPath: directory + "/blocked", withIntermediateDirectories: false)
            try Data([1]).write(to: URL(fileURLWithPath: directory + "/blocked/inside"))
            try fixture.train(opt, 3...3)
            let error = #expect(throws: CheckpointError.self) { try saveCheckpoint(directory + "/blocked", fixture.ps, opt) }
            if case .unwritable(let cause)? = error { #expect(cause.step == .renaming) } else { Issue.record("got \(String(describing: error))") }
            #expect(error?.description.hasSuffix("(the previous checkpoint, if any, is unchanged)") == true)
            #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/run.ckpt")) == before)
            #expect(try directoryListing(directory) == ["blocked", "run.ckpt"], "no temporary file left behind")
        }
    }
}
