import Testing
@testable import ExampleSupport

@Test func numbersAreRoundedToHundredthsWithoutTrailingZeros() {
    #expect(svgNumber(12.5) == "12.5")
    #expect(svgNumber(3) == "3")
    #expect(svgNumber(100) == "100")
    #expect(svgNumber(-0.25) == "-0.25")
    #expect(svgNumber(0.1 + 0.2) == "0.3")
    #expect(svgNumber(263.75) == "263.75")
    #expect(svgNumber(1.004) == "1")
}

@Test func zeroAndTinyNegativesHaveNoSign() {
    #expect(svgNumber(0) == "0")
    #expect(svgNumber(-0.0) == "0")
    #expect(svgNumber(-0.004) == "0")
}
