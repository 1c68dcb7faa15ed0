import Tensors

/// `x · log(y)` elementwise, defined as 0 where `x == 0` (Julia `xlogy.(x, y)`), so a zero
/// target contributes nothing even where the prediction is 0.
///
/// `x` and `y` have the same shape. Differentiable in both: `∂x = log(y)`, `∂y = x / y`, each 0
/// where `x == 0`.
@inlinable public func xlogy<S>(_ x: Tensor<S>, _ y: Tensor<S>) -> Tensor<S> {
    precondition(x.shape == y.shape, "DimensionMismatch: xlogy needs x and y of the same shape, got \(formatShape(x.shape)) and \(formatShape(y.shape))")
    let xs = x.scalars, ys = y.scalars
    let out = Tensor<S>(shape: x.shape, scalars: zip(xs, ys).map { a, b in a == 0 ? 0 : a * S.log(b) })
    return out.recorded(recordingParents(x, y)) { g, tracked in
        let gs = g.scalars
        let gx = tracked[0] ? Tensor<S>(shape: x.shape, scalars: (0..<xs.count).map { i in xs[i] == 0 ? 0 : gs[i] * S.log(ys[i]) }) : nil
        let gy = tracked[1] ? Tensor<S>(shape: y.shape, scalars: (0..<xs.count).map { i in xs[i] == 0 ? 0 : gs[i] * xs[i] / ys[i] }) : nil
        return InputGradients(gx, gy)
    }
}
