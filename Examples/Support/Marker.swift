/// The symbols a ``ContourPlot`` draws on single points.
enum Marker {
    /// Where the trajectories begin: a black disc ringed in white.
    case start
    /// Where the function is smallest: a white diamond outlined in black.
    case minimum

    /// The marker centred on the pixel `centre`.
    func element(at centre: PlotPoint) -> SVGElement {
        switch self {
        case .start:
            return SVGElement("circle", [
                "cx": svgNumber(centre.x), "cy": svgNumber(centre.y), "r": "5",
                "fill": "black", "stroke": "white", "stroke-width": "1.5",
            ])
        case .minimum:
            let (x, y) = (centre.x, centre.y)
            let corners = [(x, y - 7), (x + 7, y), (x, y + 7), (x - 7, y)]
            return SVGElement("polygon", [
                "points": corners.map { svgNumber($0.0) + "," + svgNumber($0.1) }.joined(separator: " "),
                "fill": "white", "stroke": "black", "stroke-width": "2",
            ])
        }
    }
}
