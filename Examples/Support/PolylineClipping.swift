/// The pieces of the polyline through `points` that lie inside `rect`, each a polyline of at
/// least two points; a polyline that leaves the rectangle and comes back gives several pieces,
/// with new points where it crosses the border. Coordinates must be finite.
func clip(_ points: [PlotPoint], to rect: Rect) -> [[PlotPoint]] {
    var pieces: [[PlotPoint]] = []
    var current: [PlotPoint] = []
    for (a, b) in zip(points, points.dropFirst()) {
        guard let (enter, leave) = visibleInterval(from: a, to: b, in: rect) else { continue }
        if enter > 0 || current.isEmpty {
            if current.count >= 2 { pieces.append(current) }
            current = [interpolate(a, b, enter)]
        }
        current.append(interpolate(a, b, leave))
        if leave < 1 {
            pieces.append(current)
            current = []
        }
    }
    if current.count >= 2 { pieces.append(current) }
    return pieces
}

/// The parameters `(enter, leave)`, 0 ≤ enter ≤ leave ≤ 1, between which the segment from `a`
/// to `b` is inside `rect`, or `nil` if it misses it (Liang–Barsky clipping).
func visibleInterval(from a: PlotPoint, to b: PlotPoint, in rect: Rect) -> (enter: Double, leave: Double)? {
    let dx = b.x - a.x, dy = b.y - a.y
    var enter = 0.0, leave = 1.0
    // Each pair is (p, q): the segment is inside this border where p·t ≤ q.
    for (p, q) in [(-dx, a.x - rect.minX), (dx, rect.maxX - a.x), (-dy, a.y - rect.minY), (dy, rect.maxY - a.y)] {
        if p == 0 {
            if q < 0 { return nil }
            continue
        }
        let t = q / p
        if p < 0 { enter = Swift.max(enter, t) } else { leave = Swift.min(leave, t) }
        if enter > leave { return nil }
    }
    return (enter, leave)
}

/// The point a fraction `t` of the way from `a` to `b`.
private func interpolate(_ a: PlotPoint, _ b: PlotPoint, _ t: Double) -> PlotPoint {
    PlotPoint(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y))
}
