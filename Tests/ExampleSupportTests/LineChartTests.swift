import Testing
@testable import ExampleSupport

// Layout of a 900 × 560 chart with one series called "loss": the legend needs 24 + 6 + 7 · 4 = 58
// pixels plus a 24-pixel gap, so the plot area runs from x = 80 to 900 − 24 − 82 = 794 and from
// y = 48 (top) to 560 − 60 = 500 (bottom).

@Test func aLogAxisSkipsNonPositiveValuesAndBreaksTheLineThere() {
    let ys = [10.0, 0, -1, 100, 1000]
    let chart = LineChart(title: "t", xTitle: "step", yTitle: "loss", logarithmicY: true,
                          series: [Series(name: "loss", points: ys.enumerated().map { PlotPoint(x: Double($0.offset), y: $0.element) })])
    let document = parseXML(chart.svg())
    #expect(document.error == nil)
    // Runs of drawable points: [10] alone (nothing to draw) and [100, 1000] at x = 3, 4.
    // x axis: drawable x are 0, 3, 4 → domain [0, 4]; x(3) = 80 + 3/4 · 714 = 615.5, x(4) = 794.
    // y axis: decades 10 … 1000; y(100) = 500 − 1/2 · 452 = 274, y(1000) = 48.
    let lines = document.elements(named: "polyline")
    #expect(lines.count == 1)
    #expect(lines.first.map(polylinePoints) == [[615.5, 274], [794, 48]])
    let verticalTickLabels = document.elements(named: "text").filter { $0.attributes["text-anchor"] == "end" }.map(\.text)
    #expect(verticalTickLabels == ["10", "100", "1000"])
}

@Test func nonFinitePointsAreSkippedOnALinearAxis() {
    let ys = [1.0, .nan, 2, 3, .infinity, -.infinity]
    let chart = LineChart(title: "t", xTitle: "x", yTitle: "y",
                          series: [Series(name: "loss", points: ys.enumerated().map { PlotPoint(x: Double($0.offset), y: $0.element) })])
    let lines = parseXML(chart.svg()).elements(named: "polyline")
    // Drawable: (0, 1), (2, 2), (3, 3). x domain [0, 3] (span 3 → step 0.5), y domain [1, 3]
    // (span 2 → step 2/6 ≈ 0.33 → 0.5). x(2) = 80 + 2/3 · 714 = 556, x(3) = 794;
    // y(2) = 500 − 1/2 · 452 = 274, y(3) = 48. The lone (0, 1) draws nothing.
    #expect(lines.count == 1)
    #expect(lines.first.map(polylinePoints) == [[556, 274], [794, 48]])
}

@Test func everySeriesHasItsOwnColourAndLegendEntry() {
    let series = (0..<14).map { i in Series(name: "rule \(i)", points: [PlotPoint(x: 0, y: 1), PlotPoint(x: 1, y: Double(i + 2))]) }
    let document = parseXML(LineChart(title: "t", xTitle: "x", yTitle: "y", series: series).svg())
    let strokes = document.elements(named: "polyline").compactMap { $0.attributes["stroke"] }
    #expect(strokes.count == 14)
    #expect(Set(strokes).count == 14)
    let labels = document.elements(named: "text").map(\.text)
    #expect(series.allSatisfy { labels.contains($0.name) })
}

@Test func pointsThatCannotBeSeenApartAreDroppedButTheEndsKept() {
    // 10001 points on y = x over [0, 1000]: neighbours are 714 / 10000 = 0.0714 pixels apart
    // horizontally (0.0452 vertically). A point is kept once it is half a pixel from the last one
    // kept: every 8th (7 · 0.0714 = 0.4998 < 0.5 ≤ 8 · 0.0714). Indices 0, 8, …, 9992 and the last
    // one, 10000: 1250 + 1 points.
    let dense = (0...10_000).map { PlotPoint(x: Double($0) / 10, y: Double($0) / 10) }
    let chart = LineChart(title: "t", xTitle: "x", yTitle: "y", series: [Series(name: "loss", points: dense)])
    let points = parseXML(chart.svg()).elements(named: "polyline").first.map(polylinePoints) ?? []
    #expect(points.first == [80, 500])
    #expect(points.last == [794, 48])
    #expect(points.count == 1251)
}
