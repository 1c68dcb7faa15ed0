import Testing
@testable import ExampleSupport

@Test func primaryHuesAtFullSaturationAndHalfLightnessArePureColours() {
    #expect(hexColour(hue: 0, saturation: 1, lightness: 0.5) == "#ff0000")
    #expect(hexColour(hue: 120, saturation: 1, lightness: 0.5) == "#00ff00")
    #expect(hexColour(hue: 240, saturation: 1, lightness: 0.5) == "#0000ff")
    // Yellow is halfway between red and green; no saturation is grey.
    #expect(hexColour(hue: 60, saturation: 1, lightness: 0.5) == "#ffff00")
    #expect(hexColour(hue: 200, saturation: 0, lightness: 0.5) == "#808080")
}

@Test(arguments: [1, 2, 7, 14, 30])
func seriesColoursAreDistinctHexColours(count: Int) {
    let colours = seriesColours(count: count)
    #expect(colours.count == count)
    #expect(Set(colours).count == count)
    #expect(colours.allSatisfy { $0.count == 7 && $0.hasPrefix("#") && $0.dropFirst().allSatisfy(\.isHexDigit) })
}

@Test func consecutiveSeriesAreFarApartInHue() {
    // 14 series: hues in steps of 360/14°, taken 5 steps at a time (⌊14/3⌋ = 4 shares a factor
    // with 14, 5 does not): series 0 and 1 are 5 · 360/14 ≈ 129° apart, i.e. hue indices 0 and 5.
    let colours = seriesColours(count: 14)
    #expect(colours[1] == hexColour(hue: 360 * 5 / 14, saturation: 0.8, lightness: 0.52))
    #expect(colours[0] == hexColour(hue: 0, saturation: 0.8, lightness: 0.36))
}
