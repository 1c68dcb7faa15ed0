/// The layout the charts share: a title along the top, a plot area with a labelled axis below
/// and to the left, and the legend to its right. Data drawn in the plot area is clipped to it.
struct PlotFrame {
    /// The id of the `<clipPath>` that keeps data inside the plot area.
    static let clipPathID = "plot-area"

    let width: Double
    let height: Double
    /// The plot area, in pixels (y grows downwards).
    let area: Rect
    let legend: [LegendEntry]

    /// The layout of a `width` × `height` chart with room on the right for `legend`.
    init(width: Double, height: Double, legend: [LegendEntry]) {
        let legendSpace = legend.isEmpty ? 0 : Legend.width(of: legend) + 24
        area = Rect(minX: 80, minY: 48, maxX: width - 24 - legendSpace, maxY: height - 60)
        precondition(area.maxX - area.minX >= 100 && area.maxY - area.minY >= 100,
                     "PlotFrame: a \(width) × \(height) chart leaves no room for the plot; make it larger or the legend labels shorter")
        self.width = width
        self.height = height
        self.legend = legend
    }

    /// The pixels of the left and right ends of a horizontal axis.
    var horizontalPixels: (lower: Double, upper: Double) { (area.minX, area.maxX) }
    /// The pixels of the bottom and top ends of a vertical axis.
    var verticalPixels: (lower: Double, upper: Double) { (area.maxY, area.minY) }

    /// The SVG text of the chart: `data` (in pixels, clipped to the plot area) framed by the
    /// title, grid, axes with their ticks and titles, and the legend.
    func document(title: String, x: Axis, y: Axis, xTitle: String, yTitle: String, data: [SVGElement]) -> String {
        var elements = [clipPathDefinition, background, titleElement(title)]
        elements += gridLines(x: x, y: y)
        elements.append(SVGElement("g", ["clip-path": "url(#\(Self.clipPathID))"], children: data))
        elements.append(border)
        elements += horizontalTicks(x) + verticalTicks(y) + axisTitles(xTitle, yTitle)
        elements += Legend.elements(legend, left: area.maxX + 24, top: area.minY)
        return svgDocument(width: width, height: height, elements: elements)
    }

    /// The clip path is the plot area (a clip path uses only its shapes' geometry).
    private var clipPathDefinition: SVGElement {
        SVGElement("defs", children: [SVGElement("clipPath", ["id": Self.clipPathID], children: [border])])
    }

    private var background: SVGElement {
        SVGElement("rect", ["width": "100%", "height": "100%", "fill": "white"])
    }

    private var border: SVGElement {
        SVGElement("rect", [
            "x": svgNumber(area.minX), "y": svgNumber(area.minY),
            "width": svgNumber(area.maxX - area.minX), "height": svgNumber(area.maxY - area.minY),
            "fill": "none", "stroke": "black",
        ])
    }

    private func titleElement(_ title: String) -> SVGElement {
        SVGElement("text", [
            "x": svgNumber(width / 2), "y": "28", "text-anchor": "middle", "font-size": "16", "font-weight": "bold",
        ], text: title)
    }

    private func gridLines(x: Axis, y: Axis) -> [SVGElement] {
        let vertical = x.ticks.map { tick in
            line(from: PlotPoint(x: x.pixel(of: tick.value), y: area.minY),
                 to: PlotPoint(x: x.pixel(of: tick.value), y: area.maxY), colour: "#e4e4e4")
        }
        let horizontal = y.ticks.map { tick in
            line(from: PlotPoint(x: area.minX, y: y.pixel(of: tick.value)),
                 to: PlotPoint(x: area.maxX, y: y.pixel(of: tick.value)), colour: "#e4e4e4")
        }
        return vertical + horizontal
    }

    private func horizontalTicks(_ axis: Axis) -> [SVGElement] {
        axis.ticks.flatMap { tick in
            let x = axis.pixel(of: tick.value)
            return [line(from: PlotPoint(x: x, y: area.maxY), to: PlotPoint(x: x, y: area.maxY + 5), colour: "black"),
                    SVGElement("text", ["x": svgNumber(x), "y": svgNumber(area.maxY + 19), "text-anchor": "middle", "font-size": "11"],
                               text: tick.label)]
        }
    }

    private func verticalTicks(_ axis: Axis) -> [SVGElement] {
        axis.ticks.flatMap { tick in
            let y = axis.pixel(of: tick.value)
            return [line(from: PlotPoint(x: area.minX - 5, y: y), to: PlotPoint(x: area.minX, y: y), colour: "black"),
                    SVGElement("text", ["x": svgNumber(area.minX - 8), "y": svgNumber(y + 4), "text-anchor": "end", "font-size": "11"],
                               text: tick.label)]
        }
    }

    private func axisTitles(_ xTitle: String, _ yTitle: String) -> [SVGElement] {
        let middleX = (area.minX + area.maxX) / 2, middleY = (area.minY + area.maxY) / 2
        return [
            SVGElement("text", ["x": svgNumber(middleX), "y": svgNumber(height - 18), "text-anchor": "middle", "font-size": "13"],
                       text: xTitle),
            SVGElement("text", [
                "x": "20", "y": svgNumber(middleY), "text-anchor": "middle", "font-size": "13",
                "transform": "rotate(-90 20 \(svgNumber(middleY)))",
            ], text: yTitle),
        ]
    }

    private func line(from a: PlotPoint, to b: PlotPoint, colour: String) -> SVGElement {
        SVGElement("line", [
            "x1": svgNumber(a.x), "y1": svgNumber(a.y), "x2": svgNumber(b.x), "y2": svgNumber(b.y), "stroke": colour,
        ])
    }
}
