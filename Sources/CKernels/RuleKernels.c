#include "CKernels.h"
#include <stdint.h>
#include <stddef.h>

// Products and sums stay separately rounded, as in the Swift kernels: no fused multiply-adds.
#pragma clang fp contract(off)

#if defined(__x86_64__)

#define RULE_T float
#define RULE_I int32_t
#define RULE_LANES 8
#define RULE_TARGET "avx2"
#define RULE_SUFFIX f32_avx2
#include "RuleKernel.h"

#define RULE_T float
#define RULE_I int32_t
#define RULE_LANES 16
#define RULE_TARGET "avx512f"
#define RULE_SUFFIX f32_avx512
#include "RuleKernel.h"

#define RULE_T double
#define RULE_I int64_t
#define RULE_LANES 4
#define RULE_TARGET "avx2"
#define RULE_SUFFIX f64_avx2
#include "RuleKernel.h"

#define RULE_T double
#define RULE_I int64_t
#define RULE_LANES 8
#define RULE_TARGET "avx512f"
#define RULE_SUFFIX f64_avx512
#include "RuleKernel.h"

void flux_rule_f32(const flux_rule_call *call, long lower, long upper, int level) {
    if (level >= 2) run_f32_avx512(call, lower, upper);
    else run_f32_avx2(call, lower, upper);
}

void flux_rule_f64(const flux_rule_call *call, long lower, long upper, int level) {
    if (level >= 2) run_f64_avx512(call, lower, upper);
    else run_f64_avx2(call, lower, upper);
}

#else

// Never called when the level is 0; defined so that the Swift side links on every architecture.
void flux_rule_f32(const flux_rule_call *call, long lower, long upper, int level) { __builtin_trap(); }
void flux_rule_f64(const flux_rule_call *call, long lower, long upper, int level) { __builtin_trap(); }

#endif
