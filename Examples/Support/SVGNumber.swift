import Foundation

/// `value` written compactly for an SVG coordinate or length: rounded to hundredths of a pixel,
/// without trailing zeros or a trailing point, and without a sign on zero (`12.5`, `3`, `-0.25`,
/// `0`). `value` must be finite.
func svgNumber(_ value: Double) -> String {
    precondition(value.isFinite, "svgNumber: an SVG number must be finite, got \(value)")
    var text = String(format: "%.2f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
}
