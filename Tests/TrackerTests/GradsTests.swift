import Foundation
import Testing
import Tensors
import Tracker

@Suite("Grads")
struct GradsTests {
    @Test func unusedParameterHasNilGradient() {
        let W = Tensor<Double>(rows: [[1, 2], [3, 4]]), unused = ones(3)
        let gs = gradient({ sum(W) }, params(W, unused))
        #expect(gs[W] != nil)
        #expect(gs[unused] == nil)
        #expect(!gs.hasGradient(unused))
        #expect(gs.hasGradient(W))
    }

    @Test func settableByHand() {
        let W = zeros(2, 3)
        let g = ones(2, 3)
        let gs = Grads()
        #expect(gs[W] == nil)
        gs[W] = g
        #expect(gs[W] === g)
        #expect(gs.hasGradient(W))
        // iteration includes a hand-set tensor that is not in params
        let pairs = Array(gs)
        #expect(pairs.count == 1)
        #expect(pairs[0].parameter === W)
        #expect(pairs[0].gradient === g)
        gs[W] = nil
        #expect(gs[W] == nil)
    }

    @Test func iterationFollowsParamsOrder() {
        let a = ones(2), b = ones(3), c = ones(4)
        let gs = gradient({ sum(a) .+ sum(c .* c) }, params(c, b, a))
        let order = gs.map { ObjectIdentifier($0.parameter) }
        #expect(order == [ObjectIdentifier(c), ObjectIdentifier(b), ObjectIdentifier(a)])
        let present = gs.map { $0.gradient != nil }
        #expect(present == [true, false, true])
        #expect(gs.params == params(c, b, a))
        // a hand-set extra comes after the parameters
        let extra = zeros(1)
        gs[extra] = ones(1)
        #expect(gs.map { ObjectIdentifier($0.parameter) }.last == ObjectIdentifier(extra))
    }

    @Test func typeErasedLookup() {
        let a = Tensor<Double>([1, 2])
        let gs = gradient({ sum(a .* a) }, params(a))
        let p: any TensorProtocol = a
        let g = gs[p]
        #expect(g != nil)
        #expect((g as? Tensor<Double>)?.scalars == [2, 4])
    }

    @Test func additionSubtractionAndScalingCountNilAsZeros() {
        let W = zeros(2), b = zeros(3)
        let ps = params(W, b)
        let g1 = Grads(ps), g2 = Grads(ps)
        g1[W] = Tensor<Double>([1, 2])
        g2[W] = Tensor<Double>([10, 20])
        g2[b] = Tensor<Double>([1, 1, 1])
        let total = g1 + g2
        #expect(total[W]?.scalars == [11, 22])
        #expect(total[b]?.scalars == [1, 1, 1])
        let diff = g1 - g2
        #expect(diff[W]?.scalars == [-9, -18])
        #expect(diff[b]?.scalars == [-1, -1, -1])
        let scaled = 2.0 * g1
        #expect(scaled[W]?.scalars == [2, 4])
        #expect(scaled[b]?.scalars == [0, 0, 0], "a missing gradient scales to zeros")
        let scaled2 = g2 * 0.5
        #expect(scaled2[W]?.scalars == [5, 10])
        #expect(scaled2[b]?.scalars == [0.5, 0.5, 0.5])
        // operands untouched
        #expect(g1[W]?.scalars == [1, 2])
        #expect(g1[b] == nil)
        #expect(g2[W]?.scalars == [10, 20])
    }

    @Test func arithmeticKeepsElementTypes() {
        let f = Tensor<Float>([1, 2]), d = Tensor<Double>([3])
        let ps = params(f, d)
        let g1 = Grads(ps)
        g1[f] = Tensor<Float>([0.5, 0.25])
        let g2 = gradient({ sum(d .* d) }, ps)
        let total = g1 + g2
        #expect(total[f]?.scalars == [Float(0.5), 0.25])
        #expect(total[d]?.scalars == [6])
        let s = 4.0 * total
        #expect(s[f]?.scalars == [Float(2), 1])
    }

    @Test func gradientOfAsTypedAndMismatch() throws {
        let f = Tensor<Float>([1, 2]), d = Tensor<Double>([1])
        let gs = Grads(params(f, d))
        gs[f] = Tensor<Float>([3, 4])
        let typed = try gs.gradient(of: f, as: Float.self)
        #expect(typed?.scalars == [Float(3), 4])
        #expect(try gs.gradient(of: d, as: Double.self) == nil)
        let error = #expect(throws: GradientTypeMismatch.self) { try gs.gradient(of: f, as: Double.self) }
        #expect(error?.requested == "Float64")
        #expect(error?.found == "Float32")
        #expect(error?.description.contains("Float64") == true)
        #expect(error?.description.contains("Float32") == true)
        #expect(throws: GradientTypeMismatch.self) { try gs.gradient(of: d, as: Float.self) }
    }

    @Test func returnedGradientsAreIndependentBuffers() {
        // a .+ b hands the same upstream gradient to both operands; the Grads entries must not alias
        let a = ones(3), b = ones(3)
        let gs = gradient({ sum(a .+ b) }, params(a, b))
        let ga: Tensor<Double> = gs[a]!, gb: Tensor<Double> = gs[b]!
        #expect(ga !== gb)
        ga[0] = 100
        #expect(gb[0] == 1)
    }
}
