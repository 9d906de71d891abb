/* One SIMD vector type for every kernel.
 *
 * hv is one machine vector of HUGE_VL floats. With GCC or Clang it is a
 * native vector (AVX-512, AVX, NEON or SSE, chosen from the target flags);
 * any other C99 compiler gets a plain array of four floats and the same
 * code, only slower. Define HUGE_NO_SIMD to force the portable form.
 *
 * Each ISA header defines HUGE_VL, HUGE_VREGS (its vector registers), the
 * type hv with hv_load, hv_splat, hv_fma and hv_store, and the by-channel
 * register tile HUGE_CO_MR x HUGE_CO_NV; one with lane masks in hardware
 * (HUGE_ISA_MASKS) also defines hmask, hv_mask, hv_load_mask and
 * hv_store_n, which are otherwise built here from whole-vector operations. */
#ifndef HUGE_ISA_SIMD_H
#define HUGE_ISA_SIMD_H

#include "../base.h"

#if !defined(HUGE_NO_SIMD) && defined(__GNUC__) && defined(__AVX512F__)
#include "avx512.h"
#elif !defined(HUGE_NO_SIMD) && defined(__GNUC__) && defined(__AVX__)
#include "avx2.h"
#elif !defined(HUGE_NO_SIMD) && defined(__GNUC__) && defined(__aarch64__) &&   \
    defined(__ARM_NEON)
#include "neon.h"
#elif !defined(HUGE_NO_SIMD) && defined(__GNUC__) && defined(__SSE2__)
#include "sse.h"
#else
#include "scalar.h"
#endif

#ifndef HUGE_ISA_MASKS
/* Loads lanes [l0, l1) of the vector at p, zero elsewhere; the other lanes'
 * memory is never touched. hmask is that lane range, made once per tap and
 * used for every input channel. */
typedef struct hmask {
  int lo, hi;
} hmask;
HUGE_INLINE hmask hv_mask(int l0, int l1) {
  hmask m;
  m.lo = l0;
  m.hi = l1;
  return m;
}
HUGE_INLINE hv hv_load_mask(const float *p, hmask m) {
  float t[HUGE_VL];
  int l;
  if (m.lo == 0 && m.hi == HUGE_VL)
    return hv_load(p);
  for (l = 0; l < HUGE_VL; ++l)
    t[l] = l >= m.lo && l < m.hi ? p[l] : 0.0f;
  return hv_load(t);
}

/* Stores the first min(n, HUGE_VL) lanes of v at p; later memory is not
 * touched. */
HUGE_INLINE void hv_store_n(float *p, hv v, int n) {
  float t[HUGE_VL];
  if (n >= HUGE_VL) {
    hv_store(p, v);
    return;
  }
  if (n <= 0)
    return;
  hv_store(t, v);
  memcpy(p, t, sizeof(float) * (size_t)n);
}
#endif

/* Lanes [l0, l1) of the columns p[0], p[step], ..., zero elsewhere. */
static hv hv_gather(const float *p, int step, int l0, int l1) {
  float t[HUGE_VL];
  int l;
  for (l = 0; l < HUGE_VL; ++l)
    t[l] = l >= l0 && l < l1 ? p[(long)l * step] : 0.0f;
  return hv_load(t);
}

/* The lanes [lo, hi) of a column vector whose first lane reads input column
 * `first` (columns `step` apart) that are inside [0, width), among its n
 * output columns. */
HUGE_INLINE void lane_range(int first, int step, int width, int n, int *lo,
                            int *hi) {
  *lo = first_in_range(first, step, 0);
  *hi = end_in_range(first, step, width, n);
  if (*hi < *lo)
    *hi = *lo;
}

#endif /* HUGE_ISA_SIMD_H */
