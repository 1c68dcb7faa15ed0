import Testing
@testable import ExampleSupport

@Test func roundStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    // About six steps: 4 / 6 ≈ 0.67 rounds up to 1; 0.9 / 6 = 0.15 to 0.2; 300 / 6 = 50 stays 50.
    #expect(Axis.roundStep(for: 4) == 1)
    #expect(Swift.abs(Axis.roundStep(for: 0.9) - 0.2) < 1e-15)
    #expect(Axis.roundStep(for: 300) == 50)
}

@Test func aLinearAxisFitsItsDataToRoundNumbersAndLabelsEveryStep() {
    let axis = Axis(fitting: [0.3, 3.7, .nan, .infinity], logarithmic: false, pixels: (0, 100))
    // Span 3.4 → step 3.4 / 6 ≈ 0.57 → 1; the domain widens to [0, 4].
    #expect(axis.domain == 0...4)
    #expect(axis.ticks.map(\.label) == ["0", "1", "2", "3", "4"])
    #expect(axis.pixel(of: 1) == 25)
}

@Test func aLinearAxisWithFineStepsLabelsWithEnoughDecimals() {
    let axis = Axis(domain: 0...1, pixels: (0, 100))
    // Step 1 / 6 ≈ 0.17 → 0.2; 3 · 0.2 is 0.6000000000000001 in binary but is labelled 0.6.
    #expect(axis.ticks.map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
}

@Test func aLogarithmicAxisCoversWholeDecadesOfThePositiveValuesOnly() {
    let axis = Axis(fitting: [0.002, 30, 0, -5, .nan], logarithmic: true, pixels: (100, 0))
    // 0.002 lies in the decade from 0.001, 30 in the one up to 100: five decades.
    #expect(Swift.abs(axis.domain.lowerBound - 0.001) < 1e-18)
    #expect(axis.domain.upperBound == 100)
    #expect(axis.ticks.map(\.label) == ["0.001", "0.01", "0.1", "1", "10", "100"])
    #expect(!Axis.canShow(0, logarithmic: true) && !Axis.canShow(-5, logarithmic: true) && Axis.canShow(1e-300, logarithmic: true))
    #expect(Axis.canShow(-5, logarithmic: false) && !Axis.canShow(.infinity, logarithmic: false))
    // Beyond 10³⁰⁰ (and below 10⁻³⁰⁰ on a log axis) values count as diverged, so that no span or
    // round bound overflows.
    #expect(!Axis.canShow(1e301, logarithmic: false) && !Axis.canShow(-1.7e308, logarithmic: false))
    #expect(!Axis.canShow(1e-301, logarithmic: true) && !Axis.canShow(1e301, logarithmic: true))
    // 1 is three of five decades up from 0.001: 100 − 60 = 40.
    #expect(Swift.abs(axis.pixel(of: 1) - 40) < 1e-12)
}

@Test func aLogarithmicAxisOverManyDecadesLabelsEveryFewDecades() {
    let axis = Axis(fitting: [1e-30, 10], logarithmic: true, pixels: (0, 1))
    // 31 decades: every ⌈31 / 8⌉ = 4th decade from 1e-30.
    #expect(axis.ticks.map(\.label) == ["1e-30", "1e-26", "1e-22", "1e-18", "1e-14", "1e-10", "1e-6", "0.01"])
}

@Test func powersOfTenAreWrittenOutOnlyWhenShort() {
    #expect(Axis.powerOfTenLabel(-3) == "0.001")
    #expect(Axis.powerOfTenLabel(0) == "1")
    #expect(Axis.powerOfTenLabel(3) == "1000")
    #expect(Axis.powerOfTenLabel(4) == "1e4")
    #expect(Axis.powerOfTenLabel(-4) == "1e-4")
}

@Test func emptyDataGivesADefaultDomain() {
    #expect(Axis(fitting: [], logarithmic: false, pixels: (0, 1)).domain == 0...1)
    #expect(Axis(fitting: [-1, 0], logarithmic: true, pixels: (0, 1)).domain == 1...10)
    // A single value is padded by a tenth of itself before rounding: 5 → [4.5, 5.5] → step 0.2.
    let single = Axis(fitting: [5], logarithmic: false, pixels: (0, 1))
    #expect(Swift.abs(single.domain.lowerBound - 4.4) < 1e-12 && Swift.abs(single.domain.upperBound - 5.6) < 1e-12)
}
