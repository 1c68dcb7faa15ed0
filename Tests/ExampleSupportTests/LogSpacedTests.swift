import Testing
@testable import ExampleSupport

@Test func logSpacedValuesHaveEqualRatiosAndExactEnds() {
    let values = logSpaced(from: 0.01, to: 100, count: 5)
    let expected = [0.01, 0.1, 1, 10, 100]
    #expect(values.count == 5)
    #expect(values.first == 0.01 && values.last == 100)
    #expect(zip(values, expected).allSatisfy { Swift.abs($0 - $1) <= 1e-14 * $1 })
}

@Test func twoValuesAreJustTheEnds() {
    #expect(logSpaced(from: 3, to: 7, count: 2) == [3, 7])
}
