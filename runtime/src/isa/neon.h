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

/* NEON has no masked loads: lanes [lo, hi) of the vector at p are read by
 * the one or two loads of 4 or 8 bytes that cover them, the other lanes set
 * to zero and their memory never touched (isa/simd.h's contract), instead
 * of lane by lane through memory. */
#define HUGE_HV_LOAD_LANES 1
HUGE_INLINE hv hv_load_lanes(const float *p, int lo, int hi) {
  const float32x2_t z = vdup_n_f32(0.0f);
  if (lo == 0 && hi == 4) /* the common case first */
    return vld1q_f32(p);
  switch (lo * 8 + hi) {
  case 0 * 8 + 1:
    return vcombine_f32(vld1_lane_f32(p, z, 0), z);
  case 0 * 8 + 2:
    return vcombine_f32(vld1_f32(p), z);
  case 0 * 8 + 3:
    return vcombine_f32(vld1_f32(p), vld1_lane_f32(p + 2, z, 0));
  case 1 * 8 + 2:
    return vcombine_f32(vld1_lane_f32(p + 1, z, 1), z);
  case 1 * 8 + 3:
    return vcombine_f32(vld1_lane_f32(p + 1, z, 1), vld1_lane_f32(p + 2, z, 0));
  case 1 * 8 + 4:
    return vcombine_f32(vld1_lane_f32(p + 1, z, 1), vld1_f32(p + 2));
  case 2 * 8 + 3:
    return vcombine_f32(z, vld1_lane_f32(p + 2, z, 0));
  case 2 * 8 + 4:
    return vcombine_f32(z, vld1_f32(p + 2));
  case 3 * 8 + 4:
    return vcombine_f32(z, vld1_lane_f32(p + 3, z, 1));
  default: /* no lane */
    return vdupq_n_f32(0.0f);
  }
}

/* Stores the first min(n, 4) lanes of v at p, touching no later memory. */
#define HUGE_HV_STORE_N 1
HUGE_INLINE void hv_store_n(float *p, hv v, int n) {
  if (n >= 4) {
    vst1q_f32(p, v);
    return;
  }
  switch (n) {
  case 1:
    vst1q_lane_f32(p, v, 0);
    return;
  case 2:
    vst1_f32(p, vget_low_f32(v));
    return;
  case 3:
    vst1_f32(p, vget_low_f32(v));
    vst1q_lane_f32(p + 2, v, 2);
    return;
  default:
    return;
  }
}

/* The lanes of v to p[0], p[s], p[2 s], p[3 s], one lane store each: a
 * vector of a pixel's channels to their planes (by-channel tiles' planar
 * outputs), or of a phase's columns to their strided pixels (by-column
 * tiles); other ISAs store lane by lane through memory. */
#define HUGE_HV_SCATTER 1
HUGE_INLINE void hv_scatter(float *p, long s, hv v) {
  vst1q_lane_f32(p, v, 0);
  vst1q_lane_f32(p + s, v, 1);
  vst1q_lane_f32(p + 2 * s, v, 2);
  vst1q_lane_f32(p + 3 * s, v, 3);
}

/* p[0], p[2], p[4], p[6], reading no further than p[6]: the strided input
 * of a stride-2 kernel (isa/simd.h hv_gather). */
#define HUGE_HV_GATHER2 1
HUGE_INLINE hv hv_gather2(const float *p) {
  const float32x4_t a = vld1q_f32(p), b = vld1q_f32(p + 3);
  return vuzp1q_f32(a, vextq_f32(b, b, 1)); /* [p0 p2] [p4 p6] */
}

#define HUGE_NEON_DW3S2 ((HUGE_DEPTHWISE_TILES & 1) && !HUGE_OPTIMIZE_SIZE)
#if HUGE_PHASE_FLOATS > 0 || HUGE_NEON_DW3S2
/* p[0], p[2], ... into *even and p[1], p[3], ... into *odd, from p[0] to
 * p[2 * HUGE_VL - 1], by one ld2: the two column phases of stride-2 input
 * (columns.h), or a stride-2 tile's inputs straight from a row. */
HUGE_INLINE void hv_deinterleave2(const float *p, hv *even, hv *odd) {
  const float32x4x2_t t = vld2q_f32(p);
  *even = t.val[0];
  *odd = t.val[1];
}
#endif
#if HUGE_PHASE_FLOATS > 0
#define HUGE_HV_DEINTERLEAVE2 1
#endif
#if HUGE_NEON_DW3S2
/* The depthwise 3x3 stride-2 tiles read their rows as they are
 * (hv_deinterleave2 is one instruction); hv_shift_in(prev, v) is [prev[3],
 * v[0], v[1], v[2]], the columns one step earlier. */
#define HUGE_HV_LOAD2 1
#define hv_shift_in(prev, v) vextq_f32(prev, v, 3)
/* *p in every lane, by one load (ld1r) */
#define hv_load_splat(p) vld1q_dup_f32(p)
#endif
#undef HUGE_NEON_DW3S2

#endif /* HUGE_ISA_NEON_H */
