/// One element of an SVG document: a name, attributes in the order given, and either text or
/// child elements. Attribute values and text are escaped when rendered.
struct SVGElement {
    let name: String
    let attributes: [(name: String, value: String)]
    let text: String?
    let children: [SVGElement]

    /// An element with `attributes` (written in this order) and optional `text` or `children`.
    init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil, children: [SVGElement] = []) {
        self.name = name
        self.attributes = attributes.map { (name: $0.key, value: $0.value) }
        self.text = text
        self.children = children
    }

    /// Appends this element, indented by `depth` levels, and a line break to `output`.
    func render(into output: inout String, depth: Int = 0) {
        let indent = String(repeating: "  ", count: depth)
        output += indent + "<" + name
        for attribute in attributes {
            output += " \(attribute.name)=\"\(attribute.value.xmlEscaped)\""
        }
        if let text {
            output += ">" + text.xmlEscaped + "</\(name)>\n"
        } else if children.isEmpty {
            output += "/>\n"
        } else {
            output += ">\n"
            for child in children { child.render(into: &output, depth: depth + 1) }
            output += indent + "</\(name)>\n"
        }
    }
}
