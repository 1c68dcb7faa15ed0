import Testing
import Tensors

/// `conv` (NNlib's 2-d convolution): forward values against a direct loop written here from the
/// definition, gradients against central differences and against the direct adjoint loops.
@Suite("Convolution")
struct ConvolutionTests {
    /// One convolution configuration: input and kernel shapes, stride, pad `[w_lo, w_hi, h_lo, h_hi]`,
    /// dilation, and whether the kernel is applied unflipped (cross-correlation).
    struct Case: CustomStringConvertible, Sendable {
        let input: [Int], kernel: [Int], stride: [Int], pad: [Int], dilation: [Int], flipped: Bool
        var description: String { "x \(input) w \(kernel) stride \(stride) pad \(pad) dilation \(dilation) flipped \(flipped)" }
    }

    static let cases: [Case] = [
        Case(input: [5, 4, 1, 1], kernel: [3, 2, 1, 1], stride: [1, 1], pad: [0, 0, 0, 0], dilation: [1, 1], flipped: false),
        Case(input: [6, 5, 2, 2], kernel: [3, 3, 2, 3], stride: [2, 2], pad: [1, 1, 1, 1], dilation: [1, 1], flipped: false),
        Case(input: [7, 6, 3, 1], kernel: [2, 3, 3, 2], stride: [2, 1], pad: [1, 0, 2, 1], dilation: [1, 1], flipped: false),
        Case(input: [7, 7, 2, 2], kernel: [3, 2, 2, 2], stride: [1, 2], pad: [2, 2, 0, 1], dilation: [2, 1], flipped: false),
        Case(input: [6, 5, 2, 2], kernel: [3, 3, 2, 3], stride: [2, 2], pad: [1, 1, 1, 1], dilation: [1, 1], flipped: true),
        Case(input: [4, 4, 1, 3], kernel: [4, 4, 1, 2], stride: [3, 3], pad: [3, 3, 3, 3], dilation: [1, 1], flipped: false),
    ]

    /// Output size `(n + lo + hi − d(k − 1) − 1) ÷ s + 1`.
    static func outputSize(_ n: Int, _ k: Int, _ s: Int, _ lo: Int, _ hi: Int, _ d: Int) -> Int {
        (n + lo + hi - d * (k - 1) - 1) / s + 1
    }

    /// Visits every (output, input, kernel) offset triple of the convolution, straight from the
    /// definition `y[i, j, o, n] += x[i·s − p + a·d, j·s − p + b·d, c, n] · w[ka, kb, c, o]` with
    /// `ka = kw − 1 − a` (flipped kernel) or `a` (cross-correlation).
    static func forEachProduct(_ c: Case, _ body: (_ y: Int, _ x: Int, _ w: Int) -> Void) {
        let (W, H, C, N) = (c.input[0], c.input[1], c.input[2], c.input[3])
        let (kw, kh, O) = (c.kernel[0], c.kernel[1], c.kernel[3])
        let ow = outputSize(W, kw, c.stride[0], c.pad[0], c.pad[1], c.dilation[0])
        let oh = outputSize(H, kh, c.stride[1], c.pad[2], c.pad[3], c.dilation[1])
        for n in 0..<N { for o in 0..<O { for j in 0..<oh { for i in 0..<ow {
            for ch in 0..<C { for b in 0..<kh { for a in 0..<kw {
                let ix = i * c.stride[0] - c.pad[0] + a * c.dilation[0], iy = j * c.stride[1] - c.pad[2] + b * c.dilation[1]
                guard ix >= 0 && ix < W && iy >= 0 && iy < H else { continue }
                let ka = c.flipped ? a : kw - 1 - a, kb = c.flipped ? b : kh - 1 - b
                body(i + ow * (j + oh * (o + O * n)), ix + W * (iy + H * (ch + C * n)), ka + kw * (kb + kh * (ch + C * o)))
            } } }
        } } } }
    }

    func run(_ c: Case, _ x: Tensor<Double>, _ w: Tensor<Double>) -> Tensor<Double> {
        conv(x, w, stride: c.stride, pad: c.pad, dilation: c.dilation, flipped: c.flipped)
    }

    /// `(∂/∂x, ∂/∂w)` of `Σ conv(x, w) ⊙ r`, through the autodiff core; a gradient is `nil` when its
    /// operand is not tracked.
    func gradients(_ c: Case, _ x: Tensor<Double>, _ w: Tensor<Double>, _ r: Tensor<Double>,
                   trackX: Bool = true, trackW: Bool = true) -> (Tensor<Double>?, Tensor<Double>?) {
        let context = RecordingContext(parameterCount: 2)
        let nx = trackX ? context.track(x) : nil, nw = trackW ? context.track(w) : nil
        let y = context.activate { run(c, x, w) }
        if let root = y.autodiffNode { backpropagate(from: root, seed: r, intoPersistentLeaves: false) }
        return (nx?.accumulatedGradient, nw?.accumulatedGradient)
    }

    @Test(arguments: cases)
    func forwardMatchesTheDefinition(_ c: Case) {
        var g = testGenerator(11)
        let x = uniformTensor(c.input, using: &g), w = uniformTensor(c.kernel, using: &g)
        let y = run(c, x, w)
        let ow = Self.outputSize(c.input[0], c.kernel[0], c.stride[0], c.pad[0], c.pad[1], c.dilation[0])
        let oh = Self.outputSize(c.input[1], c.kernel[1], c.stride[1], c.pad[2], c.pad[3], c.dilation[1])
        #expect(y.shape == [ow, oh, c.kernel[3], c.input[3]])
        var expected = [Double](repeating: 0, count: y.count)
        let xs = x.scalars, ws = w.scalars
        Self.forEachProduct(c) { yi, xi, wi in expected[yi] += xs[xi] * ws[wi] }
        #expect(approxEqual(y.scalars, expected, rtol: 1e-13, atol: 1e-13), "\(c)")
    }

    @Test(arguments: cases)
    func gradientsMatchCentralDifferences(_ c: Case) {
        var g = testGenerator(23)
        let x = uniformTensor(c.input, using: &g), w = uniformTensor(c.kernel, using: &g)
        let r = uniformTensor(run(c, x, w).shape, 0.5, 1.5, using: &g)
        func loss(_ x: Tensor<Double>, _ w: Tensor<Double>) -> Double {
            zip(run(c, x, w).scalars, r.scalars).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let (gx, gw) = gradients(c, x, w, r)
        let h = 1e-6
        for (tensor, analytic, name) in [(x, gx, "x"), (w, gw, "w")] {
            guard let analytic else {
                Issue.record("no gradient for \(name), \(c)")
                continue
            }
            #expect(analytic.shape == tensor.shape)
            for i in 0..<tensor.count {
                let saved = tensor[i]
                tensor[i] = saved + h
                let plus = name == "x" ? loss(tensor, w) : loss(x, tensor)
                tensor[i] = saved - h
                let minus = name == "x" ? loss(tensor, w) : loss(x, tensor)
                tensor[i] = saved
                let numeric = (plus - minus) / (2 * h)
                #expect(Swift.abs(analytic[i] - numeric) <= 1e-7 + 1e-6 * Swift.abs(numeric),
                        "∂/∂\(name)[\(i)]: analytic \(analytic[i]), numerical \(numeric), \(c)")
            }
        }
    }

    @Test func blockedPathGradientsMatchTheDirectAdjoint() {
        // 20×18 input, 3×3 kernel, 4 → 8 channels: pixels·taps·out ≥ 32768, so both pullbacks
        // take the transposed, blocked matrix-product path.
        let c = Case(input: [20, 18, 4, 2], kernel: [3, 3, 4, 8], stride: [1, 2], pad: [1, 2, 1, 0], dilation: [1, 1], flipped: false)
        var g = testGenerator(5)
        let x = uniformTensor(c.input, using: &g), w = uniformTensor(c.kernel, using: &g)
        let r = uniformTensor(run(c, x, w).shape, using: &g)
        let (gx, gw) = gradients(c, x, w, r)
        var ex = [Double](repeating: 0, count: x.count), ew = [Double](repeating: 0, count: w.count)
        let xs = x.scalars, ws = w.scalars, rs = r.scalars
        Self.forEachProduct(c) { yi, xi, wi in
            ex[xi] += rs[yi] * ws[wi]
            ew[wi] += rs[yi] * xs[xi]
        }
        #expect(approxEqual(gx?.scalars ?? [], ex, rtol: 1e-12, atol: 1e-12))
        #expect(approxEqual(gw?.scalars ?? [], ew, rtol: 1e-12, atol: 1e-12))
    }

    @Test func onlyTrackedOperandsGetGradients() {
        let c = Self.cases[1]
        var g = testGenerator(3)
        let x = uniformTensor(c.input, using: &g), w = uniformTensor(c.kernel, using: &g)
        let r = uniformTensor(run(c, x, w).shape, using: &g)
        let (gx, gwMissing) = gradients(c, x, w, r, trackW: false)
        let (gxMissing, gw) = gradients(c, x, w, r, trackX: false)
        let (bothX, bothW) = gradients(c, x, w, r)
        #expect(gwMissing == nil && gxMissing == nil)
        #expect(gx?.scalars == bothX?.scalars && gw?.scalars == bothW?.scalars)
        #expect(conv(x, w).autodiffNode == nil, "nothing is recorded outside a gradient call")
    }

    @Test func floatAgreesWithDouble() {
        let c = Self.cases[2]
        var g = testGenerator(9)
        let x = uniformTensor(c.input, using: &g), w = uniformTensor(c.kernel, using: &g)
        let y = run(c, x, w)
        let yf = conv(Tensor<Float>(x), Tensor<Float>(w), stride: c.stride, pad: c.pad, dilation: c.dilation)
        #expect(approxEqual(yf.scalars, y.scalars.map(Float.init), rtol: 1e-5, atol: 1e-5))
    }

    @Test func argumentExpansion() {
        #expect(expandConvolutionArgument([2], to: 2, name: "stride") == [2, 2])
        #expect(expandConvolutionArgument([2, 1], to: 2, name: "stride") == [2, 1])
        #expect(expandConvolutionArgument([1], to: 4, name: "pad") == [1, 1, 1, 1])
        #expect(expandConvolutionArgument([1, 2], to: 4, name: "pad") == [1, 1, 2, 2])
        #expect(expandConvolutionArgument([1, 2, 3, 4], to: 4, name: "pad") == [1, 2, 3, 4])
        let x = Tensor<Double>(shape: [5, 5, 1, 1], repeating: 1), w = Tensor<Double>(shape: [3, 3, 1, 1], repeating: 1)
        #expect(conv(x, w, pad: [1, 0]).shape == [5, 3, 1, 1], "pad [w, h] pads both sides of each dimension")
        #expect(conv(x, w, stride: [2]).shape == [2, 2, 1, 1])
    }

    @Test func mismatchedChannelsStop() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = conv(Tensor<Double>(shape: [5, 5, 2, 1], repeating: 1), Tensor<Double>(shape: [3, 3, 3, 1], repeating: 1))
        }
        if let result {
            let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(stderr.contains("(5, 5, 2, 1)") && stderr.contains("(3, 3, 3, 1)"), "stderr: \(stderr)")
        }
    }

    @Test func kernelLargerThanPaddedInputStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = conv(Tensor<Double>(shape: [2, 2, 1, 1], repeating: 1), Tensor<Double>(shape: [3, 3, 1, 1], repeating: 1))
        }
        if let result {
            let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(stderr.contains("does not fit"), "stderr: \(stderr)")
        }
    }

    @Test func badPaddingLengthStops() async {
        await #expect(processExitsWith: .failure) {
            _ = conv(Tensor<Double>(shape: [5, 5, 1, 1], repeating: 1), Tensor<Double>(shape: [3, 3, 1, 1], repeating: 1), pad: [1, 1, 1])
        }
    }
}
