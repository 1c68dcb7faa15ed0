import Foundation

/// The Markdown table of the tuned hyper-parameter of every rule on every function.
func learningRateTable(_ field: [Contestant], _ functions: [TestFunction]) -> String {
    let header = ["Rule", "Constructed as"] + functions.map { "\($0.name) η (ϵ for ADADelta)" }
    let rows = field.map { contestant in
        [contestant.name, "`\(contestant.call)`"] + functions.map { format(contestant.rates[keyPath: $0.rate]) }
    }
    return markdownTable(header: header, rows: rows)
}

/// The Markdown table of the race: per rule and function, the steps until the loss first fell
/// below `tolerance` (— if it never did) and the final loss.
func resultsTable(_ results: [(function: TestFunction, results: [RaceResult])], tolerance: Double) -> String {
    let header = ["Rule"] + results.flatMap { ["\($0.function.name): steps to loss < \(format(tolerance))", "\($0.function.name): final loss"] }
    let rules = results.first?.results.map(\.rule) ?? []
    let rows = rules.indices.map { i in
        [rules[i]] + results.flatMap { entry in
            let result = entry.results[i]
            return [result.steps(toReach: tolerance).map(String.init) ?? "—", finalLoss(result)]
        }
    }
    return markdownTable(header: header, rows: rows)
}

/// The last loss of `result`, or where it diverged.
func finalLoss(_ result: RaceResult) -> String {
    result.diverged ? "diverged at step \(result.losses.count - 1)" : format(result.losses[result.losses.count - 1])
}

/// `value` in `%.3g` form: `0.01`, `1e-08`, `3.41e-13`.
func format(_ value: Double) -> String { String(format: "%.3g", value) }

/// A Markdown table with `header` and `rows`, columns padded to line up.
func markdownTable(header: [String], rows: [[String]]) -> String {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
        "| " + zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: " | ") + " |"
    }
    return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)).joined(separator: "\n") + "\n"
}
