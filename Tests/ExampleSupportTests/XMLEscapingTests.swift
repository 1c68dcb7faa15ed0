import Testing
@testable import ExampleSupport

@Test func theFiveMarkupCharactersBecomeEntityReferences() {
    #expect("a<b & c>d \"e\" 'f'".xmlEscaped == "a&lt;b &amp; c&gt;d &quot;e&quot; &apos;f&apos;")
}

@Test func textWithoutMarkupIsUnchangedIncludingNonASCII() {
    #expect("Rosenbrock (1 − x)² η = 0.1".xmlEscaped == "Rosenbrock (1 − x)² η = 0.1")
}

@Test func controlCharactersXMLForbidsAreReplacedButWhitespaceIsKept() {
    #expect("a\u{1}b\u{1F}c\td\ne\rf".xmlEscaped == "a\u{FFFD}b\u{FFFD}c\td\ne\rf")
}

@Test func markupInTitlesAxisTitlesAndLegendsSurvivesTheRoundTrip() {
    let nasty = "<Adam & \"friends\" 'η'>"
    let chart = LineChart(title: "title " + nasty, xTitle: "x " + nasty, yTitle: "y " + nasty,
                          series: [Series(name: "legend " + nasty, points: [PlotPoint(x: 0, y: 1), PlotPoint(x: 1, y: 2)])])
    let svg = chart.svg()
    #expect(svg.contains("&lt;Adam &amp; &quot;friends&quot; &apos;η&apos;&gt;"))
    #expect(!svg.contains(nasty))
    let document = parseXML(svg)
    #expect(document.error == nil)
    let texts = Set(document.elements(named: "text").map(\.text))
    for expected in ["title ", "x ", "y ", "legend "].map({ $0 + nasty }) {
        #expect(texts.contains(expected), "\(expected) is not among the texts")
    }
}

@Test func markupInTrajectoryNamesIsEscapedInContourPlots() {
    let plot = ContourPlot(title: "a < b", xRange: 0...1, yRange: 0...1, levels: [0.5], function: { x, _ in x },
                           trajectories: [Series(name: "Descent & \"Momentum\"", points: [PlotPoint(x: 0.2, y: 0.2), PlotPoint(x: 0.8, y: 0.8)])])
    let document = parseXML(plot.svg())
    #expect(document.error == nil)
    let texts = document.elements(named: "text").map(\.text)
    #expect(texts.contains("a < b"))
    #expect(texts.contains("Descent & \"Momentum\""))
}
