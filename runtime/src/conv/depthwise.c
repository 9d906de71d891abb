/* Depthwise convolution: one channel at a time, in tiles of rows x vectors
 * of output columns (3x3, 5x5 and 7x7 with strides 1 and 2, or dilated
 * with stride 1, unrolled). */
#include "columns.h"
#include "conv.h"

#if HUGE_DEPTHWISE_TILES && !HUGE_OPTIMIZE_SIZE
/* The epilogues a compare or two computes on a whole vector of
 * accumulators before they are stored, with the same bits as activate_row:
 * 1 relu, 2 clip to [act_a, act_b], 3 leaky relu; 0 for the others, which
 * activate_row applies to the stored values. */
HUGE_INLINE int vector_activation(const huge_conv_params *p) {
#ifdef HUGE_HAVE_VMATH
  switch (p->act) {
  case HUGE_ACT_RELU:
    return 1;
  case HUGE_ACT_CLIP:
    return 2;
  case HUGE_ACT_LEAKY_RELU:
    return 3;
  default:
    return 0;
  }
#else
  (void)p;
  return 0;
#endif
}

#ifdef HUGE_HAVE_VMATH
HUGE_INLINE hv hv_activate(hv v, int kind, float a, float b) {
  const hv zero = hv_splat(0.0f);
  switch (kind) {
  case 1:
    return hv_select((hvi)(v > zero), v, zero);
  case 2: {
    const hv lo = hv_splat(a), hi = hv_splat(b);
    return hv_select((hvi)(v < lo), lo, hv_select((hvi)(v > hi), hi, v));
  }
  case 3:
    return hv_select((hvi)(v >= zero), v, hv_splat(a) * v);
  default:
    return v;
  }
}
#endif
#endif

#if (HUGE_DEPTHWISE_TILES & 7) && !HUGE_OPTIMIZE_SIZE
/* Depthwise KxK (K = 3, 5 or 7), stride S in both axes, dilation U (S or U is 1), one
 * channel: tiles of RM output rows x XV vectors of output columns. The
 * tile's output rows lie U rows apart, so that output row r and kernel row
 * ky read input row iy0 + (r * S + ky) * U: every input row the tile
 * touches is loaded once per kernel column and feeds each output row it
 * belongs to; the column masks (cm) are made once per column tile. ip is the
 * channel's input at column col0 of the tile's first pixel (kernel column
 * 0); iy0 is the input row of output row 0, kernel row 0. */
#define HUGE_DW_RM 4

/* Input vector v of kernel column kx at p, for stride s; full: every lane
 * of the tile is in range (a constant in the unrolled tiles), so no lane
 * mask is consulted. */
HUGE_INLINE hv dw_load(const column_masks *cm, int kx, int v, const float *p,
                       const int s, const int full) {
  if (s == 1)
    return full ? hv_load(p) : hv_load_mask(p, cm->m[kx][v]);
#ifdef HUGE_HV_GATHER2
  if (s == 2 && full)
    return hv_gather2(p);
#endif
#ifdef HUGE_ISA_AVX512
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
#ifdef HUGE_HV_FMA_LANE
/* the nine weights in three vectors, used lane by lane */
#define HUGE_DW_WEIGHTS                                                        \
  const hv w03 = hv_load(wk), w47 = hv_load(wk + 4), w8 = hv_splat(wk[8]);
#define HUGE_DW_MUL3(i, x, acc)                                                \
  hv_fma_lane(x, (i) < 4 ? w03 : (i) < 8 ? w47 : w8, (i)&3, acc)
#else
#define HUGE_DW_WEIGHTS
#define HUGE_DW_MUL3(i, x, acc) hv_fma(hv_splat(wk[i]), x, acc)
#endif
/* (5x5 and 7x7: the weight broadcast where it is used) */
#define HUGE_DW_MUL(i, x, acc)                                                 \
  (K == 3 ? HUGE_DW_MUL3(i, x, acc) : hv_fma(hv_splat(wk[i]), x, acc))
#define HUGE_DW_FMA(r, v)                                                      \
  if (r < rm && t - r * s >= 0 && t - r * s < K)                               \
    a##r##v = HUGE_DW_MUL((t - r * s) * K + kx, x, a##r##v);
#define HUGE_DW_COLUMN(unused, v)                                              \
  if (v < xv) {                                                                \
    const hv x = phased ? hv_load(row + coff[kx] + v * HUGE_VL)                \
                        : dw_load(cm, kx, v, row + kx * u + v * HUGE_VL * s,   \
                                  s, full);                                    \
    HUGE_DW_FMA(0, v) HUGE_DW_FMA(1, v) HUGE_DW_FMA(2, v) HUGE_DW_FMA(3, v)    \
  }
#ifdef HUGE_HAVE_VMATH
#define HUGE_DW_ACT(r, v)                                                      \
  if (r < rm && v < xv)                                                        \
    a##r##v = hv_activate(a##r##v, act, act_a, act_b);
#endif
#define HUGE_DW_STORE(r, v)                                                    \
  if (r < rm && v < xv)                                                        \
    hv_store_n(o + r * ors + v * HUGE_VL, a##r##v, cols - v * HUGE_VL);

/* Input row t of the tile (loaded once per kernel column) into every
 * output row it belongs to. */
#define HUGE_DW_ROW                                                            \
  {                                                                            \
    const int iy = iy0 + t * u;                                                \
    const float *row;                                                          \
    if (iy < 0 || iy >= h)                                                     \
      continue;                                                                \
    row = ip + (long)iy * w;                                                   \
    HUGE_UNROLL                                                                \
    for (kx = 0; kx < K; ++kx) {                                               \
      if (!phased && !full && !cm->any[kx])                                    \
        continue;                                                              \
      HUGE_DW_EACH_V(HUGE_DW_COLUMN, 0)                                        \
    }                                                                          \
  }

HUGE_INLINE void dw_tile(const column_masks *cm, const float *ip, int iy0,
                         int h, int w, const float *wk, float bias, float *o,
                         long ors, int cols, int act, float act_a, float act_b,
                         const int rm, const int s, int u, const int xv,
                         const int full, const int K, const int *coff,
                         const int phased) {
  const hv bv = hv_splat(bias);
  int t, kx;
  HUGE_DW_WEIGHTS
  HUGE_DW_EACH(HUGE_DW_DECL)
  /* every input row unrolled, so each tap's weight index and the output
   * rows it feeds are constants (a 5x5 dilated layer ran 2.2x slower with
   * the row loop kept; the price is about 2 KiB of code per tile shape) */
  HUGE_UNROLL
  for (t = 0; t < (rm - 1) * s + K; ++t)
    HUGE_DW_ROW
#ifdef HUGE_HAVE_VMATH
  if (act)
    HUGE_DW_EACH(HUGE_DW_ACT)
#else
  (void)act, (void)act_a, (void)act_b;
#endif
  HUGE_DW_EACH(HUGE_DW_STORE)
}
#undef HUGE_DW_EACH_V
#undef HUGE_DW_EACH
#undef HUGE_DW_DECL
#undef HUGE_DW_WEIGHTS
#undef HUGE_DW_MUL3
#undef HUGE_DW_MUL
#undef HUGE_DW_FMA
#undef HUGE_DW_ROW
#undef HUGE_DW_COLUMN
#undef HUGE_DW_ACT
#undef HUGE_DW_STORE

/* Accumulators of a depthwise tile the registers hold. */
#if HUGE_VREGS >= 32
#define HUGE_DW_ACC 16
#else
#define HUGE_DW_ACC 8
#endif

/* Vectors a KxK tile spans: up to HUGE_DW_ACC / HUGE_DW_RM for 3x3, and
 * two for the larger kernels (their tiles are built for one and two). */
HUGE_INLINE int dw_max_vectors(int k) {
  return min_int(k == 3 ? 4 : 2, HUGE_DW_ACC / HUGE_DW_RM);
}

/* `rows` output rows of V vectors of a KxK kernel at stride S and
 * dilation u (the rows u apart, ors floats), in tiles of HUGE_DW_RM rows
 * and then single rows; one function per (K, S, V) (base.h). Looping over
 * the rows here, with the tile's shape a constant, keeps the per-tile work
 * to the tile itself. Without lane masks in hardware, whole-height tiles
 * whose every lane is in range (`full`: all but the border columns) have
 * their own variants, which load whole vectors instead of consulting each
 * lane's mask. */
#ifdef HUGE_ISA_MASKS
#define HUGE_DW_HAS_FULL 0 /* masked loads cost what whole loads do */
#else
#define HUGE_DW_HAS_FULL 1
#endif
#define HUGE_DW_TILE(R, K, S, V, F, U, P)                                      \
  dw_tile(cm, ip, iy0 + y * (S) * (U), h, w, wk, bias, o + y * ors, ors, cols, \
          act, act_a, act_b, R, S, U, V, F, K, coff, P)
#define HUGE_DW_ROWS(K, S, V, U)                                               \
  for (; y + HUGE_DW_RM <= rows; y += HUGE_DW_RM)                              \
    if (HUGE_DW_HAS_FULL && full)                                              \
      HUGE_DW_TILE(HUGE_DW_RM, K, S, V, 1, U, 0);                              \
    else                                                                       \
      HUGE_DW_TILE(HUGE_DW_RM, K, S, V, 0, U, 0);                              \
  for (; y < rows; ++y)                                                        \
    HUGE_DW_TILE(1, K, S, V, 0, U, 0);
/* (rows split by phase: every lane reads a phase row, no masks; the
 * columns in tiles of V vectors, the last one cut at cols) */
#define HUGE_DW_TILE_PHASED(R, K, S, V)                                        \
  dw_tile(cm, ip + x, iy0 + y * (S), h, w, wk, bias, o + y * ors + x, ors,     \
          min_int(cols - x, (V)*HUGE_VL), act, act_a, act_b, R, S, 1, V, 1, K, \
          coff, 1)
#define HUGE_DW_ROWS_PHASED(K, S, V)                                           \
  int x;                                                                       \
  for (x = 0; x < cols; x += (V)*HUGE_VL) {                                    \
    for (y = 0; y + HUGE_DW_RM <= rows; y += HUGE_DW_RM)                       \
      HUGE_DW_TILE_PHASED(HUGE_DW_RM, K, S, V);                                \
    for (; y < rows; ++y)                                                      \
      HUGE_DW_TILE_PHASED(1, K, S, V);                                         \
  }
/* The 3x3 tiles without dilation (stride 2 never has one) take u as the
 * constant 1, so their loads keep constant offsets; the dilated ones and the
 * larger kernels (one variant each, for code size) take it as it is. At
 * stride 2, coff (not NULL) says that ip holds rows split by phase
 * (columns.h): kernel column kx's entries at coff[kx], rows w floats
 * apart. */
#if HUGE_PHASE_FLOATS > 0
#define HUGE_DW_IF_PHASED(K, S, V)                                             \
  if ((S) == 2 && coff) {                                                      \
    HUGE_DW_ROWS_PHASED(K, S, V)                                               \
  } else
#else
#define HUGE_DW_IF_PHASED(K, S, V)
#endif
#define HUGE_DW_FN(K, S, V)                                                    \
  HUGE_NOINLINE void dw_rows_##K##_##S##_##V(                                  \
      const column_masks *cm, const float *ip, int iy0, int h, int w,          \
      const float *wk, float bias, float *o, long ors, int cols, int act,      \
      float act_a, float act_b, int rows, int u, int full, const int *coff) {  \
    int y = 0;                                                                 \
    HUGE_DW_IF_PHASED(K, S, V)                                                 \
    if ((S) == 2 || ((K) == 3 && u == 1)) {                                    \
      HUGE_DW_ROWS(K, S, V, 1)                                                 \
    } else {                                                                   \
      HUGE_DW_ROWS(K, S, V, u)                                                 \
    }                                                                          \
  }
#define HUGE_DW_TILES_3(T)                                                     \
  T(3, 1, 1) T(3, 1, 2) T(3, 1, 3) T(3, 1, 4)                                  \
  T(3, 2, 1) T(3, 2, 2) T(3, 2, 3) T(3, 2, 4)
#define HUGE_DW_TILES_5(T) T(5, 1, 1) T(5, 1, 2) T(5, 2, 1) T(5, 2, 2)
#define HUGE_DW_TILES_7(T) T(7, 1, 1) T(7, 1, 2) T(7, 2, 1) T(7, 2, 2)
#if HUGE_DEPTHWISE_TILES & 1
HUGE_DW_TILES_3(HUGE_DW_FN)
#endif
#if HUGE_DEPTHWISE_TILES & 2
HUGE_DW_TILES_5(HUGE_DW_FN)
#endif
#if HUGE_DEPTHWISE_TILES & 4
HUGE_DW_TILES_7(HUGE_DW_FN)
#endif
#undef HUGE_DW_FN
#undef HUGE_DW_IF_PHASED
#undef HUGE_DW_HAS_FULL
#undef HUGE_DW_ROWS
#undef HUGE_DW_ROWS_PHASED
#undef HUGE_DW_TILE_PHASED
#undef HUGE_DW_TILE

/* The rows of xv vectors of a KxK kernel at stride s, by the function of
 * their shape; depthwise_k asks for no more than dw_max_vectors, so wider
 * tiles are not built. coff: NULL, or ip holds rows split by phase (see
 * HUGE_DW_FN). */
static void dw_dispatch(const column_masks *cm, const float *ip, int iy0,
                        int h, int w, const float *wk, float bias, float *o,
                        long ors, int cols, int act, float act_a, float act_b,
                        int rows, int k, int s, int u, int xv,
                        const int *coff) {
#ifndef HUGE_ISA_MASKS
  const int full = cm->full;
#else
  const int full = 0;
#endif
#define HUGE_DW_CASE(K, S, V)                                                  \
  case ((K)*4 + (S)) * 8 + (V):                                                \
    if ((V) <= dw_max_vectors(K))                                              \
      dw_rows_##K##_##S##_##V(cm, ip, iy0, h, w, wk, bias, o, ors, cols, act,  \
                              act_a, act_b, rows, u, full, coff);              \
    break;
  switch ((k * 4 + s) * 8 + xv) {
#if HUGE_DEPTHWISE_TILES & 1
    HUGE_DW_TILES_3(HUGE_DW_CASE)
#endif
#if HUGE_DEPTHWISE_TILES & 2
    HUGE_DW_TILES_5(HUGE_DW_CASE)
#endif
#if HUGE_DEPTHWISE_TILES & 4
    HUGE_DW_TILES_7(HUGE_DW_CASE)
#endif
  default:
    break;
  }
#undef HUGE_DW_CASE
}
#undef HUGE_DW_TILES_3
#undef HUGE_DW_TILES_5
#undef HUGE_DW_TILES_7

/* After a tile of rm output rows (y, y + u, ...) from column x0 at o, ors
 * floats apart: the activations the accumulators did not take, and the
 * store into a strided output (direct: o is the output). */
static void dw_finish_rows(float *o, long ors, int rm, int cols, int y,
                           int x0, int u, int row_act, int direct, float *out,
                           const huge_conv_params *p, int n, int co) {
  int r;
  for (r = 0; r < rm; ++r) {
    if (row_act)
      activate_row(o + r * ors, cols, p);
    if (!direct)
      store_row(out_at(out, p, n, co, y + r * u, x0), o + r * ors, cols,
                p->oxs);
  }
}

#if defined(HUGE_HV_LOAD2) && (HUGE_DEPTHWISE_TILES & 1)
#define HUGE_DW3S2 1
/* Depthwise 3x3 at stride 2 (dilation 1) straight from the input rows,
 * where a deinterleaving load is one instruction (NEON's ld2): for the
 * vector of output columns x..x+3, one load of input columns b..b+7 (b =
 * 2x - pl + 1) gives kernel column 1's inputs (the even ones) and kernel
 * column 2's (the odd ones); kernel column 0's are the odd ones one column
 * earlier, shifted in from the previous vector (or, for a tile's first
 * vector, from input column b - 1). Three taps' inputs cost two
 * instructions and the input is never copied. Tiles of HUGE_DW_RM output
 * rows x XV vectors, as dw_tile, with the same sums in the same order
 * (input rows in order, each row's three taps in order). A tile whose
 * loads all lie in the row (`full`) loads whole vectors; at the row's ends
 * the columns outside the input read as zero. */
HUGE_INLINE void dw3s2_load(const float *row, int c, int w, const int full,
                            hv *even, hv *odd) {
  float t[2 * HUGE_VL];
  int i;
  if (full || (c >= 0 && c + 2 * HUGE_VL <= w)) {
    hv_deinterleave2(row + c, even, odd);
    return;
  }
  for (i = 0; i < 2 * HUGE_VL; ++i)
    t[i] = c + i >= 0 && c + i < w ? row[c + i] : 0.0f;
  hv_deinterleave2(t, even, odd);
}

#define HUGE_DW2_EACH_V(M, r) M(r, 0) M(r, 1) M(r, 2) M(r, 3)
#define HUGE_DW2_EACH(M)                                                       \
  HUGE_DW2_EACH_V(M, 0)                                                        \
  HUGE_DW2_EACH_V(M, 1) HUGE_DW2_EACH_V(M, 2) HUGE_DW2_EACH_V(M, 3)
#define HUGE_DW2_DECL(r, v) hv a##r##v = bv;
/* tap i's weight: lane i of w03 or w47, or w8 */
#define HUGE_DW2_MUL(i, x, acc)                                                \
  hv_fma_lane(x, (i) < 4 ? w03 : (i) < 8 ? w47 : w8, (i)&3, acc)
/* output row r takes input row t with kernel row t - 2r */
#define HUGE_DW2_FMA(r, v)                                                     \
  if (r < rm && t - 2 * r >= 0 && t - 2 * r < 3) {                             \
    a##r##v = HUGE_DW2_MUL((t - 2 * r) * 3, x0, a##r##v);                      \
    a##r##v = HUGE_DW2_MUL((t - 2 * r) * 3 + 1, x1, a##r##v);                  \
    a##r##v = HUGE_DW2_MUL((t - 2 * r) * 3 + 2, x2, a##r##v);                  \
  }
#define HUGE_DW2_COLUMN(unused, v)                                             \
  if (v < xv) {                                                                \
    hv x0, x1, x2;                                                             \
    dw3s2_load(row, b + v * 2 * HUGE_VL, w, full, &x1, &x2);                   \
    x0 = hv_shift_in(prev, x2);                                                \
    prev = x2;                                                                 \
    HUGE_DW2_FMA(0, v) HUGE_DW2_FMA(1, v) HUGE_DW2_FMA(2, v)                   \
    HUGE_DW2_FMA(3, v)                                                         \
  }
#define HUGE_DW2_ACT(r, v)                                                     \
  if (r < rm && v < xv)                                                        \
    a##r##v = hv_activate(a##r##v, act, act_a, act_b);
#define HUGE_DW2_STORE(r, v)                                                   \
  if (r < rm && v < xv)                                                        \
    hv_store_n(o + r * ors + v * HUGE_VL, a##r##v, cols - v * HUGE_VL);

/* rm output rows from input row iy0 (kernel row 0 of the first), xv
 * vectors from load column b, of the input at ip (h rows of w floats).
 * full: every row and load of the tile lies in the input (and ip is row
 * iy0), the column before the first load perhaps not. */
HUGE_INLINE void dw3s2_tile(const float *ip, int iy0, int h, int w, int b,
                            const float *wk, float bias, float *o, long ors,
                            int cols, int act, float act_a, float act_b,
                            const int rm, const int xv, const int full) {
  const hv bv = hv_splat(bias), zero = hv_splat(0.0f);
  /* weights 0-3, 4-7 by lane, 8 broadcast */
  const hv w03 = hv_load(wk), w47 = hv_load(wk + 4), w8 = hv_splat(wk[8]);
  /* (full tiles read column b - 1 through a mask: no branch per row) */
  const int left = b >= 1 ? b - 1 : 0;
  const hvi keep = (hvi)hv_splat(0.0f) + (b >= 1 ? -1 : 0);
  int t;
  HUGE_DW2_EACH(HUGE_DW2_DECL)
  HUGE_UNROLL
  for (t = 0; t < 2 * rm + 1; ++t) {
    const float *row;
    hv prev;
    if (!full && (iy0 + t < 0 || iy0 + t >= h))
      continue;
    /* (from the tile's first row where every row is in the input) */
    row = full ? ip + t * (long)w : ip + (iy0 + t) * (long)w;
    /* (kernel column 0 of the first vector's lane 0: input column b - 1) */
    prev = full ? (hv)((hvi)hv_load_splat(row + left) & keep)
           : b >= 1 && b <= w ? hv_splat(row[b - 1])
                              : zero;
    HUGE_DW2_EACH_V(HUGE_DW2_COLUMN, 0)
  }
  if (act)
    HUGE_DW2_EACH(HUGE_DW2_ACT)
  HUGE_DW2_EACH(HUGE_DW2_STORE)
}
#undef HUGE_DW2_EACH_V
#undef HUGE_DW2_EACH
#undef HUGE_DW2_DECL
#undef HUGE_DW2_MUL
#undef HUGE_DW2_FMA
#undef HUGE_DW2_COLUMN
#undef HUGE_DW2_ACT
#undef HUGE_DW2_STORE

/* Output rows [0, rows) of the columns [x0, x0 + cols) of V vectors, row r
 * at o + r * ors reading input rows from iy0 + 2r, in tiles of HUGE_DW_RM
 * rows and then single rows; one function per V. Each tile's input and
 * output pointers are opaque to the compiler, which would otherwise keep
 * each of the tile's 9 rows and 16 stores as an induction variable of the
 * row loop, most of them spilled to the stack. */
#define HUGE_OPAQUE(p) __asm__("" : "+r"(p))
#define HUGE_DW2_TILE(R, V, F)                                                 \
  do {                                                                         \
    const float *at = F ? ip + (iy0 + 2 * r) * (long)w : ip;                   \
    float *to = o + r * ors;                                                   \
    HUGE_OPAQUE(at);                                                           \
    HUGE_OPAQUE(to);                                                           \
    dw3s2_tile(at, iy0 + 2 * r, h, w, b, wk, bias, to, ors, cols, act, act_a,  \
               act_b, R, V, F);                                                \
  } while (0)
#define HUGE_DW2_FN(V)                                                         \
  HUGE_NOINLINE void dw3s2_rows_##V(const float *ip, int iy0, int h, int w,    \
                                    int b, const float *wk, float bias,        \
                                    float *o, long ors, int cols, int act,     \
                                    float act_a, float act_b, int rows) {      \
    const int full = b >= 0 && b + (V)*2 * HUGE_VL <= w;                       \
    int r = 0;                                                                 \
    for (; r + HUGE_DW_RM <= rows; r += HUGE_DW_RM)                            \
      if (full && iy0 + 2 * r >= 0 && iy0 + 2 * r + 2 * HUGE_DW_RM + 1 <= h)   \
        HUGE_DW2_TILE(HUGE_DW_RM, V, 1);                                        \
      else                                                                     \
        HUGE_DW2_TILE(HUGE_DW_RM, V, 0);                                        \
    for (; r < rows; ++r)                                                      \
      HUGE_DW2_TILE(1, V, 0);                                                   \
  }
HUGE_DW2_FN(1)
HUGE_DW2_FN(2)
HUGE_DW2_FN(3)
HUGE_DW2_FN(4)
#undef HUGE_DW2_FN
#undef HUGE_DW2_TILE
#undef HUGE_OPAQUE

/* One channel of a 3x3 stride-2 depthwise convolution: the output columns
 * in tiles of up to four vectors, each down every row. */
static void depthwise_3s2(const float *in, const float *weight,
                          const float *bias, float *out,
                          const huge_conv_params *p, int n, int co) {
  const float *ip = in + ((long)n * p->cin + co) * in_plane(p);
  const float *wk = weight + (long)co * 9;
  const float b = bias ? bias[co] : 0.0f;
  const int row_vectors = (p->ow + HUGE_VL - 1) / HUGE_VL;
  const int tiles = (row_vectors + 3) / 4;
  const int xv = (row_vectors + tiles - 1) / tiles, tw = xv * HUGE_VL;
  const int by_plane = activate_by_plane(p);
  const int act = vector_activation(p);
  const int row_act = !by_plane && !act && p->act != HUGE_ACT_NONE;
  const int direct = p->oxs == 1 && !row_act;
  float tile[HUGE_DW_RM * 4 * HUGE_VL];
  int x0, y;
  for (x0 = 0; x0 < p->ow; x0 += tw) {
    const int cols = min_int(tw, p->ow - x0);
    const int xvt = (cols + HUGE_VL - 1) / HUGE_VL;
    const int col = 2 * x0 - p->pl + 1;
#define HUGE_DW2_CALL(V, iy0, o, ors, rows)                                    \
  case V:                                                                      \
    dw3s2_rows_##V(ip, iy0, p->h, p->w, col, wk, b, o, ors, cols, act,         \
                   p->act_a, p->act_b, rows);                                  \
    break;
#define HUGE_DW2_CALLS(iy0, o, ors, rows)                                      \
  switch (xvt) {                                                               \
    HUGE_DW2_CALL(1, iy0, o, ors, rows)                                        \
    HUGE_DW2_CALL(2, iy0, o, ors, rows)                                        \
    HUGE_DW2_CALL(3, iy0, o, ors, rows)                                        \
    HUGE_DW2_CALL(4, iy0, o, ors, rows)                                        \
  default:                                                                     \
    break;                                                                     \
  }
    if (direct) {
      /* every row in one call, stored in place */
      HUGE_DW2_CALLS(-p->pt, out_at(out, p, n, co, 0, x0), p->oys, p->oh)
      continue;
    }
    for (y = 0; y < p->oh; y += HUGE_DW_RM) {
      const int rm = min_int(HUGE_DW_RM, p->oh - y);
      HUGE_DW2_CALLS(2 * y - p->pt, tile, tw, rm)
      dw_finish_rows(tile, tw, rm, cols, y, x0, 1, row_act, 0, out, p, n, co);
    }
#undef HUGE_DW2_CALLS
#undef HUGE_DW2_CALL
  }
  if (by_plane)
    activate_row(out_at(out, p, n, co, 0, 0), p->oh * p->ow, p);
}
#endif

/* One channel of a KxK depthwise convolution (K = p->kh = p->kw: 3, 5 or
 * 7) with equal strides 1 or 2 and equal dilations (any, with stride 1):
 * the output rows in u classes of rows u apart (u the dilation), each class
 * in row tiles that share input rows. At stride 2 the input rows of a row
 * tile are split by column phase first where they fit the stack
 * (columns.h): every tap is then a whole load at a fixed offset, with no
 * shuffle to gather a stride-2 vector and no lane mask at the borders. */
static void depthwise_k(const float *in, const float *weight,
                        const float *bias, float *out,
                        const huge_conv_params *p, int n, int co) {
  const int k = p->kh;
  const float *ip = in + ((long)n * p->cin + co) * in_plane(p);
  const float *wk = weight + (long)co * k * k;
  const float b = bias ? bias[co] : 0.0f;
  const int row_vectors = (p->ow + HUGE_VL - 1) / HUGE_VL;
  const int xv_max = min_int(dw_max_vectors(k), row_vectors);
  const int tiles = (row_vectors + xv_max - 1) / xv_max;
  const int xv = (row_vectors + tiles - 1) / tiles, tw = xv * HUGE_VL;
  float tile[HUGE_DW_RM * 4 * HUGE_VL];
  conv_job j;
  int x0, y, rm, c, i;
  const int u = p->dh;
  const int by_plane = activate_by_plane(p);
  /* relu, clip and leaky relu on the accumulators, the others after */
  const int act = vector_activation(p);
  const int row_act = !by_plane && !act && p->act != HUGE_ACT_NONE;
  /* rows straight into a dense output, else through the tile */
  const int direct = p->oxs == 1;
  j.col_step = u;
  j.px_step = p->sw;
  /* The output columns whose first tap lies left of the input get a tile
   * of their own, whole vectors of them, so that the tiles after it have
   * every lane in range (see dw_dispatch). */
  const int left = (p->pl + p->sw - 1) / p->sw;
  const int lead = min_int(tw, (left + HUGE_VL - 1) / HUGE_VL * HUGE_VL);
  int cw;
#if HUGE_PHASE_FLOATS > 0
  phase_rows pr;
  if (p->sh == 2 && p->sw == 2 && u == 1 &&
      phase_rows_init(&pr, p, 1, (HUGE_DW_RM - 1) * 2 + k)) {
    column_masks all;
    all_lanes_on(&all);
    for (y = 0; y < p->oh; y += rm) {
      const int iy0 = y * 2 - p->pt, a = max_int(iy0, 0);
      const int e = min_int(iy0 + (HUGE_DW_RM - 1) * 2 + k, p->h);
      rm = p->oh - y >= HUGE_DW_RM ? HUGE_DW_RM : 1;
      if (e > a)
        phase_rows_hold(&pr, p, ip, 1, a, e);
      for (x0 = 0; x0 < p->ow; x0 += cw) {
        /* into a dense output every whole tile in one call */
        cw = direct && !row_act && p->ow - x0 >= tw ? (p->ow - x0) / tw * tw
                                                    : tw;
        const int cols = min_int(cw, p->ow - x0);
        const int xvt = min_int(xv, (cols + HUGE_VL - 1) / HUGE_VL);
        float *o = direct ? out_at(out, p, n, co, y, x0) : tile;
        const long ors = direct ? p->oys : xvt * HUGE_VL;
        dw_dispatch(&all, pr.buf + x0, iy0 - a, max_int(e - a, 0),
                    (int)pr.row, wk, b, o, ors, cols, act, p->act_a, p->act_b,
                    rm, k, 2, 1, xvt, pr.col_off);
        dw_finish_rows(o, ors, rm, cols, y, x0, 1, row_act, direct, out, p, n,
                       co);
      }
    }
    if (by_plane)
      activate_row(out_at(out, p, n, co, 0, 0), p->oh * p->ow, p);
    return;
  }
#endif
  for (x0 = 0; x0 < p->ow; x0 += cw) {
    cw = x0 == 0 && lead > 0 ? lead : tw;
    const int cols = min_int(cw, p->ow - x0);
    const int xvt = min_int(xv, (cols + HUGE_VL - 1) / HUGE_VL);
    const int col0 = x0 * p->sw - p->pl;
    column_masks cm;
    make_column_masks(&cm, &j, 0, k, col0, p->w, cols, xvt);
    for (c = 0; c < u && c < p->oh; ++c) {
      /* output rows c, c + u, ... */
      const int rows = (p->oh - c + u - 1) / u;
      if (direct && !row_act) {
        /* nothing to do between tiles: every row in one call */
        dw_dispatch(&cm, ip + col0, c * p->sh - p->pt, p->h, p->w, wk, b,
                    out_at(out, p, n, co, c, x0), (long)u * p->oys, cols, act,
                    p->act_a, p->act_b, rows, k, p->sh, u, xvt, NULL);
        continue;
      }
      for (i = 0; i < rows; i += rm) {
        float *o;
        long ors;
        y = c + i * u;
        o = direct ? out_at(out, p, n, co, y, x0) : tile;
        ors = direct ? (long)u * p->oys : xvt * HUGE_VL;
        rm = rows - i >= HUGE_DW_RM ? HUGE_DW_RM : 1;
        dw_dispatch(&cm, ip + col0, y * p->sh - p->pt, p->h, p->w, wk, b, o,
                    ors, cols, act, p->act_a, p->act_b, rm, k, p->sh, u, xvt,
                    NULL);
        dw_finish_rows(o, ors, rm, cols, y, x0, u, row_act, direct, out, p, n,
                       co);
      }
    }
  }
  if (by_plane)
    activate_row(out_at(out, p, n, co, 0, 0), p->oh * p->ow, p);
}
#endif /* (HUGE_DEPTHWISE_TILES & 7) && !HUGE_OPTIMIZE_SIZE */

#if (HUGE_DEPTHWISE_TILES & 8) && !HUGE_OPTIMIZE_SIZE
/* Depthwise convolution of planes in runs of pixels (huge_runtime.h,
 * huge_depthwise_conv2d_flat; segments in columns.h). A 12x12 plane fills 9
 * vectors instead of 12 rows of 12 lanes, and no tap or row is set up per
 * channel. The taps keep their row-major order, so every output is the same
 * sum, in the same order, as huge_depthwise_conv2d computes. */

/* One channel's segment of V vectors (n pixels) at o: the accumulators are
 * named variables, as in dw_tile. */
#define HUGE_FLAT_EACH(M)                                                      \
  M(0) M(1) M(2) M(3) M(4) M(5) M(6) M(7) M(8) M(9) M(10) M(11) M(12) M(13)   \
      M(14) M(15)
#define HUGE_FLAT_DECL(v) hv a##v = bv;
#ifdef HUGE_ISA_AVX512
/* (a load of no lanes reads nothing: no test, no branch) */
#define HUGE_FLAT_FMA(v)                                                       \
  if (v < V)                                                                   \
    a##v = hv_fma(wv, flat_load(src + v * HUGE_VL, b[v]), a##v);
#else
#define HUGE_FLAT_FMA(v)                                                       \
  if (v < V && b[v])                                                           \
    a##v = hv_fma(wv, flat_load(src + v * HUGE_VL, b[v]), a##v);
#endif
#ifdef HUGE_HAVE_VMATH
#define HUGE_FLAT_ACT(v)                                                       \
  if (v < V)                                                                   \
    a##v = hv_activate(a##v, act, act_a, act_b);
#endif
#define HUGE_FLAT_STORE(v)                                                     \
  if (v < V)                                                                   \
    hv_store_n(o + v * HUGE_VL, a##v, n - v * HUGE_VL);
HUGE_INLINE void flat_channel(const flat_segment *s, const float *ip,
                              const float *wk, float bias, float *o, int n,
                              int act, float act_a, float act_b, const int V) {
  const hv bv = hv_splat(bias);
  int e;
  HUGE_FLAT_EACH(HUGE_FLAT_DECL)
  for (e = 0; e < s->taps; ++e) {
    const hv wv = hv_splat(wk[s->tap[e]]);
    const float *src = ip + s->off[e];
    const uint32_t *b = s->bits[e];
    HUGE_FLAT_EACH(HUGE_FLAT_FMA)
  }
#ifdef HUGE_HAVE_VMATH
  if (act)
    HUGE_FLAT_EACH(HUGE_FLAT_ACT)
#else
  (void)act, (void)act_a, (void)act_b;
#endif
  HUGE_FLAT_EACH(HUGE_FLAT_STORE)
}
#undef HUGE_FLAT_EACH
#undef HUGE_FLAT_DECL
#undef HUGE_FLAT_FMA
#undef HUGE_FLAT_ACT
#undef HUGE_FLAT_STORE

/* Whether huge_depthwise_conv2d_flat computes p in runs of pixels. */
static int flat_fits(const huge_conv_params *p) {
  return p->sh == 1 && p->sw == 1 && p->ow == p->w && p->oxs == 1 &&
         p->oys == p->ow && out_block(p) == 1 && in_block(p) == 1 &&
         p->kh * p->kw <= HUGE_FLAT_TAPS && p->groups == p->cin &&
         p->cout == p->cin;
}

static void depthwise_flat(const float *in, const float *weight,
                           const float *bias, float *out,
                           const huge_conv_params *p) {
  const int pixels = p->oh * p->ow;
  const int vectors = (pixels + HUGE_VL - 1) / HUGE_VL;
  const int segments = (vectors + HUGE_FLAT_NV - 1) / HUGE_FLAT_NV;
  const int per = (vectors + segments - 1) / segments;
  const int act = vector_activation(p);
  flat_segment s;
  int v0, n, co;
  for (v0 = 0; v0 < vectors; v0 += per) {
    const int nv = min_int(per, vectors - v0), first = v0 * HUGE_VL;
    const int m = min_int(nv * HUGE_VL, pixels - first);
    flat_build(&s, p, first, nv);
    for (n = 0; n < p->n; ++n)
      for (co = 0; co < p->cout; ++co) {
        const float *ip = in + ((long)n * p->cin + co) * in_plane(p);
        const float *wk = weight + (long)co * p->kh * p->kw;
        const float b = bias ? bias[co] : 0.0f;
        float *o = out_at(out, p, n, co, 0, 0) + first;
#define HUGE_FLAT_CASE(V)                                                      \
  case V:                                                                      \
    flat_channel(&s, ip, wk, b, o, m, act, p->act_a, p->act_b,                \
                 min_int(V, HUGE_FLAT_NV));                                    \
    break;
        switch (nv) {
          HUGE_FLAT_CASE(1)
          HUGE_FLAT_CASE(2)
          HUGE_FLAT_CASE(3)
          HUGE_FLAT_CASE(4)
          HUGE_FLAT_CASE(5)
          HUGE_FLAT_CASE(6)
          HUGE_FLAT_CASE(7)
          HUGE_FLAT_CASE(8)
#if HUGE_FLAT_NV > 8
          HUGE_FLAT_CASE(9)
          HUGE_FLAT_CASE(10)
          HUGE_FLAT_CASE(11)
          HUGE_FLAT_CASE(12)
          HUGE_FLAT_CASE(13)
          HUGE_FLAT_CASE(14)
          HUGE_FLAT_CASE(15)
          HUGE_FLAT_CASE(16)
#endif
        default:
          break;
        }
#undef HUGE_FLAT_CASE
      }
  }
  if (!act && p->act != HUGE_ACT_NONE)
    for (n = 0; n < p->n; ++n)
      for (co = 0; co < p->cout; ++co)
        activate_row(out_at(out, p, n, co, 0, 0), pixels, p);
}
#endif /* (HUGE_DEPTHWISE_TILES & 8) && !HUGE_OPTIMIZE_SIZE */

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
#if (HUGE_DEPTHWISE_TILES & 7) && !HUGE_OPTIMIZE_SIZE
  if (mult == 1 && p->kh == p->kw &&
      (p->kh == 3 || p->kh == 5 || p->kh == 7) &&
      (HUGE_DEPTHWISE_TILES >> (p->kh - 3) / 2 & 1) && p->dh == p->dw &&
      p->sh == p->sw && (p->sh == 1 || (p->sh == 2 && p->dh == 1))) {
#ifdef HUGE_DW3S2
    if (p->kh == 3 && p->sh == 2) {
      for (n = 0; n < p->n; ++n)
        for (co = 0; co < p->cout; ++co)
          depthwise_3s2(in, weight, bias, out, p, n, co);
      return;
    }
#endif
    for (n = 0; n < p->n; ++n)
      for (co = 0; co < p->cout; ++co)
        depthwise_k(in, weight, bias, out, p, n, co);
    return;
  }
#endif
  if (mult == 1) {
    /* [C][kh][kw] is the packed layout of a grouped conv with one channel
     * per group and blocks of 1: the by-column kernel, two rows a tile (the
     * same sums in the same order as depthwise_k) */
    for (n = 0; n < p->n; ++n)
      for (co = 0; co < p->cout; ++co)
        conv_by_column(in, weight, 1, bias, NULL, out, p, n, co, 0);
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

void huge_depthwise_conv2d_flat(const float *in, const float *weight,
                                const float *bias, float *out,
                                const huge_conv_params *p) {
#if (HUGE_DEPTHWISE_TILES & 8) && !HUGE_OPTIMIZE_SIZE
  if (flat_fits(p)) {
    depthwise_flat(in, weight, bias, out, p);
    return;
  }
#endif
  huge_depthwise_conv2d(in, weight, bias, out, p);
}
