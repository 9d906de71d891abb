/* One SIMD vector type for every kernel.
 *
 * hv is one machine vector of HUGE_VL floats. With GCC or Clang it is a
 * native vector (AVX-512, AVX, NEON or SSE, chosen from the target flags);
 * any other C99 compiler gets a plain array of four floats and the same
 * code, only slower. Define HUGE_NO_SIMD to force the portable form.
 * HUGE_TARGET_NEON (huge_config.h of `--target neon`) takes the NEON
 * kernels and nothing else.
 *
 * Each ISA header defines HUGE_VL, HUGE_VREGS (its vector registers), the
 * type hv with hv_load, hv_splat, hv_fma and hv_store, and the by-channel
 * register tile HUGE_CO_MR x HUGE_CO_NV; one with lane masks in hardware
 * (HUGE_ISA_MASKS) also defines hmask, hv_mask, hv_load_mask and
 * hv_store_n, which are otherwise built here from whole-vector operations. */
#ifndef HUGE_ISA_SIMD_H
#define HUGE_ISA_SIMD_H

#include "../base.h"

/* --target neon: AArch64 is checked here, so the NEON branch is the only
 * one it can take. */
#if defined(HUGE_TARGET_NEON) &&                                               \
    (!defined(__aarch64__) || !defined(__ARM_NEON) || !defined(__GNUC__) ||    \
     defined(HUGE_NO_SIMD))
#error "huge: HUGE_TARGET_NEON needs an AArch64 compiler with NEON"
#endif

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
 * used for every input channel. An ISA header may load the lanes its own
 * way (HUGE_HV_LOAD_LANES, hv_load_lanes). */
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
#ifdef HUGE_HV_LOAD_LANES
  return hv_load_lanes(p, m.lo, m.hi);
#else
  float t[HUGE_VL];
  int l;
  if (m.lo == 0 && m.hi == HUGE_VL)
    return hv_load(p);
  for (l = 0; l < HUGE_VL; ++l)
    t[l] = l >= m.lo && l < m.hi ? p[l] : 0.0f;
  return hv_load(t);
#endif
}
#endif

#if !defined(HUGE_ISA_MASKS) && !defined(HUGE_HV_STORE_N)
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

#ifndef HUGE_ISA_PORTABLE
/* The transcendental activations of base.h on whole vectors, with the same
 * operations in the same order lane by lane (so a row gives the same bits
 * whether a value falls in a vector or in the scalar tail). hv is a GCC /
 * Clang vector type on every native ISA; hvi is its lanes as int32. */
#define HUGE_HAVE_VMATH 1
typedef int32_t hvi __attribute__((vector_size(sizeof(hv))));
HUGE_INLINE hv hv_select(hvi m, hv a, hv b) {
  return (hv)(((hvi)a & m) | ((hvi)b & ~m));
}
HUGE_INLINE hv hv_abs_at_most(hv x, float hi) {
  const hvi xb = (hvi)x & INT32_MAX, hb = (hvi)hv_splat(hi);
  const hvi lt = xb < hb;
  return (hv)((xb & lt) | (hb & ~lt));
}
HUGE_INLINE hv hv_exp_neg(hv t) {
  const hvi k = __builtin_convertvector(t * 1.44269504088896341f + 0.5f, hvi);
  const hv n = __builtin_convertvector(k, hv);
  hv r = n * -0.693359375f + t, p;
  r = -(n * 2.12194440e-4f + r);
  p = hv_splat(1.9875691500e-4f);
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  return p * (hv)((127 - k) << 23);
}
HUGE_INLINE hv hv_sigmoid(hv x) {
  const hv e = hv_exp_neg(hv_abs_at_most(x, 87.0f));
  const hv y = hv_select(x < 0.0f, e, hv_splat(1.0f)) / (1.0f + e);
  return hv_select(x != x, x, y);
}
HUGE_INLINE hv hv_tanh(hv x) {
  const hv a = hv_abs_at_most(x, 9.0f), z = x * x;
  const hv e = hv_exp_neg(2.0f * a);
  const hv large = (1.0f - e) / (1.0f + e);
  hv small = hv_splat(-5.70498872745e-3f), t;
  small = small * z + 2.06390887954e-2f;
  small = small * z - 5.37397155531e-2f;
  small = small * z + 1.33314422036e-1f;
  small = small * z - 3.33332819422e-1f;
  small = small * z * a + a;
  t = hv_select(a < 0.625f, small, large);
  t = (hv)((hvi)t | ((hvi)x & INT32_MIN));
  return hv_select(x != x, x, t);
}
#endif

/* In place over n floats at r: sigmoid, tanh or silu (x * sigmoid(x)) as
 * fast_sigmoid and fast_tanh compute them; in whole vectors where the ISA
 * has them, then the tail. */
#ifdef HUGE_HAVE_VMATH
#define HUGE_VMATH_ROW(VEXPR)                                                  \
  for (; i + HUGE_VL <= n; i += HUGE_VL) {                                     \
    const hv v = hv_load(r + i);                                               \
    hv_store(r + i, VEXPR);                                                    \
  }
#else
#define HUGE_VMATH_ROW(VEXPR)
#endif
HUGE_INLINE void sigmoid_row(float *r, int n) {
  int i = 0;
  HUGE_VMATH_ROW(hv_sigmoid(v))
  for (; i < n; ++i)
    r[i] = fast_sigmoid(r[i]);
}
HUGE_INLINE void tanh_row(float *r, int n) {
  int i = 0;
  HUGE_VMATH_ROW(hv_tanh(v))
  for (; i < n; ++i)
    r[i] = fast_tanh(r[i]);
}
HUGE_INLINE void silu_row(float *r, int n) {
  int i = 0;
  HUGE_VMATH_ROW(v * hv_sigmoid(v))
  for (; i < n; ++i)
    r[i] = r[i] * fast_sigmoid(r[i]);
}
/* PRelu into r (which may be x) from x, with slopes y (y_step 1) or one
 * slope (y_step 0): the multiply is made on every lane and selected, since
 * a multiply under a condition is not vectorized (it might raise a flag the
 * scalar code does not). */
HUGE_INLINE void prelu_row(const float *x, const float *y, int y_step, float *r,
                           int n) {
  int i = 0;
#ifdef HUGE_HAVE_VMATH
  for (; i + HUGE_VL <= n; i += HUGE_VL) {
    const hv v = hv_load(x + i);
    const hv k = y_step ? hv_load(y + i) : hv_splat(*y);
    hv_store(r + i, hv_select((hvi)(v >= 0.0f), v, v * k));
  }
#endif
  for (; i < n; ++i)
    r[i] = x[i] >= 0.0f ? x[i] : x[i] * y[i * y_step];
}
/* Leaky relu in place: PRelu with one slope. */
HUGE_INLINE void leaky_relu_row(float *r, int n, float a) {
  prelu_row(r, &a, 0, r, n);
}
#undef HUGE_VMATH_ROW

/* Lanes [l0, l1) of the columns p[0], p[step], ..., zero elsewhere. With
 * every lane in range at stride 2, from whole-vector loads and a shuffle
 * where the ISA has one (HUGE_HV_GATHER2), reading only memory between the
 * first and the last lane's. */
static hv hv_gather(const float *p, int step, int l0, int l1) {
  float t[HUGE_VL];
  int l;
#ifdef HUGE_HV_GATHER2
  if (step == 2 && l0 == 0 && l1 == HUGE_VL)
    return hv_gather2(p);
#endif
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

/* dst[0, m) = t[0, m): with stream set, past the caches where the ISA has
 * non-temporal stores (ending with stream_fence), else through them. */
HUGE_INLINE void copy_out(float *dst, const float *t, int m, int stream) {
#ifdef HUGE_HV_STREAM
  if (stream) {
    int i = 0;
    for (; i < m && (uintptr_t)(dst + i) % (sizeof(float) * HUGE_VL) != 0; ++i)
      dst[i] = t[i];
    for (; i + HUGE_VL <= m; i += HUGE_VL)
      hv_stream(dst + i, hv_load(t + i));
    for (; i < m; ++i)
      dst[i] = t[i];
    return;
  }
#endif
  (void)stream;
  memcpy(dst, t, sizeof(float) * (size_t)m);
}
HUGE_INLINE void stream_fence(int stream) {
#ifdef HUGE_HV_STREAM
  if (stream)
    hv_stream_fence();
#endif
  (void)stream;
}

/* Whether an element-wise kernel writing n floats at out from in streams
 * them (HUGE_STREAM_BYTES). */
HUGE_INLINE int stream_output(const float *in, const float *out, long n) {
  return out != in && n * (long)sizeof(float) >= HUGE_STREAM_BYTES;
}

#endif /* HUGE_ISA_SIMD_H */
