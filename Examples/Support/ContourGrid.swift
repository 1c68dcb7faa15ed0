/// A function sampled on a regular grid over a rectangle, and its contour lines found by
/// marching squares.
///
/// In each grid cell the contour at a level crosses every edge whose ends lie on different
/// sides of the level (a corner counts as above when its value is greater than the level), at
/// the point found by linear interpolation along the edge. Two crossings make one segment; four
/// (a saddle) make two, which cut off the corners on the other side of the level from the
/// cell's centre (the mean of its corners). A cell with a non-finite corner value is skipped.
public struct ContourGrid: Sendable {
    /// The x coordinates of the grid's columns, increasing.
    public let xs: [Double]
    /// The y coordinates of the grid's rows, increasing.
    public let ys: [Double]
    /// The samples, row by row: `values[j * xs.count + i]` is `f(xs[i], ys[j])`.
    public let values: [Double]

    /// Samples `f` on `cells` × `cells` equal cells covering `xRange` × `yRange`, that is, at
    /// `cells + 1` equally spaced x coordinates and as many y coordinates.
    public init(xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, cells: Int, _ f: (Double, Double) -> Double) {
        precondition(cells >= 1, "ContourGrid: cells must be at least 1, got \(cells)")
        let xs = Self.equallySpaced(xRange, cells), ys = Self.equallySpaced(yRange, cells)
        self.xs = xs
        self.ys = ys
        values = ys.flatMap { y in xs.map { x in f(x, y) } }
    }

    /// The segments of the contour line where the function equals `level`, in data coordinates.
    public func segments(at level: Double) -> [ContourSegment] {
        var segments: [ContourSegment] = []
        for j in 0..<(ys.count - 1) {
            for i in 0..<(xs.count - 1) {
                segments += cellSegments(i, j, level)
            }
        }
        return segments
    }

    /// The contour segments inside the cell whose lower left corner is sample (`i`, `j`).
    private func cellSegments(_ i: Int, _ j: Int, _ level: Double) -> [ContourSegment] {
        // Corners counter-clockwise from the lower left; edge k runs from corner k to corner k + 1.
        let n = xs.count
        let (v0, v1, v2, v3) = (self.values[j * n + i], self.values[j * n + i + 1], self.values[(j + 1) * n + i + 1], self.values[(j + 1) * n + i])
        // Most cells lie wholly on one side of the level: leave them before allocating anything.
        let anyAbove = v0 > level || v1 > level || v2 > level || v3 > level
        let anyBelow = v0 <= level || v1 <= level || v2 <= level || v3 <= level
        guard anyAbove, anyBelow else { return [] }
        let values = [v0, v1, v2, v3]
        guard values.allSatisfy(\.isFinite) else { return [] }
        let above = values.map { $0 > level }
        let samples = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
        let corners = samples.map { c, r in PlotPoint(x: xs[c], y: ys[r]) }
        let crossings = (0..<4).compactMap { k -> PlotPoint? in
            let next = (k + 1) % 4
            guard above[k] != above[next] else { return nil }
            let t = (level - values[k]) / (values[next] - values[k])
            return PlotPoint(x: corners[k].x + t * (corners[next].x - corners[k].x),
                             y: corners[k].y + t * (corners[next].y - corners[k].y))
        }
        if crossings.count == 2 { return [ContourSegment(start: crossings[0], end: crossings[1])] }
        let centreAbove = values.reduce(0, +) / 4 > level
        // Four crossings, one on every edge: corner k lies between edges k − 1 and k.
        return (0..<4).filter { above[$0] != centreAbove }.map { k in
            ContourSegment(start: crossings[(k + 3) % 4], end: crossings[k])
        }
    }

    private static func equallySpaced(_ range: ClosedRange<Double>, _ cells: Int) -> [Double] {
        (0...cells).map { k in
            k == cells ? range.upperBound
                : range.lowerBound + Double(k) * (range.upperBound - range.lowerBound) / Double(cells)
        }
    }
}

/// A straight piece of a contour line, in data coordinates.
public struct ContourSegment: Hashable, Sendable {
    /// One end of the segment.
    public var start: PlotPoint
    /// The other end.
    public var end: PlotPoint

    /// The segment from `start` to `end`.
    public init(start: PlotPoint, end: PlotPoint) {
        self.start = start
        self.end = end
    }
}
