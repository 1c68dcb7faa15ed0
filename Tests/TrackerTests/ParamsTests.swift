import Foundation
import Testing
import Tensors
import Tracker

@Suite("Params")
struct ParamsTests {
    let W = zeros(2, 5), b = zeros(2), c = ones(3)

    func ids(_ ps: Params) -> [ObjectIdentifier] { ps.map { ObjectIdentifier($0) } }

    @Test func paramsFunctionDeduplicates() {
        let ps = params(W, b, W)
        #expect(ps.count == 2)
        #expect(ids(ps) == [ObjectIdentifier(W), ObjectIdentifier(b)])
        let fromArray = params([W, b, b, W])
        #expect(fromArray.count == 2)
        #expect(ids(fromArray) == [ObjectIdentifier(W), ObjectIdentifier(b)])
    }

    @Test func initialiserKeepsDuplicates() {
        let ps = Params([W, W])
        #expect(ps.count == 2)
        #expect(ids(ps) == [ObjectIdentifier(W), ObjectIdentifier(W)])
        #expect(ps.contains(W))
    }

    @Test func keysAreIdentityNotValue() {
        let twin = zeros(2, 5)   // equal values, different object
        let ps = params(W)
        #expect(!ps.contains(twin))
        ps.append(twin)
        #expect(ps.count == 2)
    }

    @Test func appendSkipsDuplicates() {
        let ps = params(W)
        ps.append(W)
        #expect(ps.count == 1)
        ps.append(b)
        #expect(ps.count == 2)
        ps.append(contentsOf: [b, c, W])
        #expect(ps.count == 3)
        #expect(ids(ps) == [ObjectIdentifier(W), ObjectIdentifier(b), ObjectIdentifier(c)])
    }

    @Test func deleteRemovesAndUpdatesContains() {
        let ps = params(W, b, c)
        ps.delete(b)
        #expect(ps.count == 2)
        #expect(!ps.contains(b))
        #expect(ids(ps) == [ObjectIdentifier(W), ObjectIdentifier(c)])
        ps.delete(b)   // absent: no change
        #expect(ps.count == 2)
        ps.delete(W)
        ps.delete(c)
        #expect(ps.isEmpty)
        #expect(ps.count == 0)
    }

    @Test func deleteOneOfDuplicates() {
        let ps = Params([W, b, W])
        ps.delete(W)
        #expect(ps.count == 2)
        #expect(ps.contains(W), "the second W is still there")
        #expect(ids(ps) == [ObjectIdentifier(b), ObjectIdentifier(W)])
        ps.delete(W)
        #expect(!ps.contains(W))
        #expect(ps.count == 1)
    }

    @Test func containsAndCount() {
        let ps = params(W, b)
        #expect(ps.contains(W))
        #expect(ps.contains(b))
        #expect(!ps.contains(c))
        #expect(ps.count == 2)
        #expect(!ps.isEmpty)
        #expect(Params().isEmpty)
        #expect(Params().count == 0)
    }

    @Test func iterationAndSubscriptFollowInsertionOrder() {
        let ps = params(c, W, b)
        #expect(ids(ps) == [ObjectIdentifier(c), ObjectIdentifier(W), ObjectIdentifier(b)])
        #expect(ps[0] === c)
        #expect(ps[1] === W)
        #expect(ps[2] === b)
        var shapes: [[Int]] = []
        for p in ps { shapes.append(p.shape) }
        #expect(shapes == [[3], [2, 5], [2]])
    }

    @Test func mixesFloatAndDoubleTensors() {
        let f = Tensor<Float>(shape: [3, 2], repeating: 1)
        let ps = params(W, f, b)
        #expect(ps.count == 3)
        #expect(ps.contains(f))
        #expect(ps[1] === f)
        #expect(ps[1].scalarTypeName == "Float32")
        #expect(ps[0].scalarTypeName == "Float64")
        #expect(ps.map(\.count) == [10, 6, 2])
    }

    @Test func equalityIsByIdentityAndOrder() {
        #expect(params(W, b) == Params([W, b]))
        #expect(params(W, b) != params(b, W))
        #expect(params(W, b) != params(W))
        #expect(params(W) != params(zeros(2, 5)))
        #expect(Params() == Params())
        #expect(Params([W, W]) != params(W))
    }

    @Test func holdsItsTensorsStrongly() {
        let ps = Params()
        weak var weakTensor: Tensor<Double>?
        do {
            let t = ones(4)
            weakTensor = t
            ps.append(t)
        }
        #expect(weakTensor != nil)
        #expect(ps.count == 1)
        #expect(ps[0].shape == [4])
    }

    @Test func descriptionListsShapesAndTypes() {
        let d = params(W, Tensor<Float>([1, 2])).description
        #expect(d.contains("(2, 5)"))
        #expect(d.contains("(2,)"))
        #expect(d.contains("Float32"))
        #expect(d.hasPrefix("Params("))
    }
}
