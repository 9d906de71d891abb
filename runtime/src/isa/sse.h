/* SSE2 (every x86-64): 4-float vectors, 16 registers, no fused
 * multiply-add. */
#ifndef HUGE_ISA_SSE_H
#define HUGE_ISA_SSE_H

#include <emmintrin.h>

#define HUGE_VL 4
#define HUGE_VREGS 16
typedef __m128 hv;
#define hv_load(p) _mm_loadu_ps(p)
#define hv_splat(s) _mm_set1_ps(s)
#define hv_fma(a, b, c) _mm_add_ps(_mm_mul_ps(a, b), c)
#define hv_store(p, v) _mm_storeu_ps(p, v)
/* A store past the caches (p aligned to the vector), and the fence after a
 * run of them. */
#define HUGE_HV_STREAM 1
#define hv_stream(p, v) _mm_stream_ps(p, v)
#define hv_stream_fence() _mm_sfence()
#define HUGE_CO_MR 4
#define HUGE_CO_NV 3

/* p[0], p[2], p[4], p[6], reading no further than p[6]: the strided input
 * of a stride-2 kernel (isa/simd.h hv_gather). */
#define HUGE_HV_GATHER2 1
HUGE_INLINE hv hv_gather2(const float *p) {
  const __m128 a = _mm_loadu_ps(p), b = _mm_loadu_ps(p + 3);
  return _mm_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 2, 0)); /* a0 a2 b1 b3 */
}

#if HUGE_PHASE_FLOATS > 0
/* p[0], p[2], ... into *even and p[1], p[3], ... into *odd, from p[0] to
 * p[2 * HUGE_VL - 1]: the two column phases of stride-2 input (columns.h). */
#define HUGE_HV_DEINTERLEAVE2 1
HUGE_INLINE void hv_deinterleave2(const float *p, hv *even, hv *odd) {
  const __m128 a = _mm_loadu_ps(p), b = _mm_loadu_ps(p + 4);
  *even = _mm_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0));
  *odd = _mm_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1));
}
#endif

#endif /* HUGE_ISA_SSE_H */
