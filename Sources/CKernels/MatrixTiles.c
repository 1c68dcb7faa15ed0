#include "CKernels.h"
#include <stdlib.h>

#if defined(__x86_64__)

static int detected_level(void) {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return 2;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 1;
    return 0;
}

int flux_vector_level(void) {
    int level = detected_level();
    const char *cap = getenv("FLUX_VECTOR_LEVEL");
    if (cap != NULL && cap[0] >= '0' && cap[0] <= '2' && cap[1] == 0 && cap[0] - '0' < level) {
        level = cap[0] - '0';
    }
    return level;
}

#define TILE_NAME flux_tile_f32_avx2
#define TILE_T float
#define TILE_LANES 8
#define TILE_TARGET "avx2,fma"
#include "TileKernel.h"

#define TILE_NAME flux_tile_f64_avx2
#define TILE_T double
#define TILE_LANES 4
#define TILE_TARGET "avx2,fma"
#include "TileKernel.h"

#define TILE_NAME flux_tile_f32_avx512
#define TILE_T float
#define TILE_LANES 16
#define TILE_TARGET "avx512f"
#include "TileKernel.h"

#define TILE_NAME flux_tile_f64_avx512
#define TILE_T double
#define TILE_LANES 8
#define TILE_TARGET "avx512f"
#include "TileKernel.h"

#else

int flux_vector_level(void) { return 0; }

// Never called when the level is 0; defined so that the Swift side links on every architecture.
static void unreachable_tile(void) { __builtin_trap(); }
void flux_tile_f32_avx2(long kb, const float *a, const float *b, long brs, long bcs, float *c, long ldc, long rows, long cols) { unreachable_tile(); }
void flux_tile_f64_avx2(long kb, const double *a, const double *b, long brs, long bcs, double *c, long ldc, long rows, long cols) { unreachable_tile(); }
void flux_tile_f32_avx512(long kb, const float *a, const float *b, long brs, long bcs, float *c, long ldc, long rows, long cols) { unreachable_tile(); }
void flux_tile_f64_avx512(long kb, const double *a, const double *b, long brs, long bcs, double *c, long ldc, long rows, long cols) { unreachable_tile(); }

#endif
