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
/* The by-channel tile: 5 pixels x 4 vectors, 20 accumulators + 4 weight
 * vectors + 5 broadcast inputs = 29 of the 32 registers (6 x 4 needs 34,
 * and the compiler spills accumulators on every step). */
#define HUGE_CO_MR 5
#define HUGE_CO_NV 4

/* c + a * w[lane] (fmla by element): a small kernel's weights stay in
 * whole vectors and are used lane by lane, so a 3x3 kernel takes three
 * registers instead of nine. The lane is a constant once the caller is
 * unrolled; the switch keeps unoptimized builds valid. */
#define HUGE_HV_FMA_LANE 1
HUGE_INLINE hv hv_fma_lane(hv a, hv w, int lane, hv c) {
  switch (lane) {
  case 0:
    return vfmaq_laneq_f32(c, a, w, 0);
  case 1:
    return vfmaq_laneq_f32(c, a, w, 1);
  case 2:
    return vfmaq_laneq_f32(c, a, w, 2);
  default:
    return vfmaq_laneq_f32(c, a, w, 3);
  }
}

/* p[0], p[2], p[4], p[6], reading no further than p[6]: the strided input
 * of a stride-2 kernel (isa/simd.h hv_gather). */
#define HUGE_HV_GATHER2 1
HUGE_INLINE hv hv_gather2(const float *p) {
  const float32x4_t a = vld1q_f32(p), b = vld1q_f32(p + 3);
  return vuzp1q_f32(a, vextq_f32(b, b, 1)); /* [p0 p2] [p4 p6] */
}

#endif /* HUGE_ISA_NEON_H */
