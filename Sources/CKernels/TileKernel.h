// One register-tile kernel, instantiated by MatrixTiles.c for each element type and vector width.
// Deliberately without an include guard: the including file defines, before each inclusion,
//   TILE_NAME    the function's name
//   TILE_T       the element type (float or double)
//   TILE_LANES   elements per vector register
//   TILE_TARGET  the instruction-set string for the target attribute
// and this file undefines them at its end. The tile is MR = 2 × TILE_LANES rows by NR = 6 columns:
// twelve vector accumulators, two vector loads and six broadcasts per step. B is read in place
// through its strides (`brs` between rows, `bcs` between columns), so it is never packed.

#define TILE_NR 6
#define TILE_MR (2 * TILE_LANES)

__attribute__((target(TILE_TARGET)))
void TILE_NAME(long kb, const TILE_T *a, const TILE_T *b, long brs, long bcs, TILE_T *c, long ldc, long rows, long cols) {
    typedef TILE_T vector __attribute__((vector_size(TILE_LANES * sizeof(TILE_T))));
    vector upper[TILE_NR], lower[TILE_NR];
    for (int j = 0; j < TILE_NR; j++) {
        upper[j] = (vector){0};
        lower[j] = (vector){0};
    }
    // Columns past `cols` read the last real column again (never past the end of B); their sums
    // are computed but not stored.
    long offset[TILE_NR];
    for (int j = 0; j < TILE_NR; j++) offset[j] = (j < cols ? j : cols - 1) * bcs;
    for (long p = 0; p < kb; p++) {
        vector a0, a1;
        __builtin_memcpy(&a0, a + p * TILE_MR, sizeof a0);
        __builtin_memcpy(&a1, a + p * TILE_MR + TILE_LANES, sizeof a1);
        const TILE_T *bp = b + p * brs;
        for (int j = 0; j < TILE_NR; j++) {
            vector bj = bp[offset[j]] - (vector){0}; // a splat: x − 0 is x for every x, so no instruction
            upper[j] = __builtin_elementwise_fma(a0, bj, upper[j]);
            lower[j] = __builtin_elementwise_fma(a1, bj, lower[j]);
        }
    }
    if (rows == TILE_MR && cols == TILE_NR) {
        for (int j = 0; j < TILE_NR; j++) {
            TILE_T *cj = c + j * ldc;
            vector c0, c1;
            __builtin_memcpy(&c0, cj, sizeof c0);
            __builtin_memcpy(&c1, cj + TILE_LANES, sizeof c1);
            c0 += upper[j];
            c1 += lower[j];
            __builtin_memcpy(cj, &c0, sizeof c0);
            __builtin_memcpy(cj + TILE_LANES, &c1, sizeof c1);
        }
    } else {
        TILE_T tile[TILE_NR][TILE_MR];
        for (int j = 0; j < TILE_NR; j++) {
            __builtin_memcpy(&tile[j][0], &upper[j], sizeof upper[j]);
            __builtin_memcpy(&tile[j][TILE_LANES], &lower[j], sizeof lower[j]);
        }
        for (long j = 0; j < cols; j++) {
            for (long i = 0; i < rows; i++) c[i + j * ldc] += tile[j][i];
        }
    }
}

#undef TILE_NR
#undef TILE_MR
#undef TILE_NAME
#undef TILE_T
#undef TILE_LANES
#undef TILE_TARGET
