import Foundation

/// One axis of a chart: the data interval it shows, linear or logarithmic, mapped onto an
/// interval of pixels, with the ticks to label.
struct Axis {
    /// The data values at the two ends of the axis; both positive on a logarithmic axis.
    let domain: ClosedRange<Double>
    /// Whether equal ratios (rather than equal differences) take equal lengths.
    let isLogarithmic: Bool
    /// The pixel of `domain.lowerBound` and the pixel of `domain.upperBound`.
    let pixels: (lower: Double, upper: Double)

    /// An axis showing exactly `domain`.
    init(domain: ClosedRange<Double>, logarithmic: Bool = false, pixels: (lower: Double, upper: Double)) {
        precondition(domain.lowerBound < domain.upperBound && domain.lowerBound.isFinite && domain.upperBound.isFinite,
                     "Axis: the domain must be a finite interval of positive length, got \(domain)")
        precondition(!logarithmic || domain.lowerBound > 0,
                     "Axis: a logarithmic axis needs a positive domain, got \(domain)")
        self.domain = domain
        self.isLogarithmic = logarithmic
        self.pixels = pixels
    }

    /// An axis whose domain covers every value it can show among `values`, widened to round
    /// numbers (whole decades on a logarithmic axis); values it cannot show are ignored.
    init(fitting values: [Double], logarithmic: Bool, pixels: (lower: Double, upper: Double)) {
        let shown = values.filter { Self.canShow($0, logarithmic: logarithmic) }
        let domain = logarithmic ? Self.decades(covering: shown) : Self.roundNumbers(covering: shown)
        self.init(domain: domain, logarithmic: logarithmic, pixels: pixels)
    }

    /// Where `value` lies along the domain: 0 at its lower end, 1 at its upper end (in decades on
    /// a logarithmic axis); outside [0, 1] for values outside the domain.
    func fraction(of value: Double) -> Double {
        isLogarithmic
            ? (log10(value) - log10(domain.lowerBound)) / (log10(domain.upperBound) - log10(domain.lowerBound))
            : (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
    }

    /// The pixel at `fraction` of the way along the axis.
    func pixel(atFraction fraction: Double) -> Double {
        pixels.lower + fraction * (pixels.upper - pixels.lower)
    }

    /// The pixel of `value`, which must be one the axis can show.
    func pixel(of value: Double) -> Double { pixel(atFraction: fraction(of: value)) }

    /// The values to mark along the axis, with their labels: multiples of 1, 2 or 5 × 10ᵏ
    /// (about six of them) on a linear axis, powers of ten on a logarithmic one (every decade, or
    /// every few decades when there are more than eight).
    var ticks: [(value: Double, label: String)] {
        isLogarithmic ? logarithmicTicks : linearTicks
    }

    private var linearTicks: [(value: Double, label: String)] {
        let step = Self.roundStep(for: domain.upperBound - domain.lowerBound)
        let first = Int((domain.lowerBound / step - 1e-9).rounded(.up))
        let last = Int((domain.upperBound / step + 1e-9).rounded(.down))
        return (first...last).map { k in
            let value = Double(k) * step
            return (value, Self.linearLabel(value, step: step))
        }
    }

    private var logarithmicTicks: [(value: Double, label: String)] {
        let first = Int((log10(domain.lowerBound) - 1e-9).rounded(.up))
        let last = Int((log10(domain.upperBound) + 1e-9).rounded(.down))
        let stride = Swift.max(1, (last - first + 7) / 8)
        return Swift.stride(from: first, through: last, by: stride).map { e in (pow(10, Double(e)), Self.powerOfTenLabel(e)) }
    }

    /// Whether `value` has a place on an axis: finite and at most 10³⁰⁰ in size (so that spans
    /// and round bounds cannot overflow), and on a logarithmic axis at least 10⁻³⁰⁰.
    static func canShow(_ value: Double, logarithmic: Bool) -> Bool {
        logarithmic ? (1e-300...1e300).contains(value) : Swift.abs(value) <= 1e300
    }

    /// 1, 2 or 5 × 10ᵏ, whichever gives about six steps across `span`.
    static func roundStep(for span: Double) -> Double {
        let rough = span / 6
        let magnitude = pow(10, log10(rough).rounded(.down))
        let mantissa = rough / magnitude
        return (mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10) * magnitude
    }

    /// The smallest interval of whole round steps containing `values`; [0, 1] for no values and
    /// a padded interval around a single value.
    private static func roundNumbers(covering values: [Double]) -> ClosedRange<Double> {
        guard var low = values.min(), var high = values.max() else { return 0...1 }
        if low == high {
            let pad = low == 0 ? 1 : Swift.abs(low) / 10
            (low, high) = (low - pad, high + pad)
        }
        let step = roundStep(for: high - low)
        return (low / step).rounded(.down) * step...(high / step).rounded(.up) * step
    }

    /// The smallest interval of whole decades containing the positive `values` (at least one
    /// decade); [1, 10] for no values.
    private static func decades(covering values: [Double]) -> ClosedRange<Double> {
        guard let low = values.min(), let high = values.max() else { return 1...10 }
        let first = log10(low).rounded(.down)
        let last = Swift.max(log10(high).rounded(.up), first + 1)
        return pow(10, first)...pow(10, last)
    }

    /// `value` with as many decimals as `step` needs (`0.5`, `12`), or in scientific notation
    /// when very large or very finely divided.
    static func linearLabel(_ value: Double, step: Double) -> String {
        if Swift.abs(value) >= 1e6 || step < 1e-4 { return String(format: "%g", value) }
        let decimals = Swift.max(0, -Int(log10(step).rounded(.down)))
        return String(format: "%.\(decimals)f", value)
    }

    /// 10ᵉ written out for small exponents (`0.01`, `1`, `1000`) and as `1e-6` otherwise.
    static func powerOfTenLabel(_ exponent: Int) -> String {
        switch exponent {
        case 0...3: return "1" + String(repeating: "0", count: exponent)
        case -3 ..< 0: return "0." + String(repeating: "0", count: -exponent - 1) + "1"
        default: return "1e\(exponent)"
        }
    }
}
