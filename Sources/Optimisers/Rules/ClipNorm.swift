import Optimise
import Tensors

/// Rescales the gradient to a norm of at most ω (Optimisers.jl `ClipNorm(ω = 10, p = 2; throw = true)`).
///
/// ν = ‖dx‖ₚ;  step = dx · min(ω/ν, 1)
///
/// `p` may be 2, 1, `.infinity`, 0 (the count of non-zeros), `-.infinity` or any other real.
/// Unlike Flux's `ClipNorm`, it always multiplies, and with `throw` (the default) a non-finite
/// norm throws ``NonFiniteNormError`` before anything changes; without it the NaN or Inf
/// propagates. No state.
public struct ClipNorm: AbstractRule {
    /// The largest norm ω.
    public var omega: Double
    /// Which norm.
    public var p: Double
    /// Whether a non-finite norm throws.
    public var throwsOnNonFinite: Bool

    /// `ClipNorm(ω = 10, p = 2; throw = true)`.
    public init(_ omega: Double = 10, _ p: Double = 2, throw: Bool = true) {
        precondition(omega >= 0, "ClipNorm: ω must be ≥ 0, got \(omega)")
        self.omega = omega
        self.p = p
        self.throwsOnNonFinite = `throw`
    }

    /// `ClipNorm(omega:p:throw:)`.
    public init(omega: Double, p: Double = 2, throw: Bool = true) { self.init(omega, p, throw: `throw`) }

    /// No state.
    public func `init`<T: TensorScalar>(_ x: Tensor<T>) {}

    /// Whether a non-finite norm throws.
    public var mayThrow: Bool { throwsOnNonFinite }

    /// `dx · min(ω/ν, 1)`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func apply<T: TensorScalar>(_ state: Void, _ x: Tensor<T>, _ dx: Tensor<T>) throws -> (Void, Tensor<T>?) {
        let factor = T(Swift.min(omega / Double(try norm(of: dx)), 1))
        dx.withUnsafeMutableBufferPointer { g in
            for i in 0..<g.count { g[i] *= factor }
        }
        return ((), dx)
    }

    /// ‖dx‖ₚ, checked when `throw` is set.
    private func norm<T: TensorScalar>(of dx: Tensor<T>) throws -> T {
        let ν = dx.withUnsafeBufferPointer { pNorm($0, p) }
        if throwsOnNonFinite && !ν.isFinite {
            throw NonFiniteNormError(p: p, norm: Double(ν), shape: dx.shape)
        }
        return ν
    }

    /// Changes `omega`.
    public func adjusted(_ changes: Adjustment) -> ClipNorm {
        var rule = self
        changes.apply(changes.omega, to: &rule.omega)
        return rule
    }
}

/// Thrown by ``ClipNorm`` when a gradient's norm is NaN or infinite (Julia's `DomainError`).
public struct NonFiniteNormError: Error, CustomStringConvertible {
    /// The norm's p.
    public let p: Double
    /// The norm found.
    public let norm: Double
    /// The gradient's shape.
    public let shape: [Int]

    /// `gradient has 2-norm NaN, for an array of shape (2, 3)`.
    public var description: String {
        "ClipNorm: gradient has \(p)-norm \(norm), for an array of shape \(formatShape(shape)); expected a finite norm (use ClipNorm(…, throw: false) to let it through)"
    }
}

/// Julia's `norm(x, p)`: 2 (overflow-safe), 1, ±∞, 0, or a general p scaled by the largest |xᵢ|.
func pNorm<T: TensorScalar>(_ x: UnsafeBufferPointer<T>, _ p: Double) -> T {
    switch p {
    case 2: return twoNorm(x)
    case 1: return x.reduce(0) { $0 + Swift.abs($1) }
    case .infinity: return x.reduce(0) { juliaMax($0, Swift.abs($1)) }
    case -.infinity: return x.reduce(T.infinity) { juliaMin($0, Swift.abs($1)) }
    case 0: return T(x.reduce(0) { $0 + ($1 != 0 ? 1 : 0) })
    default:
        let largest = x.reduce(0) { juliaMax($0, Swift.abs($1)) }
        guard largest.isFinite, largest != 0 else { return largest }
        let power = T(p)
        let total = x.reduce(T(0)) { $0 + T.pow(Swift.abs($1) / largest, power) }
        return T.pow(total, 1 / power) * largest
    }
}

