import Foundation

/// `count` values from `first` to `last` (both included) with equal ratios between neighbours,
/// like Julia's `exp10.(range(log10(first), log10(last), length = count))`: contour levels for
/// a function that varies over many orders of magnitude.
///
/// ```swift
/// logSpaced(from: 0.01, to: 100, count: 5)   // [0.01, 0.1, 1, 10, 100]
/// ```
public func logSpaced(from first: Double, to last: Double, count: Int) -> [Double] {
    precondition(first > 0 && last > first && last.isFinite, "logSpaced: need 0 < first < last < ∞, got first = \(first), last = \(last)")
    precondition(count >= 2, "logSpaced: count must be at least 2, got \(count)")
    let ratio = log(last / first) / Double(count - 1)
    return (0..<count).map { k in
        k == 0 ? first : k == count - 1 ? last : first * exp(Double(k) * ratio)
    }
}
