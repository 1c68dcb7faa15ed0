/// `f` applied to every element of `x`, into a new tensor of the same shape.
@inlinable func mapKernel<S>(_ x: Tensor<S>, _ f: (S) -> S) -> Tensor<S> {
    let out = Tensor<S>(uninitializedShape: x.shape)
    let o = out.base, p = x.base
    for i in 0..<x.count { o[i] = f(p[i]) }
    return out
}

/// `f` applied to corresponding elements of two tensors of the same count, into a new tensor
/// shaped like `a`.
@inlinable func zipKernel<S>(_ a: Tensor<S>, _ b: Tensor<S>, _ f: (S, S) -> S) -> Tensor<S> {
    precondition(a.count == b.count, "internal: zipKernel over \(formatShape(a.shape)) and \(formatShape(b.shape))")
    let out = Tensor<S>(uninitializedShape: a.shape)
    let o = out.base, x = a.base, y = b.base
    for i in 0..<a.count { o[i] = f(x[i], y[i]) }
    return out
}

/// A differentiable elementwise function: `f` forward, and `g · f′(x)` backward, where
/// `derivative` computes `f′` from the input (outputs are never captured).
@inlinable public func elementwise<S>(_ x: Tensor<S>, _ f: (S) -> S,
                                      derivative: @escaping (S) -> S) -> Tensor<S> {
    mapKernel(x, f).recorded(recordingParents(x)) { g, _ in
        InputGradients(zipKernel(g, x) { gi, xi in gi * derivative(xi) })
    }
}
