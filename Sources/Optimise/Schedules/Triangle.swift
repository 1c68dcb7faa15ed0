/// A triangle wave between `offset` and `offset + range` (ParameterSchedulers `Triangle`).
///
/// tri(t) = (2/π) · |asin(sin(π · (t − 1) / period))|
/// s(t) = range · tri(t) + offset
///
/// It starts at the minimum `offset` (t = 1), peaks at `offset + range` when t − 1 = period/2 and
/// is back at the minimum when t − 1 = period: `period` is the full cycle. (Floating point makes
/// the "zeros" tiny numbers such as 7.8e-17·range.)
///
/// Spellings: `Triangle(l0:l1:period:)` takes the two **endpoints** in either order (range =
/// |l0 − l1|, offset = min(l0, l1)); so do `Triangle(λ0:λ1:period:)` (v0.2–v0.4.0 keywords). The
/// positional `Triangle(range, offset, period)` takes the **range and offset** (the v0.3+
/// meaning): `Triangle(0.1, 0.5, 10)` spans 0.5…0.6. `period ≥ 1`. Fields for
/// ``ComposedSchedule``: `range, offset, period`.
public typealias Triangle = CyclicSchedule<TriangleWave, ConstantAmplitude>

/// A triangle wave whose amplitude decays exponentially per step (ParameterSchedulers
/// `TriangleExp`, PyTorch `CyclicLR(mode = "exp_range")`).
///
/// s(t) = (range · decay^(t − 1)) · tri(t) + offset,   tri(t) = (2/π)·|asin(sin(π(t − 1)/period))|
///
/// Julia builds it as `ComposedSchedule(Triangle(range, offset, period), (Exp(range, decay),
/// offset, period))`; this computes the same value in the same order.
///
/// Spellings: `TriangleExp(l0:l1:period:decay:)` (v0.4.1+), `TriangleExp(λ0:λ1:period:γ:)`
/// (v0.2–v0.4.0; Julia v0.4.1+ rejects `γ` here by mistake, Swift accepts it), both with
/// endpoints in any order; positional `TriangleExp(range, offset, period, decay)`. `period ≥ 1`.
public typealias TriangleExp = CyclicExpSchedule<TriangleWave>

/// A triangle wave whose amplitude halves every period (ParameterSchedulers `TriangleDecay2`,
/// PyTorch `CyclicLR(mode = "triangular2")`).
///
/// k = ceil(t / period)            (Double division; the cycle number, from 1)
/// s(t) = (range · 0.5^(k − 1)) · tri(t) + offset,   tri(t) = (2/π)·|asin(sin(π(t − 1)/period))|
///
/// Julia builds it as `ComposedSchedule(Triangle(range, offset, period),
/// (Interpolator(Exp(range, 1/2), period), offset, period))`; this computes the same value in the
/// same order (bit-identical). The halving happens at t = k·period + 1.
///
/// Spellings: `TriangleDecay2(l0:l1:period:)`, `TriangleDecay2(λ0:λ1:period:)` (endpoints, any
/// order); positional `TriangleDecay2(range, offset, period)`. `period ≥ 1`.
public typealias TriangleDecay2 = CyclicSchedule<TriangleWave, HalvingPerPeriod>
