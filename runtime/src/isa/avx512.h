/* AVX-512F: 16-float vectors, 32 registers, lane masks in hardware. */
#ifndef HUGE_ISA_AVX512_H
#define HUGE_ISA_AVX512_H

#include <immintrin.h>

#define HUGE_ISA_AVX512 1
#define HUGE_VL 16
#define HUGE_VREGS 32
typedef __m512 hv;
#define hv_load(p) _mm512_loadu_ps(p)
#define hv_splat(s) _mm512_set1_ps(s)
#define hv_fma(a, b, c) _mm512_fmadd_ps(a, b, c)
#define hv_store(p, v) _mm512_storeu_ps(p, v)
/* A store past the caches (p aligned to the vector), and the fence after a
 * run of them. */
#define HUGE_HV_STREAM 1
#define hv_stream(p, v) _mm512_stream_ps(p, v)
#define hv_stream_fence() _mm_sfence()
/* By-channel register tile: pixels x vectors of output channels. */
#define HUGE_CO_MR 6
#define HUGE_CO_NV 4

/* p[0], p[2], ..., p[30], reading no further than p[30]: the strided input
 * of a stride-2 kernel (isa/simd.h hv_gather). */
#define HUGE_HV_GATHER2 1
HUGE_INLINE hv hv_gather2(const float *p) {
  const __m512i even = _mm512_set_epi32(31, 29, 27, 25, 23, 21, 19, 17, 14,
                                        12, 10, 8, 6, 4, 2, 0);
  /* lanes 0-7 from p[0..15], lanes 8-15 from p[15..30] (indices 16 + 2l - 15) */
  return _mm512_permutex2var_ps(_mm512_loadu_ps(p), even,
                                _mm512_loadu_ps(p + 15));
}

#if HUGE_PHASE_FLOATS > 0
/* p[0], p[2], ... into *even and p[1], p[3], ... into *odd, from p[0] to
 * p[2 * HUGE_VL - 1]: the two column phases of stride-2 input (columns.h). */
#define HUGE_HV_DEINTERLEAVE2 1
HUGE_INLINE void hv_deinterleave2(const float *p, hv *even, hv *odd) {
  const __m512i e = _mm512_set_epi32(30, 28, 26, 24, 22, 20, 18, 16, 14, 12,
                                     10, 8, 6, 4, 2, 0);
  const __m512i o = _mm512_set_epi32(31, 29, 27, 25, 23, 21, 19, 17, 15, 13,
                                     11, 9, 7, 5, 3, 1);
  const __m512 a = _mm512_loadu_ps(p), b = _mm512_loadu_ps(p + 16);
  *even = _mm512_permutex2var_ps(a, e, b);
  *odd = _mm512_permutex2var_ps(a, o, b);
}
#endif

/* Lane masks: loads of lanes [l0, l1) that never touch the other lanes'
 * memory, and stores of the first n lanes. */
#define HUGE_ISA_MASKS 1
typedef __mmask16 hmask;
static unsigned lane_bits(int l0, int l1) {
  return l1 <= l0 ? 0u : ((1u << l1) - 1u) & ~((1u << l0) - 1u);
}
HUGE_INLINE hmask hv_mask(int l0, int l1) { return (hmask)lane_bits(l0, l1); }
HUGE_INLINE hv hv_load_mask(const float *p, hmask m) {
  return _mm512_maskz_loadu_ps(m, p);
}
HUGE_INLINE void hv_store_n(float *p, hv v, int n) {
  if (n >= HUGE_VL)
    hv_store(p, v);
  else
    _mm512_mask_storeu_ps(p, (__mmask16)lane_bits(0, n), v);
}

#endif /* HUGE_ISA_AVX512_H */
