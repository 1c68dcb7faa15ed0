import Foundation
import Testing
import Tensors
import Tracker

/// A central-difference check of every differentiable operation in Sources/Tensors/Operations,
/// on `Double`, with random shapes and inputs away from kinks.
@Suite("Finite-difference gradient checks")
struct GradientCheckTests {
    /// A generator for test `seed`.
    static func rng(_ seed: Int) -> Xoshiro256StarStar { Xoshiro256StarStar(seed: UInt64(seed) &* 0x9E37_79B9 &+ 11) }

    /// Random matrix dimensions, 1...5 by 1...5, so size-1 dimensions occur.
    static func dims(_ g: inout Xoshiro256StarStar) -> (Int, Int) {
        (Int.random(in: 1...5, using: &g), Int.random(in: 1...5, using: &g))
    }

    // MARK: broadcasting arithmetic

    @Test(arguments: 0..<4)
    func broadcastArithmeticSameShape(_ seed: Int) {
        var g = Self.rng(seed)
        let (m, n) = Self.dims(&g)
        let a = uniformTensor([m, n], using: &g), b = awayFromZero([m, n], 0.5, 2, using: &g)
        checkGradient({ $0 .+ b }, at: a, ".+ left")
        checkGradient({ a .+ $0 }, at: b, ".+ right")
        checkGradient({ $0 .- b }, at: a, ".- left")
        checkGradient({ a .- $0 }, at: b, ".- right")
        checkGradient({ $0 .* b }, at: a, ".* left")
        checkGradient({ a .* $0 }, at: b, ".* right")
        checkGradient({ $0 ./ b }, at: a, "./ left")
        checkGradient({ a ./ $0 }, at: b, "./ right")
        // the same operand on both sides
        checkGradient({ $0 .* $0 }, at: a, "x .* x")
        checkGradient({ $0 ./ ($0 .* $0 .+ 1.0) }, at: a, "x ./ (x² + 1)")
    }

    /// Pairs of shapes that broadcast, including size-1 dimensions, vectors, 0-d tensors and
    /// rank 3; the gradient of the stretched operand must be summed back to its shape.
    static let broadcastPairs: [([Int], [Int])] = [
        ([3, 4], [3]), ([3, 4], [1, 4]), ([3, 1], [1, 4]), ([3, 4], [1, 1]), ([3, 4], [1]),
        ([3, 4], []), ([2, 3, 4], [2, 1, 4]), ([2, 3, 4], [1, 3, 1]), ([4], [4, 3]), ([2, 1, 3], [2, 4]),
        ([1], [5]), ([2, 3], [2, 3, 1]),
    ]

    @Test(arguments: 0..<broadcastPairs.count)
    func broadcastArithmeticWithStretchedOperands(_ which: Int) {
        let (sa, sb) = Self.broadcastPairs[which]
        var g = Xoshiro256StarStar(seed: UInt64(100 + which))
        let a = uniformTensor(sa, using: &g), b = awayFromZero(sb, 0.5, 2, using: &g)
        let label = "\(sa) with \(sb)"
        checkGradient({ $0 .+ b }, at: a, ".+ left \(label)")
        checkGradient({ a .+ $0 }, at: b, ".+ right \(label)")
        checkGradient({ $0 .- b }, at: a, ".- left \(label)")
        checkGradient({ a .- $0 }, at: b, ".- right \(label)")
        checkGradient({ $0 .* b }, at: a, ".* left \(label)")
        checkGradient({ a .* $0 }, at: b, ".* right \(label)")
        checkGradient({ $0 ./ b }, at: a, "./ left \(label)")
        checkGradient({ a ./ $0 }, at: b, "./ right \(label)")
        // and with the operands swapped
        let positive = a .* a .+ 1.0
        checkGradient({ b .* $0 }, at: a, ".* swapped \(label)")
        checkGradient({ b .- $0 }, at: a, ".- swapped \(label)")
        checkGradient({ b ./ ($0 .* $0 .+ 1.0) }, at: a, "./ swapped \(label)")
        checkGradient({ $0 .* a }, at: b, ".* swapped \(label)")
        checkGradient({ $0 .- a }, at: b, ".- swapped \(label)")
        checkGradient({ $0 ./ positive }, at: b, "./ swapped \(label)")
    }

    @Test(arguments: 0..<3)
    func scalarOperands(_ seed: Int) {
        var g = Self.rng(seed)
        let (m, n) = Self.dims(&g)
        let x = awayFromZero([m, n], 0.3, 2, using: &g)
        checkGradient({ $0 .+ 1.5 }, at: x, "x .+ s")
        checkGradient({ 1.5 .+ $0 }, at: x, "s .+ x")
        checkGradient({ $0 .- 1.5 }, at: x, "x .- s")
        checkGradient({ 1.5 .- $0 }, at: x, "s .- x")
        checkGradient({ $0 .* -2.5 }, at: x, "x .* s")
        checkGradient({ -2.5 .* $0 }, at: x, "s .* x")
        checkGradient({ $0 ./ 4.0 }, at: x, "x ./ s")
        checkGradient({ 3.0 ./ $0 }, at: x, "s ./ x")
    }

    @Test(arguments: [2.0, 3.0, 1.0, 0.0, -1.0, 0.5, 2.5, -1.5])
    func power(_ p: Double) {
        var g = Xoshiro256StarStar(seed: UInt64(p.bitPattern % 1000))
        // positive inputs so that non-integer exponents are defined
        let x = uniformTensor([3, 2], 0.3, 2, using: &g)
        checkGradient({ $0 .^ p }, at: x, "x .^ \(p)")
        if p == p.rounded() {
            let y = awayFromZero([4], using: &g)
            checkGradient({ $0 .^ p }, at: y, "x .^ \(p) with negative x")
        }
    }

    @Test(arguments: 0..<3)
    func undottedArithmetic(_ seed: Int) {
        var g = Self.rng(seed)
        let (m, n) = Self.dims(&g)
        let a = uniformTensor([m, n], using: &g), b = uniformTensor([m, n], using: &g)
        checkGradient({ -$0 }, at: a, "unary -")
        checkGradient({ $0 + b }, at: a, "+ left")
        checkGradient({ b + $0 }, at: a, "+ right")
        checkGradient({ $0 - b }, at: a, "- left")
        checkGradient({ b - $0 }, at: a, "- right")
        checkGradient({ 3.0 * $0 }, at: a, "s * x")
        checkGradient({ $0 * -0.5 }, at: a, "x * s")
        checkGradient({ $0 / 8.0 }, at: a, "x / s")
        checkGradient({ $0 + $0 - 0.25 * $0 }, at: a, "x + x - x/4")
    }

    // MARK: matrix product and shapes

    @Test(arguments: 0..<4)
    func matrixProduct(_ seed: Int) {
        var g = Self.rng(seed)
        let (m, n) = Self.dims(&g)
        let k = Int.random(in: 1...6, using: &g)
        let a = uniformTensor([m, k], using: &g), b = uniformTensor([k, n], using: &g)
        let v = uniformTensor([k], using: &g)
        checkGradient({ $0 * b }, at: a, "A*B wrt A (\(m)×\(k)·\(k)×\(n))")
        checkGradient({ a * $0 }, at: b, "A*B wrt B (\(m)×\(k)·\(k)×\(n))")
        checkGradient({ $0 * v }, at: a, "A*v wrt A")
        checkGradient({ a * $0 }, at: v, "A*v wrt v")
        // a vector times a 1×n row (outer product)
        let row = uniformTensor([1, n], using: &g), col = uniformTensor([m], using: &g)
        checkGradient({ $0 * row }, at: col, "vector * row wrt vector")
        checkGradient({ col * $0 }, at: row, "vector * row wrt row")
        // a square matrix times itself
        let s = uniformTensor([k, k], using: &g)
        checkGradient({ $0 * $0 }, at: s, "S*S")
    }

    @Test func matrixProductOnTheBlockedPath() {
        // 9×40 times 40×100: large enough for the blocked kernel (m ≥ 8, n ≥ 4, m·n·k ≥ 32768)
        var g = Xoshiro256StarStar(seed: 77)
        let a = uniformTensor([9, 40], using: &g), b = uniformTensor([40, 100], using: &g)
        checkGradient({ $0 * b }, at: a, "blocked A*B wrt A")
        // The pullbacks G·Bᵀ (9×100 by 100×40) and Aᵀ·G (40×9 by 9×100) are blocked products too,
        // reading the transposed factor in place.
        checkGradient({ a * $0 }, at: b, "blocked A*B wrt B")
    }

    @Test(arguments: 0..<3)
    func transposeAndPrime(_ seed: Int) {
        var g = Self.rng(seed)
        let (m, n) = Self.dims(&g)
        let a = uniformTensor([m, n], using: &g), v = uniformTensor([n], using: &g)
        checkGradient({ transpose($0) }, at: a, "transpose(matrix)")
        checkGradient({ $0′ }, at: a, "matrix′")
        checkGradient({ $0′ }, at: v, "vector′")
        checkGradient({ $0′ * $0 }, at: a, "AᵀA")
    }

    @Test(arguments: 0..<3)
    func reshapeAndVec(_ seed: Int) {
        var g = Self.rng(seed)
        let (m, n) = Self.dims(&g)
        let a = uniformTensor([m, n, 2], using: &g)
        checkGradient({ reshape($0, n, 2 * m) }, at: a, "reshape")
        checkGradient({ reshape($0, -1, m) }, at: a, "reshape with -1")
        checkGradient({ reshape($0, [2 * m * n]) }, at: a, "reshape to a vector")
        checkGradient({ vec($0) }, at: a, "vec")
        // a reshape feeding a product, so the gradient really is reshaped back
        let w = uniformTensor([3, 2 * m * n], using: &g)
        checkGradient({ w * vec($0) }, at: a, "W * vec(x)")
    }

    @Test(arguments: 0..<3)
    func concatenation(_ seed: Int) {
        var g = Self.rng(seed)
        let (m, n) = Self.dims(&g)
        let a = uniformTensor([m, n], using: &g), b = uniformTensor([2, n], using: &g), c = uniformTensor([m, 3], using: &g)
        let u = uniformTensor([m], using: &g), w = uniformTensor([4], using: &g)
        checkGradient({ vcat($0, b) }, at: a, "vcat first")
        checkGradient({ vcat(b, $0) }, at: a, "vcat second")
        checkGradient({ vcat($0, w) }, at: u, "vcat vectors")
        checkGradient({ vcat($0, $0) }, at: a, "vcat(x, x)")
        checkGradient({ hcat($0, c) }, at: a, "hcat first")
        checkGradient({ hcat(c, $0) }, at: a, "hcat second")
        checkGradient({ hcat($0, u) }, at: a, "hcat matrix and vector")
        checkGradient({ hcat(a, $0, $0) }, at: u, "hcat vector columns")
    }

    @Test(arguments: 0..<3)
    func columnSelection(_ seed: Int) {
        var g = Self.rng(seed)
        let (m, _) = Self.dims(&g)
        let x = uniformTensor([m, 5], using: &g)
        checkGradient({ $0[columns: 1..<4] }, at: x, "columns range")
        checkGradient({ $0[columns: [4, 0, 2]] }, at: x, "columns indices")
        checkGradient({ $0[columns: [1, 1, 3]] }, at: x, "columns with a repeated index")
        checkGradient({ $0[column: 2] }, at: x, "single column")
        let v = uniformTensor([6], using: &g)
        checkGradient({ $0[columns: [5, 2]] }, at: v, "elements of a vector")
    }

    // MARK: elementwise functions

    @Test(arguments: 0..<3)
    func elementwiseFunctions(_ seed: Int) {
        var g = Self.rng(seed)
        let (m, n) = Self.dims(&g)
        let x = awayFromZero([m, n], 0.1, 2, using: &g)          // away from the kink at 0
        let p = uniformTensor([m, n], 0.2, 3, using: &g)           // positive, for log and sqrt
        checkGradient({ exp($0) }, at: x, "exp")
        checkGradient({ log($0) }, at: p, "log")
        checkGradient({ sqrt($0) }, at: p, "sqrt")
        checkGradient({ abs($0) }, at: x, "abs")
        checkGradient({ abs2($0) }, at: x, "abs2")
        checkGradient({ tanh($0) }, at: x, "tanh")
        checkGradient({ σ($0) }, at: x, "σ")
        checkGradient({ sigmoid($0) }, at: x, "sigmoid")
        checkGradient({ relu($0) }, at: x, "relu")
        checkGradient({ leakyrelu($0) }, at: x, "leakyrelu")
        checkGradient({ leakyrelu($0, 0.3) }, at: x, "leakyrelu(0.3)")
        checkGradient({ elu($0) }, at: x, "elu")
        checkGradient({ elu($0, 0.7) }, at: x, "elu(0.7)")
        checkGradient({ softplus($0) }, at: x, "softplus")
        checkGradient({ sign($0) }, at: x, "sign")
    }

    @Test func clampMaxMinAwayFromTheirThresholds() {
        // values well inside and well outside [-0.5, 0.5]
        let x = Tensor<Double>(shape: [2, 4], scalars: [-1.3, -0.2, 0.1, 0.45, 0.9, -0.7, 0.3, 2.0])
        checkGradient({ clamp($0, -0.5, 0.5) }, at: x, "clamp")
        checkGradient({ max($0, 0.25) }, at: x, "max with a scalar")
        checkGradient({ min($0, 0.25) }, at: x, "min with a scalar")
        checkGradient({ max($0, -0.5) .* min($0, 0.5) }, at: x, "max .* min")
    }

    @Test func elementwiseGradientValuesByHand() {
        // d/dx relu at ±1 is 1, 0; clamp passes inside only; sign has zero gradient
        let x = Tensor<Double>([-1, 1, 3])
        #expect(gradient({ sum(relu($0)) }, x)!.scalars == [0, 1, 1])
        #expect(gradient({ sum(clamp($0, 0, 2)) }, x)!.scalars == [0, 1, 0])
        #expect(gradient({ sum(sign($0)) }, x)!.scalars == [0, 0, 0])
        #expect(gradient({ sum(leakyrelu($0, 0.1)) }, x)!.scalars == [0.1, 1, 1])
        #expect(gradient({ sum(abs($0)) }, x)!.scalars == [-1, 1, 1])
    }

    // MARK: reductions

    @Test(arguments: 0..<3)
    func sumAndMean(_ seed: Int) {
        var g = Self.rng(seed)
        let (m, n) = Self.dims(&g)
        let x = uniformTensor([m, n], using: &g)
        checkGradient({ sum($0) }, at: x, "sum")
        checkGradient({ mean($0) }, at: x, "mean")
        checkGradient({ sum($0, dims: 1) }, at: x, "sum dims 1")
        checkGradient({ sum($0, dims: 2) }, at: x, "sum dims 2")
        checkGradient({ mean($0, dims: 1) }, at: x, "mean dims 1")
        checkGradient({ mean($0, dims: 2) }, at: x, "mean dims 2")
        let t = uniformTensor([2, 3, 4], using: &g)
        for d in 1...4 {
            checkGradient({ sum($0, dims: d) }, at: t, "3-d sum dims \(d)")
            checkGradient({ mean($0, dims: d) }, at: t, "3-d mean dims \(d)")
        }
        // a reduction feeding a broadcast (softmax-like normalisation)
        checkGradient({ $0 ./ sum(exp($0), dims: 1) }, at: x, "x ./ sum(exp(x), dims: 1)")
        checkGradient({ $0 .- mean($0) }, at: x, "x .- mean(x)")
    }

    @Test(arguments: 0..<3)
    func sumOfSquaredDifferencesInBothOperands(_ seed: Int) {
        var g = Self.rng(seed)
        let (m, n) = Self.dims(&g)
        let a = uniformTensor([m, n], using: &g), b = uniformTensor([m, n], using: &g)
        checkGradient({ sumOfSquaredDifferences($0, b) }, at: a, "Σ(a − b)² wrt a")
        checkGradient({ sumOfSquaredDifferences(a, $0) }, at: b, "Σ(a − b)² wrt b")
        checkGradient({ sumOfSquaredDifferences($0, b, dividedBy: 7) }, at: a, "Σ(a − b)²/7 wrt a")
        checkGradient({ sumOfSquaredDifferences(a, $0, dividedBy: 7) }, at: b, "Σ(a − b)²/7 wrt b")
        checkGradient({ sumOfSquaredDifferences($0, $0 .* $0) }, at: a, "Σ(x − x²)², x on both sides")
    }

    /// The fused reduction is the composed expression `sum(abs2(a .- b)) ./ n` operation for
    /// operation, so values and gradients agree to the last bit.
    @Test(arguments: 0..<3)
    func sumOfSquaredDifferencesMatchesTheComposedExpressionExactly(_ seed: Int) {
        var g = Self.rng(seed)
        let (m, n) = Self.dims(&g)
        let a = uniformTensor([m, n], using: &g), b = uniformTensor([m, n], using: &g)
        let count = Double(m * n)
        let fused = withgradient({ sumOfSquaredDifferences(a, b, dividedBy: count) }, params(a, b))
        let composed = withgradient({ sum(abs2(a .- b)) ./ count }, params(a, b))
        #expect(fused.value == composed.value)
        let (fa, fb): (Tensor<Double>, Tensor<Double>) = (fused.grads[a]!, fused.grads[b]!)
        let (ca, cb): (Tensor<Double>, Tensor<Double>) = (composed.grads[a]!, composed.grads[b]!)
        #expect(fa.scalars == ca.scalars)
        #expect(fb.scalars == cb.scalars)
    }

    @Test(arguments: 0..<3)
    func maximumAndMinimum(_ seed: Int) {
        var g = Self.rng(seed)
        let (m, n) = Self.dims(&g)
        let x = distinctTensor([m, n], using: &g)
        checkGradient({ maximum($0) }, at: x, "maximum")
        checkGradient({ minimum($0) }, at: x, "minimum")
        checkGradient({ maximum($0, dims: 1) }, at: x, "maximum dims 1")
        checkGradient({ maximum($0, dims: 2) }, at: x, "maximum dims 2")
        checkGradient({ minimum($0, dims: 1) }, at: x, "minimum dims 1")
        checkGradient({ minimum($0, dims: 2) }, at: x, "minimum dims 2")
        let t = distinctTensor([2, 3, 4], using: &g)
        for d in 1...3 {
            checkGradient({ maximum($0, dims: d) }, at: t, "3-d maximum dims \(d)")
            checkGradient({ minimum($0, dims: d) }, at: t, "3-d minimum dims \(d)")
        }
    }

    @Test(arguments: 0..<3)
    func euclideanNorm(_ seed: Int) {
        var g = Self.rng(seed)
        let (m, n) = Self.dims(&g)
        let x = awayFromZero([m, n], using: &g)
        checkGradient({ norm($0) }, at: x, "norm")
        checkGradient({ norm($0) .* norm($0) }, at: x, "norm²")
        // the gradient of norm is x / ‖x‖
        let grad = gradient({ norm($0) }, x)!
        let r = x.scalars.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(approxEqual(grad.scalars, x.scalars.map { $0 / r }, rtol: 1e-14))
    }

    // MARK: compositions

    @Test func denseLayerComposition() {
        var g = Xoshiro256StarStar(seed: 5)
        let W = uniformTensor([3, 4], using: &g), b = uniformTensor([3], using: &g)
        let X = uniformTensor([4, 6], using: &g), Y = uniformTensor([3, 6], using: &g)
        checkGradient({ sum((σ($0 * X .+ b) .- Y) .^ 2) }, at: W, "σ(W X .+ b) loss wrt W")
        checkGradient({ mean(abs2(tanh(W * X .+ $0) .- Y)) }, at: b, "tanh(W X .+ b) loss wrt b")
        checkGradient({ sum(softplus(W * $0) ./ 3.0) }, at: X, "softplus(W X) wrt X")
    }
}
