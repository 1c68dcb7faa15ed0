import Testing
@testable import Optimise
import Tensors
import Tracker

/// The docs' optimiser interface example, ported: a user-defined Momentum with a velocity IdDict.
///
/// ```julia
/// mutable struct Momentum; eta; rho; velocity; end
/// Momentum(eta::Real, rho::Real) = Momentum(eta, rho, IdDict())
/// function Flux.Optimise.apply!(o::Momentum, x, Δ)
///   η, ρ = o.eta, o.rho
///   v = get!(o.velocity, x, zero(x))::typeof(x)
///   @. v = ρ * v - η * Δ
///   @. Δ = -v
/// end
/// ```
final class MyMomentum: AbstractOptimiser {
    var eta: Double
    var rho: Double
    let velocity = IdDict()
    init(_ eta: Double, _ rho: Double) { self.eta = eta; self.rho = rho }

    func apply<S: TensorScalar>(_ x: Tensor<S>, _ Δ: Tensor<S>) -> Tensor<S> {
        let η = S(eta), ρ = S(rho)
        let v = velocity.get(x, default: x.zerosLike())
        v.withUnsafeMutableBufferPointer { vp in
            Δ.withUnsafeMutableBufferPointer { dp in
                for i in 0..<vp.count {
                    vp[i] = ρ * vp[i] - η * dp[i]
                    dp[i] = -vp[i]
                }
            }
        }
        return Δ
    }
}

/// Every constructor call in shared/seeds/flux-optimise-0.13-docs.md compiles unchanged, and the
/// defaults match the spec's table (flux_optimise_spec.md §2.1).
@Suite("Constructor spellings and defaults")
struct ConstructorSpellingTests {
    @Test func docsSpellingsCompileWithTheirValues() {
        var opt: any AbstractOptimiser
        opt = Descent(0.1); #expect((opt as! Descent).eta == 0.1)
        opt = Descent(); #expect((opt as! Descent).eta == 0.1)
        opt = Descent(0.3); #expect((opt as! Descent).eta == 0.3)
        let m = Momentum(0.01, 0.99); #expect(m.eta == 0.01 && m.rho == 0.99)
        let n = Nesterov(0.003, 0.95); #expect(n.eta == 0.003 && n.rho == 0.95)
        let r = RMSProp(0.002, 0.95); #expect(r.eta == 0.002 && r.rho == 0.95 && r.epsilon == 1e-8)
        let a = ADAM(0.001, (0.9, 0.8)); #expect(a.eta == 0.001 && a.beta == (0.9, 0.8))
        let ra = RADAM(0.001, (0.9, 0.8)); #expect(ra.beta == (0.9, 0.8))
        let am = AdaMax(0.001, (0.9, 0.995)); #expect(am.beta == (0.9, 0.995))
        let ag = ADAGrad(0.001); #expect(ag.eta == 0.001 && ag.epsilon == 1e-8)
        let ad = ADADelta(0.89); #expect(ad.rho == 0.89 && ad.epsilon == 1e-8)
        let ams = AMSGrad(0.001, (0.89, 0.995)); #expect(ams.beta == (0.89, 0.995))
        let na = NADAM(0.002, (0.89, 0.995)); #expect(na.eta == 0.002 && na.beta == (0.89, 0.995))
        let aw = ADAMW(0.001, (0.89, 0.995), 0.1)
        #expect(aw.count == 2)
        #expect((aw[0] as! Adam).eta == 0.001 && (aw[0] as! Adam).beta == (0.89, 0.995) && (aw[0] as! Adam).epsilon == 1e-8)
        #expect((aw[1] as! WeightDecay).wd == 0.1)
        let oa = OADAM(0.001, (0.9, 0.995)); #expect(oa.beta == (0.9, 0.995))
        let ab = AdaBelief(0.001, (0.9, 0.8)); #expect(ab.beta == (0.9, 0.8))
        let c1 = Optimiser(ExpDecay(0.001, 0.1, 1000, 1e-4), Descent())
        let e = c1.member(0, as: ExpDecay.self)
        #expect(e.eta == 0.001 && e.decay == 0.1 && e.step == 1000 && e.clip == 1e-4 && e.start == 0)
        let c2 = Optimiser(ExpDecay(), ADAM()); #expect(c2.count == 2 && c2[1] is Adam)
        let c3 = Optimiser(ClipValue(1e-3), ADAM(1e-3))
        #expect(c3.member(0, as: ClipValue.self).thresh == 1e-3 && c3.member(1, as: Adam.self).eta == 1e-3)
        let i = InvDecay(); #expect(i.gamma == 0.001)
        let w = WeightDecay(); #expect(w.wd == 0)
        // the no-argument forms from the docs
        _ = [Momentum(), Nesterov(), RMSProp(), ADAM(), RADAM(), AdaMax(), ADAGrad(), ADADelta(), AMSGrad(), NADAM(),
             OADAM(), AdaBelief()] as [any AbstractOptimiser]
        _ = ADAMW()
        _ = ClipNorm(1.0)
        _ = SignDecay()
    }

    @Test func defaultsMatchTheSpecTable() {
        #expect(Descent().eta == 0.1)
        #expect(Momentum().eta == 0.01 && Momentum().rho == 0.9)
        #expect(Nesterov().eta == 0.001 && Nesterov().rho == 0.9)
        let r = RMSProp(); #expect(r.eta == 0.001 && r.rho == 0.9 && r.epsilon == 1e-8)
        for (eta, beta, eps) in [(Adam().eta, Adam().beta, Adam().epsilon), (RAdam().eta, RAdam().beta, RAdam().epsilon),
                                 (AdaMax().eta, AdaMax().beta, AdaMax().epsilon), (AMSGrad().eta, AMSGrad().beta, AMSGrad().epsilon),
                                 (NAdam().eta, NAdam().beta, NAdam().epsilon), (AdaBelief().eta, AdaBelief().beta, AdaBelief().epsilon)] {
            #expect(eta == 0.001 && beta == (0.9, 0.999) && eps == 1e-8)
        }
        let o = OAdam(); #expect(o.eta == 0.001 && o.beta == (0.5, 0.9) && o.epsilon == 1e-8)
        let g = AdaGrad(); #expect(g.eta == 0.1 && g.epsilon == 1e-8)
        let d = AdaDelta(); #expect(d.rho == 0.9 && d.epsilon == 1e-8)
        let w = AdamW()
        #expect(w.count == 2)
        let wa = w.member(0, as: Adam.self)
        #expect(wa.eta == 0.001 && wa.beta == (0.9, 0.999) && wa.epsilon == 1e-8)
        #expect(w.member(1, as: WeightDecay.self).wd == 0)
        let e = ExpDecay(); #expect(e.eta == 0.001 && e.decay == 0.1 && e.step == 1000 && e.clip == 1e-4 && e.start == 0)
        #expect(InvDecay().gamma == 0.001)
        #expect(WeightDecay().wd == 0)
        #expect(SignDecay().lambda == Float(1e-3))
        #expect(Double(SignDecay().lambda) == 0.0010000000474974513)
        #expect(Double(SignDecay(0.01).lambda) == 0.009999999776482582)
        #expect(ClipValue(2).thresh == 2 && ClipNorm(3).thresh == 3)
    }

    @Test func fluxTwelveAliasesAreTheSameTypes() {
        #expect(ADAM.self == Adam.self)
        #expect(RADAM.self == RAdam.self)
        #expect(OADAM.self == OAdam.self)
        #expect(ADAGrad.self == AdaGrad.self)
        #expect(ADADelta.self == AdaDelta.self)
        #expect(NADAM.self == NAdam.self)
    }

    @Test func labelledInitialisers() {
        let a = Adam(eta: 0.01, beta: (0.8, 0.9), epsilon: 1e-6)
        #expect(a.eta == 0.01 && a.beta == (0.8, 0.9) && a.epsilon == 1e-6)
        #expect(Descent(eta: 0.2).eta == 0.2)
        #expect(Momentum(eta: 0.2, rho: 0.5).rho == 0.5)
        #expect(Nesterov(eta: 0.2).eta == 0.2)
        #expect(RMSProp(eta: 0.2, rho: 0.5, epsilon: 1e-3).epsilon == 1e-3)
        #expect(AdaGrad(eta: 0.2).eta == 0.2)
        #expect(AdaDelta(rho: 0.5).rho == 0.5)
        #expect(ExpDecay(eta: 0.5, decay: 0.2, decayStep: 10, clip: 1e-3, start: 4).start == 4)
        #expect(InvDecay(gamma: 0.3).gamma == 0.3)
        #expect(WeightDecay(wd: 0.3).wd == 0.3)
        #expect(ClipValue(thresh: 0.3).thresh == 0.3)
        #expect(ClipNorm(thresh: 0.3).thresh == 0.3)
        #expect(SignDecay(lambda: 0.5).lambda == 0.5)
    }

    @Test func etaAssignmentTakesEffect() throws {
        let opt = Descent(0.1)
        opt.eta = 0.01
        let x = vec([1])
        try update(opt, x, vec([1]))
        expectClose(x.scalars, [0.99], rtol: 1e-15)
        // schedules set eta between steps of a stateful rule: the state is kept
        let m = Momentum(0.1, 0.9)
        let y = vec([0])
        try update(m, y, vec([1]))               // v = −0.1
        m.eta = 0.01
        try update(m, y, vec([1]))               // v = 0.9·(−0.1) − 0.01
        expectClose(y.scalars, [-0.1 - 0.1], rtol: 1e-15)
    }

    @Test func userDefinedRuleWorksWithUpdateAndTrain() throws {
        let opt = MyMomentum(0.1, 0.9)
        let W = vec([1, 2]), b = vec([0])
        let ps = params(W, b)
        let gs = Grads(ps)
        gs[W] = vec([1, -1])
        gs[b] = vec([2])
        try update(opt, ps, gs)
        #expect(gs[W]!.scalars == [1, -1], "the default update copies the gradient before apply")
        expectClose(W.scalars, [0.9, 2.1], rtol: 1e-15)
        expectClose(b.scalars, [-0.2], rtol: 1e-15)
        // and with train: same numbers as the built-in Momentum
        let V = vec([1, 2]), U = vec([1, 2])
        let data = [vec([1, 0]), vec([0.5, 2]), vec([-1, 1])]
        try train({ (x: Tensor<Double>) -> Tensor<Double> in sum(V .* x) }, params(V), data, MyMomentum(0.1, 0.9))
        try train({ (x: Tensor<Double>) -> Tensor<Double> in sum(U .* x) }, params(U), data, Momentum(0.1, 0.9))
        #expect(V.scalars == U.scalars)
        // in a chain
        let X = vec([1])
        try update(Optimiser(WeightDecay(1), MyMomentum(0.5, 0)), X, vec([1]))
        expectClose(X.scalars, [1 - 0.5 * (1 + 1)], rtol: 1e-15)
    }
}
