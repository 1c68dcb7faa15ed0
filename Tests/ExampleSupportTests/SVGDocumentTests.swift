import Testing
@testable import ExampleSupport

/// A line chart with awkward data: non-finite values, a zero on a log axis, a lone point, an
/// empty series.
private func awkwardLineChart() -> LineChart {
    LineChart(title: "loss", xTitle: "step", yTitle: "loss", logarithmicY: true, series: [
        Series(name: "a", points: [PlotPoint(x: 0, y: 10), PlotPoint(x: 1, y: .nan), PlotPoint(x: 2, y: 0.001)]),
        Series(name: "b", points: [PlotPoint(x: 0, y: .infinity), PlotPoint(x: 1, y: 0), PlotPoint(x: 2, y: 5)]),
        Series(name: "empty", points: []),
    ])
}

/// A linear chart whose values approach the largest finite Double.
private func extremeLinearChart() -> LineChart {
    LineChart(title: "huge", xTitle: "x", yTitle: "y", series: [
        Series(name: "a", points: [PlotPoint(x: 0, y: 1.7e308), PlotPoint(x: 1, y: -1.7e308), PlotPoint(x: 2, y: 1e300), PlotPoint(x: 3, y: -1e300)]),
    ])
}

/// A contour plot with a diverging trajectory and both markers.
private func contourPlot() -> ContourPlot {
    ContourPlot(title: "bowl", xRange: -2...2, yRange: -2...2, levels: logSpaced(from: 0.1, to: 4, count: 5),
                function: { x, y in x * x + y * y }, cells: 20,
                trajectories: [Series(name: "diverges", points: [PlotPoint(x: 1, y: 1), PlotPoint(x: 3, y: -3), PlotPoint(x: .nan, y: 0)])],
                start: PlotPoint(x: 1, y: 1), minimum: PlotPoint(x: 0, y: 0))
}

/// The charts whose output must be well-formed, by name.
private enum Sample: String, CaseIterable {
    case awkwardLineChart, extremeLinearChart, contourPlot, emptyLineChart

    var svg: String {
        switch self {
        case .awkwardLineChart: return ExampleSupportTests.awkwardLineChart().svg()
        case .extremeLinearChart: return ExampleSupportTests.extremeLinearChart().svg()
        case .contourPlot: return ExampleSupportTests.contourPlot().svg()
        case .emptyLineChart: return LineChart(title: "", xTitle: "", yTitle: "", series: []).svg()
        }
    }
}

@Test(arguments: Sample.allCases)
private func chartsAreWellFormedXML(sample: Sample) {
    let document = parseXML(sample.svg)
    #expect(document.error == nil, "\(String(describing: document.error))")
    #expect(document.elements.first?.name == "svg")
}

@Test func theDocumentStartsWithAnXMLDeclarationAndAnSVGRootOfTheRightSize() {
    let svg = LineChart(title: "t", xTitle: "x", yTitle: "y", series: [], width: 640, height: 480).svg()
    #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
    let root = parseXML(svg).elements[0]
    #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
    #expect(root.attributes["width"] == "640")
    #expect(root.attributes["height"] == "480")
    #expect(root.attributes["viewBox"] == "0 0 640 480")
}

@Test func dataIsDrawnInsideAGroupClippedToThePlotArea() {
    let document = parseXML(contourPlot().svg())
    let clipPaths = document.elements(named: "clipPath")
    #expect(clipPaths.count == 1)
    #expect(clipPaths.first?.attributes["id"] == "plot-area")
    // The plot area runs from x = 80 to 900 − 24 − legend space and from y = 48 to 680 − 60 = 620.
    // The longest legend label is "minimum (0, 0)", 14 characters: 24 + 6 + 7 · 14 = 128, plus a
    // 24-pixel gap, so the area ends at 900 − 24 − 152 = 724 and is 644 × 572.
    let rectangle = document.elements[document.elements.firstIndex { $0.name == "clipPath" }! + 1]
    #expect(rectangle.name == "rect")
    #expect([rectangle.attributes["x"], rectangle.attributes["y"], rectangle.attributes["width"], rectangle.attributes["height"]]
            == ["80", "48", "644", "572"])
    #expect(document.elements.contains { $0.name == "g" && $0.attributes["clip-path"] == "url(#plot-area)" })
}
