/// A chart of several named series of (x, y) points, each drawn as a line in its own colour,
/// with a title, axis titles, tick labels and a legend; the vertical axis may be logarithmic.
///
/// The axes are fitted to the data and widened to round numbers (whole decades on a
/// logarithmic axis). A point that cannot be drawn is skipped, and its series' line is broken
/// there rather than joined across the gap: NaN, infinite or beyond ±10³⁰⁰, and on a
/// logarithmic axis zero, negative or below 10⁻³⁰⁰.
///
/// ```swift
/// let chart = LineChart(title: "Training loss", xTitle: "step", yTitle: "loss", logarithmicY: true,
///                       series: [Series(name: "Adam", points: losses)])
/// try writeAtomically(chart.svg(), to: "loss.svg")
/// ```
public struct LineChart: Sendable {
    /// The title above the chart.
    public var title: String
    /// The title under the horizontal axis.
    public var xTitle: String
    /// The title beside the vertical axis.
    public var yTitle: String
    /// Whether the vertical axis is logarithmic (powers of ten equally spaced).
    public var logarithmicY: Bool
    /// The series, drawn in this order and listed in this order in the legend.
    public var series: [Series]
    /// The width of the image in pixels.
    public var width: Double
    /// The height of the image in pixels.
    public var height: Double

    /// A `width` × `height` chart of `series`.
    public init(title: String, xTitle: String, yTitle: String, logarithmicY: Bool = false, series: [Series],
                width: Double = 900, height: Double = 560) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.logarithmicY = logarithmicY
        self.series = series
        self.width = width
        self.height = height
    }

    /// The chart as the text of a standalone SVG file.
    public func svg() -> String {
        let colours = seriesColours(count: series.count)
        let legend = zip(series, colours).map { LegendEntry(label: $0.name, symbol: .line(colour: $1)) }
        let frame = PlotFrame(width: width, height: height, legend: legend)
        let drawable = series.map { $0.points.filter(canDraw) }
        let x = Axis(fitting: drawable.flatMap { $0.map(\.x) }, logarithmic: false, pixels: frame.horizontalPixels)
        let y = Axis(fitting: drawable.flatMap { $0.map(\.y) }, logarithmic: logarithmicY, pixels: frame.verticalPixels)
        let lines = zip(series, colours).flatMap { series, colour in
            drawableRuns(of: series.points).compactMap { run in
                polylineElement(run.map { PlotPoint(x: x.pixel(of: $0.x), y: y.pixel(of: $0.y)) }, colour: colour)
            }
        }
        return frame.document(title: title, x: x, y: y, xTitle: xTitle, yTitle: yTitle, data: lines)
    }

    /// Whether `point` can be placed on the axes (see ``Axis/canShow(_:logarithmic:)``).
    private func canDraw(_ point: PlotPoint) -> Bool {
        Axis.canShow(point.x, logarithmic: false) && Axis.canShow(point.y, logarithmic: logarithmicY)
    }

    /// The maximal runs of consecutive drawable points of `points`.
    private func drawableRuns(of points: [PlotPoint]) -> [ArraySlice<PlotPoint>] {
        points.split(whereSeparator: { !canDraw($0) })
    }
}
