import Testing
@testable import ExampleSupport

/// The segment's ends as an unordered pair, for comparisons that ignore direction.
private func ends(_ segment: ContourSegment) -> Set<PlotPoint> { [segment.start, segment.end] }

@Test func theGridSamplesTheFunctionRowByRow() {
    let grid = ContourGrid(xRange: 0...2, yRange: 10...11, cells: 2) { x, y in 100 * y + x }
    #expect(grid.xs == [0, 1, 2])
    #expect(grid.ys == [10, 10.5, 11])
    #expect(grid.values == [1000, 1001, 1002, 1050, 1051, 1052, 1100, 1101, 1102])
}

@Test func aLinearFunctionInOneCellGivesTheExactSegment() {
    // f = x + y on the unit square: corners 0, 1, 2, 1. At 0.5 the contour x + y = 0.5 crosses
    // the bottom edge at (0.5, 0) and the left edge at (0, 0.5); at 1.5, the right edge at
    // (1, 0.5) and the top edge at (0.5, 1).
    let grid = ContourGrid(xRange: 0...1, yRange: 0...1, cells: 1) { x, y in x + y }
    #expect(grid.segments(at: 0.5).map(ends) == [[PlotPoint(x: 0.5, y: 0), PlotPoint(x: 0, y: 0.5)]])
    #expect(grid.segments(at: 1.5).map(ends) == [[PlotPoint(x: 1, y: 0.5), PlotPoint(x: 0.5, y: 1)]])
    #expect(grid.segments(at: 3).isEmpty)
    #expect(grid.segments(at: -1).isEmpty)
}

@Test func aSaddleCutsOffTheCornersOnTheOtherSideFromTheCentre() {
    // f = xy on [−1, 1]²: corners 1 (lower left), −1, 1 (upper right), −1; centre (mean) 0.
    // At 0.5 the centre is below, so the two corners above are cut off: along the bottom edge
    // f goes 1 → −1 and equals 0.5 a quarter of the way, at (−0.5, −1); along the left edge, at
    // (−1, −0.5); likewise (0.5, 1) and (1, 0.5) near the upper right. These lie exactly on xy = 0.5.
    let grid = ContourGrid(xRange: -1...1, yRange: -1...1, cells: 1) { x, y in x * y }
    #expect(Set(grid.segments(at: 0.5).map(ends)) == [
        [PlotPoint(x: -0.5, y: -1), PlotPoint(x: -1, y: -0.5)],
        [PlotPoint(x: 0.5, y: 1), PlotPoint(x: 1, y: 0.5)],
    ])
    // At −0.5 the centre is above: the two corners below are cut off, at (0.5, −1)–(1, −0.5) and
    // (−1, 0.5)–(−0.5, 1), on xy = −0.5.
    #expect(Set(grid.segments(at: -0.5).map(ends)) == [
        [PlotPoint(x: 0.5, y: -1), PlotPoint(x: 1, y: -0.5)],
        [PlotPoint(x: -1, y: 0.5), PlotPoint(x: -0.5, y: 1)],
    ])
}

@Test func theUnitCircleIsFoundOnAFineGrid() {
    // f = x² + y² on [−2, 2]² with cells of side h = 0.1; level 1. Every crossing lies on a grid
    // edge, along which f is c + t², whose linear interpolant over an edge of length h exceeds it
    // by at most h²/4. So at a crossing the interpolant is 1 and 1 − h²/4 ≤ f ≤ 1: the distance
    // from the origin is between √(1 − 0.0025) ≈ 0.99875 and 1.
    let grid = ContourGrid(xRange: -2...2, yRange: -2...2, cells: 40) { x, y in x * x + y * y }
    let segments = grid.segments(at: 1)
    let radii = segments.flatMap { [$0.start, $0.end] }.map { ($0.x * $0.x + $0.y * $0.y).squareRoot() }
    let nearest = (1 - 0.1 * 0.1 / 4).squareRoot()
    #expect(!radii.isEmpty)
    #expect(radii.allSatisfy { $0 >= nearest - 1e-12 && $0 <= 1 + 1e-12 })
    // Each of the 20 rows of cells between y = −1 and y = 1 holds at least two pieces of the
    // circle, one on each side.
    #expect(segments.count >= 40)
    // The pieces make a closed polygon around the origin. Its sides, at most a cell diagonal
    // √2 · h long, with ends at least 0.99875 from the origin, pass at least
    // 0.99875 · √(1 − (√2 · h / 2)²) ≈ 0.9963 from it, so its perimeter exceeds 2π · 0.9963 ≈ 6.26;
    // and its vertices are within 0.00125 of the circle, so it is not much longer than 2π.
    let perimeter = segments.map { (($0.end.x - $0.start.x) * ($0.end.x - $0.start.x) + ($0.end.y - $0.start.y) * ($0.end.y - $0.start.y)).squareRoot() }
        .reduce(0, +)
    #expect(perimeter > 6.26 && perimeter < 2 * Double.pi + 0.01)
}

@Test func cellsWithANonFiniteCornerAreSkipped() {
    // f is NaN where x > 1.5: on a 2 × 2 grid the cells right of x = 1 are skipped, the two left
    // of it still give their pieces of the line x = 0.5.
    let grid = ContourGrid(xRange: 0...2, yRange: 0...1, cells: 2) { x, _ in x > 1.5 ? .nan : x }
    #expect(grid.ys == [0, 0.5, 1])
    #expect(Set(grid.segments(at: 0.5).map(ends)) == [
        [PlotPoint(x: 0.5, y: 0), PlotPoint(x: 0.5, y: 0.5)],
        [PlotPoint(x: 0.5, y: 0.5), PlotPoint(x: 0.5, y: 1)],
    ])
    #expect(grid.segments(at: 1.2).isEmpty)
}
