/// Cosine annealing, with warm restarts by default (ParameterSchedulers `CosAnneal`; SGDR,
/// Loshchilov & Hutter).
///
/// t̂ = restart ? mod(t − 1, period) : t − 1
/// s(t) = range · (1 + cos(π · t̂ / period)) / 2 + offset
///
/// It starts at the **maximum** `offset + range`. With `restart` (the default) it decays for
/// `period` steps, reaching its lowest value at t̂ = period − 1 (the minimum `offset` itself is
/// never reached), and jumps back to the maximum at t = period + 1. With `restart: false` it is a
/// plain cosine of period 2·period: lowest at t = period + 1, then rising again (not clamped);
/// PyTorch's `CosineAnnealingLR(T_max = period)` is its first period + 1 values.
///
/// Spellings: `CosAnneal(l0:l1:period:restart:)` and `CosAnneal(λ0:λ1:period:restart:)` take the
/// two **endpoints** in any order; the positional `CosAnneal(range, offset, period, restart)`
/// takes the **range and offset** (v0.3+). `restart` defaults to `true`. The Flux docs'
/// `Cos(λ0 = 1e-4, λ1 = 1e-2, period = 10)` is ``Cos(λ0:λ1:period:)``. `period ≥ 1`.
public struct CosAnneal: ComposableSchedule, Equatable {
    /// The amplitude |l0 − l1|.
    public let range: Double
    /// The minimum min(l0, l1) (approached, never reached with restarts).
    public let offset: Double
    /// The number of steps per annealing cycle.
    public let period: Int
    /// Whether to restart at the maximum every `period` steps.
    public let restart: Bool

    /// `CosAnneal(range, offset, period, restart = true)`: values in `(offset, offset + range]`.
    public init(_ range: Double, _ offset: Double, _ period: Int, _ restart: Bool = true) {
        requirePositive(period, "CosAnneal period")
        self.range = range
        self.offset = offset
        self.period = period
        self.restart = restart
    }

    /// `CosAnneal(l0 = …, l1 = …, period = …, restart = true)`: endpoints, any order.
    public init(l0: Double, l1: Double, period: Int, restart: Bool = true) {
        self.init(Swift.abs(l0 - l1), Swift.min(l0, l1), period, restart)
    }

    /// `CosAnneal(λ0 = …, λ1 = …, period = …, restart = true)` (v0.3–v0.4.0 keywords): endpoints.
    public init(λ0: Double, λ1: Double, period: Int, restart: Bool = true) {
        self.init(l0: λ0, l1: λ1, period: period, restart: restart)
    }

    /// Fields `range, offset, period, restart` (for ``ComposedSchedule``; all four are required,
    /// as in Julia).
    public init(fields: [Double]) {
        requireFieldCount(fields, "CosAnneal", ["range", "offset", "period", "restart"])
        self.init(fields[0], fields[1], integerField(fields[2], "period", of: "CosAnneal"),
                  boolField(fields[3], "restart", of: "CosAnneal"))
    }

    /// s(t) = range · (1 + cos(π·t̂/period))/2 + offset, t̂ = restart ? mod(t − 1, period) : t − 1.
    public func callAsFunction(_ t: Int) -> Double {
        let t̂ = restart ? juliaMod(t - 1, period) : t - 1
        return cosineAnnealed(range, offset, t̂, period)
    }
}

/// The Flux docs' `Cos(λ0 = 1e-4, λ1 = 1e-2, period = 10)` (ParameterSchedulers v0.2 `Cos`, a
/// deprecated alias of `CosAnneal` in v0.3): cosine annealing with warm restarts between the
/// endpoints λ0 and λ1 (any order).
///
/// s(t) = |λ0 − λ1| · (1 + cos(π · mod(t − 1, period) / period)) / 2 + min(λ0, λ1)
///
/// `Cos(λ0: 1e-4, λ1: 1e-2, period: 10)(100) == 0.00034227024433899005`, its lowest value.
public func Cos(λ0: Double, λ1: Double, period: Int) -> CosAnneal {
    CosAnneal(l0: λ0, l1: λ1, period: period, restart: true)
}

/// ParameterSchedulers v0.2/v0.3 `Cos(range0, range1, period)`: positional **endpoints** (unlike
/// `CosAnneal`'s positional range and offset), warm restarts.
///
/// s(t) = |range0 − range1| · (1 + cos(π · mod(t − 1, period) / period)) / 2 + min(range0, range1)
public func Cos(_ range0: Double, _ range1: Double, _ period: Int) -> CosAnneal {
    CosAnneal(l0: range0, l1: range1, period: period, restart: true)
}
