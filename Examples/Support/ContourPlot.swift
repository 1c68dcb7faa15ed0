import Foundation

/// Contour lines of a function f(x, y) over a rectangle with trajectories drawn over them — the
/// picture of optimisers racing down a loss surface — plus markers for the start point and the
/// minimum.
///
/// The contours come from marching squares (``ContourGrid``) at the given `levels`. A
/// trajectory is drawn up to its last point before the first one that is not finite (a
/// diverging optimiser's path ends where its numbers do; a point more than 10¹⁵⁰ plot widths
/// away also counts as diverged). Everything is clipped to the plot area by an SVG `clipPath`,
/// so a trajectory that wanders off the rectangle simply leaves the picture.
///
/// ```swift
/// let plot = ContourPlot(title: "Rosenbrock", xRange: -2...2, yRange: -1...3,
///                        levels: logSpaced(from: 0.1, to: 1000, count: 12),
///                        function: { x, y in (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x) },
///                        trajectories: [Series(name: "Adam", points: path)],
///                        start: PlotPoint(x: -1.5, y: 2), minimum: PlotPoint(x: 1, y: 1))
/// try writeAtomically(plot.svg(), to: "contour.svg")
/// ```
public struct ContourPlot {
    /// The title above the plot.
    public var title: String
    /// The title under the horizontal axis.
    public var xTitle: String
    /// The title beside the vertical axis.
    public var yTitle: String
    /// The horizontal extent of the plot area.
    public var xRange: ClosedRange<Double>
    /// The vertical extent of the plot area.
    public var yRange: ClosedRange<Double>
    /// The values at which contour lines are drawn.
    public var levels: [Double]
    /// The function whose contours are drawn.
    public var function: (Double, Double) -> Double
    /// The number of grid cells along each side on which the function is sampled.
    public var cells: Int
    /// The trajectories, each in its own colour and named in the legend.
    public var trajectories: [Series]
    /// Where the trajectories start, marked with a black disc.
    public var start: PlotPoint?
    /// Where the function is smallest, marked with a white diamond.
    public var minimum: PlotPoint?
    /// The width of the image in pixels.
    public var width: Double
    /// The height of the image in pixels.
    public var height: Double

    /// A `width` × `height` contour plot of `function` over `xRange` × `yRange`.
    public init(title: String, xTitle: String = "x", yTitle: String = "y",
                xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, levels: [Double],
                function: @escaping (Double, Double) -> Double, cells: Int = 120,
                trajectories: [Series] = [], start: PlotPoint? = nil, minimum: PlotPoint? = nil,
                width: Double = 900, height: Double = 680) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.xRange = xRange
        self.yRange = yRange
        self.levels = levels
        self.function = function
        self.cells = cells
        self.trajectories = trajectories
        self.start = start
        self.minimum = minimum
        self.width = width
        self.height = height
    }

    /// The plot as the text of a standalone SVG file.
    public func svg() -> String {
        let colours = seriesColours(count: trajectories.count)
        let frame = PlotFrame(width: width, height: height, legend: legend(colours))
        let x = Axis(domain: xRange, pixels: frame.horizontalPixels)
        let y = Axis(domain: yRange, pixels: frame.verticalPixels)
        let toPixels = { (p: PlotPoint) in PlotPoint(x: x.pixel(of: p.x), y: y.pixel(of: p.y)) }
        let grid = ContourGrid(xRange: xRange, yRange: yRange, cells: cells, function)
        let contours = levels.map { contourPath(grid.segments(at: $0), toPixels) }
        let paths = zip(trajectories, colours).flatMap { trajectory, colour in
            visiblePieces(of: trajectory.points, x: x, y: y).compactMap { polylineElement($0, colour: colour, width: 2) }
        }
        let markers = [start.map { Marker.start.element(at: toPixels($0)) },
                       minimum.map { Marker.minimum.element(at: toPixels($0)) }].compactMap { $0 }
        return frame.document(title: title, x: x, y: y, xTitle: xTitle, yTitle: yTitle, data: contours + paths + markers)
    }

    /// The legend: one line per trajectory, then the markers in use.
    private func legend(_ colours: [String]) -> [LegendEntry] {
        let lines = zip(trajectories, colours).map { LegendEntry(label: $0.name, symbol: .line(colour: $1)) }
        let markers = [start.map { LegendEntry(label: "start \(Self.describe($0))", symbol: .marker(.start)) },
                       minimum.map { LegendEntry(label: "minimum \(Self.describe($0))", symbol: .marker(.minimum)) }]
        return lines + markers.compactMap { $0 }
    }

    /// One `<path>` of all the segments of one contour level, in grey.
    private func contourPath(_ segments: [ContourSegment], _ toPixels: (PlotPoint) -> PlotPoint) -> SVGElement {
        let d = segments.map { segment in
            let (p, q) = (toPixels(segment.start), toPixels(segment.end))
            return "M\(svgNumber(p.x)),\(svgNumber(p.y))L\(svgNumber(q.x)),\(svgNumber(q.y))"
        }.joined()
        return SVGElement("path", ["d": d, "fill": "none", "stroke": "#a8a8a8", "stroke-width": "0.8"])
    }

    /// The trajectory cut before its first non-finite point, in pixels, in pieces within one
    /// plot size of the plot area: the clip path trims them exactly to the area, and nothing
    /// drawn lies so far away that huge coordinates could trouble a renderer.
    private func visiblePieces(of points: [PlotPoint], x: Axis, y: Axis) -> [[PlotPoint]] {
        let fractions = points.lazy.map { PlotPoint(x: x.fraction(of: $0.x), y: y.fraction(of: $0.y)) }
        let drawn = Array(fractions.prefix(while: Self.isWithinReach))
        let nearby = Rect(minX: -1, minY: -1, maxX: 2, maxY: 2)
        return clip(drawn, to: nearby).map { piece in
            piece.map { PlotPoint(x: x.pixel(atFraction: $0.x), y: y.pixel(atFraction: $0.y)) }
        }
    }

    /// Whether a point given in fractions of the plot area is finite and less than 10¹⁵⁰ plot
    /// sizes away, so that differences between such points cannot overflow.
    private static func isWithinReach(_ fraction: PlotPoint) -> Bool {
        fraction.isFinite && Swift.abs(fraction.x) < 1e150 && Swift.abs(fraction.y) < 1e150
    }

    /// `(x, y)` with each coordinate in `%g` form.
    private static func describe(_ point: PlotPoint) -> String {
        String(format: "(%g, %g)", point.x, point.y)
    }
}
