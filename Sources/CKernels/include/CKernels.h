#ifndef FLUX_CKERNELS_H
#define FLUX_CKERNELS_H

/// Kernels compiled for wider vector units than the package's baseline target, chosen at run time
/// (`flux_vector_level`) so that the package still runs on any x86-64 (and on other
/// architectures, where every level is 0 and the Swift kernels are used): matrix-multiply register
/// tiles (first below) and the optimiser rules' elementwise steps (`flux_rule_call`, further down).
///
/// Every tile computes `C[0..<rows, 0..<cols] += Apanel · B[0..<kb, 0..<cols]` for column-major C
/// with leading dimension `ldc`, where `Apanel` holds, for each of `kb` steps, `MR` consecutive
/// values of a column of A (zero-padded past `rows`), and B's element (p, j) is `b[p·brs + j·bcs]`
/// (B is read in place, whether stored by columns or transposed). Products are fused
/// multiply-adds accumulated in step order.

/// 0: no wide kernels; 1: AVX2 with FMA (MR = 2 × 8 floats or 2 × 4 doubles, NR = 6);
/// 2: AVX-512F (MR = 2 × 16 floats or 2 × 8 doubles, NR = 6). The environment variable
/// `FLUX_VECTOR_LEVEL` (0, 1 or 2) lowers the level, never raises it past what the processor has;
/// any other value is ignored.
int flux_vector_level(void);

/// Float tile, AVX2 + FMA: MR = 16, NR = 6. Only call when `flux_vector_level() >= 1`.
void flux_tile_f32_avx2(long kb, const float *a, const float *b, long brs, long bcs, float *c, long ldc, long rows, long cols);
/// Double tile, AVX2 + FMA: MR = 8, NR = 6. Only call when `flux_vector_level() >= 1`.
void flux_tile_f64_avx2(long kb, const double *a, const double *b, long brs, long bcs, double *c, long ldc, long rows, long cols);
/// Float tile, AVX-512F: MR = 32, NR = 6. Only call when `flux_vector_level() >= 2`.
void flux_tile_f32_avx512(long kb, const float *a, const float *b, long brs, long bcs, float *c, long ldc, long rows, long cols);
/// Double tile, AVX-512F: MR = 16, NR = 6. Only call when `flux_vector_level() >= 2`.
void flux_tile_f64_avx512(long kb, const double *a, const double *b, long brs, long bcs, double *c, long ldc, long rows, long cols);

/// Optimiser rules whose elementwise step has a wide-vector kernel (`flux_rule_call.rule`), with
/// their hyper-parameters in `flux_rule_call.p` (each rounded to the element type in the kernel):
///   DESCENT     η                                step = g·η
///   MOMENTUM    η, ρ                             v = ρ·v − η·g;  step = −v              (state0 = v)
///   RMSPROP     η, ρ, 1−ρ, ϵ                     a = ρ·a + ((1−ρ)·g)·g;  step = g·(η/(√a + ϵ))  (state0 = a)
///   ADAGRAD     η, ϵ                             a = a + g·g;  step = g·(η/(√a + ϵ))    (state0 = a)
///   ADAM        β1, 1−β1, β2, 1−β2, 1−β1ᵗ, 1−β2ᵗ, η, ϵ
///               m = β1·m + (1−β1)·g;  v = β2·v + ((1−β2)·g)·g
///               step = ((m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ϵ))·η                         (state0 = m, state1 = v)
///   SIGN_DECAY  λ                                step = g + λ·sign(x)  (sign(±0) = ±0, sign(NaN) = NaN)
///   NESTEROV    η, ρ, ρ², (1+ρ)·η                d = ρ²·v − ((1+ρ)·η)·g;  v = ρ·v − η·g;  step = −d   (state0 = v)
///   RADAM       as ADAM, then r                  step = ((((m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ϵ))·η)·r  (rectified)
///   RADAM_WARMUP as ADAM                         m, v as ADAM;  step = (m/(1−β1ᵗ))·η     (not yet rectified)
///   ADAMAX      β1, 1−β1, β2, η/(1−β1ᵗ), ϵ       m = β1·m + (1−β1)·g;  u = max(β2·u, |g|) (NaN if either is)
///               step = ((η/(1−β1ᵗ))·m) / (u + ϵ)                                   (state0 = m, state1 = u)
///   OADAM       as ADAM                          s = ((η·m)/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ϵ);  step = −s₋ + 2·s
///                                                (state0 = m, state1 = v, state2 = s₋, the previous s)
///   ADADELTA    ρ, 1−ρ, ϵ                        a = ρ·a + ((1−ρ)·g)·g;  step = g·(√(d + ϵ)/√(a + ϵ))
///               d = ρ·d + ((1−ρ)·step)·step                                        (state0 = a, state1 = d)
///   AMSGRAD     β1, 1−β1, β2, 1−β2, η, ϵ         m = β1·m + (1−β1)·g;  v = β2·v + (1−β2)·(g·g)
///               v̂ = max(v̂, v) (NaN if either is);  step = (η·m) / (√v̂ + ϵ)    (state0 = m, state1 = v, state2 = v̂)
///   NADAM       β1, 1−β1, β2, 1−β2, 1−β1·β1ᵗ, 1−β1ᵗ, 1−β2ᵗ, η, ϵ   m, v as ADAM
///               step = ((β1·m)/(1−β1·β1ᵗ) + ((1−β1)·g)/(1−β1ᵗ)) / (√((v·β2)/(1−β2ᵗ)) + ϵ) · η
///   ADABELIEF   β1, 1−β1, β2, 1−β2, 1−β1ᵗ, 1−β2ᵗ, η, e   m as ADAM;  s = (β2·s + ((1−β2)·(g−m))·(g−m)) + e
///               step = ((η·m)/(1−β1ᵗ)) / (√(s/(1−β2ᵗ)) + e)                         (state0 = m, state1 = s)
/// Every operation is the IEEE one in the order written (no fused multiply-adds), so each element
/// gets the same bits as the Swift kernels compute.
#define FLUX_RULE_DESCENT 0
#define FLUX_RULE_MOMENTUM 1
#define FLUX_RULE_RMSPROP 2
#define FLUX_RULE_ADAGRAD 3
#define FLUX_RULE_ADAM 4
#define FLUX_RULE_SIGN_DECAY 5
#define FLUX_RULE_NESTEROV 6
#define FLUX_RULE_RADAM 7
#define FLUX_RULE_RADAM_WARMUP 8
#define FLUX_RULE_ADAMAX 9
#define FLUX_RULE_OADAM 10
#define FLUX_RULE_ADADELTA 11
#define FLUX_RULE_AMSGRAD 12
#define FLUX_RULE_NADAM 13
#define FLUX_RULE_ADABELIEF 14

/// Where the step of element i goes (`flux_rule_call.sink`): written to `out[i]`; subtracted,
/// `x[i] = x[i] − step`; or subtracted with weight decay λ, `x[i] = x[i] − (step + λ·x[i])`.
#define FLUX_SINK_WRITE 0
#define FLUX_SINK_SUBTRACT 1
#define FLUX_SINK_SUBTRACT_DECAYED 2

/// With `clip` nonzero, every gradient element is first clamped to [−bound, bound] as ClipValue
/// does (g > bound gives bound, g < −bound gives −bound, NaN unchanged): `Optimiser(ClipValue,
/// rule)` in one pass.
///
/// One elementwise optimiser step over a tensor. Pointers are to `float` or `double` elements as
/// the entry point says; `x` may be NULL when neither the rule nor the sink reads it, `out` may be
/// `g` itself, and unused state pointers are NULL.
typedef struct flux_rule_call {
    int rule;
    int sink;
    void *x;
    const void *g;
    void *out;
    void *state0;
    void *state1;
    void *state2;
    double p[10];
    double decay;
    int clip;
    double bound;
} flux_rule_call;

/// Runs `call` on elements `lower ..< upper` of `float` tensors with the kernel for `level`
/// (1: AVX2, 2: AVX-512F). Only call with a level `flux_vector_level()` allows.
void flux_rule_f32(const flux_rule_call *call, long lower, long upper, int level);
/// The same on `double` tensors.
void flux_rule_f64(const flux_rule_call *call, long lower, long upper, int level);

#endif
