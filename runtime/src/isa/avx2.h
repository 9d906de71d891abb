/* AVX / AVX2 (with FMA where the target has it): 8-float vectors, 16
 * registers. */
#ifndef HUGE_ISA_AVX2_H
#define HUGE_ISA_AVX2_H

#include <immintrin.h>

#define HUGE_VL 8
#define HUGE_VREGS 16
typedef __m256 hv;
#define hv_load(p) _mm256_loadu_ps(p)
#define hv_splat(s) _mm256_set1_ps(s)
#ifdef __FMA__
#define hv_fma(a, b, c) _mm256_fmadd_ps(a, b, c)
#else
#define hv_fma(a, b, c) _mm256_add_ps(_mm256_mul_ps(a, b), c)
#endif
#define hv_store(p, v) _mm256_storeu_ps(p, v)
/* A store past the caches (p aligned to the vector), and the fence after a
 * run of them. */
#define HUGE_HV_STREAM 1
#define hv_stream(p, v) _mm256_stream_ps(p, v)
#define hv_stream_fence() _mm_sfence()
#define HUGE_CO_MR 6
#define HUGE_CO_NV 2

#ifdef __AVX2__
/* p[0], p[2], ..., p[14], reading no further than p[14]: the strided input
 * of a stride-2 kernel (isa/simd.h hv_gather). */
#define HUGE_HV_GATHER2 1
HUGE_INLINE hv hv_gather2(const float *p) {
  const __m256 lo = _mm256_permutevar8x32_ps(
      _mm256_loadu_ps(p), _mm256_setr_epi32(0, 2, 4, 6, 0, 0, 0, 0));
  const __m256 hi = _mm256_permutevar8x32_ps(
      _mm256_loadu_ps(p + 7), _mm256_setr_epi32(0, 0, 0, 0, 1, 3, 5, 7));
  return _mm256_blend_ps(lo, hi, 0xF0);
}

#if HUGE_PHASE_FLOATS > 0
/* p[0], p[2], ... into *even and p[1], p[3], ... into *odd, from p[0] to
 * p[2 * HUGE_VL - 1]: the two column phases of stride-2 input (columns.h). */
#define HUGE_HV_DEINTERLEAVE2 1
HUGE_INLINE void hv_deinterleave2(const float *p, hv *even, hv *odd) {
  const __m256 a = _mm256_loadu_ps(p), b = _mm256_loadu_ps(p + 8);
  /* in 128-bit halves [a0 a2 b0 b2 | a4 a6 b4 b6], then the halves' middle
   * quarters swapped */
  *even = _mm256_castpd_ps(_mm256_permute4x64_pd(
      _mm256_castps_pd(_mm256_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0))),
      _MM_SHUFFLE(3, 1, 2, 0)));
  *odd = _mm256_castpd_ps(_mm256_permute4x64_pd(
      _mm256_castps_pd(_mm256_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1))),
      _MM_SHUFFLE(3, 1, 2, 0)));
}
#endif

#endif

#endif /* HUGE_ISA_AVX2_H */
