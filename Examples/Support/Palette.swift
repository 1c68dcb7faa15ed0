import Foundation

/// `count` distinct stroke colours as `#rrggbb`, one per series: `count` hues evenly spaced
/// around the colour wheel, neighbouring hues alternately darker and lighter. Consecutive series
/// take hues about a third of the wheel apart, so that series listed together in a legend are
/// easy to tell apart.
func seriesColours(count: Int) -> [String] {
    let stride = (Swift.max(1, count / 3)...).first { greatestCommonDivisor($0, count) == 1 } ?? 1
    return (0..<count).map { i in
        let hue = (i * stride) % count
        return hexColour(hue: 360 * Double(hue) / Double(count), saturation: 0.8,
                         lightness: hue.isMultiple(of: 2) ? 0.36 : 0.52)
    }
}

/// The greatest common divisor of two non-negative integers.
private func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
    b == 0 ? a : greatestCommonDivisor(b, a % b)
}

/// The `#rrggbb` form of an HSL colour: `hue` in degrees [0, 360), `saturation` and `lightness`
/// in [0, 1].
func hexColour(hue: Double, saturation: Double, lightness: Double) -> String {
    let chroma = (1 - Swift.abs(2 * lightness - 1)) * saturation
    let sector = hue / 60
    let second = chroma * (1 - Swift.abs(sector.truncatingRemainder(dividingBy: 2) - 1))
    let (r, g, b): (Double, Double, Double)
    switch Int(sector) {
    case 0: (r, g, b) = (chroma, second, 0)
    case 1: (r, g, b) = (second, chroma, 0)
    case 2: (r, g, b) = (0, chroma, second)
    case 3: (r, g, b) = (0, second, chroma)
    case 4: (r, g, b) = (second, 0, chroma)
    default: (r, g, b) = (chroma, 0, second)
    }
    let offset = lightness - chroma / 2
    return "#" + [r, g, b].map { String(format: "%02x", Int(((($0 + offset) * 255)).rounded())) }.joined()
}
