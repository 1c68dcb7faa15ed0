/// The text of a standalone SVG file of `width` × `height` pixels holding `elements`: an XML
/// declaration, then an `<svg>` root in the SVG namespace with matching `width`, `height` and
/// `viewBox`, and a sans-serif default font.
func svgDocument(width: Double, height: Double, elements: [SVGElement]) -> String {
    let root = SVGElement("svg", [
        "xmlns": "http://www.w3.org/2000/svg",
        "width": svgNumber(width),
        "height": svgNumber(height),
        "viewBox": "0 0 \(svgNumber(width)) \(svgNumber(height))",
        "font-family": "Helvetica, Arial, sans-serif",
    ], children: elements)
    var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    root.render(into: &output)
    return output
}
