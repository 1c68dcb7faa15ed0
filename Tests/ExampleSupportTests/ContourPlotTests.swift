import Testing
@testable import ExampleSupport

// Layout of a default 900 × 680 contour plot over [0, 4]² with one trajectory called "t" and no
// markers: the legend needs 24 + 6 + 7 · 1 = 37 pixels plus a 24-pixel gap, so the plot area runs
// from x = 80 to 900 − 24 − 61 = 815 (735 wide) and from y = 48 to 620 (572 high). A data point
// (x, y) is at pixel (80 + 735 · x/4, 620 − 572 · y/4): (1, 1) → (263.75, 477),
// (2, 2) → (447.5, 334).

/// The polylines of a plot of x² + y² over [0, 4]² with one trajectory through `points`.
private func trajectoryLines(_ points: [PlotPoint]) -> [[[Double]]] {
    let plot = ContourPlot(title: "t", xRange: 0...4, yRange: 0...4, levels: [1, 4], function: { x, y in x * x + y * y },
                           cells: 8, trajectories: [Series(name: "t", points: points)])
    let document = parseXML(plot.svg())
    #expect(document.error == nil)
    return document.elements(named: "polyline").map(polylinePoints)
}

@Test func aTrajectoryIsCutAtItsLastFinitePoint() {
    let lines = trajectoryLines([PlotPoint(x: 0, y: 0), PlotPoint(x: 1, y: 1), PlotPoint(x: .nan, y: 2),
                                 PlotPoint(x: 2, y: 2), PlotPoint(x: 3, y: 3)])
    #expect(lines == [[[80, 620], [263.75, 477]]])
}

@Test func aTrajectoryIsCutAtAnInfiniteOrAstronomicallyDistantPoint() {
    #expect(trajectoryLines([PlotPoint(x: 1, y: 1), PlotPoint(x: 2, y: 2), PlotPoint(x: .infinity, y: 0), PlotPoint(x: 3, y: 3)])
            == [[[263.75, 477], [447.5, 334]]])
    #expect(trajectoryLines([PlotPoint(x: 1, y: 1), PlotPoint(x: 2, y: 2), PlotPoint(x: 1e200, y: 1e200), PlotPoint(x: 3, y: 3)])
            == [[[263.75, 477], [447.5, 334]]])
}

@Test func aTrajectoryThatStartsDivergedDrawsNothing() {
    #expect(trajectoryLines([PlotPoint(x: .nan, y: .nan), PlotPoint(x: 1, y: 1), PlotPoint(x: 2, y: 2)]).isEmpty)
}

@Test func aTrajectoryLeavingThePlotIsKeptWithinOnePlotSizeAndLeftToTheClipPath() {
    // (2, 2) → (12, 2) → (2, 1). In fractions of the plot: (0.5, 0.5) → (3, 0.5) → (0.5, 0.25).
    // The drawing stops at fraction 2 (one plot width beyond the right edge), pixel
    // 80 + 2 · 735 = 1550, and resumes where the way back crosses it: 0.4 of the way from (3, 0.5)
    // to (0.5, 0.25), at fraction y 0.4, pixel 620 − 0.4 · 572 = 391.2.
    let lines = trajectoryLines([PlotPoint(x: 2, y: 2), PlotPoint(x: 12, y: 2), PlotPoint(x: 2, y: 1)])
    #expect(lines.count == 2)
    #expect(lines.first == [[447.5, 334], [1550, 334]])
    #expect(lines.last == [[1550, 391.2], [447.5, 477]])
}

@Test func theStartAndTheMinimumAreMarkedAndNamedInTheLegend() {
    // With the markers the longest legend label is "minimum (0, 0)", 14 characters: the legend
    // takes 24 + 6 + 98 + 24 = 152 pixels and the plot area ends at x = 724 (644 wide). The start
    // (1, 1) is at (80 + 644/4, 477) = (241, 477); the minimum (0, 0) at (80, 620).
    let plot = ContourPlot(title: "t", xRange: 0...4, yRange: 0...4, levels: [1], function: { x, y in x * x + y * y },
                           cells: 8, start: PlotPoint(x: 1, y: 1), minimum: PlotPoint(x: 0, y: 0))
    let document = parseXML(plot.svg())
    let discs = document.elements(named: "circle").filter { $0.attributes["fill"] == "black" }
    #expect(discs.first.map { [$0.attributes["cx"], $0.attributes["cy"]] } == ["241", "477"])
    let diamonds = document.elements(named: "polygon")
    #expect(diamonds.first?.attributes["points"] == "80,613 87,620 80,627 73,620")
    let labels = document.elements(named: "text").map(\.text)
    #expect(labels.contains("start (1, 1)") && labels.contains("minimum (0, 0)"))
}

@Test func everyLevelGetsOneContourPath() {
    let plot = ContourPlot(title: "t", xRange: -2...2, yRange: -2...2, levels: [0.5, 1, 2], function: { x, y in x * x + y * y }, cells: 16)
    let paths = parseXML(plot.svg()).elements(named: "path")
    #expect(paths.count == 3)
    #expect(paths.allSatisfy { ($0.attributes["d"] ?? "").hasPrefix("M") })
}
