extension String {
    /// This text made safe for XML character data and attribute values: `&`, `<`, `>`, `"` and
    /// `'` become entity references, and the control characters XML 1.0 forbids (everything
    /// below U+0020 except tab, line feed and carriage return) become U+FFFD.
    ///
    /// ```swift
    /// "Adam <η = 0.01> & \"friends\"".xmlEscaped   // Adam &lt;η = 0.01&gt; &amp; &quot;friends&quot;
    /// ```
    public var xmlEscaped: String {
        var escaped = ""
        escaped.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20: escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
