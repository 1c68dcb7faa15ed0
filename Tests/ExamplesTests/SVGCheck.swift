import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a parse of an SVG file found: whether it is well-formed XML, its root element, and how
/// many elements of each kind it holds.
struct SVGCheck {
    /// The parser's error, `nil` for a well-formed document.
    let error: String?
    /// The name of the root element (`svg` for an SVG file).
    let root: String?
    /// The `xmlns` attribute of the root element.
    let namespace: String?
    /// The number of elements of each name.
    let counts: [String: Int]
    /// The text content of every `<text>` element, in document order.
    let texts: [String]

    /// Parses the file at `path`.
    init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let parser = XMLParser(data: data)
        let collector = Collector()
        parser.delegate = collector
        let ok = parser.parse()
        error = ok ? nil : (parser.parserError.map { "\($0)" } ?? "unknown XML error")
        root = collector.root
        namespace = collector.namespace
        counts = collector.counts
        texts = collector.texts
    }

    /// Whether the file is a well-formed SVG document.
    var isWellFormedSVG: Bool { error == nil && root == "svg" && namespace == "http://www.w3.org/2000/svg" }
}

/// Gathers element names and text while ``SVGCheck`` parses.
private final class Collector: NSObject, XMLParserDelegate {
    var root: String?
    var namespace: String?
    var counts: [String: Int] = [:]
    var texts: [String] = []
    private var inText = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if root == nil {
            root = name
            namespace = attributes["xmlns"]
        }
        counts[name, default: 0] += 1
        if name == "text" {
            inText = true
            texts.append("")
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { inText = false }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { texts[texts.count - 1] += string }
    }
}
