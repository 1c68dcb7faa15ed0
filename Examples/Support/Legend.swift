/// One line of a chart's legend: a symbol and what it stands for.
struct LegendEntry {
    /// What is drawn before the label.
    enum Symbol {
        /// A short stroke in a series' colour.
        case line(colour: String)
        /// A point marker.
        case marker(Marker)
    }

    let label: String
    let symbol: Symbol
}

/// The legend's layout: one row per entry, a symbol column, then the labels.
enum Legend {
    static let rowHeight = 18.0
    static let symbolWidth = 24.0
    static let labelGap = 6.0
    /// An estimate of the average width of a character of the 12-pixel legend font.
    static let characterWidth = 7.0

    /// The width the legend of `entries` needs, symbol and longest label included; 0 when there
    /// are no entries.
    static func width(of entries: [LegendEntry]) -> Double {
        guard let longest = entries.map(\.label.count).max() else { return 0 }
        return symbolWidth + labelGap + characterWidth * Double(longest)
    }

    /// The legend of `entries` with its top left corner at (`left`, `top`).
    static func elements(_ entries: [LegendEntry], left: Double, top: Double) -> [SVGElement] {
        entries.enumerated().flatMap { row, entry in
            let middle = top + rowHeight * (Double(row) + 0.5)
            return [symbol(entry.symbol, left: left, middle: middle),
                    SVGElement("text", [
                        "x": svgNumber(left + symbolWidth + labelGap), "y": svgNumber(middle + 4), "font-size": "12",
                    ], text: entry.label)]
        }
    }

    private static func symbol(_ symbol: LegendEntry.Symbol, left: Double, middle: Double) -> SVGElement {
        switch symbol {
        case .line(let colour):
            return SVGElement("line", [
                "x1": svgNumber(left), "y1": svgNumber(middle), "x2": svgNumber(left + symbolWidth), "y2": svgNumber(middle),
                "stroke": colour, "stroke-width": "2.5",
            ])
        case .marker(let marker):
            return marker.element(at: PlotPoint(x: left + symbolWidth / 2, y: middle))
        }
    }
}
