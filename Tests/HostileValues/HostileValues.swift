import Tensors

// Hostile values for the robustness tests of both optimiser APIs (Tests/OptimiseTests and
// Tests/OptimisersTests): seeded shapes and values — ordinary, ±0, NaN, ±Inf, huge, tiny,
// mixtures — and comparisons that treat every NaN as equal.

/// How a gradient (or a parameter) is filled.
public enum HostileClass: String, CaseIterable, Sendable {
    case ordinary, zeros, nan, plusInfinity, minusInfinity, huge, tiny, mixture

    /// The classes parameters are drawn from (parameters are always finite).
    public static let parameterClasses: [HostileClass] = [.ordinary, .zeros, .huge, .tiny, .mixture]
}

/// A seeded source of shapes and hostile values.
public struct HostileSource {
    private var generator: Xoshiro256StarStar

    public init(seed: UInt64) { generator = Xoshiro256StarStar(seed: seed) }

    /// A uniform integer in `0 ..< n`.
    public mutating func int(_ n: Int) -> Int { Int.random(in: 0 ..< n, using: &generator) }

    /// `true` with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { Double.random(in: 0 ..< 1, using: &generator) < p }

    /// One of `options`.
    public mutating func pick<T>(_ options: [T]) -> T { options[int(options.count)] }

    /// ±1.
    public mutating func sign<S: TensorScalar>(_: S.Type) -> S { chance(0.5) ? -1 : 1 }

    /// ±[1e-3, 10): a mantissa in [1, 10) times 10⁻³ … 10⁰.
    public mutating func ordinary<S: TensorScalar>(_: S.Type) -> S {
        let mantissa = Double.random(in: 1 ..< 10, using: &generator)
        let scale = pick([1e-3, 1e-2, 1e-1, 1.0])
        return S(mantissa * scale) * sign(S.self)
    }

    /// ±0.
    public mutating func zero<S: TensorScalar>(_: S.Type) -> S { chance(0.25) ? -S(0) : S(0) }

    /// ±(the largest finite value, just below it, 1e30-ish).
    public mutating func huge<S: TensorScalar>(_: S.Type) -> S {
        pick([S.greatestFiniteMagnitude, S.greatestFiniteMagnitude.nextDown, S(1e30), S(3.5e30)]) * sign(S.self)
    }

    /// ±(the least non-zero value, a subnormal, the largest subnormal, the least normal, 1e-30).
    public mutating func tiny<S: TensorScalar>(_: S.Type) -> S {
        let subnormal = S.leastNormalMagnitude / S(1 << (1 + int(20)))
        return pick([S.leastNonzeroMagnitude, subnormal, S.leastNormalMagnitude.nextDown, S.leastNormalMagnitude, S(1e-30)])
            * sign(S.self)
    }

    /// One gradient element of `kind`.
    public mutating func gradientValue<S: TensorScalar>(_ kind: HostileClass, _: S.Type) -> S {
        switch kind {
        case .ordinary: return ordinary(S.self)
        case .zeros: return zero(S.self)
        case .nan: return chance(0.35) ? S.nan : ordinary(S.self)
        case .plusInfinity: return chance(0.35) ? S.infinity : ordinary(S.self)
        case .minusInfinity: return chance(0.35) ? -S.infinity : ordinary(S.self)
        case .huge: return chance(0.5) ? huge(S.self) : ordinary(S.self)
        case .tiny: return chance(0.8) ? tiny(S.self) : zero(S.self)
        case .mixture:
            return gradientValue(pick([.ordinary, .zeros, .nan, .plusInfinity, .minusInfinity, .huge, .tiny]), S.self)
        }
    }

    /// One parameter element of `kind` (one of ``HostileClass/parameterClasses``).
    public mutating func parameterValue<S: TensorScalar>(_ kind: HostileClass, _: S.Type) -> S {
        switch kind {
        case .zeros: return zero(S.self)
        case .huge: return huge(S.self)
        case .tiny: return tiny(S.self)
        case .mixture: return parameterValue(pick([.ordinary, .zeros, .huge, .tiny]), S.self)
        default: return ordinary(S.self)
        }
    }

    /// `count` gradient elements of `kind`.
    public mutating func gradient<S: TensorScalar>(_ count: Int, _ kind: HostileClass, _: S.Type) -> [S] {
        (0 ..< count).map { _ in gradientValue(kind, S.self) }
    }

    /// A shape of rank 0–3 with dimensions from {0, 1, 1, 2, 3, 4, 5}; `forced` picks a 0-d
    /// (`.scalar`) or an empty (`.empty`) shape.
    public mutating func shape(_ forced: ForcedShape? = nil) -> [Int] {
        switch forced {
        case .scalar: return []
        case .empty:
            var dims = (0 ..< 1 + int(3)).map { _ in 1 + int(4) }
            dims[int(dims.count)] = 0
            return dims
        case .nonEmpty: return (0 ..< int(4)).map { _ in 1 + int(4) }
        case nil: return (0 ..< int(4)).map { _ in pick([0, 1, 1, 2, 3, 4, 5]) }
        }
    }

    /// A shape that differs from `shape`: one more or one fewer dimension, a dimension grown or
    /// shrunk, or the dimensions reversed (same count).
    public mutating func otherShape(than shape: [Int]) -> [Int] {
        var candidates: [[Int]] = [shape + [1], shape + [0], [shape.reduce(1, *) + 1]]
        if !shape.isEmpty {
            candidates.append(Array(shape.dropLast()))
            var grown = shape
            grown[int(shape.count)] += 1
            candidates.append(grown)
            candidates.append(shape.reversed())
            candidates.append([shape.reduce(1, *)])
        }
        return pick(candidates.filter { $0 != shape })
    }
}

/// The shapes ``HostileSource/shape(_:)`` can be told to draw.
public enum ForcedShape: Sendable { case scalar, empty, nonEmpty }

// Comparing values

/// Equal bit patterns, or both NaN (a NaN's payload is not part of any contract).
public func same<S: TensorScalar>(_ a: S, _ b: S) -> Bool {
    (a.isNaN && b.isNaN) || (a == b && a.sign == b.sign)
}

public func same<S: TensorScalar>(_ a: [S], _ b: [S]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
}

/// Finite with |v| ≤ 10: what an ordinary, tiny or zero value is.
public func isTame<S: TensorScalar>(_ v: S) -> Bool { v.isFinite && Swift.abs(v) <= 10 }

/// The number of elements of a shape.
public func elementCount(_ shape: [Int]) -> Int { shape.reduce(1, *) }
