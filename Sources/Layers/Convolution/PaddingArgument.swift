import Tensors

/// A convolution's `pad` as Flux writes it: one `Int` for every side (`pad: 1`), `[w, h]` for both
/// sides of each spatial dimension, `[w_lo, w_hi, h_lo, h_hi]`, or ``SamePad`` (Julia `SamePad()`).
public protocol PaddingArgument {
    /// The padding `[w_lo, w_hi, h_lo, h_hi]` for a kernel of `kernel` (width, height) with the
    /// given dilation (width, height).
    func padding(kernel: [Int], dilation: [Int]) -> [Int]
}

extension Int: PaddingArgument {
    /// The same padding on every side.
    public func padding(kernel: [Int], dilation: [Int]) -> [Int] { [self, self, self, self] }
}

extension Array: PaddingArgument where Element == Int {
    /// One value for every side, `[w, h]`, or `[w_lo, w_hi, h_lo, h_hi]`.
    public func padding(kernel: [Int], dilation: [Int]) -> [Int] { expandConvolutionArgument(self, to: 4, name: "pad") }
}

/// Padding that keeps the output size equal to the input size at stride 1 (Flux `SamePad()`): the
/// effective kernel extent `k + (k − 1)(d − 1)` minus one, split with the larger half first.
public struct SamePad: PaddingArgument, Sendable {
    /// The padding rule; write `pad: SamePad()`.
    public init() {}

    /// `[⌈e_w/2⌉, ⌊e_w/2⌋, ⌈e_h/2⌉, ⌊e_h/2⌋]` with `e = k + (k − 1)(d − 1) − 1` per dimension.
    public func padding(kernel: [Int], dilation: [Int]) -> [Int] {
        zip(kernel, dilation).flatMap { k, d -> [Int] in
            let total = k + (k - 1) * (d - 1) - 1
            return [(total + 1) / 2, total / 2]
        }
    }
}
