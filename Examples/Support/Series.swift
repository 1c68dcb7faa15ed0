/// A named sequence of points: one line of a ``LineChart`` or one trajectory of a
/// ``ContourPlot``, drawn in order and named in the legend.
public struct Series: Sendable {
    /// The name shown in the legend.
    public var name: String
    /// The points, in drawing order.
    public var points: [PlotPoint]

    /// A series called `name` through `points`.
    public init(name: String, points: [PlotPoint]) {
        self.name = name
        self.points = points
    }
}
