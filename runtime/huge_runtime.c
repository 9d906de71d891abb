/* huge runtime: portable reference kernels (see huge_runtime.h). */
#include "huge_runtime.h"

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
#else
#define HUGE_INLINE static
#endif
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
  }
  return v;
}

/* Applies the epilogue to n consecutive values; one loop per activation so
 * the compiler can vectorize it. */
static void activate_row(float *r, int n, const huge_conv_params *p) {
  const float a = p->act_a, b = p->act_b; /* not reloaded per element */
  int i;
  switch (p->act) {
  case HUGE_ACT_NONE:
    return;
  case HUGE_ACT_RELU:
    for (i = 0; i < n; ++i)
      r[i] = r[i] > 0.0f ? r[i] : 0.0f;
    return;
  case HUGE_ACT_LEAKY_RELU:
    for (i = 0; i < n; ++i)
      r[i] = r[i] >= 0.0f ? r[i] : a * r[i];
    return;
  case HUGE_ACT_CLIP:
    for (i = 0; i < n; ++i)
      r[i] = r[i] < a ? a : (r[i] > b ? b : r[i]);
    return;
  case HUGE_ACT_SIGMOID: /* the element-wise kernels vectorize */
    huge_sigmoid(r, r, n);
    return;
  case HUGE_ACT_TANH:
    huge_tanh(r, r, n);
    return;
  default:
    for (i = 0; i < n; ++i)
      r[i] = activate(r[i], p);
    return;
  }
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

/* ---- SIMD vectors ------------------------------------------------------
 * hv is one machine vector of HUGE_VL floats. With GCC or Clang it is a
 * native vector (AVX-512, AVX, NEON or SSE, chosen from the target flags);
 * any other C99 compiler gets a plain array of four floats and the same
 * code, only slower. Define HUGE_NO_SIMD to force the portable form. */
#if !defined(HUGE_NO_SIMD) && defined(__GNUC__) && defined(__AVX512F__)
#include <immintrin.h>
#define HUGE_VL 16
typedef __m512 hv;
#define hv_load(p) _mm512_loadu_ps(p)
#define hv_splat(s) _mm512_set1_ps(s)
#define hv_fma(a, b, c) _mm512_fmadd_ps(a, b, c)
#define hv_store(p, v) _mm512_storeu_ps(p, v)
#define HUGE_CO_MR 6
#define HUGE_CO_NV 4
#elif !defined(HUGE_NO_SIMD) && defined(__GNUC__) && defined(__AVX__)
#include <immintrin.h>
#define HUGE_VL 8
typedef __m256 hv;
#define hv_load(p) _mm256_loadu_ps(p)
#define hv_splat(s) _mm256_set1_ps(s)
#ifdef __FMA__
#define hv_fma(a, b, c) _mm256_fmadd_ps(a, b, c)
#else
#define hv_fma(a, b, c) _mm256_add_ps(_mm256_mul_ps(a, b), c)
#endif
#define hv_store(p, v) _mm256_storeu_ps(p, v)
#define HUGE_CO_MR 6
#define HUGE_CO_NV 2
#elif !defined(HUGE_NO_SIMD) && defined(__GNUC__) && defined(__aarch64__) &&   \
    defined(__ARM_NEON)
#include <arm_neon.h>
#define HUGE_VL 4
typedef float32x4_t hv;
#define hv_load(p) vld1q_f32(p)
#define hv_splat(s) vdupq_n_f32(s)
#define hv_fma(a, b, c) vfmaq_f32(c, a, b)
#define hv_store(p, v) vst1q_f32(p, v)
#define HUGE_CO_MR 6
#define HUGE_CO_NV 4
#elif !defined(HUGE_NO_SIMD) && defined(__GNUC__) && defined(__SSE2__)
#include <emmintrin.h>
#define HUGE_VL 4
typedef __m128 hv;
#define hv_load(p) _mm_loadu_ps(p)
#define hv_splat(s) _mm_set1_ps(s)
#define hv_fma(a, b, c) _mm_add_ps(_mm_mul_ps(a, b), c)
#define hv_store(p, v) _mm_storeu_ps(p, v)
#define HUGE_CO_MR 4
#define HUGE_CO_NV 3
#else
#define HUGE_VL 4
typedef struct hv {
  float f[4];
} hv;
static hv hv_load(const float *p) {
  hv v;
  memcpy(v.f, p, sizeof v.f);
  return v;
}
static hv hv_splat(float s) {
  hv v;
  v.f[0] = v.f[1] = v.f[2] = v.f[3] = s;
  return v;
}
static hv hv_fma(hv a, hv b, hv c) {
  int i;
  for (i = 0; i < 4; ++i)
    c.f[i] += a.f[i] * b.f[i];
  return c;
}
static void hv_store(float *p, hv v) { memcpy(p, v.f, sizeof v.f); }
#define HUGE_CO_MR 4
#define HUGE_CO_NV 2
#endif

/* Loads lanes [l0, l1) of the vector at p, zero elsewhere; the other lanes'
 * memory is never touched. hmask is that lane range, made once per tap and
 * used for every input channel. */
#if !defined(HUGE_NO_SIMD) && defined(__GNUC__) && defined(__AVX512F__)
typedef __mmask16 hmask;
static unsigned lane_bits(int l0, int l1) {
  return l1 <= l0 ? 0u : ((1u << l1) - 1u) & ~((1u << l0) - 1u);
}
HUGE_INLINE hmask hv_mask(int l0, int l1) { return (hmask)lane_bits(l0, l1); }
HUGE_INLINE hv hv_load_mask(const float *p, hmask m) {
  return _mm512_maskz_loadu_ps(m, p);
}
#else
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
#endif

/* Stores the first min(n, HUGE_VL) lanes of v at p; later memory is not
 * touched. */
#if !defined(HUGE_NO_SIMD) && defined(__GNUC__) && defined(__AVX512F__)
HUGE_INLINE void hv_store_n(float *p, hv v, int n) {
  if (n >= HUGE_VL)
    hv_store(p, v);
  else
    _mm512_mask_storeu_ps(p, (__mmask16)lane_bits(0, n), v);
}
#else
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

/* ---- packed convolution ------------------------------------------------
 * Weights are packed once, at compile time, as
 * [groups][ceil(cog / blk)][kh][kw][cig][blk]: for every tap, the input
 * channels of a group in order, each with a block of blk output channels
 * (lanes past cog are zero). The block size selects the loop order:
 *
 * - blk a multiple of 16 (by channel): a tile is MR output pixels of one row
 *   times NV vectors of output channels. Each step loads NV weight vectors
 *   and broadcasts one input value per pixel: MR x NV fused multiply-adds
 *   from MR + NV loads, the accumulators never leave registers.
 * - otherwise (by column): a tile is up to 8 output channels
 *   times XV vectors of consecutive output columns; each step loads XV input
 *   vectors and broadcasts one weight per channel.
 *
 * Every tile sums exactly the taps that fall inside the input: rows are
 * clipped per output row, and pixels are grouped into runs that share the
 * same in-range columns (by channel) or load partial vectors (by column). */
typedef struct conv_job {
  const float *src; /* input of the tile's first pixel at (ci 0, first tap) */
  const float *w;   /* weights at (first tap, ci 0, first lane of the tile) */
  long plane;       /* input floats between blocks of cblk channels */
  long tile_row;    /* input floats between a tile's output rows */
  int cblk, cstep;  /* channels per block, input floats between them */
  int cig, nkh, nkw;
  int row_step, col_step, px_step; /* input floats between kh, kw, pixels */
  int w_row, w_col, blk;           /* weight floats between kh, kw, ci */
  struct prefetch_cursor *ahead;   /* the next chunk's weights */
} conv_job;

/* The strides of a job that follow from the layer alone. */
static void job_strides(conv_job *j, const huge_conv_params *p, int cig,
                        int blk) {
  const int cb = in_block(p);
  j->plane = in_plane(p) * cb;
  /* planar: one block of every channel, a plane apart */
  j->cblk = cb > 1 ? cb : INT_MAX;
  j->cstep = cb > 1 ? 1 : (int)in_plane(p);
  j->row_step = p->dh * p->w * cb;
  j->col_step = p->dw * cb;
  j->px_step = p->sw * cb;
  j->w_row = p->kw * cig * blk;
  j->w_col = cig * blk;
  j->blk = blk;
}

/* The weights of the next chunk of input channels (of this block, or of the
 * next task's), fetched into the outer cache a few lines per reduction step
 * while the current chunk computes: weights that stream from memory then
 * arrive while the FMAs run, instead of stalling the chunk's first tile on
 * every line. A chunk is `left` + 1 segments of `seg` floats, `stride`
 * apart (one per kernel tap); [p, end) is what is left of the current one. */
typedef struct prefetch_cursor {
  const float *p, *end, *next;
  long seg, stride;
  int left;
  int per_tap; /* lines to fetch per tap of a tile */
} prefetch_cursor;

/* Nothing to fetch. */
static void cursor_none(prefetch_cursor *c, const float *at) {
  c->p = c->end = c->next = at;
  c->seg = c->stride = 0;
  c->left = c->per_tap = 0;
}

/* Floats of one cache line. */
#define HUGE_LINE_FLOATS 16

/* The chunk of input channels [c0, c0 + kc) of the block of packed weights
 * wb (taps x cig x blk floats), fetched over `steps` taps of tiles (with a
 * quarter to spare, as border tiles have fewer taps). */
static void cursor_chunk(prefetch_cursor *c, const float *wb, int taps, int cig,
                         int blk, int c0, int kc, long steps) {
  const long lines = (long)taps * kc * blk / HUGE_LINE_FLOATS;
  c->per_tap = (int)((lines * 5 / 4 + steps - 1) / max_int(1, (int)steps));
  c->seg = (long)kc * blk;
  c->stride = (long)cig * blk;
  c->p = wb + (long)c0 * blk;
  c->end = c->p + c->seg;
  c->next = taps > 1 ? c->p + c->stride : c->p;
  c->left = taps - 1;
}

/* The next lines of the cursor for one tap of a tile (at most `most`, one
 * per reduction step): returns where they start, their count in *n. */
static const float *cursor_take(prefetch_cursor *c, int most, int *n) {
  const float *at;
  long left;
  if (c->p == c->end && c->left > 0) {
    c->p = c->next;
    c->end = c->p + c->seg;
    if (--c->left > 0)
      c->next += c->stride;
  }
  left = (long)(c->end - c->p) / HUGE_LINE_FLOATS;
  *n = (int)(left < c->per_tap ? left : c->per_tap);
  *n = min_int(*n, most);
  at = c->p;
  c->p += (long)*n * HUGE_LINE_FLOATS;
  return at;
}

/* Weight streams that a tile reads once are fetched this many input
 * channels ahead. */
#if defined(__GNUC__)
#define HUGE_PREFETCH(p) __builtin_prefetch(p)
#else
#define HUGE_PREFETCH(p) ((void)0)
#endif
#ifndef HUGE_PREFETCH_AHEAD
#define HUGE_PREFETCH_AHEAD 32
#endif

/* A prefetch of the next chunk's weights into the outer cache. */
#if defined(__GNUC__)
#define HUGE_PREFETCH_OUTER(p) __builtin_prefetch(p, 0, 2)
#else
#define HUGE_PREFETCH_OUTER(p) ((void)0)
#endif

/* One reduction step of a by-channel tile: NV weight vectors at w times the
 * MR pixels' inputs at s. */
#define HUGE_CHANNEL_STEP                                                      \
  {                                                                            \
    hv wv[4];                                                                  \
    for (v = 0; v < nv; ++v)                                                   \
      wv[v] = hv_load(w + v * HUGE_VL);                                        \
    for (p = 0; p < mr; ++p) {                                                 \
      const hv b = hv_splat(s[p * j->px_step]);                                \
      for (v = 0; v < nv; ++v)                                                 \
        a[p][v] = hv_fma(b, wv[v], a[p][v]);                                   \
    }                                                                          \
  }

/* MR pixels x NV channel vectors, starting from init (same layout as
 * tile: pixel-major, NV vectors per pixel). */
HUGE_INLINE void by_channel_tile(const conv_job *j, const float *init,
                                 float *tile, const int mr, const int nv) {
  hv a[6][4];
  int p, v, ci, kh, kw;
  for (p = 0; p < mr; ++p)
    for (v = 0; v < nv; ++v)
      a[p][v] = hv_load(init + (p * nv + v) * HUGE_VL);
  for (kh = 0; kh < j->nkh; ++kh)
    for (kw = 0; kw < j->nkw; ++kw) {
      const float *sb = j->src + kh * j->row_step + kw * j->col_step;
      const float *w = j->w + kh * j->w_row + kw * j->w_col;
      int nf, cb;
      const float *pf = cursor_take(j->ahead, j->cig, &nf);
      /* block by block of input channels (one block when planar); the
       * first nf steps also fetch a line of the next chunk */
      for (cb = 0; cb < j->cig; cb += j->cblk, sb += j->plane) {
        const int ce = min_int(j->cblk, j->cig - cb);
        const int fe = min_int(ce, max_int(0, nf - cb));
        const float *s = sb;
        for (ci = 0; ci < fe; ++ci, s += j->cstep, w += j->blk) {
          HUGE_PREFETCH_OUTER(pf + (cb + ci) * HUGE_LINE_FLOATS);
          HUGE_CHANNEL_STEP
        }
        for (; ci < ce; ++ci, s += j->cstep, w += j->blk) {
          HUGE_CHANNEL_STEP
        }
      }
    }
  for (p = 0; p < mr; ++p)
    for (v = 0; v < nv; ++v)
      hv_store(tile + (p * nv + v) * HUGE_VL, a[p][v]);
}

/* The switch over a by-channel tile's MR x NV (1-6 x 1-4) that calls
 * TILE(j, init, tile, MR, NV) with both as constants. */
#define HUGE_CHANNEL_TILE_SWITCH(TILE)                                         \
  switch (mr * 8 + nv) {                                                       \
    HUGE_CHANNEL_TILE_ROW(TILE, 1)                                             \
    HUGE_CHANNEL_TILE_ROW(TILE, 2)                                             \
    HUGE_CHANNEL_TILE_ROW(TILE, 3)                                             \
    HUGE_CHANNEL_TILE_ROW(TILE, 4)                                             \
    HUGE_CHANNEL_TILE_ROW(TILE, 5)                                             \
    HUGE_CHANNEL_TILE_ROW(TILE, 6)                                             \
  default:                                                                     \
    break;                                                                     \
  }
#define HUGE_CHANNEL_TILE_ROW(TILE, M)                                         \
  HUGE_CHANNEL_TILE_CASE(TILE, M, 1)                                           \
  HUGE_CHANNEL_TILE_CASE(TILE, M, 2)                                           \
  HUGE_CHANNEL_TILE_CASE(TILE, M, 3)                                           \
  HUGE_CHANNEL_TILE_CASE(TILE, M, 4)
#define HUGE_CHANNEL_TILE_CASE(TILE, M, V)                                     \
  case (M)*8 + (V):                                                            \
    TILE(j, init, tile, M, V);                                                 \
    break;

static void by_channel_dispatch(const conv_job *j, const float *init,
                                float *tile, int mr, int nv) {
  HUGE_CHANNEL_TILE_SWITCH(by_channel_tile)
}

/* Taps a gathered by-channel tile handles. */
#define HUGE_MAX_TAPS 64

/* A by-channel tile whose MR pixels need not share their in-range taps (for
 * outputs only a few pixels wide, where runs of pixels with the same taps
 * are short): for its tap t, pixel q reads from src[t][q], st[t][q] floats
 * further per input channel and bst[t][q] more after each block of cblk
 * channels; a tap outside the input reads a zero with strides 0. */
typedef struct gathered_job {
  const float *src[HUGE_MAX_TAPS][6];
  long st[HUGE_MAX_TAPS][6], bst[HUGE_MAX_TAPS][6];
  const float *w[HUGE_MAX_TAPS]; /* weights of tap t at ci 0 */
  int taps, cig, blk, cblk;
  prefetch_cursor *ahead; /* the next chunk's weights */
} gathered_job;

/* One reduction step of a gathered tile (its weights fetched a few input
 * channels ahead: each is read once per tile). */
#define HUGE_GATHERED_STEP                                                     \
  {                                                                            \
    hv wv[4];                                                                  \
    for (v = 0; v < nv; ++v) {                                                 \
      HUGE_PREFETCH(w + HUGE_PREFETCH_AHEAD * j->blk + v * HUGE_VL);           \
      wv[v] = hv_load(w + v * HUGE_VL);                                        \
    }                                                                          \
    for (p = 0; p < mr; ++p) {                                                 \
      const hv b = hv_splat(*s[p]);                                            \
      s[p] += st[p];                                                           \
      for (v = 0; v < nv; ++v)                                                 \
        a[p][v] = hv_fma(b, wv[v], a[p][v]);                                   \
    }                                                                          \
  }

HUGE_INLINE void gathered_tile(const gathered_job *j, const float *init,
                               float *tile, const int mr, const int nv) {
  hv a[6][4];
  int p, v, t, ci;
  for (p = 0; p < mr; ++p)
    for (v = 0; v < nv; ++v)
      a[p][v] = hv_load(init + (p * nv + v) * HUGE_VL);
  for (t = 0; t < j->taps; ++t) {
    const float *s[6];
    long st[6];
    const float *w = j->w[t];
    int nf, cb;
    const float *pf = cursor_take(j->ahead, j->cig, &nf);
    for (p = 0; p < mr; ++p) {
      s[p] = j->src[t][p];
      st[p] = j->st[t][p];
    }
    /* block by block of input channels (one block when planar); the
     * first nf steps also fetch a line of the next chunk */
    for (cb = 0; cb < j->cig; cb += j->cblk) {
      const int ce = min_int(j->cblk, j->cig - cb);
      const int fe = min_int(ce, max_int(0, nf - cb));
      if (cb > 0)
        for (p = 0; p < mr; ++p)
          s[p] += j->bst[t][p];
      for (ci = 0; ci < fe; ++ci, w += j->blk) {
        HUGE_PREFETCH_OUTER(pf + (cb + ci) * HUGE_LINE_FLOATS);
        HUGE_GATHERED_STEP
      }
      for (; ci < ce; ++ci, w += j->blk) {
        HUGE_GATHERED_STEP
      }
    }
  }
  for (p = 0; p < mr; ++p)
    for (v = 0; v < nv; ++v)
      hv_store(tile + (p * nv + v) * HUGE_VL, a[p][v]);
}

static void gathered_dispatch(const gathered_job *j, const float *init,
                              float *tile, int mr, int nv) {
  HUGE_CHANNEL_TILE_SWITCH(gathered_tile)
}

static const float zero_input = 0.0f;

/* Whether by-channel tiles gather pixels from across the output: when rows
 * are so short that runs of pixels sharing their taps stay below a full
 * tile, and the kernel has few enough taps. */
static int gather_pixels(const huge_conv_params *p) {
  return p->ow < 2 * HUGE_CO_MR && p->kh * p->kw <= HUGE_MAX_TAPS;
}

/* The gathered tiles of pixels [q0, q0 + mr) (row-major) for input channels
 * [c0, c0 + kc) and the weight vectors from v0: every tap in range for at
 * least one of the pixels. */
static void gathered_taps(gathered_job *j, const huge_conv_params *p,
                          const float *ib, const float *wb, int cig, int blk,
                          int c0, int kc, int v0, int q0, int mr) {
  const int cb = in_block(p);
  const long plane = in_plane(p);
  int kh, kw, q;
  j->taps = 0;
  j->cig = kc;
  j->blk = blk;
  j->cblk = cb > 1 ? cb : INT_MAX;
  for (kh = 0; kh < p->kh; ++kh)
    for (kw = 0; kw < p->kw; ++kw) {
      int any = 0;
      for (q = 0; q < mr; ++q) {
        const int y = (q0 + q) / p->ow, x = (q0 + q) % p->ow;
        const int iy = y * p->sh - p->pt + kh * p->dh;
        const int ix = x * p->sw - p->pl + kw * p->dw;
        if (iy >= 0 && iy < p->h && ix >= 0 && ix < p->w) {
          j->src[j->taps][q] =
              ib + channel_offset(c0, plane, cb) + ((long)iy * p->w + ix) * cb;
          j->st[j->taps][q] = cb > 1 ? 1 : plane;
          j->bst[j->taps][q] = cb > 1 ? plane * cb - cb : 0;
          any = 1;
        } else {
          j->src[j->taps][q] = &zero_input;
          j->st[j->taps][q] = j->bst[j->taps][q] = 0;
        }
      }
      if (any)
        j->w[j->taps++] = wb + ((long)kh * p->kw + kw) * cig * blk +
                          (long)c0 * blk + v0 * HUGE_VL;
    }
}

/* Output element (n, co, y, x) through the view. */
static float *out_at(float *out, const huge_conv_params *p, int n, int co,
                     int y, int x) {
  return out + channel_offset(n * p->cout + co, p->ocs, out_block(p)) +
         (long)y * p->oys + (long)x * p->oxs;
}

/* Moves the sub channels from co of one output pixel, at o (channel co),
 * from (load) or to a tile row r: runs of consecutive channels of a blocked
 * output are contiguous. */
static void pixel_channels(float *o, float *r, int co, int sub,
                           const huge_conv_params *p, int load) {
  const int cb = out_block(p);
  const long base = channel_offset(co, p->ocs, cb);
  int l, i, run;
  if (cb == 1) {
    for (l = 0; l < sub; ++l)
      if (load)
        r[l] = o[l * p->ocs];
      else
        o[l * p->ocs] = r[l];
    return;
  }
  for (l = 0; l < sub; l += run) {
    float *at = o + channel_offset(co + l, p->ocs, cb) - base;
    run = min_int(sub - l, cb - (co + l) % cb);
    if (load)
      for (i = 0; i < run; ++i)
        r[l + i] = at[i];
    else
      for (i = 0; i < run; ++i)
        at[i] = r[l + i];
  }
}

/* What the by-channel tiles of one block of output channels and one chunk
 * of input channels share. */
typedef struct channel_pass {
  const huge_conv_params *p;
  const float *ib, *wb; /* the group's input, the block's packed weights */
  float *out;
  const float *bias_row;
  int n, cig, blk;
  int co, v;   /* the first output channel, and its lane in the block */
  int sub, nv; /* channels, and vectors of them */
  int c0, kc;  /* the chunk of input channels */
  int first, last;
  prefetch_cursor *ahead;
} channel_pass;

/* One past the last output index from i on, below ie, whose in-range taps
 * along one axis (stride s, padding pad, dilation d, input size n, k taps)
 * are those of i. */
static int tap_run_end(int i, int ie, int s, int pad, int d, int n, int k) {
  const int o0 = i * s - pad;
  const int k0 = first_in_range(o0, d, 0), k1 = end_in_range(o0, d, n, k);
  int e = i + 1;
  for (; e < ie; ++e) {
    const int o = e * s - pad;
    if (first_in_range(o, d, 0) != k0 || end_in_range(o, d, n, k) != k1)
      break;
  }
  return e;
}

static int column_run_end(const huge_conv_params *p, int x) {
  return tap_run_end(x, p->ow, p->sw, p->pl, p->dw, p->w, p->kw);
}

static int row_run_end(const huge_conv_params *p, int y, int ye) {
  return tap_run_end(y, ye, p->sh, p->pt, p->dh, p->h, p->kh);
}

/* Whether a run of `run` columns goes down its columns, `rows` long: when
 * it would fill less than half a tile along the row, and more down. */
static int down_columns(const huge_conv_params *p, int run, int rows) {
  (void)p;
  return 2 * run < HUGE_CO_MR && rows > run;
}

/* Pixels [a, ae) of output row `at` (down = 0) or of output column `at`
 * (down = 1), which share their in-range taps: tiles of up to HUGE_CO_MR
 * pixels, spread evenly (14 pixels as 5 + 5 + 4, not 6 + 6 + 2). */
static void channel_run(const channel_pass *t, int a, int ae, int at,
                        int down) {
  const huge_conv_params *p = t->p;
  const int tiles = (ae - a + HUGE_CO_MR - 1) / HUGE_CO_MR;
  const int step = (ae - a + tiles - 1) / tiles;
  const long ostride = down ? p->oys : p->oxs;
  float init[6 * 4 * HUGE_VL], tile[6 * 4 * HUGE_VL];
  int i, q, l;
  for (i = a; i < ae; i += step) {
    const int mr = min_int(step, ae - i);
    const int y = down ? i : at, x = down ? at : i;
    const int iy0 = y * p->sh - p->pt, ix0 = x * p->sw - p->pl;
    const int kh0 = first_in_range(iy0, p->dh, 0);
    const int kh1 = end_in_range(iy0, p->dh, p->h, p->kh);
    const int kw0 = first_in_range(ix0, p->dw, 0);
    const int kw1 = end_in_range(ix0, p->dw, p->w, p->kw);
    float *o = out_at(t->out, p, t->n, t->co, y, x);
    const int cb = in_block(p), planar = out_block(p) == 1;
    conv_job j;
    /* start from the bias, or from the previous chunks' sums */
    for (q = 0; q < mr; ++q) {
      float *iq = init + q * t->nv * HUGE_VL;
      memcpy(iq, t->bias_row, sizeof(float) * t->nv * HUGE_VL);
      if (t->first)
        continue;
      if (planar)
        for (l = 0; l < t->sub; ++l)
          iq[l] = o[l * p->ocs + q * ostride];
      else
        pixel_channels(o + q * ostride, iq, t->co, t->sub, p, 1);
    }
    j.nkh = max_int(0, kh1 - kh0);
    j.nkw = max_int(0, kw1 - kw0);
    j.src = t->ib + channel_offset(t->c0, in_plane(p), cb) +
            ((long)(iy0 + kh0 * p->dh) * p->w + ix0 + kw0 * p->dw) * cb;
    j.w = t->wb + ((long)kh0 * p->kw + kw0) * t->cig * t->blk +
          (long)t->c0 * t->blk + t->v;
    job_strides(&j, p, t->cig, t->blk);
    if (down)
      j.px_step = p->sh * p->w * cb;
    j.tile_row = 0;
    j.cig = t->kc;
    j.ahead = t->ahead;
    if (j.nkh == 0 || j.nkw == 0)
      j.nkh = j.nkw = 0, j.src = t->ib;
    by_channel_dispatch(&j, init, tile, mr, t->nv);
    if (t->last)
      activate_row(tile, mr * t->nv * HUGE_VL, p);
    if (planar)
      for (l = 0; l < t->sub; ++l)
        for (q = 0; q < mr; ++q)
          o[l * p->ocs + q * ostride] = tile[q * t->nv * HUGE_VL + l];
    else
      for (q = 0; q < mr; ++q)
        pixel_channels(o + q * ostride, tile + q * t->nv * HUGE_VL, t->co,
                       t->sub, p, 0);
  }
}

/* One block of blk output channels of group g, by channel. */
/* Floats of one channel block's weights a by-channel pass keeps in cache:
 * longer reductions are split into chunks of input channels, each swept over
 * the whole output, so small outputs do not stream the weights once per
 * pixel tile. */
#ifndef HUGE_CHUNK_FLOATS
#define HUGE_CHUNK_FLOATS (1 << 17)
#endif

/* Input channels per chunk: whole blocks of cb channels. */
static int chunk_channels(int taps, int cig, int blk, int cb) {
  const int chunks = (int)(((long)taps * cig * blk + HUGE_CHUNK_FLOATS - 1) /
                           HUGE_CHUNK_FLOATS);
  const int kc = (cig + chunks - 1) / chunks;
  return (kc + cb - 1) / cb * cb;
}

static void conv_by_channel(const float *in, const float *packed, int blk,
                            const float *bias, float *out,
                            const huge_conv_params *p, int n, int g, int b,
                            int y0, int y1, const float *next,
                            const huge_conv_params *next_p) {
  const int cig = p->cin / p->groups, cog = p->cout / p->groups;
  const int nb = (cog + blk - 1) / blk, taps = p->kh * p->kw;
  const float *wb = packed + ((long)g * nb + b) * taps * cig * blk;
  const float *ib =
      in + channel_offset(n * p->cin + g * cig, in_plane(p), in_block(p));
  const int lanes = min_int(blk, cog - b * blk);
  const int co_base = g * cog + b * blk;
  const int kc = chunk_channels(taps, cig, blk, in_block(p));
  const int gather = gather_pixels(p);
  gathered_job gj;
  prefetch_cursor ahead;
  int v0;
  gj.ahead = &ahead;
  for (v0 = 0; v0 * HUGE_VL < lanes; v0 += HUGE_CO_NV) {
    const int sub = min_int(lanes - v0 * HUGE_VL, HUGE_CO_NV * HUGE_VL);
    const int nv = (sub + HUGE_VL - 1) / HUGE_VL;
    float init[6 * 4 * HUGE_VL], tile[6 * 4 * HUGE_VL];
    float bias_row[4 * HUGE_VL]; /* the block's bias, zero past sub */
    const int ye = min_int(y1, p->oh);
    /* taps of tiles in one chunk */
    const long steps =
        (long)taps *
        (((long)max_int(0, ye - y0) * p->ow + HUGE_CO_MR - 1) / HUGE_CO_MR);
    channel_pass t;
    int l, y, c0, q, q0, x, xe, xc, yr;
    for (l = 0; l < nv * HUGE_VL; ++l)
      bias_row[l] = l < sub && bias ? bias[co_base + v0 * HUGE_VL + l] : 0.0f;
    t.p = p;
    t.ib = ib;
    t.wb = wb;
    t.out = out;
    t.bias_row = bias_row;
    t.n = n;
    t.cig = cig;
    t.blk = blk;
    t.co = co_base + v0 * HUGE_VL;
    t.v = v0 * HUGE_VL;
    t.sub = sub;
    t.nv = nv;
    t.ahead = &ahead;
    for (c0 = 0; c0 < cig; c0 += kc) {
      const int first = c0 == 0, last = c0 + kc >= cig;
      /* fetch the chunk that follows: the block's next one, its first one
       * again for the next vectors of channels, or the next task's first */
      if (!last)
        cursor_chunk(&ahead, wb, taps, cig, blk, c0 + kc,
                     min_int(kc, cig - c0 - kc), steps);
      else if ((v0 + HUGE_CO_NV) * HUGE_VL < lanes)
        cursor_chunk(&ahead, wb, taps, cig, blk, 0, kc, steps);
      else if (next) {
        const int ntaps = next_p->kh * next_p->kw;
        const int ncig = next_p->cin / next_p->groups;
        cursor_chunk(&ahead, next, ntaps, ncig, blk, 0,
                     chunk_channels(ntaps, ncig, blk, in_block(next_p)), steps);
      } else
        cursor_none(&ahead, wb);
      if (gather) {
        for (q0 = 0; q0 < p->oh * p->ow; q0 += HUGE_CO_MR) {
          const int mr = min_int(HUGE_CO_MR, p->oh * p->ow - q0);
          gathered_taps(&gj, p, ib, wb, cig, blk, c0, min_int(kc, cig - c0), v0,
                        q0, mr);
          for (q = 0; q < mr; ++q) {
            float *iq = init + q * nv * HUGE_VL;
            memcpy(iq, bias_row, sizeof(float) * nv * HUGE_VL);
            if (!first)
              pixel_channels(
                  out_at(out, p, n, t.co, (q0 + q) / p->ow, (q0 + q) % p->ow),
                  iq, t.co, sub, p, 1);
          }
          gathered_dispatch(&gj, init, tile, mr, nv);
          if (last)
            activate_row(tile, mr * nv * HUGE_VL, p);
          for (q = 0; q < mr; ++q)
            pixel_channels(
                out_at(out, p, n, t.co, (q0 + q) / p->ow, (q0 + q) % p->ow),
                tile + q * nv * HUGE_VL, t.co, sub, p, 0);
        }
        continue;
      }
      t.c0 = c0;
      t.kc = min_int(kc, cig - c0);
      t.first = first;
      t.last = last;
      /* along each row, runs of pixels sharing their in-range kernel
       * columns; the pixels of runs shorter than half a tile (a padded
       * layer's border columns) go down their columns instead, in runs of
       * rows that share their kernel rows */
      for (y = y0; y < ye; ++y)
        for (x = 0; x < p->ow; x = xe) {
          xe = column_run_end(p, x);
          if (!down_columns(p, xe - x, ye - y0))
            channel_run(&t, x, xe, y, 0);
        }
      for (x = 0; x < p->ow; x = xe) {
        xe = column_run_end(p, x);
        if (down_columns(p, xe - x, ye - y0))
          for (xc = x; xc < xe; ++xc)
            for (y = y0; y < ye; y = yr) {
              yr = row_run_end(p, y, ye);
              channel_run(&t, y, yr, xc, 1);
            }
      }
    }
  }
}

/* Kernel columns whose lane masks a by-column tile keeps at once. */
#define HUGE_MAX_KW 8

/* Lane masks of a by-column tile for each kernel column: lanes whose input
 * column falls outside [0, width) or past the tile's cols are off. */
typedef struct column_masks {
  int lo[HUGE_MAX_KW][4], hi[HUGE_MAX_KW][4], any[HUGE_MAX_KW];
  int all[HUGE_MAX_KW]; /* every lane of kernel column k's vectors is on */
  int full;             /* ... of every kernel column */
  hmask m[HUGE_MAX_KW][4];
#if !defined(HUGE_NO_SIMD) && defined(__GNUC__) && defined(__AVX512F__)
  /* stride 2: the two source vectors' masks, elements [2 lo, 2 hi - 1) */
  __mmask16 even_lo[HUGE_MAX_KW][4], even_hi[HUGE_MAX_KW][4];
#endif
} column_masks;

HUGE_INLINE void make_column_masks(column_masks *cm, const conv_job *j, int kw0,
                                   int nkw, int col0, int width, int cols,
                                   int xv) {
  int k, v;
  cm->full = 1;
  for (k = 0; k < nkw; ++k) {
    const int c0 = col0 + (kw0 + k) * j->col_step;
    cm->any[k] = 0;
    cm->all[k] = 1;
    for (v = 0; v < xv; ++v) {
      lane_range(c0 + v * HUGE_VL * j->px_step, j->px_step, width,
                 min_int(HUGE_VL, cols - v * HUGE_VL), &cm->lo[k][v],
                 &cm->hi[k][v]);
      cm->m[k][v] = hv_mask(cm->lo[k][v], cm->hi[k][v]);
      cm->any[k] |= cm->hi[k][v] > cm->lo[k][v];
      cm->all[k] &= cm->lo[k][v] == 0 && cm->hi[k][v] == HUGE_VL;
#if !defined(HUGE_NO_SIMD) && defined(__GNUC__) && defined(__AVX512F__)
      {
        const int e0 = 2 * cm->lo[k][v], e1 = 2 * cm->hi[k][v] - 1;
        cm->even_lo[k][v] = (__mmask16)lane_bits(e0, min_int(e1, 16));
        cm->even_hi[k][v] =
            (__mmask16)lane_bits(max_int(e0 - 16, 0), max_int(e1 - 16, 0));
      }
#endif
    }
    cm->full &= cm->all[k];
  }
}

/* Input vector v of kernel column k of a by-column tile, at p, whose
 * pixels lie `step` floats apart (the job's px_step, as a constant where the
 * caller knows it). */
HUGE_INLINE hv load_columns(const column_masks *cm, int k, int v,
                            const float *p, const int step) {
  if (step == 1)
    return hv_load_mask(p, cm->m[k][v]);
#if !defined(HUGE_NO_SIMD) && defined(__GNUC__) && defined(__AVX512F__)
  if (step == 2) {
    const __m512i even = _mm512_set_epi32(30, 28, 26, 24, 22, 20, 18, 16, 14,
                                          12, 10, 8, 6, 4, 2, 0);
    /* all lanes on: constant masks (element 31 is never needed, and may lie
     * past the end of the input) */
    if (cm->all[k])
      return _mm512_permutex2var_ps(_mm512_loadu_ps(p), even,
                                    _mm512_maskz_loadu_ps(0x7fff, p + 16));
    return _mm512_permutex2var_ps(
        _mm512_maskz_loadu_ps(cm->even_lo[k][v], p), even,
        _mm512_maskz_loadu_ps(cm->even_hi[k][v], p + 16));
  }
#endif
  return hv_gather(p, step, cm->lo[k][v], cm->hi[k][v]);
}

/* The by-column register tile spelled out as named variables a<c><v> (up
 * to 8 channels x 8 vectors): GCC keeps an array of vectors in memory here,
 * but named variables in registers. Unused ones fold away. */
#define HUGE_EACH8(M, x)                                                       \
  M(x, 0) M(x, 1) M(x, 2) M(x, 3) M(x, 4) M(x, 5) M(x, 6) M(x, 7)
#define HUGE_EACH_CV(M)                                                        \
  HUGE_EACH8(M, 0)                                                             \
  HUGE_EACH8(M, 1)                                                             \
  HUGE_EACH8(M, 2)                                                             \
  HUGE_EACH8(M, 3)                                                             \
  HUGE_EACH8(M, 4) HUGE_EACH8(M, 5) HUGE_EACH8(M, 6) HUGE_EACH8(M, 7)
#define HUGE_ACC_DECL(c, v) hv a##c##v = zero;
#define HUGE_ACC_INIT(c, v)                                                    \
  if (c < nc && v < nv)                                                        \
    a##c##v = hv_splat(bias_c[c]);
#define HUGE_ACC_FMA(c, v)                                                     \
  if (c < nc && v < nv)                                                        \
    a##c##v = hv_fma(b##c, x##v, a##c##v);
#define HUGE_ACC_STORE(c, v)                                                   \
  if (c < nc && v < nv)                                                        \
    hv_store_n(o + c * d->cs + (v / xv) * d->rs + (v % xv) * HUGE_VL, a##c##v, \
               cols - (v % xv) * HUGE_VL);
#define HUGE_BCAST(unused, c) const hv b##c = c < nc ? hv_splat(w[c]) : zero;
#define HUGE_LOAD_FULL(unused, v)                                              \
  const hv x##v =                                                              \
      v < nv ? hv_load(s + (v / xv) * j->tile_row + (v % xv) * HUGE_VL)        \
             : zero;
#define HUGE_LOAD_DENSE(unused, v)                                             \
  const hv x##v =                                                              \
      v < nv ? hv_load_mask(s + (v / xv) * j->tile_row + (v % xv) * HUGE_VL,   \
                            cm.m[k][v % xv])                                   \
             : zero;
#define HUGE_LOAD_STEP(v, step)                                                \
  const hv x##v = v < nv ? load_columns(&cm, k, v % xv,                        \
                                        s + (v / xv) * j->tile_row +           \
                                            (v % xv) * HUGE_VL * (step),       \
                                        step)                                  \
                         : zero;
#define HUGE_LOAD_STRIDED(unused, v) HUGE_LOAD_STEP(v, j->px_step)
#define HUGE_LOAD_EVEN(unused, v) HUGE_LOAD_STEP(v, 2)
/* The tile's input vectors HUGE_PLANES_AHEAD channels on: channel planes
 * lie a fixed distance apart, often a multiple of 4 KiB, which the hardware
 * prefetchers do not follow and which maps every plane to the same L1 sets
 * (FSRCNN's 56 planes of 64x64: 1.26 -> 0.86 ms). */
#ifndef HUGE_PLANES_AHEAD
#define HUGE_PLANES_AHEAD 2
#endif
#define HUGE_PREFETCH_PLANE(row, v)                                            \
  if (v < nv)                                                                  \
    HUGE_PREFETCH(row + HUGE_PLANES_AHEAD * j->plane +                         \
                  (v / xv) * j->tile_row + (v % xv) * HUGE_VL * j->px_step);
/* For every kernel row and input channel, all kernel columns while the
 * input row is in L1; LOAD fetches the input vectors. */
#define HUGE_COLUMN_STEPS(LOAD)                                                \
  for (kh = 0; kh < j->nkh; ++kh)                                              \
    for (ci = 0; ci < j->cig; ++ci) {                                          \
      const float *srow =                                                      \
          src + kh * j->row_step + ci * j->plane + kw * j->col_step;           \
      const float *wrow =                                                      \
          j->w + kh * j->w_row + ci * j->blk + (long)kw * j->w_col;            \
      HUGE_EACH8(HUGE_PREFETCH_PLANE, srow)                                    \
      for (k = 0; k < nkw; ++k) {                                              \
        const float *s = srow + k * j->col_step;                               \
        const float *w = wrow + (long)k * j->w_col;                            \
        if (!cm.any[k])                                                        \
          continue;                                                            \
        {                                                                      \
          HUGE_EACH8(LOAD, 0)                                                  \
          HUGE_EACH8(HUGE_BCAST, 0)                                            \
          HUGE_EACH_CV(HUGE_ACC_FMA)                                           \
        }                                                                      \
      }                                                                        \
    }

/* The steps of one kernel column (kw; 1x1 and row-flattened layers have no
 * other) whose lanes are all in range: no loop over columns or masks. */
#define HUGE_COLUMN_STEPS_1(LOAD)                                              \
  for (kh = 0; kh < j->nkh; ++kh) {                                            \
    const float *s = src + kh * j->row_step + kw * j->col_step;                \
    const float *w = j->w + kh * j->w_row + (long)kw * j->w_col;               \
    for (ci = 0; ci < j->cig; ++ci, s += j->plane, w += j->blk) {              \
      HUGE_EACH8(HUGE_PREFETCH_PLANE, s)                                       \
      HUGE_EACH8(LOAD, 0)                                                      \
      HUGE_EACH8(HUGE_BCAST, 0)                                                \
      HUGE_EACH_CV(HUGE_ACC_FMA)                                               \
    }                                                                          \
  }

/* Where a by-column tile's results go: the first `cols` columns of channel
 * c, row r, start at o + c * cs + r * rs (the output itself, or a buffer). */
typedef struct column_dest {
  float *o;
  long cs, rs;
} column_dest;

/* NC channels x NR rows x XV vectors of consecutive output columns. The
 * tile's first pixel reads input column col0 at kw = 0. The NR rows share
 * their in-range kernel rows. With reps > 1 the tile repeats over that many
 * tiles along the row, each XV vectors further, which the caller guarantees
 * are whole, at stride 1, with every tap column inside the input: no lane
 * masks, and the set-up is paid once for the run. */
HUGE_INLINE void by_column_tile(const conv_job *j, int col0, int width,
                                int cols, const float *bias_c,
                                const column_dest *d, const int nc,
                                const int xv, const int nr, int reps) {
  const int nv = nr * xv;
  const hv zero = hv_splat(0.0f);
  column_masks cm;
  int kw, kh, ci, k, t;
  HUGE_EACH_CV(HUGE_ACC_DECL)
  if (reps > 1) {
    for (k = 0; k < HUGE_MAX_KW; ++k)
      cm.any[k] = cm.all[k] = 1;
    cm.full = 1;
  }
  for (t = 0; t < reps; ++t) {
    const float *src = j->src + (long)t * xv * HUGE_VL;
    float *o = d->o + (long)t * xv * HUGE_VL;
    HUGE_EACH_CV(HUGE_ACC_INIT)
    for (kw = 0; kw < j->nkw; kw += HUGE_MAX_KW) {
      const int nkw = min_int(HUGE_MAX_KW, j->nkw - kw);
      if (reps == 1)
        make_column_masks(&cm, j, kw, nkw, col0, width, cols, xv);
      if (j->px_step == 1 && cm.full && nkw == 1)
        HUGE_COLUMN_STEPS_1(HUGE_LOAD_FULL)
      else if (j->px_step == 1 && cm.full)
        HUGE_COLUMN_STEPS(HUGE_LOAD_FULL)
      else if (j->px_step == 1)
        HUGE_COLUMN_STEPS(HUGE_LOAD_DENSE)
      else if (j->px_step == 2)
        HUGE_COLUMN_STEPS(HUGE_LOAD_EVEN)
      else
        HUGE_COLUMN_STEPS(HUGE_LOAD_STRIDED)
    }
    HUGE_EACH_CV(HUGE_ACC_STORE)
  }
}
#undef HUGE_ACC_DECL
#undef HUGE_ACC_INIT
#undef HUGE_ACC_FMA
#undef HUGE_ACC_STORE
#undef HUGE_BCAST
#undef HUGE_LOAD_FULL
#undef HUGE_LOAD_DENSE
#undef HUGE_LOAD_STRIDED
#undef HUGE_LOAD_EVEN
#undef HUGE_LOAD_STEP
#undef HUGE_COLUMN_STEPS
#undef HUGE_COLUMN_STEPS_1
#undef HUGE_PREFETCH_PLANE

static void by_column_dispatch(const conv_job *j, int col0, int width, int cols,
                               const float *bias_c, const column_dest *d,
                               int nc, int xv, int nr, int reps) {
#define HUGE_TILE(C, V, R)                                                     \
  case ((C)*8 + (V)) * 2 + (R)-1:                                              \
    by_column_tile(j, col0, width, cols, bias_c, d, C, V, R, reps);            \
    break;
#define HUGE_TILE_ROW(C)                                                       \
  HUGE_TILE(C, 1, 1) HUGE_TILE(C, 2, 1) HUGE_TILE(C, 3, 1) HUGE_TILE(C, 4, 1)
  switch ((nc * 8 + xv) * 2 + nr - 1) {
    HUGE_TILE_ROW(1)
    HUGE_TILE_ROW(2)
    HUGE_TILE_ROW(3)
    HUGE_TILE_ROW(4)
    HUGE_TILE_ROW(5)
    HUGE_TILE_ROW(6)
    HUGE_TILE(7, 1, 1)
    HUGE_TILE(7, 2, 1)
    HUGE_TILE(7, 3, 1)
    HUGE_TILE(8, 1, 1)
    HUGE_TILE(8, 2, 1)
    HUGE_TILE(8, 3, 1)
    /* two rows where one row leaves registers free */
    HUGE_TILE(1, 1, 2)
    HUGE_TILE(1, 2, 2)
    HUGE_TILE(1, 3, 2)
    HUGE_TILE(1, 4, 2)
    HUGE_TILE(2, 1, 2)
    HUGE_TILE(2, 2, 2)
    HUGE_TILE(2, 3, 2)
    HUGE_TILE(2, 4, 2)
    HUGE_TILE(3, 1, 2)
    HUGE_TILE(3, 2, 2)
    HUGE_TILE(3, 3, 2)
    HUGE_TILE(3, 4, 2)
    HUGE_TILE(4, 1, 2)
    HUGE_TILE(4, 2, 2)
    HUGE_TILE(4, 3, 2)
    HUGE_TILE(5, 1, 2)
    HUGE_TILE(5, 2, 2)
    HUGE_TILE(6, 1, 2)
    HUGE_TILE(6, 2, 2)
    HUGE_TILE(7, 1, 2)
    HUGE_TILE(8, 1, 2)
  default:
    break;
  }
#undef HUGE_TILE
#undef HUGE_TILE_ROW
}

/* Vector registers of the target. */
#if HUGE_VL == 16 || defined(__aarch64__)
#define HUGE_VREGS 32
#else
#define HUGE_VREGS 16
#endif

/* Whether a by-column tile of nc channels x nv vectors (over all its rows)
 * keeps its accumulators, the step's input vectors and its broadcast
 * weights in registers (two to spare). by_column_dispatch has every tile
 * this admits for nc <= 8, xv <= 4 and nr <= 2. */
static int column_tile_fits(int nc, int nv) {
  return nc * nv + nv + nc <= HUGE_VREGS - 2;
}

/* One block of output channels of group g, by column. */
static void conv_by_column(const float *in, const float *packed, int blk,
                           const float *bias, float *out,
                           const huge_conv_params *p, int n, int g, int b) {
  const int cig = p->cin / p->groups, cog = p->cout / p->groups;
  const int nb = (cog + blk - 1) / blk, taps = p->kh * p->kw;
  const float *wb = packed + ((long)g * nb + b) * taps * cig * blk;
  const float *ib = in + ((long)n * p->cin + (long)g * cig) * in_plane(p);
  const int lanes = min_int(blk, cog - b * blk);
  const int co_base = g * cog + b * blk;
  const int row_vectors = (p->ow + HUGE_VL - 1) / HUGE_VL;
  int c0;
  for (c0 = 0; c0 < lanes; c0 += 8) {
    const int nc = min_int(8, lanes - c0);
    /* vectors per tile: as many as the registers allow, spread evenly over
     * the row so that the last tile is not mostly padding */
    int xv_max = 1;
    while (xv_max < min_int(4, row_vectors) && column_tile_fits(nc, xv_max + 1))
      ++xv_max;
    const int tiles = (row_vectors + xv_max - 1) / xv_max;
    const int xv = (row_vectors + tiles - 1) / tiles;
    const int tw = xv * HUGE_VL;
    float bias_c[8], tile[8 * 8 * HUGE_VL];
    /* rows go straight into a dense output, else through the buffer */
    const int direct = p->oxs == 1;
    /* a run of whole tiles, at stride 1, whose every tap column is inside
     * the input (output columns below interior_end), goes as one call */
    const int interior_end = p->w + p->pl - (p->kw - 1) * p->dw;
    int c, y, x0, nr = 1, reps = 1;
    for (c = 0; c < nc; ++c)
      bias_c[c] = bias ? bias[co_base + c0 + c] : 0.0f;
    for (y = 0; y < p->oh; y += nr) {
      const int iy0 = y * p->sh - p->pt;
      const int kh0 = first_in_range(iy0, p->dh, 0);
      const int kh1 = end_in_range(iy0, p->dh, p->h, p->kh);
      /* a second row joins if it has the same in-range kernel rows */
      const int iy1 = iy0 + p->sh;
      nr = y + 1 < p->oh && column_tile_fits(nc, 2 * xv) &&
                   first_in_range(iy1, p->dh, 0) == kh0 &&
                   end_in_range(iy1, p->dh, p->h, p->kh) == kh1
               ? 2
               : 1;
      for (x0 = 0; x0 < p->ow; x0 += reps * tw) {
        const int cols = min_int(tw, p->ow - x0);
        conv_job j;
        int r;
        reps = direct && p->sw == 1 && x0 >= p->pl
                   ? min_int(p->ow - x0, interior_end - x0) / tw
                   : 0;
        if (reps < 1)
          reps = 1;
        j.nkh = max_int(0, kh1 - kh0);
        j.nkw = p->kw;
        j.src = ib + (long)(iy0 + kh0 * p->dh) * p->w + x0 * p->sw - p->pl;
        j.w = wb + (long)kh0 * p->kw * cig * blk + c0;
        job_strides(&j, p, cig, blk);
        j.tile_row = (long)p->sh * p->w;
        j.cig = cig;
        if (j.nkh == 0)
          j.src = ib;
        /* a shorter last tile computes only the vectors it needs */
        const int xvt = min_int(xv, (cols + HUGE_VL - 1) / HUGE_VL);
        column_dest d;
        d.o = direct ? out_at(out, p, n, co_base + c0, y, x0) : tile;
        d.cs = direct ? p->ocs : (long)nr * xvt * HUGE_VL;
        d.rs = direct ? p->oys : xvt * HUGE_VL;
        by_column_dispatch(&j, x0 * p->sw - p->pl, p->w, cols, bias_c, &d, nc,
                           xvt, nr, reps);
        for (c = 0; c < nc; ++c)
          for (r = 0; r < nr; ++r) {
            float *row = d.o + c * d.cs + r * d.rs;
            activate_row(row, reps * cols, p);
            if (!direct)
              store_row(out_at(out, p, n, co_base + c0 + c, y + r, x0), row,
                        cols, p->oxs);
          }
      }
    }
  }
}

void huge_pack_conv2d_weights(const float *weight, int cout, int cig, int kh,
                              int kw, int groups, int blk, float *packed) {
  const int cog = cout / groups, nb = (cog + blk - 1) / blk;
  const int taps = kh * kw;
  int g, b, t, ci, l;
  for (g = 0; g < groups; ++g)
    for (b = 0; b < nb; ++b)
      for (t = 0; t < taps; ++t)
        for (ci = 0; ci < cig; ++ci)
          for (l = 0; l < blk; ++l) {
            const int co = b * blk + l;
            *packed++ =
                co < cog ? weight[(((long)g * cog + co) * cig + ci) * taps + t]
                         : 0.0f;
          }
}

static huge_parallel_for_fn parallel_for;
static void *parallel_ctx;

void huge_set_parallel_for(huge_parallel_for_fn fn, void *ctx) {
  parallel_for = fn;
  parallel_ctx = ctx;
}

typedef struct conv_tasks {
  const float *in;
  const float *const *packed;
  const float *bias;
  float *const *outs;
  const huge_conv_params *const *params;
  int blk, count, groups, nb, bands, tasks;
} conv_tasks;

/* Output rows (of each phase's own grid) of a band of by-channel phases. */
#define HUGE_BAND_ROWS 4

/* Task t: phase t % count of row band (t / count) % bands of block ... of
 * group ... of batch item ...; tasks write disjoint outputs. */
/* The packed weights of task t's block. */
static const float *task_weights(const conv_tasks *c, int t) {
  const int k = t % c->count, b = t / c->count / c->bands % c->nb;
  const int g = t / c->count / c->bands / c->nb % c->groups;
  const huge_conv_params *p = c->params[k];
  return c->packed[k] +
         ((long)g * c->nb + b) * p->kh * p->kw * (p->cin / p->groups) * c->blk;
}

static void conv_task(void *arg, int t) {
  const conv_tasks *c = (const conv_tasks *)arg;
  const int k = t % c->count, band = t / c->count % c->bands;
  const int b = t / c->count / c->bands % c->nb;
  const int g = t / c->count / c->bands / c->nb % c->groups;
  const int n = t / c->count / c->bands / c->nb / c->groups;
  if (c->blk % 16 == 0) {
    /* the next task's block, unless it is this one (another band) */
    const float *next = t + 1 < c->tasks ? task_weights(c, t + 1) : NULL;
    conv_by_channel(c->in, c->packed[k], c->blk, c->bias, c->outs[k],
                    c->params[k], n, g, b,
                    c->bands > 1 ? band * HUGE_BAND_ROWS : 0,
                    c->bands > 1 ? (band + 1) * HUGE_BAND_ROWS : INT_MAX,
                    next == task_weights(c, t) ? NULL : next,
                    c->params[(t + 1) % c->count]);
  } else
    conv_by_column(c->in, c->packed[k], c->blk, c->bias, c->outs[k],
                   c->params[k], n, g, b);
}

void huge_conv2d_phases(const float *in, int count, const float *const packed[],
                        int blk, const float *bias, float *const outs[],
                        const huge_conv_params *const params[]) {
  const huge_conv_params *p0 = params[0];
  conv_tasks c;
  int t, tasks;
  c.in = in;
  c.packed = packed;
  c.bias = bias;
  c.outs = outs;
  c.params = params;
  c.blk = blk;
  c.count = count;
  c.groups = p0->groups;
  c.nb = (p0->cout / p0->groups + blk - 1) / blk;
  /* The phases of one layer write interleaved pixels of the same output
   * lines: by channel, they run band by band of rows, so each line is still
   * in cache when the next phase writes its share (not for gathered tiles,
   * which span the whole output). */
  c.bands = 1;
  if (count > 1 && blk % 16 == 0) {
    int k, oh = 0, gather = 0;
    for (k = 0; k < count; ++k) {
      oh = max_int(oh, params[k]->oh);
      gather |= gather_pixels(params[k]);
    }
    if (!gather)
      c.bands = (oh + HUGE_BAND_ROWS - 1) / HUGE_BAND_ROWS;
  }
  tasks = c.tasks = p0->n * c.groups * c.nb * c.bands * count;
  /* in order, every phase of a block runs while its weights are in cache */
  if (parallel_for && tasks > 1)
    parallel_for(parallel_ctx, tasks, conv_task, &c);
  else
    for (t = 0; t < tasks; ++t)
      conv_task(&c, t);
}

void huge_conv2d(const float *in, const float *packed, int blk,
                 const float *bias, float *out, const huge_conv_params *p) {
  huge_conv2d_phases(in, 1, &packed, blk, bias, &out, &p);
}

/* Depthwise 3x3, stride S in both axes, no dilation, one channel: tiles of
 * RM output rows x XV vectors of output columns. Every input row the tile
 * touches is loaded once per kernel column and feeds each output row it
 * belongs to; the column masks (cm) are made once per column tile. ip is the
 * channel's input at column col0 of the tile's first pixel (kernel column
 * 0); iy0 is the input row of output row 0, kernel row 0. */
#define HUGE_DW_RM 4

/* Input vector v of kernel column kx at p, for stride s. */
HUGE_INLINE hv dw_load(const column_masks *cm, int kx, int v, const float *p,
                       const int s) {
  if (s == 1)
    return hv_load_mask(p, cm->m[kx][v]);
#if !defined(HUGE_NO_SIMD) && defined(__GNUC__) && defined(__AVX512F__)
  {
    const __m512i even = _mm512_set_epi32(30, 28, 26, 24, 22, 20, 18, 16, 14,
                                          12, 10, 8, 6, 4, 2, 0);
    return _mm512_permutex2var_ps(
        _mm512_maskz_loadu_ps(cm->even_lo[kx][v], p), even,
        _mm512_maskz_loadu_ps(cm->even_hi[kx][v], p + 16));
  }
#else
  return hv_gather(p, s, cm->lo[kx][v], cm->hi[kx][v]);
#endif
}

/* The tile's accumulators are named variables a<r><v> (GCC keeps arrays of
 * vectors this size in memory). */
#define HUGE_DW_EACH_V(M, r) M(r, 0) M(r, 1) M(r, 2) M(r, 3)
#define HUGE_DW_EACH(M)                                                        \
  HUGE_DW_EACH_V(M, 0)                                                         \
  HUGE_DW_EACH_V(M, 1) HUGE_DW_EACH_V(M, 2) HUGE_DW_EACH_V(M, 3)
#define HUGE_DW_DECL(r, v) hv a##r##v = bv;
#define HUGE_DW_FMA(r, v)                                                      \
  if (r < rm && t - r * s >= 0 && t - r * s < 3)                               \
    a##r##v = hv_fma(hv_splat(wk[(t - r * s) * 3 + kx]), x, a##r##v);
#define HUGE_DW_COLUMN(unused, v)                                              \
  if (v < xv) {                                                                \
    const hv x = dw_load(cm, kx, v, row + kx + v * HUGE_VL * s, s);            \
    HUGE_DW_FMA(0, v) HUGE_DW_FMA(1, v) HUGE_DW_FMA(2, v) HUGE_DW_FMA(3, v)    \
  }
#define HUGE_DW_STORE(r, v)                                                    \
  if (r < rm && v < xv)                                                        \
    hv_store_n(o + r * ors + v * HUGE_VL, a##r##v, cols - v * HUGE_VL);

HUGE_INLINE void dw3_tile(const column_masks *cm, const float *ip, int iy0,
                          int h, int w, const float *wk, float bias, float *o,
                          long ors, int cols, const int rm, const int s,
                          const int xv) {
  const hv bv = hv_splat(bias);
  int t, kx;
  HUGE_DW_EACH(HUGE_DW_DECL)
  HUGE_UNROLL
  for (t = 0; t < (rm - 1) * s + 3; ++t) {
    const float *row;
    if (iy0 + t < 0 || iy0 + t >= h)
      continue;
    row = ip + (long)(iy0 + t) * w;
    HUGE_UNROLL
    for (kx = 0; kx < 3; ++kx) {
      if (!cm->any[kx])
        continue;
      HUGE_DW_EACH_V(HUGE_DW_COLUMN, 0)
    }
  }
  HUGE_DW_EACH(HUGE_DW_STORE)
}
#undef HUGE_DW_EACH_V
#undef HUGE_DW_EACH
#undef HUGE_DW_DECL
#undef HUGE_DW_FMA
#undef HUGE_DW_COLUMN
#undef HUGE_DW_STORE

static void dw3_dispatch(const column_masks *cm, const float *ip, int iy0,
                         int h, int w, const float *wk, float bias, float *o,
                         long ors, int cols, int rm, int s, int xv) {
#define HUGE_DW3(R, S, V)                                                      \
  case ((R)*4 + (S)) * 8 + (V):                                                \
    dw3_tile(cm, ip, iy0, h, w, wk, bias, o, ors, cols, R, S, V);              \
    break;
#define HUGE_DW3_V(R, S)                                                       \
  HUGE_DW3(R, S, 1) HUGE_DW3(R, S, 2) HUGE_DW3(R, S, 3) HUGE_DW3(R, S, 4)
  switch ((rm * 4 + s) * 8 + xv) {
    HUGE_DW3_V(1, 1)
    HUGE_DW3_V(1, 2)
    HUGE_DW3_V(HUGE_DW_RM, 1)
    HUGE_DW3_V(HUGE_DW_RM, 2)
  default:
    break;
  }
#undef HUGE_DW3
#undef HUGE_DW3_V
}

/* Accumulators of a depthwise tile the registers hold. */
#if HUGE_VL == 16 || defined(__aarch64__)
#define HUGE_DW_ACC 16
#else
#define HUGE_DW_ACC 8
#endif

/* One channel of a 3x3 depthwise convolution with equal strides 1 or 2 and
 * no dilation. */
static void depthwise3(const float *in, const float *weight, const float *bias,
                       float *out, const huge_conv_params *p, int n, int co) {
  const float *ip = in + ((long)n * p->cin + co) * in_plane(p);
  const float *wk = weight + (long)co * 9;
  const float b = bias ? bias[co] : 0.0f;
  const int row_vectors = (p->ow + HUGE_VL - 1) / HUGE_VL;
  const int xv_max = min_int(min_int(4, HUGE_DW_ACC / HUGE_DW_RM), row_vectors);
  const int tiles = (row_vectors + xv_max - 1) / xv_max;
  const int xv = (row_vectors + tiles - 1) / tiles, tw = xv * HUGE_VL;
  float tile[HUGE_DW_RM * 4 * HUGE_VL];
  conv_job j;
  int x0, y, r, rm;
  j.col_step = 1;
  j.px_step = p->sw;
  for (x0 = 0; x0 < p->ow; x0 += tw) {
    const int cols = min_int(tw, p->ow - x0);
    const int xvt = min_int(xv, (cols + HUGE_VL - 1) / HUGE_VL);
    const int col0 = x0 * p->sw - p->pl;
    column_masks cm;
    make_column_masks(&cm, &j, 0, 3, col0, p->w, cols, xvt);
    for (y = 0; y < p->oh; y += rm) {
      /* rows straight into a dense output, else through the tile */
      const int direct = p->oxs == 1;
      float *o = direct ? out_at(out, p, n, co, y, x0) : tile;
      const long ors = direct ? p->oys : xvt * HUGE_VL;
      rm = p->oh - y >= HUGE_DW_RM ? HUGE_DW_RM : 1;
      dw3_dispatch(&cm, ip + col0, y * p->sh - p->pt, p->h, p->w, wk, b, o, ors,
                   cols, rm, p->sh, xvt);
      for (r = 0; r < rm; ++r) {
        activate_row(o + r * ors, cols, p);
        if (!direct)
          store_row(out_at(out, p, n, co, y + r, x0), o + r * ors, cols,
                    p->oxs);
      }
    }
  }
}

/* XV vectors of consecutive output columns of one depthwise channel. */
HUGE_INLINE void depthwise_tile(const float *row0, const float *w, int nkh,
                                int kw, int row_step, int col_step, int col0,
                                int step, int width, int cols, float bias,
                                float *tile, const int xv) {
  hv a[4];
  int v, ky, kx;
  for (v = 0; v < xv; ++v)
    a[v] = hv_splat(bias);
  for (kx = 0; kx < kw; ++kx) {
    const int c0 = col0 + kx * col_step;
    int lo[4], hi[4];
    hmask m[4];
    for (v = 0; v < xv; ++v) {
      lane_range(c0 + v * HUGE_VL * step, step, width,
                 min_int(HUGE_VL, cols - v * HUGE_VL), &lo[v], &hi[v]);
      m[v] = hv_mask(lo[v], hi[v]);
    }
    for (ky = 0; ky < nkh; ++ky) {
      const float *s = row0 + (long)ky * row_step + c0;
      const hv b = hv_splat(w[ky * kw + kx]);
      for (v = 0; v < xv; ++v)
        a[v] = hv_fma(
            b,
            step == 1 ? hv_load_mask(s + v * HUGE_VL, m[v])
                      : hv_gather(s + v * HUGE_VL * step, step, lo[v], hi[v]),
            a[v]);
    }
  }
  for (v = 0; v < xv; ++v)
    hv_store(tile + v * HUGE_VL, a[v]);
}

/* Depthwise convolution, one channel at a time in tiles of vectors of
 * output columns; taps outside the input are skipped (rows) or loaded as
 * zero lanes (columns). */
void huge_depthwise_conv2d(const float *in, const float *weight,
                           const float *bias, float *out,
                           const huge_conv_params *p) {
  const int mult = p->cout / p->cin;
  int n, co, y, x0;
  if (mult == 1 && p->kh == 3 && p->kw == 3 && p->dh == 1 && p->dw == 1 &&
      p->sh == p->sw && (p->sh == 1 || p->sh == 2)) {
    for (n = 0; n < p->n; ++n)
      for (co = 0; co < p->cout; ++co)
        depthwise3(in, weight, bias, out, p, n, co);
    return;
  }
  if (mult == 1) {
    /* [C][kh][kw] is the packed layout of a grouped conv with one channel
     * per group and blocks of 1: the by-column kernel, two rows a tile */
    for (n = 0; n < p->n; ++n)
      for (co = 0; co < p->cout; ++co)
        conv_by_column(in, weight, 1, bias, out, p, n, co, 0);
    return;
  }
  for (n = 0; n < p->n; ++n)
    for (co = 0; co < p->cout; ++co) {
      const float *ip = in + ((long)n * p->cin + co / mult) * in_plane(p);
      const float *wp = weight + (long)co * p->kh * p->kw;
      const float b = bias ? bias[co] : 0.0f;
      for (y = 0; y < p->oh; ++y) {
        const int iy0 = y * p->sh - p->pt;
        const int kh0 = first_in_range(iy0, p->dh, 0);
        const int kh1 = end_in_range(iy0, p->dh, p->h, p->kh);
        const int nkh = max_int(0, kh1 - kh0);
        const float *row0 = nkh ? ip + (long)(iy0 + kh0 * p->dh) * p->w : ip;
        for (x0 = 0; x0 < p->ow; x0 += 4 * HUGE_VL) {
          const int cols = min_int(4 * HUGE_VL, p->ow - x0);
          float tile[4 * HUGE_VL];
#define HUGE_DW(V)                                                             \
  depthwise_tile(row0, wp + kh0 * p->kw, nkh, p->kw, p->dh * p->w, p->dw,      \
                 x0 * p->sw - p->pl, p->sw, p->w, cols, b, tile, V)
          switch ((cols + HUGE_VL - 1) / HUGE_VL) {
          case 1:
            HUGE_DW(1);
            break;
          case 2:
            HUGE_DW(2);
            break;
          case 3:
            HUGE_DW(3);
            break;
          default:
            HUGE_DW(4);
            break;
          }
#undef HUGE_DW
          activate_row(tile, cols, p);
          store_row(out_at(out, p, n, co, y, x0), tile, cols, p->oxs);
        }
      }
    }
}

void huge_conv_transpose2d(const float *in, const float *weight,
                           const float *bias, float *out,
                           const huge_conv_params *p) {
  const int cig = p->cin / p->groups, cog = p->cout / p->groups;
  const long plane = in_plane(p);
  int n, co;
  for (n = 0; n < p->n; ++n)
    for (co = 0; co < p->cout; ++co) {
      const int g = co / cog, j = co % cog;
      float *o = out + ((long)n * p->cout + co) * p->ocs;
      int ci;
      plane_fill(o, p, bias ? bias[co] : 0.0f);
      for (ci = 0; ci < cig; ++ci) {
        const int c = g * cig + ci;
        const float *ip = in + ((long)n * p->cin + c) * plane;
        const float *wp = weight + ((long)c * cog + j) * p->kh * p->kw;
        int ky, kx;
        for (ky = 0; ky < p->kh; ++ky)
          for (kx = 0; kx < p->kw; ++kx) {
            /* input y lands on output y*sh + yoff */
            const float wv = wp[ky * p->kw + kx];
            const int yoff = ky * p->dh - p->pt, xoff = kx * p->dw - p->pl;
            const int y0 = first_in_range(yoff, p->sh, 0);
            const int y1 = end_in_range(yoff, p->sh, p->oh, p->h);
            const int x0 = first_in_range(xoff, p->sw, 0);
            const int x1 = end_in_range(xoff, p->sw, p->ow, p->w);
            int y, x;
            for (y = y0; y < y1; ++y) {
              const float *row = ip + y * p->w;
              float *orow = o + (y * p->sh + yoff) * p->oys + xoff * p->oxs;
              for (x = x0; x < x1; ++x)
                orow[x * p->sw * p->oxs] += wv * row[x];
            }
          }
      }
      plane_activate(o, p);
    }
}

static void interleave_phase(const float *phase, const float *fill, float *out,
                             int n, int c, int oh, int ow, int sh, int sw,
                             int rh, int rw) {
  const int ph = (oh - rh + sh - 1) / sh, pw = (ow - rw + sw - 1) / sw;
  int plane, y, x;
  for (plane = 0; plane < n * c; ++plane) {
    float *o = out + (long)plane * oh * ow + rh * ow + rw;
    const float v = fill ? fill[plane % c] : 0.0f;
    for (y = 0; y < ph; ++y)
      for (x = 0; x < pw; ++x)
        o[y * sh * ow + x * sw] =
            phase ? phase[((long)plane * ph + y) * pw + x] : v;
  }
}

void huge_interleave_copy(const float *phase, float *out, int n, int c, int oh,
                          int ow, int sh, int sw, int rh, int rw) {
  interleave_phase(phase, NULL, out, n, c, oh, ow, sh, sw, rh, rw);
}

void huge_interleave_fill(const float *fill, float *out, int n, int c, int oh,
                          int ow, int sh, int sw, int rh, int rw) {
  interleave_phase(NULL, fill, out, n, c, oh, ow, sh, sw, rh, rw);
}

void huge_slice(const float *in, float *out, const int *in_shape,
                const int *out_shape, const int *offsets, const int *steps,
                int rank) {
  long in_strides[HUGE_MAX_RANK], stride = 1, total = 1, run = 1, i, src = 0;
  int index[HUGE_MAX_RANK] = {0};
  int d, inner = rank;
  for (d = rank - 1; d >= 0; --d) {
    in_strides[d] = stride;
    stride *= in_shape[d];
  }
  for (d = 0; d < rank; ++d) {
    total *= out_shape[d];
    src += offsets[d] * in_strides[d];
  }
  /* Axes [inner, rank) are read as contiguous runs: unit steps, and whole
   * but for the outermost of them (a band of rows is one run per plane). */
  while (inner > 0 && steps[inner - 1] == 1) {
    --inner;
    run *= out_shape[inner];
    if (out_shape[inner] != in_shape[inner])
      break;
  }
  if (total == 0)
    return;
  for (i = 0; i < total; i += run) {
    if (run == 1)
      out[i] = in[src];
    else
      memcpy(out + i, in + src, sizeof(float) * (size_t)run);
    for (d = inner - 1; d >= 0; --d) {
      src += steps[d] * in_strides[d];
      if (++index[d] < out_shape[d])
        break;
      src -= (long)steps[d] * in_strides[d] * out_shape[d];
      index[d] = 0;
    }
  }
}

void huge_insert_zeros(const float *in, float *out, int nc, int h, int w,
                       int sh, int sw) {
  const int oh = (h - 1) * sh + 1, ow = (w - 1) * sw + 1;
  int c, y, x;
  memset(out, 0, sizeof(float) * (size_t)nc * (size_t)oh * (size_t)ow);
  for (c = 0; c < nc; ++c)
    for (y = 0; y < h; ++y)
      for (x = 0; x < w; ++x)
        out[((long)c * oh + y * sh) * ow + x * sw] =
            in[((long)c * h + y) * w + x];
}

void huge_max_pool2d(const float *in, float *out, const huge_pool_params *p) {
  int c, y, x, ky, kx;
  for (c = 0; c < p->nc; ++c) {
    const float *ip = in + (long)c * p->h * p->w;
    float *o = out + (long)c * p->oh * p->ow;
    for (y = 0; y < p->oh; ++y)
      for (x = 0; x < p->ow; ++x) {
        float m = -INFINITY;
        for (ky = 0; ky < p->kh; ++ky) {
          const int iy = y * p->sh - p->pt + ky * p->dh;
          if (iy < 0 || iy >= p->h)
            continue;
          for (kx = 0; kx < p->kw; ++kx) {
            const int ix = x * p->sw - p->pl + kx * p->dw;
            if (ix >= 0 && ix < p->w && ip[iy * p->w + ix] > m)
              m = ip[iy * p->w + ix];
          }
        }
        o[y * p->ow + x] = m;
      }
  }
}

void huge_avg_pool2d(const float *in, float *out, const huge_pool_params *p) {
  int c, y, x, iy, ix;
  for (c = 0; c < p->nc; ++c) {
    const float *ip = in + (long)c * p->h * p->w;
    float *o = out + (long)c * p->oh * p->ow;
    for (y = 0; y < p->oh; ++y)
      for (x = 0; x < p->ow; ++x) {
        /* As PyTorch: the window is clipped to the padded input first. */
        int y0 = y * p->sh - p->pt, x0 = x * p->sw - p->pl;
        int y1 = min_int(y0 + p->kh, p->h + p->pb);
        int x1 = min_int(x0 + p->kw, p->w + p->pr);
        const int padded = (y1 - y0) * (x1 - x0);
        float sum = 0.0f;
        y0 = max_int(y0, 0);
        x0 = max_int(x0, 0);
        y1 = min_int(y1, p->h);
        x1 = min_int(x1, p->w);
        for (iy = y0; iy < y1; ++iy)
          for (ix = x0; ix < x1; ++ix)
            sum += ip[iy * p->w + ix];
        o[y * p->ow + x] =
            sum /
            (float)(p->count_include_pad ? padded : (y1 - y0) * (x1 - x0));
      }
  }
}

void huge_global_avg_pool(const float *in, float *out, int nc, int hw) {
  int c, i;
  for (c = 0; c < nc; ++c) {
    float sum = 0.0f;
    for (i = 0; i < hw; ++i)
      sum += in[(long)c * hw + i];
    out[c] = sum / (float)hw;
  }
}

void huge_relu(const float *in, float *out, int n) {
  int i;
  for (i = 0; i < n; ++i)
    out[i] = in[i] > 0.0f ? in[i] : 0.0f;
}

void huge_leaky_relu(const float *in, float *out, int n, float alpha) {
  int i;
  for (i = 0; i < n; ++i)
    out[i] = in[i] >= 0.0f ? in[i] : alpha * in[i];
}

void huge_clip(const float *in, float *out, int n, float lo, float hi) {
  int i;
  for (i = 0; i < n; ++i)
    out[i] = in[i] < lo ? lo : (in[i] > hi ? hi : in[i]);
}

/* log(1 + exp(x)) without overflow for large x. */
static float softplus(float x) {
  return x > 0.0f ? x + log1pf(expf(-x)) : log1pf(expf(x));
}

void huge_unary(const float *in, float *out, int n, huge_unary_fn fn) {
  int i;
  switch (fn) {
  case HUGE_FN_SQRT:
    for (i = 0; i < n; ++i)
      out[i] = sqrtf(in[i]);
    break;
  case HUGE_FN_EXP:
    for (i = 0; i < n; ++i)
      out[i] = expf(in[i]);
    break;
  case HUGE_FN_LOG:
    for (i = 0; i < n; ++i)
      out[i] = logf(in[i]);
    break;
  case HUGE_FN_NEG:
    for (i = 0; i < n; ++i)
      out[i] = -in[i];
    break;
  case HUGE_FN_ABS:
    for (i = 0; i < n; ++i)
      out[i] = fabsf(in[i]);
    break;
  case HUGE_FN_RECIPROCAL:
    for (i = 0; i < n; ++i)
      out[i] = 1.0f / in[i];
    break;
  case HUGE_FN_ERF:
    for (i = 0; i < n; ++i)
      out[i] = erff(in[i]);
    break;
  case HUGE_FN_SOFTPLUS:
    for (i = 0; i < n; ++i)
      out[i] = softplus(in[i]);
    break;
  case HUGE_FN_SOFTSIGN:
    for (i = 0; i < n; ++i)
      out[i] = in[i] / (1.0f + fabsf(in[i]));
    break;
  }
}

void huge_hard_sigmoid(const float *in, float *out, int n, float alpha,
                       float beta) {
  int i;
  for (i = 0; i < n; ++i) {
    float v = alpha * in[i] + beta;
    out[i] = v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
  }
}

void huge_hard_swish(const float *in, float *out, int n) {
  int i;
  for (i = 0; i < n; ++i) {
    float x = in[i], r = x + 3.0f;
    r = r < 0.0f ? 0.0f : (r > 6.0f ? 6.0f : r);
    out[i] = x * r / 6.0f;
  }
}

void huge_sigmoid(const float *in, float *out, int n) {
  int i;
  for (i = 0; i < n; ++i)
    out[i] = fast_sigmoid(in[i]);
}

void huge_tanh(const float *in, float *out, int n) {
  int i;
  for (i = 0; i < n; ++i)
    out[i] = fast_tanh(in[i]);
}

void huge_batch_norm(const float *in, float *out, int n, int c, int inner,
                     const float *scale, const float *bias, const float *mean,
                     const float *var, float epsilon) {
  int b, ch, i;
  for (b = 0; b < n; ++b)
    for (ch = 0; ch < c; ++ch) {
      const float s = scale[ch] / sqrtf(var[ch] + epsilon);
      const float t = bias[ch] - mean[ch] * s;
      const long base = ((long)b * c + ch) * inner;
      for (i = 0; i < inner; ++i)
        out[base + i] = in[base + i] * s + t;
    }
}

static float apply_binary(huge_binary_kind kind, float a, float b) {
  switch (kind) {
  case HUGE_ADD:
    return a + b;
  case HUGE_SUB:
    return a - b;
  case HUGE_MUL:
    return a * b;
  case HUGE_DIV:
    return a / b;
  case HUGE_PRELU:
    return a >= 0.0f ? a : a * b;
  }
  return 0.0f;
}

void huge_binary(huge_binary_kind kind, const float *a, const int *a_strides,
                 const float *b, const int *b_strides, float *out,
                 const int *shape, int rank) {
  int index[HUGE_MAX_RANK] = {0};
  long total = 1, i;
  long ia = 0, ib = 0;
  int d;
  for (d = 0; d < rank; ++d)
    total *= shape[d];
  for (i = 0; i < total; ++i) {
    out[i] = apply_binary(kind, a[ia], b[ib]);
    /* odometer increment, innermost axis fastest */
    for (d = rank - 1; d >= 0; --d) {
      ia += a_strides[d];
      ib += b_strides[d];
      if (++index[d] < shape[d])
        break;
      ia -= (long)a_strides[d] * shape[d];
      ib -= (long)b_strides[d] * shape[d];
      index[d] = 0;
    }
  }
}

void huge_concat_part(const float *src, float *dst, int outer, int inner,
                      int dst_inner, int dst_offset) {
  int o;
  for (o = 0; o < outer; ++o)
    memcpy(dst + (long)o * dst_inner + dst_offset, src + (long)o * inner,
           sizeof(float) * (size_t)inner);
}

void huge_copy(const float *src, float *dst, int n) {
  if (src != dst)
    memmove(dst, src, sizeof(float) * (size_t)n);
}

void huge_depth_to_space(const float *in, float *out, int n, int c, int h,
                         int w, int b, int crd) {
  int bn, ch, y, x;
  const int oh = h * b, ow = w * b;
  for (bn = 0; bn < n; ++bn)
    for (ch = 0; ch < c; ++ch)
      for (y = 0; y < oh; ++y)
        for (x = 0; x < ow; ++x) {
          const int i = y % b, j = x % b;
          const int src_c = crd ? (ch * b + i) * b + j : (i * b + j) * c + ch;
          out[(((long)bn * c + ch) * oh + y) * ow + x] =
              in[(((long)bn * c * b * b + src_c) * h + y / b) * w + x / b];
        }
}

static float source_coordinate(int x, float scale, int in_len, int out_len,
                               huge_coordinate_mode mode) {
  switch (mode) {
  case HUGE_COORD_HALF_PIXEL:
    return ((float)x + 0.5f) / scale - 0.5f;
  case HUGE_COORD_PYTORCH_HALF_PIXEL:
    return out_len > 1 ? ((float)x + 0.5f) / scale - 0.5f : 0.0f;
  case HUGE_COORD_ALIGN_CORNERS:
    return out_len > 1 ? (float)x * (float)(in_len - 1) / (float)(out_len - 1)
                       : 0.0f;
  case HUGE_COORD_ASYMMETRIC:
    return (float)x / scale;
  }
  return 0.0f;
}

static int nearest_index(float s, int in_len, huge_nearest_mode mode) {
  int i;
  switch (mode) {
  case HUGE_NEAREST_CEIL:
    i = (int)ceilf(s);
    break;
  case HUGE_NEAREST_ROUND_PREFER_FLOOR:
    i = (s - floorf(s) == 0.5f) ? (int)floorf(s) : (int)roundf(s);
    break;
  case HUGE_NEAREST_ROUND_PREFER_CEIL:
    i = (s - floorf(s) == 0.5f) ? (int)ceilf(s) : (int)roundf(s);
    break;
  case HUGE_NEAREST_FLOOR:
  default:
    i = (int)floorf(s);
    break;
  }
  return min_int(max_int(i, 0), in_len - 1);
}

void huge_resize(const float *in, float *out, int nc, int h, int w, int oh,
                 int ow, float scale_h, float scale_w, int linear,
                 huge_coordinate_mode coord, huge_nearest_mode nearest) {
  int c, y, x;
  for (c = 0; c < nc; ++c) {
    const float *ip = in + (long)c * h * w;
    float *o = out + (long)c * oh * ow;
    for (y = 0; y < oh; ++y) {
      const float sy = source_coordinate(y, scale_h, h, oh, coord);
      for (x = 0; x < ow; ++x) {
        const float sx = source_coordinate(x, scale_w, w, ow, coord);
        if (!linear) {
          o[y * ow + x] = ip[nearest_index(sy, h, nearest) * w +
                             nearest_index(sx, w, nearest)];
        } else {
          const float cy = sy < 0.0f ? 0.0f : sy, cx = sx < 0.0f ? 0.0f : sx;
          const int y0 = min_int((int)cy, h - 1), x0 = min_int((int)cx, w - 1);
          const int y1 = min_int(y0 + 1, h - 1), x1 = min_int(x0 + 1, w - 1);
          const float ly = cy - (float)y0 > 1.0f ? 1.0f : cy - (float)y0;
          const float lx = cx - (float)x0 > 1.0f ? 1.0f : cx - (float)x0;
          const float top =
              ip[y0 * w + x0] * (1.0f - lx) + ip[y0 * w + x1] * lx;
          const float bot =
              ip[y1 * w + x0] * (1.0f - lx) + ip[y1 * w + x1] * lx;
          o[y * ow + x] = top * (1.0f - ly) + bot * ly;
        }
      }
    }
  }
}

void huge_transpose(const float *in, float *out, const int *in_shape,
                    const int *perm, int rank) {
  long in_strides[HUGE_MAX_RANK], stride = 1, total = 1, i, src = 0;
  int out_shape[HUGE_MAX_RANK], index[HUGE_MAX_RANK] = {0};
  int d;
  for (d = rank - 1; d >= 0; --d) {
    in_strides[d] = stride;
    stride *= in_shape[d];
  }
  for (d = 0; d < rank; ++d) {
    out_shape[d] = in_shape[perm[d]];
    total *= out_shape[d];
  }
  for (i = 0; i < total; ++i) {
    out[i] = in[src];
    for (d = rank - 1; d >= 0; --d) {
      src += in_strides[perm[d]];
      if (++index[d] < out_shape[d])
        break;
      src -= in_strides[perm[d]] * out_shape[d];
      index[d] = 0;
    }
  }
}

static int pad_source(int i, int len, huge_pad_mode mode) {
  if (i >= 0 && i < len)
    return i;
  if (mode == HUGE_PAD_EDGE)
    return i < 0 ? 0 : len - 1;
  if (mode == HUGE_PAD_REFLECT && len > 1) {
    const int period = 2 * (len - 1);
    i %= period;
    if (i < 0)
      i += period;
    return i < len ? i : period - i;
  }
  if (mode == HUGE_PAD_REFLECT)
    return 0;
  return -1;
}

void huge_pad(const float *in, float *out, const int *in_shape, const int *pads,
              int rank, huge_pad_mode mode, float value) {
  long in_strides[HUGE_MAX_RANK], stride = 1, total = 1, i;
  int out_shape[HUGE_MAX_RANK], index[HUGE_MAX_RANK] = {0};
  int d;
  for (d = rank - 1; d >= 0; --d) {
    in_strides[d] = stride;
    stride *= in_shape[d];
  }
  for (d = 0; d < rank; ++d) {
    out_shape[d] = in_shape[d] + pads[d] + pads[rank + d];
    total *= out_shape[d];
  }
  for (i = 0; i < total; ++i) {
    long src = 0;
    int inside = 1;
    for (d = 0; d < rank && inside; ++d) {
      const int s = pad_source(index[d] - pads[d], in_shape[d], mode);
      if (s < 0)
        inside = 0;
      else
        src += s * in_strides[d];
    }
    out[i] = inside ? in[src] : value;
    for (d = rank - 1; d >= 0; --d) {
      if (++index[d] < out_shape[d])
        break;
      index[d] = 0;
    }
  }
}

void huge_matmul(const float *a, const float *b, float *out, int batch,
                 int a_stride, int b_stride, int m, int k, int n) {
  int bi, i, j, t;
  for (bi = 0; bi < batch; ++bi) {
    const float *ab = a + (long)bi * a_stride;
    const float *bb = b + (long)bi * b_stride;
    float *o = out + (long)bi * m * n;
    for (i = 0; i < m; ++i) {
      for (j = 0; j < n; ++j)
        o[i * n + j] = 0.0f;
      for (t = 0; t < k; ++t) {
        const float av = ab[i * k + t];
        for (j = 0; j < n; ++j)
          o[i * n + j] += av * bb[t * n + j];
      }
    }
  }
}

void huge_gemm(const float *a, const float *b, const float *c, float *out,
               int m, int n, int k, int trans_a, int trans_b, float alpha,
               float beta, int c_stride_m, int c_stride_n) {
  int i, j, t;
  for (i = 0; i < m; ++i)
    for (j = 0; j < n; ++j) {
      float sum = 0.0f;
      for (t = 0; t < k; ++t) {
        const float av = trans_a ? a[t * m + i] : a[i * k + t];
        const float bv = trans_b ? b[j * k + t] : b[t * n + j];
        sum += av * bv;
      }
      out[i * n + j] =
          alpha * sum + (c ? beta * c[i * c_stride_m + j * c_stride_n] : 0.0f);
    }
}

void huge_softmax(const float *in, float *out, int outer, int len, int inner) {
  int o, i, t;
  for (o = 0; o < outer; ++o)
    for (i = 0; i < inner; ++i) {
      const long base = (long)o * len * inner + i;
      float m = -INFINITY, sum = 0.0f;
      for (t = 0; t < len; ++t)
        if (in[base + (long)t * inner] > m)
          m = in[base + (long)t * inner];
      for (t = 0; t < len; ++t) {
        const float e = expf(in[base + (long)t * inner] - m);
        out[base + (long)t * inner] = e;
        sum += e;
      }
      for (t = 0; t < len; ++t)
        out[base + (long)t * inner] /= sum;
    }
}
