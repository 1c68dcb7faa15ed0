import Tensors

/// Flux's `glorot_uniform(dims...)`: uniform on `±√(6 / (fan_in + fan_out))`, computed as
/// `(rand(dims...) .- 0.5) .* √(24 / (fan_in + fan_out))`. For a matrix (out, in) the fans are
/// `in` and `out`; for a convolution kernel (k…, in, out) both are multiplied by the kernel's
/// spatial size, `fan_in = prod(k)·in`, `fan_out = prod(k)·out`.
func glorotUniform<S: TensorScalar>(_ type: S.Type, _ dims: [Int]) -> Tensor<S> {
    precondition(dims.count >= 2 && dims.allSatisfy { $0 > 0 },
                 "glorot_uniform: sizes must be positive, got \(formatShape(dims))")
    let receptive = dims.dropLast(2).reduce(1, *)
    let fans = receptive * (dims[dims.count - 2] + dims[dims.count - 1])
    let limit = (S(24) / S(fans)).squareRoot()
    return (rand(S.self, dims) .- S(0.5)) .* limit
}
