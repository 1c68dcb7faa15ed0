/// A rectified sine wave between `offset` and `offset + range` (ParameterSchedulers `Sin`).
///
/// s(t) = range · |sin(π · (t − 1) / period)| + offset
///
/// Starts at the minimum, peaks when t − 1 = period/2; `period` is the full cycle.
///
/// Spellings: `Sin(l0:l1:period:)` and `Sin(λ0:λ1:period:)` take the two **endpoints** in any
/// order; the positional `Sin(range, offset, period)` takes the **range and offset** (v0.3+).
/// `period ≥ 1`. Fields for ``ComposedSchedule``: `range, offset, period`.
public typealias Sin = CyclicSchedule<SinWave, ConstantAmplitude>

/// A rectified sine wave whose amplitude decays exponentially per step (ParameterSchedulers
/// `SinExp`).
///
/// s(t) = (range · decay^(t − 1)) · |sin(π(t − 1)/period)| + offset
///
/// Julia builds it as `ComposedSchedule(Sin(range, offset, period), (Exp(range, decay),
/// offset, period))`; this computes the same value in the same order.
///
/// Spellings: `SinExp(l0:l1:period:decay:)` (v0.4.1+), `SinExp(λ0:λ1:period:γ:)`
/// (v0.2–v0.4.0; Julia v0.4.1+ rejects `γ` here by mistake, Swift accepts it), both with
/// endpoints in any order; positional `SinExp(range, offset, period, decay)`. `period ≥ 1`.
public typealias SinExp = CyclicExpSchedule<SinWave>

/// A rectified sine wave whose amplitude halves every period (ParameterSchedulers `SinDecay2`).
///
/// k = ceil(t / period)            (Double division; the cycle number, from 1)
/// s(t) = (range · 0.5^(k − 1)) · |sin(π(t − 1)/period)| + offset
///
/// Julia builds it as `ComposedSchedule(Sin(range, offset, period),
/// (Interpolator(Exp(range, 1/2), period), offset, period))`; this computes the same value in the
/// same order (bit-identical). The halving happens at t = k·period + 1.
///
/// Spellings: `SinDecay2(l0:l1:period:)`, `SinDecay2(λ0:λ1:period:)` (endpoints, any
/// order); positional `SinDecay2(range, offset, period)`. `period ≥ 1`.
public typealias SinDecay2 = CyclicSchedule<SinWave, HalvingPerPeriod>
