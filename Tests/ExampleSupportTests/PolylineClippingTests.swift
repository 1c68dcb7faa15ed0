import Testing
@testable import ExampleSupport

private let unitSquare = Rect(minX: 0, minY: 0, maxX: 1, maxY: 1)

@Test func aPolylineInsideTheRectangleIsKeptWhole() {
    let points = [PlotPoint(x: 0.1, y: 0.1), PlotPoint(x: 0.9, y: 0.2), PlotPoint(x: 0.5, y: 0.8)]
    #expect(clip(points, to: unitSquare) == [points])
}

@Test func aPolylineThatLeavesAndComesBackGivesTwoPiecesWithPointsOnTheBorder() {
    // (0.5, 0.5) → (1.5, 0.5) leaves through x = 1 at (1, 0.5); (1.5, 0.5) → (0.5, 0.75) comes back
    // through x = 1 halfway along, at (1, 0.625).
    let points = [PlotPoint(x: 0.5, y: 0.5), PlotPoint(x: 1.5, y: 0.5), PlotPoint(x: 0.5, y: 0.75)]
    #expect(clip(points, to: unitSquare) == [
        [PlotPoint(x: 0.5, y: 0.5), PlotPoint(x: 1, y: 0.5)],
        [PlotPoint(x: 1, y: 0.625), PlotPoint(x: 0.5, y: 0.75)],
    ])
}

@Test func aSegmentCrossingTheWholeRectangleKeepsTheMiddle() {
    // From (−1, 0.5) to (3, 0.5): inside for t in [1/4, 2/4].
    #expect(visibleInterval(from: PlotPoint(x: -1, y: 0.5), to: PlotPoint(x: 3, y: 0.5), in: unitSquare)! == (0.25, 0.5))
    #expect(clip([PlotPoint(x: -1, y: 0.5), PlotPoint(x: 3, y: 0.5)], to: unitSquare)
            == [[PlotPoint(x: 0, y: 0.5), PlotPoint(x: 1, y: 0.5)]])
}

@Test func aSegmentThatMissesTheRectangleIsDropped() {
    // The line x + y = 2.5 passes above the corner (1, 1).
    #expect(visibleInterval(from: PlotPoint(x: 0.5, y: 2), to: PlotPoint(x: 2, y: 0.5), in: unitSquare) == nil)
    #expect(clip([PlotPoint(x: 0.5, y: 2), PlotPoint(x: 2, y: 0.5)], to: unitSquare).isEmpty)
}
