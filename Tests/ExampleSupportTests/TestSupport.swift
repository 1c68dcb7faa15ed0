import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

// Helpers shared by the ExampleSupport tests. Expected values are derived by hand in each test
// from the layout constants (plot area from x = 80 to width − 24 − legend space, y = 48 to
// height − 60), never copied from the writer's output.

/// An element as Foundation's XMLParser reports it: name, attributes and text content.
struct ParsedElement {
    let name: String
    let attributes: [String: String]
    var text = ""
}

/// The result of parsing a document with Foundation's XMLParser.
struct ParsedDocument {
    /// The elements in document order.
    let elements: [ParsedElement]
    /// The parser's error, or `nil` when the document is well-formed.
    let error: Error?

    /// The elements called `name`, in document order.
    func elements(named name: String) -> [ParsedElement] { elements.filter { $0.name == name } }
}

/// Parses `text` as XML with Foundation's XMLParser.
func parseXML(_ text: String) -> ParsedDocument {
    let parser = XMLParser(data: Data(text.utf8))
    let collector = ElementCollector()
    parser.delegate = collector
    let succeeded = parser.parse()
    return ParsedDocument(elements: collector.elements, error: succeeded ? nil : parser.parserError ?? CocoaError(.coderReadCorrupt))
}

/// Collects every element and its text while XMLParser runs.
private final class ElementCollector: NSObject, XMLParserDelegate {
    var elements: [ParsedElement] = []
    private var open: [Int] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append(ParsedElement(name: elementName, attributes: attributeDict))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current = open.last { elements[current].text += string }
    }
}

/// The (x, y) pairs of a polyline's `points` attribute.
func polylinePoints(_ element: ParsedElement) -> [[Double]] {
    (element.attributes["points"] ?? "").split(separator: " ").map { pair in
        pair.split(separator: ",").map { Double($0)! }
    }
}

/// Runs `body` with a new empty directory, removed afterwards.
func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
    let path = NSTemporaryDirectory() + "ExampleSupportTests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(atPath: path) }
    try body(path)
}
