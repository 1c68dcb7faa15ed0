/// An axis-aligned rectangle, in pixels or in fractions of a plot area.
struct Rect {
    let minX: Double
    let minY: Double
    let maxX: Double
    let maxY: Double
}
