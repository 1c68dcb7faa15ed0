import Foundation

/// `count` distinct stroke colours as `#rrggbb`, one per series: hues evenly spaced around the
/// colour wheel, alternately darker and lighter so that neighbours differ in shade as well as hue.
func seriesColours(count: Int) -> [String] {
    (0..<count).map { i in
        hexColour(hue: 360 * Double(i) / Double(count),
                  saturation: 0.8,
                  lightness: i.isMultiple(of: 2) ? 0.36 : 0.52)
    }
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
