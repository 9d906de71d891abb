/* What every kernel shares: index arithmetic, vectorizable tanh and
 * sigmoid, and the convolution geometry's strides and epilogue. */
#ifndef HUGE_BASE_H
#define HUGE_BASE_H

#include "huge_runtime.h"
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

static int max_int(int a, int b) { return a > b ? a : b; }
static int min_int(int a, int b) { return a < b ? a : b; }

/* First x in [0, n) with lo <= x*s + off, i.e. x >= ceil((lo - off) / s). */
static int first_in_range(int off, int s, int lo) {
  int d = lo - off;
  return d <= 0 ? 0 : s == 1 ? d : (d + s - 1) / s;
}

/* One past the last x with x*s + off < hi, capped at n. */
static int end_in_range(int off, int s, int hi, int n) {
  int d = hi - off;
  return d <= 0 ? 0 : min_int(n, s == 1 ? d : (d + s - 1) / s);
}

#if defined(__GNUC__)
#define HUGE_INLINE static inline __attribute__((always_inline))
#define HUGE_NOINLINE static __attribute__((noinline))
#else
#define HUGE_INLINE static
#define HUGE_NOINLINE static
#endif
/* Kernels with a constant tile shape are HUGE_INLINE into one HUGE_NOINLINE
 * function per shape, which the dispatcher's switch calls: a dispatcher
 * holding every shape inline is one body of tens of thousands of
 * instructions, which compilers take minutes to allocate registers for (and
 * longer with sanitizers), and the call costs nothing next to a tile's
 * work. */
/* Unrolls the next loop completely where its trip count is a constant of an
 * inlined call, so register tiles indexed by it stay in registers. */
#if defined(__clang__)
#define HUGE_UNROLL _Pragma("unroll")
#elif defined(__GNUC__) && __GNUC__ >= 8
#define HUGE_UNROLL _Pragma("GCC unroll 16")
#else
#define HUGE_UNROLL
#endif

/* Vectorizable tanh and sigmoid. gcc does not if-convert float selects
 * (they stay branches and block vectorization), so selects and clamps go
 * through the bit patterns, where they are integer operations. */
HUGE_INLINE float float_of(int32_t b) {
  float x;
  memcpy(&x, &b, sizeof x);
  return x;
}
HUGE_INLINE int32_t bits_of(float x) {
  int32_t b;
  memcpy(&b, &x, sizeof b);
  return b;
}
/* min(|x|, hi) for hi >= 0; NaN gives hi. Non-negative floats order like
 * their bit patterns. */
HUGE_INLINE float abs_at_most(float x, float hi) {
  const int32_t xb = bits_of(x) & INT32_MAX, hb = bits_of(hi);
  return float_of(xb < hb ? xb : hb);
}
HUGE_INLINE float select_bits(int cond, float a, float b) {
  const int32_t m = -(int32_t)(cond != 0);
  return float_of((bits_of(a) & m) | (bits_of(b) & ~m));
}
/* exp(-t) for 0 <= t <= 87.3: t = n ln2 - r with |r| <= ln2/2 (Cody-Waite),
 * the Cephes expf polynomial for exp(r) (about 1 ulp), and 2^-n built in
 * the exponent bits. */
HUGE_INLINE float exp_neg(float t) {
  const int32_t k = (int32_t)(t * 1.44269504088896341f + 0.5f);
  const float n = (float)k;
  float r = n * -0.693359375f + t, p;
  r = -(n * 2.12194440e-4f + r);
  p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  return p * float_of((127 - k) << 23);
}
/* tanh: the Cephes tanhf odd polynomial below |x| = 0.625, else
 * (1 - e) / (1 + e) with e = exp(-2|x|); a few ulp. NaN stays NaN. */
HUGE_INLINE float fast_tanh(float x) {
  const float a = abs_at_most(x, 9.0f), z = x * x;
  const float e = exp_neg(2.0f * a);
  const float large = (1.0f - e) / (1.0f + e);
  float small = -5.70498872745e-3f, t;
  small = small * z + 2.06390887954e-2f;
  small = small * z - 5.37397155531e-2f;
  small = small * z + 1.33314422036e-1f;
  small = small * z - 3.33332819422e-1f;
  small = small * z * a + a;
  t = select_bits(a < 0.625f, small, large);
  t = float_of(bits_of(t) | (bits_of(x) & INT32_MIN)); /* sign of x */
  return select_bits(x != x, x, t);
}
/* 1 / (1 + exp(-x)) as 1 / (1 + e) or e / (1 + e), e = exp(-|x|), so
 * neither tail cancels. */
HUGE_INLINE float fast_sigmoid(float x) {
  const float e = exp_neg(abs_at_most(x, 87.0f));
  const float y = select_bits(x < 0.0f, e, 1.0f) / (1.0f + e);
  return select_bits(x != x, x, y);
}

/* Distance between input channel planes. */
static long in_plane(const huge_conv_params *p) {
  return p->ics ? p->ics : (long)p->h * p->w;
}

/* Channels per block of the input and output layouts: 1 (planar NCHW) or
 * HUGE_CHANNEL_BLOCK. */
static int in_block(const huge_conv_params *p) {
  return p->icb > 1 ? HUGE_CHANNEL_BLOCK : 1;
}
static int out_block(const huge_conv_params *p) {
  return p->ocb > 1 ? HUGE_CHANNEL_BLOCK : 1;
}

/* Floats from channel 0 to channel c of a layout whose planes are cs apart,
 * in blocks of cb channels (1 or HUGE_CHANNEL_BLOCK). */
static long channel_offset(int c, long cs, int cb) {
  const int within = cb > 1 ? c % HUGE_CHANNEL_BLOCK : 0;
  return (long)(c - within) * cs + within;
}

static float activate(float v, const huge_conv_params *p) {
  switch (p->act) {
  case HUGE_ACT_NONE:
    return v;
  case HUGE_ACT_RELU:
    return v > 0.0f ? v : 0.0f;
  case HUGE_ACT_LEAKY_RELU:
    return v >= 0.0f ? v : p->act_a * v;
  case HUGE_ACT_CLIP:
    return v < p->act_a ? p->act_a : (v > p->act_b ? p->act_b : v);
  case HUGE_ACT_SIGMOID:
    return fast_sigmoid(v);
  case HUGE_ACT_TANH:
    return fast_tanh(v);
  case HUGE_ACT_HARD_SIGMOID: {
    const float h = p->act_a * v + p->act_b;
    return h < 0.0f ? 0.0f : (h > 1.0f ? 1.0f : h);
  }
  case HUGE_ACT_HARD_SWISH: {
    const float r = v + 3.0f;
    return v * (r < 0.0f ? 0.0f : (r > 6.0f ? 6.0f : r)) / 6.0f;
  }
  case HUGE_ACT_SILU:
    return v * fast_sigmoid(v);
  }
  return v;
}

/* Writes n values of one output row at o, columns oxs apart. */
static void store_row(float *o, const float *r, int n, int oxs) {
  int i;
  if (oxs == 1)
    memcpy(o, r, sizeof(float) * (size_t)n);
  else
    for (i = 0; i < n; ++i)
      o[(long)i * oxs] = r[i];
}

/* Sets one output plane (through the strided view) to the bias. */
static void plane_fill(float *o, const huge_conv_params *p, float v) {
  int y, x;
  for (y = 0; y < p->oh; ++y)
    for (x = 0; x < p->ow; ++x)
      o[y * p->oys + x * p->oxs] = v;
}

static void plane_activate(float *o, const huge_conv_params *p) {
  int y, x;
  if (p->act == HUGE_ACT_NONE)
    return;
  for (y = 0; y < p->oh; ++y)
    for (x = 0; x < p->ow; ++x)
      o[y * p->oys + x * p->oxs] = activate(o[y * p->oys + x * p->oxs], p);
}

/* Output element (n, co, y, x) through the view. */
static float *out_at(float *out, const huge_conv_params *p, int n, int co,
                     int y, int x) {
  return out + channel_offset(n * p->cout + co, p->ocs, out_block(p)) +
         (long)y * p->oys + (long)x * p->oxs;
}

#endif /* HUGE_BASE_H */
