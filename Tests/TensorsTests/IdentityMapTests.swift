import Testing
@testable import Tensors

@Suite("IdentityMap and typed dispatch")
struct IdentityMapTests {
    /// Inserts, reads, replaces and removes entries, for sizes on both sides of the linear limit.
    @Test(arguments: [3, 16, 17, 40])
    func behavesLikeADictionary(size: Int) {
        let objects = (0..<size).map { _ in Tensor<Float>(shape: [1], repeating: 0) }
        var map = IdentityMap<Int>()
        for (i, o) in objects.enumerated() { map[ObjectIdentifier(o)] = i }
        #expect(map.count == size)
        #expect(map.values == Array(0..<size), "insertion order is kept")
        for (i, o) in objects.enumerated() { #expect(map[ObjectIdentifier(o)] == i) }
        let stranger = Tensor<Float>(shape: [1], repeating: 0)
        #expect(map[ObjectIdentifier(stranger)] == nil)

        map[ObjectIdentifier(objects[0])] = 100
        #expect(map[ObjectIdentifier(objects[0])] == 100)
        #expect(map.count == size, "replacing does not add an entry")

        map[ObjectIdentifier(objects[1])] = nil
        #expect(map.count == size - 1)
        #expect(map[ObjectIdentifier(objects[1])] == nil)
        for i in 2..<size { #expect(map[ObjectIdentifier(objects[i])] == i, "positions survive a removal") }

        let position = map.position(of: ObjectIdentifier(objects[2]))
        #expect(position == 1, "the third key sits at position 1 once the second is gone")
        if let position {
            map[position: position] += 1000
            #expect(map[ObjectIdentifier(objects[2])] == 1002, "a positional write changes that key's value")
            map[position: position] -= 1000
        }
        #expect(map.position(of: ObjectIdentifier(stranger)) == nil)

        map.filter { $0 % 2 == 0 }
        #expect(map.values == [100] + Array(stride(from: 2, to: size, by: 2)), "filtering keeps the order")
        for i in 2..<size { #expect((map[ObjectIdentifier(objects[i])] != nil) == (i % 2 == 0)) }
        map.removeAll()
        #expect(map.count == 0 && map[ObjectIdentifier(objects[2])] == nil)
    }

    struct ElementTypeName: TensorVisitor {
        func visit<S: TensorScalar>(_ tensor: Tensor<S>) -> String { "\(S.self)×\(tensor.count)" }
    }

    @Test func visitorSeesTheConcreteElementType() {
        let erased: [any TensorProtocol] = [Tensor<Float>(shape: [2], repeating: 0), Tensor<Double>(shape: [3], repeating: 0)]
        #expect(erased.map { visit($0, with: ElementTypeName()) } == ["Float×2", "Double×3"])
    }

    @Test func specialisedOnlyForTheMatchingType() {
        let x = Tensor<Double>(shape: [2], repeating: 1)
        #expect(x.specialised(as: Double.self) === x)
        #expect(x.specialised(as: Float.self) == nil)
    }
}
