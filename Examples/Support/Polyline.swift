/// A `<polyline>` through the pixels `points` in `colour`, or `nil` for fewer than two points.
///
/// A point closer than half a pixel to the last one kept is left out (it cannot be seen, and
/// thousands of optimiser steps piling up near a minimum would otherwise bloat the file); the
/// last point is always kept.
func polylineElement(_ points: [PlotPoint], colour: String, width: Double = 1.5) -> SVGElement? {
    guard points.count >= 2, let last = points.last else { return nil }
    var kept = [points[0]]
    for point in points.dropFirst().dropLast() {
        let previous = kept[kept.count - 1]
        if Swift.abs(point.x - previous.x) >= 0.5 || Swift.abs(point.y - previous.y) >= 0.5 {
            kept.append(point)
        }
    }
    kept.append(last)
    return SVGElement("polyline", [
        "points": kept.map { svgNumber($0.x) + "," + svgNumber($0.y) }.joined(separator: " "),
        "fill": "none", "stroke": colour, "stroke-width": svgNumber(width), "stroke-linejoin": "round",
    ])
}
