// The elementwise optimiser kernels (see `flux_rule_call` in CKernels.h), instantiated by
// RuleKernels.c for each element type and vector width. Deliberately without an include guard:
// the including file defines, before each inclusion,
//   RULE_T       the element type (float or double)
//   RULE_I       the signed integer type of the same width (comparison masks)
//   RULE_LANES   elements per vector register
//   RULE_TARGET  the instruction-set string for the target attribute
//   RULE_SUFFIX  the suffix of every name defined here
// and this file undefines them at its end. RuleKernels.c turns off floating-point contraction, so
// every `a*b + c` below is a rounded product and a rounded sum, as in the Swift kernels.

#define RK_JOIN(a, b) a##_##b
#define RK_NAME(a, b) RK_JOIN(a, b)
#define RK(name) RK_NAME(name, RULE_SUFFIX)
#define RK_INLINE static inline __attribute__((always_inline, target(RULE_TARGET)))

typedef RULE_T RK(vector) __attribute__((ext_vector_type(RULE_LANES)));
typedef RULE_I RK(mask) __attribute__((ext_vector_type(RULE_LANES)));
#define VEC RK(vector)

/// The hyper-parameters and pointers of one call, in the element type.
typedef struct {
    RULE_T p[10];
    RULE_T decay;
    RULE_T bound;
    RULE_T *x;
    const RULE_T *g;
    RULE_T *out;
    RULE_T *s0;
    RULE_T *s1;
    RULE_T *s2;
} RK(frame);

RK_INLINE VEC RK(load)(const RULE_T *p) {
    VEC v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

RK_INLINE void RK(store)(RULE_T *p, VEC v) { __builtin_memcpy(p, &v, sizeof v); }

/// Delivers the steps of elements `i ..< i + RULE_LANES` to the sink `sink` (a constant after
/// inlining, so each loop is compiled for one sink).
RK_INLINE void RK(put)(const RK(frame) *f, int sink, long i, VEC step) {
    if (sink == FLUX_SINK_WRITE) {
        RK(store)(f->out + i, step);
    } else if (sink == FLUX_SINK_SUBTRACT) {
        RK(store)(f->x + i, RK(load)(f->x + i) - step);
    } else {
        VEC x = RK(load)(f->x + i);
        RK(store)(f->x + i, x - (step + f->decay * x));
    }
}

/// Selects `a` where `mask` is set and `b` elsewhere.
RK_INLINE VEC RK(select)(RK(mask) mask, VEC a, VEC b) {
    return (VEC)((mask & (RK(mask))a) | (~mask & (RK(mask))b));
}

/// The gradient at `i`, clamped to [−bound, bound] as ClipValue does when `clip` (a constant after
/// inlining) is set: above the bound gives the bound, below −bound gives −bound, NaN unchanged.
RK_INLINE VEC RK(gradient)(const RK(frame) *f, int clip, long i) {
    VEC g = RK(load)(f->g + i);
    if (!clip) return g;
    VEC high = f->bound, low = -f->bound;
    return RK(select)(g > high, high, RK(select)(g < low, low, g));
}

// One function per rule: reads its operands at `i`, advances its state there and puts the step.
// Every rule reads g (and x) at i before the sink writes there.

RK_INLINE void RK(descent)(const RK(frame) *f, int sink, int clip, long i) {
    RK(put)(f, sink, i, RK(gradient)(f, clip, i) * f->p[0]);
}

RK_INLINE void RK(momentum)(const RK(frame) *f, int sink, int clip, long i) {
    VEC v = f->p[1] * RK(load)(f->s0 + i) - f->p[0] * RK(gradient)(f, clip, i);
    RK(store)(f->s0 + i, v);
    RK(put)(f, sink, i, -v);
}

RK_INLINE void RK(rmsprop)(const RK(frame) *f, int sink, int clip, long i) {
    VEC g = RK(gradient)(f, clip, i);
    VEC a = f->p[1] * RK(load)(f->s0 + i) + (f->p[2] * g) * g;
    RK(store)(f->s0 + i, a);
    RK(put)(f, sink, i, g * (f->p[0] / (__builtin_elementwise_sqrt(a) + f->p[3])));
}

RK_INLINE void RK(adagrad)(const RK(frame) *f, int sink, int clip, long i) {
    VEC g = RK(gradient)(f, clip, i);
    VEC a = RK(load)(f->s0 + i) + g * g;
    RK(store)(f->s0 + i, a);
    RK(put)(f, sink, i, g * (f->p[0] / (__builtin_elementwise_sqrt(a) + f->p[1])));
}

/// The Adam family's moments at `i` from p[0 ..< 4] = β1, 1−β1, β2, 1−β2, stored in state0 and
/// state1: m = β1·m + (1−β1)·g, v = β2·v + ((1−β2)·g)·g.
RK_INLINE void RK(moments)(const RK(frame) *f, VEC g, long i, VEC *m, VEC *v) {
    *m = f->p[0] * RK(load)(f->s0 + i) + f->p[1] * g;
    *v = f->p[2] * RK(load)(f->s1 + i) + (f->p[3] * g) * g;
    RK(store)(f->s0 + i, *m);
    RK(store)(f->s1 + i, *v);
}

/// Adam's step from the moments, p[4 ..< 8] = 1−β1ᵗ, 1−β2ᵗ, η, ϵ.
RK_INLINE VEC RK(adam_step)(const RK(frame) *f, VEC m, VEC v) {
    return ((m / f->p[4]) / (__builtin_elementwise_sqrt(v / f->p[5]) + f->p[7])) * f->p[6];
}

RK_INLINE void RK(adam)(const RK(frame) *f, int sink, int clip, long i) {
    VEC m, v;
    RK(moments)(f, RK(gradient)(f, clip, i), i, &m, &v);
    RK(put)(f, sink, i, RK(adam_step)(f, m, v));
}

RK_INLINE void RK(nesterov)(const RK(frame) *f, int sink, int clip, long i) {
    VEC g = RK(gradient)(f, clip, i), v = RK(load)(f->s0 + i);
    VEC d = f->p[2] * v - f->p[3] * g;
    RK(store)(f->s0 + i, f->p[1] * v - f->p[0] * g);
    RK(put)(f, sink, i, -d);
}

RK_INLINE void RK(radam)(const RK(frame) *f, int sink, int clip, long i) {
    VEC m, v;
    RK(moments)(f, RK(gradient)(f, clip, i), i, &m, &v);
    RK(put)(f, sink, i, RK(adam_step)(f, m, v) * f->p[8]);
}

RK_INLINE void RK(radam_warmup)(const RK(frame) *f, int sink, int clip, long i) {
    VEC m, v;
    RK(moments)(f, RK(gradient)(f, clip, i), i, &m, &v);
    RK(put)(f, sink, i, (m / f->p[4]) * f->p[6]);
}

/// Julia's `max`: NaN if either operand is NaN, else the larger (`b` when neither is larger).
RK_INLINE VEC RK(julia_max)(VEC a, VEC b) {
    VEC nan = __builtin_nan("");
    return RK(select)((a != a) | (b != b), nan, RK(select)(a > b, a, b));
}

RK_INLINE void RK(adamax)(const RK(frame) *f, int sink, int clip, long i) {
    VEC g = RK(gradient)(f, clip, i);
    VEC m = f->p[0] * RK(load)(f->s0 + i) + f->p[1] * g;
    VEC u = RK(julia_max)(f->p[2] * RK(load)(f->s1 + i), __builtin_elementwise_abs(g));
    RK(store)(f->s0 + i, m);
    RK(store)(f->s1 + i, u);
    RK(put)(f, sink, i, (f->p[3] * m) / (u + f->p[4]));
}

RK_INLINE void RK(oadam)(const RK(frame) *f, int sink, int clip, long i) {
    VEC m, v;
    RK(moments)(f, RK(gradient)(f, clip, i), i, &m, &v);
    VEC step = ((f->p[6] * m) / f->p[4]) / (__builtin_elementwise_sqrt(v / f->p[5]) + f->p[7]);
    VEC previous = RK(load)(f->s2 + i);
    RK(store)(f->s2 + i, step);
    RK(put)(f, sink, i, 2 * step - previous);
}

RK_INLINE void RK(adadelta)(const RK(frame) *f, int sink, int clip, long i) {
    VEC g = RK(gradient)(f, clip, i), d = RK(load)(f->s1 + i);
    VEC a = f->p[0] * RK(load)(f->s0 + i) + (f->p[1] * g) * g;
    RK(store)(f->s0 + i, a);
    VEC step = g * (__builtin_elementwise_sqrt(d + f->p[2]) / __builtin_elementwise_sqrt(a + f->p[2]));
    RK(store)(f->s1 + i, f->p[0] * d + (f->p[1] * step) * step);
    RK(put)(f, sink, i, step);
}

RK_INLINE void RK(amsgrad)(const RK(frame) *f, int sink, int clip, long i) {
    VEC g = RK(gradient)(f, clip, i);
    VEC m = f->p[0] * RK(load)(f->s0 + i) + f->p[1] * g;
    VEC v = f->p[2] * RK(load)(f->s1 + i) + f->p[3] * (g * g);
    VEC vhat = RK(julia_max)(RK(load)(f->s2 + i), v);
    RK(store)(f->s0 + i, m);
    RK(store)(f->s1 + i, v);
    RK(store)(f->s2 + i, vhat);
    RK(put)(f, sink, i, (f->p[4] * m) / (__builtin_elementwise_sqrt(vhat) + f->p[5]));
}

RK_INLINE void RK(nadam)(const RK(frame) *f, int sink, int clip, long i) {
    VEC g = RK(gradient)(f, clip, i), m, v;
    RK(moments)(f, g, i, &m, &v);
    VEC numerator = (f->p[0] * m) / f->p[4] + (f->p[1] * g) / f->p[5];
    RK(put)(f, sink, i, numerator / (__builtin_elementwise_sqrt((v * f->p[2]) / f->p[6]) + f->p[8]) * f->p[7]);
}

RK_INLINE void RK(adabelief)(const RK(frame) *f, int sink, int clip, long i) {
    VEC g = RK(gradient)(f, clip, i);
    VEC m = f->p[0] * RK(load)(f->s0 + i) + f->p[1] * g;
    VEC r = g - m;
    VEC s = (f->p[2] * RK(load)(f->s1 + i) + (f->p[3] * r) * r) + f->p[7];
    RK(store)(f->s0 + i, m);
    RK(store)(f->s1 + i, s);
    RK(put)(f, sink, i, ((f->p[6] * m) / f->p[4]) / (__builtin_elementwise_sqrt(s / f->p[5]) + f->p[7]));
}

/// Julia's `sign`: 1 or −1 for a nonzero number, ±0 and NaN unchanged (bit selects on the masks).
RK_INLINE VEC RK(sign)(VEC x) {
    RK(mask) positive = x > 0, negative = x < 0;
    VEC one = 1, minusOne = -1;
    return RK(select)(positive, one, RK(select)(negative, minusOne, x));
}

RK_INLINE void RK(sign_decay)(const RK(frame) *f, int sink, int clip, long i) {
    RK(put)(f, sink, i, RK(gradient)(f, clip, i) + f->p[0] * RK(sign)(RK(load)(f->x + i)));
}

/// Runs `lanes` (one of the rule functions above) over `lower ..< upper` for the sink `sink`.
/// A final partial vector runs on zero-padded copies on the stack, of which only the real
/// elements are copied back.
RK_INLINE void RK(drive)(void (*lanes)(const RK(frame) *, int, int, long), const RK(frame) *f, int sink, int clip,
                         long lower, long upper) {
    long i = lower;
    for (; i + RULE_LANES <= upper; i += RULE_LANES) lanes(f, sink, clip, i);
    long rest = upper - i;
    if (rest <= 0) return;
    RULE_T x[RULE_LANES] = {0}, g[RULE_LANES] = {0}, out[RULE_LANES] = {0};
    RULE_T s0[RULE_LANES] = {0}, s1[RULE_LANES] = {0}, s2[RULE_LANES] = {0};
    size_t bytes = (size_t)rest * sizeof(RULE_T);
    if (f->x) __builtin_memcpy(x, f->x + i, bytes);
    __builtin_memcpy(g, f->g + i, bytes);
    if (f->s0) __builtin_memcpy(s0, f->s0 + i, bytes);
    if (f->s1) __builtin_memcpy(s1, f->s1 + i, bytes);
    if (f->s2) __builtin_memcpy(s2, f->s2 + i, bytes);
    RK(frame) padded = *f;
    padded.x = x;
    padded.g = g;
    padded.out = out;
    padded.s0 = s0;
    padded.s1 = s1;
    padded.s2 = s2;
    lanes(&padded, sink, clip, 0);
    if (sink == FLUX_SINK_WRITE) __builtin_memcpy(f->out + i, out, bytes);
    else __builtin_memcpy(f->x + i, x, bytes);
    if (f->s0) __builtin_memcpy(f->s0 + i, s0, bytes);
    if (f->s1) __builtin_memcpy(f->s1 + i, s1, bytes);
    if (f->s2) __builtin_memcpy(f->s2 + i, s2, bytes);
}

/// `drive` with the sink and the clamp constants in each loop.
RK_INLINE void RK(drive_sink)(void (*lanes)(const RK(frame) *, int, int, long), const RK(frame) *f, int sink, int clip,
                              long lower, long upper) {
    if (clip) {
        switch (sink) {
        case FLUX_SINK_WRITE: RK(drive)(lanes, f, FLUX_SINK_WRITE, 1, lower, upper); break;
        case FLUX_SINK_SUBTRACT: RK(drive)(lanes, f, FLUX_SINK_SUBTRACT, 1, lower, upper); break;
        default: RK(drive)(lanes, f, FLUX_SINK_SUBTRACT_DECAYED, 1, lower, upper); break;
        }
    } else {
        switch (sink) {
        case FLUX_SINK_WRITE: RK(drive)(lanes, f, FLUX_SINK_WRITE, 0, lower, upper); break;
        case FLUX_SINK_SUBTRACT: RK(drive)(lanes, f, FLUX_SINK_SUBTRACT, 0, lower, upper); break;
        default: RK(drive)(lanes, f, FLUX_SINK_SUBTRACT_DECAYED, 0, lower, upper); break;
        }
    }
}

__attribute__((target(RULE_TARGET)))
static void RK(run)(const flux_rule_call *call, long lower, long upper) {
    RK(frame) f;
    for (int k = 0; k < 10; k++) f.p[k] = (RULE_T)call->p[k];
    f.decay = (RULE_T)call->decay;
    f.bound = (RULE_T)call->bound;
    f.x = (RULE_T *)call->x;
    f.g = (const RULE_T *)call->g;
    f.out = (RULE_T *)call->out;
    f.s0 = (RULE_T *)call->state0;
    f.s1 = (RULE_T *)call->state1;
    f.s2 = (RULE_T *)call->state2;
    switch (call->rule) {
    case FLUX_RULE_DESCENT: RK(drive_sink)(RK(descent), &f, call->sink, call->clip != 0, lower, upper); break;
    case FLUX_RULE_MOMENTUM: RK(drive_sink)(RK(momentum), &f, call->sink, call->clip != 0, lower, upper); break;
    case FLUX_RULE_RMSPROP: RK(drive_sink)(RK(rmsprop), &f, call->sink, call->clip != 0, lower, upper); break;
    case FLUX_RULE_ADAGRAD: RK(drive_sink)(RK(adagrad), &f, call->sink, call->clip != 0, lower, upper); break;
    case FLUX_RULE_ADAM: RK(drive_sink)(RK(adam), &f, call->sink, call->clip != 0, lower, upper); break;
    case FLUX_RULE_SIGN_DECAY: RK(drive_sink)(RK(sign_decay), &f, call->sink, call->clip != 0, lower, upper); break;
    case FLUX_RULE_NESTEROV: RK(drive_sink)(RK(nesterov), &f, call->sink, call->clip != 0, lower, upper); break;
    case FLUX_RULE_RADAM: RK(drive_sink)(RK(radam), &f, call->sink, call->clip != 0, lower, upper); break;
    case FLUX_RULE_RADAM_WARMUP: RK(drive_sink)(RK(radam_warmup), &f, call->sink, call->clip != 0, lower, upper); break;
    case FLUX_RULE_ADAMAX: RK(drive_sink)(RK(adamax), &f, call->sink, call->clip != 0, lower, upper); break;
    case FLUX_RULE_OADAM: RK(drive_sink)(RK(oadam), &f, call->sink, call->clip != 0, lower, upper); break;
    case FLUX_RULE_ADADELTA: RK(drive_sink)(RK(adadelta), &f, call->sink, call->clip != 0, lower, upper); break;
    case FLUX_RULE_AMSGRAD: RK(drive_sink)(RK(amsgrad), &f, call->sink, call->clip != 0, lower, upper); break;
    case FLUX_RULE_NADAM: RK(drive_sink)(RK(nadam), &f, call->sink, call->clip != 0, lower, upper); break;
    case FLUX_RULE_ADABELIEF: RK(drive_sink)(RK(adabelief), &f, call->sink, call->clip != 0, lower, upper); break;
    default: __builtin_trap();
    }
}

#undef VEC
#undef RK_INLINE
#undef RK
#undef RK_NAME
#undef RK_JOIN
#undef RULE_T
#undef RULE_I
#undef RULE_LANES
#undef RULE_TARGET
#undef RULE_SUFFIX
