extension Tensor: CustomStringConvertible {
    /// The tensor laid out as Julia's REPL displays an array: a header such as
    /// `2×3 Matrix{Float64}:` followed by right-aligned rows; a 3-d tensor prints each
    /// `[:, :, k]` slice in turn.
    public var description: String {
        let type = Scalar.juliaName
        switch rank {
        case 0:
            return "0-dimensional Array{\(type), 0}:\n\(base[0])"
        case 1:
            let cells = (0..<count).map { "\(base[$0])" }
            let width = cells.map(\.count).max() ?? 0
            return "\(count)-element Vector{\(type)}:" + cells.map { "\n " + pad($0, width) }.joined()
        case 2:
            return "\(shape[0])×\(shape[1]) Matrix{\(type)}:\n" + matrixBody(offset: 0)
        default:
            let header = shape.map(String.init).joined(separator: "×") + " Array{\(type), \(rank)}:"
            let sliceCount = count / Swift.max(shape[0] * shape[1], 1)
            var slices: [String] = []
            for s in 0..<sliceCount {
                var index: [String] = []
                var rest = s
                for d in 2..<rank { index.append(String(rest % shape[d] + 1)); rest /= shape[d] }
                slices.append("[:, :, " + index.joined(separator: ", ") + "] =\n" + matrixBody(offset: s * shape[0] * shape[1]))
            }
            return header + "\n" + slices.joined(separator: "\n\n")
        }
    }

    /// The rows of the matrix stored at `offset`, columns separated by two spaces and each column
    /// right-aligned to its widest entry.
    func matrixBody(offset: Int) -> String {
        let m = shape[0], n = shape[1]
        let cells = (0..<n).map { j in (0..<m).map { i in "\(base[offset + i + j * m])" } }
        let widths = cells.map { $0.map(\.count).max() ?? 0 }
        return (0..<m).map { i in
            " " + (0..<n).map { j in pad(cells[j][i], widths[j]) }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: width - s.count) + s }
}
