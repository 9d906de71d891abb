/* AArch64 Advanced SIMD (NEON): 4-float vectors, 32 registers. */
#ifndef HUGE_ISA_NEON_H
#define HUGE_ISA_NEON_H

#include <arm_neon.h>

#define HUGE_VL 4
#define HUGE_VREGS 32
typedef float32x4_t hv;
#define hv_load(p) vld1q_f32(p)
#define hv_splat(s) vdupq_n_f32(s)
#define hv_fma(a, b, c) vfmaq_f32(c, a, b)
#define hv_store(p, v) vst1q_f32(p, v)
#define HUGE_CO_MR 6
#define HUGE_CO_NV 4

#endif /* HUGE_ISA_NEON_H */
