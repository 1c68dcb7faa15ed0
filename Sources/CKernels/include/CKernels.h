#ifndef FLUX_CKERNELS_H
#define FLUX_CKERNELS_H

/// Matrix-multiply register tiles compiled for wider vector units than the package's baseline
/// target, chosen at run time (`flux_vector_level`) so that the package still runs on any
/// x86-64 (and on other architectures, where every level is 0 and the Swift kernels are used).
///
/// Every tile computes `C[0..<rows, 0..<cols] += Apanel · B[0..<kb, 0..<cols]` for column-major C
/// with leading dimension `ldc`, where `Apanel` holds, for each of `kb` steps, `MR` consecutive
/// values of a column of A (zero-padded past `rows`), and B's element (p, j) is `b[p·brs + j·bcs]`
/// (B is read in place, whether stored by columns or transposed). Products are fused
/// multiply-adds accumulated in step order.

/// 0: no wide tiles; 1: AVX2 with FMA (MR = 2 × 8 floats or 2 × 4 doubles, NR = 6);
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

#endif
