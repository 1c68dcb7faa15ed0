// Two-dimensional convolution of WHCN tensors (NNlib `conv`), differentiable in the input and
// the kernel. Computed per sample as an im2col matrix (one row per output pixel, one column per
// kernel tap and input channel) times the kernel viewed as a (taps·channels, out) matrix, which is
// exactly the kernel's column-major storage.

/// The 2-d convolution of `x` (width, height, channels in, batch) with the kernel `w`
/// (kernel width, kernel height, channels in, channels out), NNlib's
/// `conv(x, w; stride, pad, dilation, flipped)`; the result is (width′, height′, channels out, batch)
/// with `width′ = (width + pad_lo + pad_hi − dilation·(kw − 1) − 1) ÷ stride + 1`, likewise for height.
///
/// By default this is a true convolution, as in NNlib and Flux's `Conv`: the kernel is flipped in
/// both spatial dimensions, so `y[i, j] = Σ x[i·s − p + a·d, j·s − p + b·d] · w[kw − 1 − a, kh − 1 − b]`
/// (0-based). `flipped: true` gives the cross-correlation (Flux's `CrossCor`) without the flip.
///
/// - `stride` and `dilation`: one value for both spatial dimensions or `[w, h]`.
/// - `pad`: one value for every side, `[w, h]` for both sides of each dimension, or
///   `[w_lo, w_hi, h_lo, h_hi]`, as NNlib accepts.
///
/// Differentiable in `x` and `w`; add a bias with `.+ reshape(b, 1, 1, cout, 1)`. Shapes that
/// do not fit stop with a message naming them.
@_specialize(where S == Float)
@_specialize(where S == Double)
public func conv<S>(_ x: Tensor<S>, _ w: Tensor<S>, stride: [Int] = [1], pad: [Int] = [0],
                    dilation: [Int] = [1], flipped: Bool = false) -> Tensor<S> {
    let geometry = ConvolutionGeometry(input: x.shape, kernel: w.shape, stride: stride, pad: pad,
                                       dilation: dilation, flipped: flipped)
    let m = geometry.pixels, k = geometry.taps, cout = geometry.outChannels
    let out = Tensor<S>(uninitializedShape: geometry.outputShape)
    let columns = Tensor<S>(uninitializedShape: [m, k])
    for n in 0..<geometry.batch {
        geometry.gatherColumns(from: x.base, sample: n, into: columns.base)
        matrixMultiply(columns.base, w.base, out.base + n * m * cout, m: m, k: k, n: cout)
    }
    return out.recorded(recordingParents(x, w)) { g, tracked in
        InputGradients(tracked[0] ? geometry.inputGradient(g, w) : nil,
                       tracked[1] ? geometry.kernelGradient(g, x) : nil)
    }
}

/// NNlib's expansion of a convolution's stride or dilation (`count` 2) or padding (`count` 4):
/// one value repeats in every position; for padding, `[w, h]` pads both sides of each spatial
/// dimension, giving `[w, w, h, h]`; `count` values are returned as they are. Any other length
/// stops, naming `name` and the values.
public func expandConvolutionArgument(_ values: [Int], to count: Int, name: String) -> [Int] {
    switch values.count {
    case 1: return [Int](repeating: values[0], count: count)
    case count: return values
    case 2 where count == 4: return [values[0], values[0], values[1], values[1]]
    default:
        preconditionFailure("conv: \(name) takes \(count == 4 ? "1, 2 or 4" : "1 or 2") values, got \(formatShape(values))")
    }
}

/// The sizes of one convolution, normalised: every pullback and kernel of ``conv(_:_:stride:pad:dilation:flipped:)``
/// reads them from here.
struct ConvolutionGeometry {
    let width: Int, height: Int, inChannels: Int, batch: Int
    let kernelWidth: Int, kernelHeight: Int, outChannels: Int
    let strideW: Int, strideH: Int
    let padWLow: Int, padHLow: Int
    let dilationW: Int, dilationH: Int
    let outWidth: Int, outHeight: Int
    let flipped: Bool

    /// Checks and normalises the arguments; stops naming the shapes when they do not fit.
    init(input: [Int], kernel: [Int], stride: [Int], pad: [Int], dilation: [Int], flipped: Bool) {
        precondition(kernel.count == 4,
                     "conv: the kernel must be 4-d (width, height, channels in, channels out), got shape \(formatShape(kernel))")
        precondition(input.count == 4,
                     "conv: expected a 4-d (width, height, channels, batch) input, got shape \(formatShape(input))")
        precondition(input[2] == kernel[2],
                     "DimensionMismatch: conv: the input has \(input[2]) channels (shape \(formatShape(input))) but the kernel of shape \(formatShape(kernel)) expects \(kernel[2])")
        let s = expandConvolutionArgument(stride, to: 2, name: "stride")
        let d = expandConvolutionArgument(dilation, to: 2, name: "dilation")
        let p = expandConvolutionArgument(pad, to: 4, name: "pad")
        precondition(s.allSatisfy { $0 >= 1 } && d.allSatisfy { $0 >= 1 } && p.allSatisfy { $0 >= 0 },
                     "conv: stride and dilation must be ≥ 1 and pad ≥ 0, got stride \(formatShape(s)), pad \(formatShape(p)), dilation \(formatShape(d))")
        (width, height, inChannels, batch) = (input[0], input[1], input[2], input[3])
        (kernelWidth, kernelHeight, outChannels) = (kernel[0], kernel[1], kernel[3])
        (strideW, strideH, dilationW, dilationH) = (s[0], s[1], d[0], d[1])
        (padWLow, padHLow) = (p[0], p[2])
        self.flipped = flipped
        let spanW = width + p[0] + p[1] - d[0] * (kernelWidth - 1) - 1
        let spanH = height + p[2] + p[3] - d[1] * (kernelHeight - 1) - 1
        precondition(kernelWidth >= 1 && kernelHeight >= 1 && spanW >= 0 && spanH >= 0,
                     "DimensionMismatch: conv: a \(kernelWidth)×\(kernelHeight) kernel (dilation \(formatShape(d))) does not fit an input of shape \(formatShape(input)) padded by \(formatShape(p))")
        outWidth = spanW / s[0] + 1
        outHeight = spanH / s[1] + 1
    }

    /// `(width′, height′, channels out, batch)`.
    var outputShape: [Int] { [outWidth, outHeight, outChannels, batch] }
    /// Output pixels per channel and sample: the rows of the im2col matrix.
    var pixels: Int { outWidth * outHeight }
    /// Kernel taps times input channels: the columns of the im2col matrix.
    var taps: Int { kernelWidth * kernelHeight * inChannels }

    /// The output positions `o` in `0..<outputs` whose input coordinate `o·stride + offset` lies in
    /// `0..<size`.
    func validRange(offset: Int, stride: Int, size: Int, outputs: Int) -> Range<Int> {
        let low = offset >= 0 ? 0 : (stride - 1 - offset) / stride
        let high = offset > size - 1 ? 0 : (size - 1 - offset) / stride + 1
        let lo = Swift.min(low, outputs), hi = Swift.min(high, outputs)
        return lo..<Swift.max(lo, hi)
    }

    /// Calls `body` once per kernel tap and input channel with the im2col column `q`, the input
    /// channel `c` and the tap's offsets into the (unpadded) input: output pixel `(i, j)` reads
    /// input `(i·strideW + offsetW, j·strideH + offsetH)`.
    func forEachTap(_ body: (_ q: Int, _ c: Int, _ offsetW: Int, _ offsetH: Int) -> Void) {
        for c in 0..<inChannels {
            for b in 0..<kernelHeight {
                for a in 0..<kernelWidth {
                    let tapW = flipped ? a : kernelWidth - 1 - a, tapH = flipped ? b : kernelHeight - 1 - b
                    body(a + kernelWidth * (b + kernelHeight * c), c,
                         tapW * dilationW - padWLow, tapH * dilationH - padHLow)
                }
            }
        }
    }

    /// Fills the (pixels × taps) im2col matrix of sample `n`; padding reads as zero.
    func gatherColumns<S: TensorScalar>(from x: UnsafeMutablePointer<S>, sample n: Int, into columns: UnsafeMutablePointer<S>) {
        let (m, plane) = (pixels, width * height)
        forEachTap { q, c, offsetW, offsetH in
            let source = x + (c + inChannels * n) * plane, column = columns + q * m
            let inside = validRange(offset: offsetW, stride: strideW, size: width, outputs: outWidth)
            for j in 0..<outHeight {
                let row = column + j * outWidth, y = j * strideH + offsetH
                guard y >= 0 && y < height else {
                    row.update(repeating: 0, count: outWidth)
                    continue
                }
                let line = source + y * width
                row.update(repeating: 0, count: inside.lowerBound)
                for i in inside { row[i] = line[i * strideW + offsetW] }
                (row + inside.upperBound).update(repeating: 0, count: outWidth - inside.upperBound)
            }
        }
    }

    /// Adds the (pixels × taps) matrix `columns` back onto sample `n` of `x` (the adjoint of
    /// ``gatherColumns(from:sample:into:)``).
    func scatterColumns<S: TensorScalar>(_ columns: UnsafeMutablePointer<S>, into x: UnsafeMutablePointer<S>, sample n: Int) {
        let (m, plane) = (pixels, width * height)
        forEachTap { q, c, offsetW, offsetH in
            let target = x + (c + inChannels * n) * plane, column = columns + q * m
            let inside = validRange(offset: offsetW, stride: strideW, size: width, outputs: outWidth)
            for j in 0..<outHeight {
                let y = j * strideH + offsetH
                guard y >= 0 && y < height else { continue }
                let row = column + j * outWidth, line = target + y * width
                for i in inside { line[i * strideW + offsetW] += row[i] }
            }
        }
    }

    /// The gradient with respect to the input: per sample, `Ḡ·Wᵀ` scattered back through im2col.
    func inputGradient<S: TensorScalar>(_ g: Tensor<S>, _ w: Tensor<S>) -> Tensor<S> {
        let (m, k, cout) = (pixels, taps, outChannels)
        let gx = Tensor<S>(shape: [width, height, inChannels, batch], repeating: 0)
        let columns = Tensor<S>(uninitializedShape: [m, k])
        for n in 0..<batch {
            let gn = g.base + n * m * cout
            matrixMultiply(gn, w.base, columns.base, m: m, k: cout, n: k, transposingB: true)
            scatterColumns(columns.base, into: gx.base, sample: n)
        }
        return gx
    }

    /// The gradient with respect to the kernel: the sum over samples of `columnsᵀ·Ḡ`.
    func kernelGradient<S: TensorScalar>(_ g: Tensor<S>, _ x: Tensor<S>) -> Tensor<S> {
        let (m, k, cout) = (pixels, taps, outChannels)
        let gw = Tensor<S>(shape: [kernelWidth, kernelHeight, inChannels, outChannels], repeating: 0)
        let columns = Tensor<S>(uninitializedShape: [m, k])
        let product = Tensor<S>(uninitializedShape: [k, cout])
        for n in 0..<batch {
            gatherColumns(from: x.base, sample: n, into: columns.base)
            let gn = g.base + n * m * cout
            matrixMultiply(columns.base, gn, product.base, m: k, k: m, n: cout, transposingA: true)
            let sum = gw.base, term = product.base
            for i in 0..<k * cout { sum[i] += term[i] }
        }
        return gw
    }
}
