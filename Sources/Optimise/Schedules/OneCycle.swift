/// The one-cycle schedule (ParameterSchedulers `OneCycle`; Smith & Topin, "Super-Convergence"):
/// a cosine warm-up from `startval` to `maxval`, then a cosine decay to `endval`; finite.
///
/// warmup = ceil(nsteps · percentStart),  warmdown = nsteps − warmup
/// up   = CosAnneal(l0: maxval, l1: startval, period: warmup,   restart: false)
/// down = CosAnneal(l0: maxval, l1: endval,   period: warmdown, restart: false)
/// s(t) = up(t + warmup)        for t ≤ warmup      (Julia: Shifted(up, warmup + 1))
/// s(t) = down(t − warmup)      for warmup < t ≤ nsteps
///
/// s(1) = startval exactly, s(warmup + 1) = maxval, s(nsteps) is just above endval:
/// `OneCycle(10, 1.0)` is 0.04, 0.28, 0.76, 1.0, 0.9505, …, 0.0495. Past `nsteps`, calling or
/// iterating stops the program with a message (Julia throws `BoundsError`).
///
/// Defaults as Julia's: `startval = maxval/25`, `endval = maxval/1e5` (Julia's `maxval / 1f5`;
/// `1f5` is exactly 100000), `percentStart = 0.25` (Julia's `percent_start`), which must be in
/// (0, 1). The warm-down must have at least one step (Julia would build a 0-step cosine).
public struct OneCycle: FiniteSchedule, Equatable {
    /// The number of steps.
    public let nsteps: Int
    /// The peak, reached at t = warmup + 1.
    public let maxval: Double
    /// The value at t = 1.
    public let startval: Double
    /// The value approached at t = nsteps.
    public let endval: Double
    /// The fraction of the steps spent warming up, in (0, 1).
    public let percentStart: Double
    /// The number of warm-up steps, ceil(nsteps · percentStart).
    public let warmup: Int
    /// The number of warm-down steps, nsteps − warmup.
    public let warmdown: Int
    /// The warm-up cosine, read at t + warmup.
    let up: CosAnneal
    /// The warm-down cosine, read at t − warmup.
    let down: CosAnneal

    /// `OneCycle(nsteps, maxval; startval = maxval/25, endval = maxval/1f5, percent_start = 0.25)`.
    public init(_ nsteps: Int, _ maxval: Double, startval: Double? = nil, endval: Double? = nil,
                percentStart: Double = 0.25) {
        requireSchedule(percentStart > 0 && percentStart < 1,
                        "OneCycle percent_start must be in (0, 1), got \(percentStart)")
        requirePositive(nsteps, "OneCycle nsteps")
        let startval = startval ?? maxval / 25
        let endval = endval ?? maxval / 100_000
        let warmup = juliaCeil(Double(nsteps) * percentStart)
        let warmdown = nsteps - warmup
        requireSchedule(warmdown >= 1,
                        "OneCycle: nsteps \(nsteps) with percent_start \(percentStart) leaves no warm-down step (warmup = \(warmup))")
        self.nsteps = nsteps
        self.maxval = maxval
        self.startval = startval
        self.endval = endval
        self.percentStart = percentStart
        self.warmup = warmup
        self.warmdown = warmdown
        up = CosAnneal(l0: maxval, l1: startval, period: warmup, restart: false)
        down = CosAnneal(l0: maxval, l1: endval, period: warmdown, restart: false)
    }

    /// `nsteps`.
    public var length: Int { nsteps }

    /// s(t) = up(t + warmup) for t ≤ warmup, down(t − warmup) up to nsteps; stops the program
    /// past nsteps.
    public func callAsFunction(_ t: Int) -> Double {
        if t <= warmup { return up(t - 1 + (warmup + 1)) }
        requireWithinLength(t, nsteps, "OneCycle")
        return down(t - warmup)
    }
}
