/* Packed convolution by column: register tiles of up to 8 output channels
 * x vectors of consecutive output columns (blocks of other sizes). */
#include "columns.h"

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
#ifdef HUGE_HV_FMA_LANE
/* Tiles of four or eight channels read their weights as one or two vectors
 * and use them by lane (NEON's fmla by element) instead of broadcasting each
 * from memory; the channel count is a constant of the tile. */
#define HUGE_BY_LANE (nc == 4 || nc == 8)
#define HUGE_ACC_FMA(c, v)                                                     \
  if (c < nc && v < nv)                                                        \
    a##c##v = HUGE_BY_LANE ? hv_fma_lane(x##v, c < 4 ? wq0 : wq1, c & 3,        \
                                         a##c##v)                              \
                           : hv_fma(b##c, x##v, a##c##v);
#define HUGE_WEIGHT_VECTORS                                                    \
  const hv wq0 = HUGE_BY_LANE ? hv_load(w) : zero;                             \
  const hv wq1 = HUGE_BY_LANE && nc == 8 ? hv_load(w + 4) : zero;
#define HUGE_BCAST(unused, c)                                                  \
  const hv b##c = !HUGE_BY_LANE && c < nc ? hv_splat(w[c]) : zero;
#else
#define HUGE_ACC_FMA(c, v)                                                     \
  if (c < nc && v < nv)                                                        \
    a##c##v = hv_fma(b##c, x##v, a##c##v);
#define HUGE_WEIGHT_VECTORS
#define HUGE_BCAST(unused, c) const hv b##c = c < nc ? hv_splat(w[c]) : zero;
#endif
#define HUGE_ACC_STORE(c, v)                                                   \
  if (c < nc && v < nv)                                                        \
    hv_store_n(o + c * ocs + (v / xv) * ors + (v % xv) * HUGE_VL, a##c##v,     \
               cols - (v % xv) * HUGE_VL);
#define HUGE_ACC_STORE_BUF(c, v)                                               \
  if (c < nc && v < nv)                                                        \
    hv_store(buf + (c * nv + v) * HUGE_VL, a##c##v);
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
/* One reduction step of the tile: its input vectors (LOAD, from s), the
 * weights of its channels (from w), and the multiply-adds. */
#define HUGE_COLUMN_STEP(LOAD)                                                 \
  {                                                                            \
    HUGE_EACH8(LOAD, 0)                                                        \
    HUGE_WEIGHT_VECTORS                                                        \
    HUGE_EACH8(HUGE_BCAST, 0)                                                  \
    HUGE_EACH_CV(HUGE_ACC_FMA)                                                 \
  }
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
        HUGE_COLUMN_STEP(LOAD)                                                 \
      }                                                                        \
    }

/* The steps from rows split by column phase: kernel column kw reads a
 * dense row at col_off[kw], every lane in range (zeros stand for the
 * padding). */
#define HUGE_PHASED_STEPS(LOAD)                                                \
  for (kh = 0; kh < j->nkh; ++kh)                                              \
    for (ci = 0; ci < j->cig; ++ci) {                                          \
      const float *srow = src + kh * j->row_step + ci * j->plane;              \
      const float *wrow =                                                      \
          j->w + kh * j->w_row + ci * j->blk + (long)kw * j->w_col;            \
      const float *w = wrow;                                                   \
      for (k = 0; k < nkw; ++k, w += j->w_col) {                               \
        const float *s = srow + col_off[k];                                    \
        HUGE_COLUMN_STEP(LOAD)                                                 \
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
      HUGE_COLUMN_STEP(LOAD)                                                   \
    }                                                                          \
  }

/* Where a by-column tile's results go: the first `cols` columns of channel
 * c, row r, start at o + c * cs + r * rs, xs floats apart (the output
 * itself, planar, or a buffer); with xs > 1 they pass through buf, room
 * for 8 x 8 vectors. */
typedef struct column_dest {
  float *o;
  long cs, rs, xs;
  float *buf;
} column_dest;

/* A tile's results, held in buf as channel-major vectors (nv per
 * channel, xv per row), to their pixels xs > 1 floats apart: an untangled
 * phase's pixels lie a stride apart in the output. (A function of its own:
 * in the tile, the strided addresses took the registers of the dense
 * stores' and cost AVX-512 tiles 15%.) */
HUGE_NOINLINE void store_columns(const float *buf, const column_dest *d,
                                 float *o, int nc, int nv, int xv, int cols) {
  int c, v, i;
  for (c = 0; c < nc; ++c)
    for (v = 0; v < nv; ++v) {
      const float *t = buf + (c * nv + v) * HUGE_VL;
      float *at =
          o + c * d->cs + (v / xv) * d->rs + (v % xv) * HUGE_VL * d->xs;
      const int n = min_int(HUGE_VL, cols - (v % xv) * HUGE_VL);
#ifdef HUGE_HV_SCATTER
      if (n == HUGE_VL) { /* one lane store each */
        hv_scatter(at, d->xs, hv_load(t));
        continue;
      }
#endif
      for (i = 0; i < n; ++i)
        at[i * d->xs] = t[i];
    }
}

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
  /* (in locals: a vector store may alias them for the compiler) */
  const long ocs = d->cs, ors = d->rs, oxs = d->xs;
  column_masks cm;
  int kw, kh, ci, k, t;
  HUGE_EACH_CV(HUGE_ACC_DECL)
  if (reps > 1 || j->col_off)
    all_lanes_on(&cm);
  for (t = 0; t < reps; ++t) {
    const float *src = j->src + (long)t * xv * HUGE_VL;
    float *o = d->o + (long)t * xv * HUGE_VL * oxs;
    HUGE_EACH_CV(HUGE_ACC_INIT)
    for (kw = 0; kw < j->nkw; kw += HUGE_MAX_KW) {
      const int nkw = min_int(HUGE_MAX_KW, j->nkw - kw);
      if (reps == 1 && !j->col_off)
        make_column_masks(&cm, j, kw, nkw, col0, width, cols, xv);
      if (j->col_off) {
        const int *col_off = j->col_off + kw;
        HUGE_PHASED_STEPS(HUGE_LOAD_FULL)
      } else if (j->px_step == 1 && cm.full && nkw == 1)
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
    if (oxs == 1) {
      HUGE_EACH_CV(HUGE_ACC_STORE)
    } else {
      float *const buf = d->buf;
      HUGE_EACH_CV(HUGE_ACC_STORE_BUF)
      store_columns(buf, d, o, nc, nv, xv, cols);
    }
  }
}
#undef HUGE_ACC_DECL
#undef HUGE_ACC_INIT
#undef HUGE_ACC_FMA
#undef HUGE_ACC_STORE
#undef HUGE_ACC_STORE_BUF
#undef HUGE_BCAST
#undef HUGE_WEIGHT_VECTORS
#ifdef HUGE_BY_LANE
#undef HUGE_BY_LANE
#endif
#undef HUGE_LOAD_FULL
#undef HUGE_LOAD_DENSE
#undef HUGE_LOAD_STRIDED
#undef HUGE_LOAD_EVEN
#undef HUGE_LOAD_STEP
#undef HUGE_COLUMN_STEPS
#undef HUGE_COLUMN_STEPS_1
#undef HUGE_PHASED_STEPS
#undef HUGE_COLUMN_STEP
#undef HUGE_PREFETCH_PLANE

/* Whether a by-column tile of nc channels x nv vectors (over all its rows)
 * keeps its accumulators, the step's input vectors and its weights in
 * registers (two to spare): nc broadcast weights, or one vector per four
 * channels where the tile uses them by lane. */
#ifdef HUGE_HV_FMA_LANE
#define HUGE_COLUMN_WEIGHT_REGS(nc) ((nc) == 4 || (nc) == 8 ? (nc) / 4 : (nc))
#else
#define HUGE_COLUMN_WEIGHT_REGS(nc) (nc)
#endif
#define HUGE_COLUMN_FITS(nc, nv)                                               \
  ((nc) * (nv) + (nv) + HUGE_COLUMN_WEIGHT_REGS(nc) <= HUGE_VREGS - 2)
static int column_tile_fits(int nc, int nv) { return HUGE_COLUMN_FITS(nc, nv); }

/* Any by-column tile (up to 8 channels x 4 vectors x 2 rows) with its
 * accumulators in memory: the compact form of by_column_tile, with the same
 * sums in the same order, for the tiles a build leaves out (config.h). */
static void by_column_any(const conv_job *j, int col0, int width, int cols,
                          const float *bias_c, const column_dest *d, int nc,
                          int xv, int nr, int reps) {
  const int nv = nr * xv;
  hv a[8][8], x[8];
  column_masks cm;
  int kw, kh, ci, k, t, c, v;
  if (reps > 1 || j->col_off)
    all_lanes_on(&cm);
  for (t = 0; t < reps; ++t) {
    const float *src = j->src + (long)t * xv * HUGE_VL;
    float *o = d->o + (long)t * xv * HUGE_VL * d->xs;
    for (c = 0; c < nc; ++c)
      for (v = 0; v < nv; ++v)
        a[c][v] = hv_splat(bias_c[c]);
    for (kw = 0; kw < j->nkw; kw += HUGE_MAX_KW) {
      const int nkw = min_int(HUGE_MAX_KW, j->nkw - kw);
      if (reps == 1 && !j->col_off)
        make_column_masks(&cm, j, kw, nkw, col0, width, cols, xv);
      for (kh = 0; kh < j->nkh; ++kh)
        for (ci = 0; ci < j->cig; ++ci)
          for (k = 0; k < nkw; ++k) {
            const float *s =
                src + kh * j->row_step + ci * j->plane +
                (j->col_off ? j->col_off[kw + k] : (kw + k) * j->col_step);
            const float *w =
                j->w + kh * j->w_row + ci * j->blk + (long)(kw + k) * j->w_col;
            if (!cm.any[k])
              continue;
            for (v = 0; v < nv; ++v) {
              const float *at = s + (v / xv) * j->tile_row +
                                (v % xv) * HUGE_VL * j->px_step;
              x[v] = j->px_step == 1 && cm.full
                         ? hv_load(at)
                         : load_columns(&cm, k, v % xv, at, j->px_step);
            }
            for (c = 0; c < nc; ++c) {
              const hv b = hv_splat(w[c]);
              for (v = 0; v < nv; ++v)
                a[c][v] = hv_fma(b, x[v], a[c][v]);
            }
          }
    }
    if (d->xs > 1) {
      for (c = 0; c < nc; ++c)
        for (v = 0; v < nv; ++v)
          hv_store(d->buf + (c * nv + v) * HUGE_VL, a[c][v]);
      store_columns(d->buf, d, o, nc, nv, xv, cols);
    } else
      for (c = 0; c < nc; ++c)
        for (v = 0; v < nv; ++v)
          hv_store_n(o + c * d->cs + (v / xv) * d->rs + (v % xv) * HUGE_VL,
                     a[c][v], cols - (v % xv) * HUGE_VL);
  }
}

/* Whether this build has the unrolled tile of C channels x V vectors x R
 * rows: one of the model's channel counts (config.h) that fits the
 * registers (conv_by_column asks for no other, but for C x 1 x 1 tiles,
 * which may not), unless optimizing for size. */
#define HUGE_COLUMN_KEEP(C, V, R)                                              \
  (!HUGE_OPTIMIZE_SIZE && (HUGE_COLUMN_CHANNELS >> (C)&1u) &&                  \
   ((V) * (R) == 1 || HUGE_COLUMN_FITS(C, (V) * (R))))

/* The unrolled tiles: C channels x V vectors x R rows, every tile the
 * registers hold for C <= 8, V <= 4, R <= 2, each a function of its own
 * (base.h). */
#define HUGE_COLUMN_TILES(T)                                                   \
  T(1, 1, 1) T(1, 2, 1) T(1, 3, 1) T(1, 4, 1)                                  \
  T(2, 1, 1) T(2, 2, 1) T(2, 3, 1) T(2, 4, 1)                                  \
  T(3, 1, 1) T(3, 2, 1) T(3, 3, 1) T(3, 4, 1)                                  \
  T(4, 1, 1) T(4, 2, 1) T(4, 3, 1) T(4, 4, 1)                                  \
  T(5, 1, 1) T(5, 2, 1) T(5, 3, 1) T(5, 4, 1)                                  \
  T(6, 1, 1) T(6, 2, 1) T(6, 3, 1) T(6, 4, 1)                                  \
  T(7, 1, 1) T(7, 2, 1) T(7, 3, 1)                                             \
  T(8, 1, 1) T(8, 2, 1) T(8, 3, 1)                                             \
  /* two rows where one row leaves registers free */                           \
  T(1, 1, 2) T(1, 2, 2) T(1, 3, 2) T(1, 4, 2)                                  \
  T(2, 1, 2) T(2, 2, 2) T(2, 3, 2) T(2, 4, 2)                                  \
  T(3, 1, 2) T(3, 2, 2) T(3, 3, 2) T(3, 4, 2)                                  \
  T(4, 1, 2) T(4, 2, 2) T(4, 3, 2)                                             \
  T(5, 1, 2) T(5, 2, 2) T(6, 1, 2) T(6, 2, 2) T(7, 1, 2) T(8, 1, 2)
#define HUGE_TILE_FN(C, V, R)                                                  \
  HUGE_NOINLINE void by_column_tile_##C##_##V##_##R(                           \
      const conv_job *j, int col0, int width, int cols, const float *bias_c,   \
      const column_dest *d, int reps) {                                        \
    by_column_tile(j, col0, width, cols, bias_c, d, C, V, R, reps);            \
  }
HUGE_COLUMN_TILES(HUGE_TILE_FN)
#undef HUGE_TILE_FN

/* The tile of nc channels x xv vectors x nr rows, unrolled where the build
 * has it, else the generic one. */
static void by_column_dispatch(const conv_job *j, int col0, int width, int cols,
                               const float *bias_c, const column_dest *d,
                               int nc, int xv, int nr, int reps) {
#define HUGE_TILE(C, V, R)                                                     \
  case ((C)*8 + (V)) * 2 + (R)-1:                                              \
    if (HUGE_COLUMN_KEEP(C, V, R)) {                                           \
      by_column_tile_##C##_##V##_##R(j, col0, width, cols, bias_c, d, reps);   \
      return;                                                                  \
    }                                                                          \
    break;
  switch ((nc * 8 + xv) * 2 + nr - 1) {
    HUGE_COLUMN_TILES(HUGE_TILE)
  default:
    break;
  }
#undef HUGE_TILE
  by_column_any(j, col0, width, cols, bias_c, d, nc, xv, nr, reps);
}
#undef HUGE_COLUMN_TILES

#if HUGE_FLAT_COLUMNS && !HUGE_OPTIMIZE_SIZE
/* Small planes in runs of pixels (columns.h): a row of a 3x3 or 12x12 plane
 * fills few of a vector's lanes, a run of the plane's pixels fills them all.
 * A tile is NC channels x V vectors of a segment's pixels, in the same
 * order of sums as the by-column tiles (kernel row, input channel, kernel
 * column), so either computes the same values. */
#define HUGE_FC_DECL(c, v) hv a##c##v = zero;
#define HUGE_FC_INIT(c, v)                                                     \
  if (c < NC && v < V)                                                         \
    a##c##v = hv_splat(bias_c[c]);
#define HUGE_FC_LOAD(unused, v)                                                \
  const hv x##v = v < V ? flat_load(src + v * HUGE_VL, b[v]) : zero;
#define HUGE_FC_BCAST(unused, c) const hv q##c = c < NC ? hv_splat(wt[c]) : zero;
#define HUGE_FC_FMA(c, v)                                                      \
  if (c < NC && v < V)                                                         \
    a##c##v = hv_fma(q##c, x##v, a##c##v);
#define HUGE_FC_STORE(c, v)                                                    \
  if (c < NC && v < V && n > v * HUGE_VL)                                      \
    hv_store_n(o + c * ocs + v * HUGE_VL, a##c##v, n - v * HUGE_VL);
HUGE_INLINE void flat_columns_tile(const flat_segment *s, const float *ib,
                                   long plane, const float *wb, int cig,
                                   int blk, int kw, const float *bias_c,
                                   float *o, long ocs, int n, const int NC,
                                   const int V) {
  const hv zero = hv_splat(0.0f);
  int e0, e1, e, ci;
  HUGE_EACH_CV(HUGE_FC_DECL)
  HUGE_EACH_CV(HUGE_FC_INIT)
  for (e0 = 0; e0 < s->taps; e0 = e1) {
    const int ky = s->tap[e0] / kw;
    for (e1 = e0; e1 < s->taps && s->tap[e1] / kw == ky; ++e1)
      ;
    for (ci = 0; ci < cig; ++ci)
      for (e = e0; e < e1; ++e) {
        const float *src = ib + ci * plane + s->off[e];
        const uint32_t *b = s->bits[e];
        const float *wt = wb + ((long)s->tap[e] * cig + ci) * blk;
        HUGE_EACH8(HUGE_FC_LOAD, 0)
        HUGE_EACH8(HUGE_FC_BCAST, 0)
        HUGE_EACH_CV(HUGE_FC_FMA)
      }
  }
  HUGE_EACH_CV(HUGE_FC_STORE)
}
#undef HUGE_FC_DECL
#undef HUGE_FC_INIT
#undef HUGE_FC_LOAD
#undef HUGE_FC_BCAST
#undef HUGE_FC_FMA
#undef HUGE_FC_STORE

/* Channels a tile of runs of pixels holds at most, and its vectors for nc
 * channels (accumulators, input vectors and broadcast weights in registers,
 * two to spare; at most 8). */
#define HUGE_FC_MAX_NC (HUGE_VREGS >= 32 ? 8 : 4)
#define HUGE_FC_VECTORS(nc)                                                    \
  ((HUGE_VREGS - 2 - (nc)) / ((nc) + 1) < 8                                    \
       ? (HUGE_VREGS - 2 - (nc)) / ((nc) + 1)                                  \
       : 8)

/* Whether a by-column block of p runs in runs of pixels: stride 1, output
 * rows as wide as the input's, planar dense output, 2 to HUGE_FLAT_TAPS
 * taps in at most HUGE_MAX_KW columns (the by-column tiles' order; a 1x1
 * layer's by-column tiles already run its plane as one row), and a small
 * plane: up to 16 vectors, or up to 48 whose rows fill under 80% of their
 * lanes (the rule of huge-pack-grouped-conv's depthwise layers). */
static int flat_columns_fit(const huge_conv_params *p) {
  const int pixels = p->oh * p->ow;
  const int row_lanes = (p->ow + HUGE_VL - 1) / HUGE_VL * HUGE_VL;
  return p->sh == 1 && p->sw == 1 && p->ow == p->w && p->oxs == 1 &&
         p->oys == p->ow && out_block(p) == 1 && in_block(p) == 1 &&
         p->kh * p->kw > 1 && p->kh * p->kw <= HUGE_FLAT_TAPS &&
         p->kw <= HUGE_MAX_KW &&
         (pixels <= 16 * HUGE_VL ||
          (pixels <= 48 * HUGE_VL && 5 * p->ow < 4 * row_lanes));
}

/* One block of `lanes` output channels from co_base, of batch item n, in
 * runs of pixels: ib is the block's group's input, wb its packed weights
 * (as conv_by_column finds them). */
static void conv_flat_columns(const float *ib, const float *wb, int blk,
                              int cig, int lanes, int co_base,
                              const float *bias, const float *res, float *out,
                              const huge_conv_params *p, int n) {
  const int pixels = p->oh * p->ow;
  const int vectors = (pixels + HUGE_VL - 1) / HUGE_VL;
  const int by_plane = activate_by_plane(p);
  flat_segment s;
  float bias_c[8];
  int c0, c, v0, i;
  for (c0 = 0; c0 < lanes; c0 += HUGE_FC_MAX_NC) {
    const int nc = min_int(HUGE_FC_MAX_NC, lanes - c0);
    /* the tile's vectors: all of a plane of one or two, else as many as
     * the registers hold */
    const int vmax = vectors <= 2 ? vectors : HUGE_FC_VECTORS(nc);
    for (c = 0; c < nc; ++c)
      bias_c[c] = bias ? bias[co_base + c0 + c] : 0.0f;
    for (v0 = 0; v0 < vectors; v0 += vmax) {
      const int first = v0 * HUGE_VL;
      const int m = min_int(vmax * HUGE_VL, pixels - first);
      float *o = out_at(out, p, n, co_base + c0, 0, 0) + first;
      flat_build(&s, p, first, vmax);
#define HUGE_FC_TILE(NC, V)                                                    \
  flat_columns_tile(&s, ib, in_plane(p), wb + c0, cig, blk, p->kw, bias_c, o,  \
                    p->ocs, m, NC, V)
#define HUGE_FC_CASE(NC)                                                       \
  case NC:                                                                     \
    if (vmax == 1)                                                             \
      HUGE_FC_TILE(NC, 1);                                                     \
    else if (vmax == 2)                                                        \
      HUGE_FC_TILE(NC, 2);                                                     \
    else                                                                       \
      HUGE_FC_TILE(NC, HUGE_FC_VECTORS(NC));                                   \
    break;
      switch (nc) {
        HUGE_FC_CASE(1)
        HUGE_FC_CASE(2)
        HUGE_FC_CASE(3)
        HUGE_FC_CASE(4)
#if HUGE_VREGS >= 32
        HUGE_FC_CASE(5)
        HUGE_FC_CASE(6)
        HUGE_FC_CASE(7)
        HUGE_FC_CASE(8)
#endif
      default:
        break;
      }
#undef HUGE_FC_CASE
#undef HUGE_FC_TILE
      for (c = 0; c < nc; ++c) {
        float *row = o + c * (long)p->ocs;
        if (res) { /* laid out as out: at the segment's place in it */
          const float *rr = res + (row - out);
          for (i = 0; i < m; ++i)
            row[i] += rr[i];
        }
        if (!by_plane)
          activate_row(row, m, p);
      }
    }
    if (by_plane)
      for (c = 0; c < nc; ++c)
        activate_row(out_at(out, p, n, co_base + c0 + c, 0, 0), pixels, p);
  }
}
#endif /* HUGE_FLAT_COLUMNS && !HUGE_OPTIMIZE_SIZE */

/* One block of output channels of group g, by column. */
static void conv_by_column(const float *in, const float *packed, int blk,
                           const float *bias, const float *res, float *out,
                           const huge_conv_params *p, int n, int g, int b) {
  const int cig = p->cin / p->groups, cog = p->cout / p->groups;
  const int nb = (cog + blk - 1) / blk, taps = p->kh * p->kw;
  const float *wb = packed + ((long)g * nb + b) * taps * cig * blk;
  const float *ib = in + ((long)n * p->cin + (long)g * cig) * in_plane(p);
  const int lanes = min_int(blk, cog - b * blk);
  const int co_base = g * cog + b * blk;
  const int row_vectors = (p->ow + HUGE_VL - 1) / HUGE_VL;
  int c0, phased = 0;
#if HUGE_PHASE_FLOATS > 0
  const int span = (p->kh - 1) * p->dh + 1; /* input rows of an output row */
  phase_rows pr;
#endif
#if HUGE_FLAT_COLUMNS && !HUGE_OPTIMIZE_SIZE
  if (flat_columns_fit(p)) {
    conv_flat_columns(ib, wb, blk, cig, lanes, co_base, bias, res, out, p, n);
    return;
  }
#endif
#if HUGE_PHASE_FLOATS > 0
  /* rows split by phase for tiles of two output rows where they fit, else
   * of one */
  if (phase_rows_init(&pr, p, cig, span + p->sh))
    phased = 2;
  else if (phase_rows_init(&pr, p, cig, span))
    phased = 1;
#endif
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
    /* rows go straight into a dense output, else through the buffer; with
     * nothing to add or activate after the tile, its lanes go straight to
     * their strided pixels too (the output is planar: by-column layers
     * never write a blocked layout) */
    const int direct = p->oxs == 1;
    const int strided = !direct && !res && p->act == HUGE_ACT_NONE;
    const int in_place = direct || strided; /* tiles store into out */
    /* a run of whole tiles, at stride 1, whose every tap column is inside
     * the input (output columns below interior_end), goes as one call */
    const int interior_end = p->w + p->pl - (p->kw - 1) * p->dw;
    const int by_plane = activate_by_plane(p);
    int c, y, x0, nr = 1, reps = 1;
    for (c = 0; c < nc; ++c)
      bias_c[c] = bias ? bias[co_base + c0 + c] : 0.0f;
    for (y = 0; y < p->oh; y += nr) {
      const int iy0 = y * p->sh - p->pt;
      const int kh0 = first_in_range(iy0, p->dh, 0);
      const int kh1 = end_in_range(iy0, p->dh, p->h, p->kh);
      /* a second row joins if it has the same in-range kernel rows */
      const int iy1 = iy0 + p->sh;
      nr = phased != 1 && y + 1 < p->oh && column_tile_fits(nc, 2 * xv) &&
                   first_in_range(iy1, p->dh, 0) == kh0 &&
                   end_in_range(iy1, p->dh, p->h, p->kh) == kh1
               ? 2
               : 1;
#if HUGE_PHASE_FLOATS > 0
      if (phased && kh1 > kh0)
        phase_rows_hold(&pr, p, ib, cig, iy0 + kh0 * p->dh,
                        iy0 + (nr - 1) * p->sh + (kh1 - 1) * p->dh + 1);
#endif
      for (x0 = 0; x0 < p->ow; x0 += reps * tw) {
        const int cols = min_int(tw, p->ow - x0);
        conv_job j;
        int r;
        reps = 0;
        if (in_place && phased)
          reps = (p->ow - x0) / tw;
        else if (direct && p->sw == 1 && x0 >= p->pl)
          reps = min_int(p->ow - x0, interior_end - x0) / tw;
        if (reps < 1)
          reps = 1;
        j.nkh = max_int(0, kh1 - kh0);
        j.nkw = p->kw;
        j.src = ib + (long)(iy0 + kh0 * p->dh) * p->w + x0 * p->sw - p->pl;
        j.w = wb + (long)kh0 * p->kw * cig * blk + c0;
        job_strides(&j, p, cig, blk);
        j.tile_row = (long)p->sh * p->w;
        j.cig = cig;
        j.col_off = NULL;
#if HUGE_PHASE_FLOATS > 0
        if (phased) {
          j.src = pr.buf + x0;
          j.row_step = p->dh * (int)pr.row;
          j.plane = (long)p->sw * pr.len;
          j.px_step = 1;
          j.tile_row = p->sh * pr.row;
          j.col_off = pr.col_off;
        }
#endif
        if (j.nkh == 0)
          j.src = ib;
        /* a shorter last tile computes only the vectors it needs */
        const int xvt = min_int(xv, (cols + HUGE_VL - 1) / HUGE_VL);
        column_dest d;
        d.o = in_place ? out_at(out, p, n, co_base + c0, y, x0) : tile;
        d.cs = in_place ? p->ocs : (long)nr * xvt * HUGE_VL;
        d.rs = in_place ? p->oys : xvt * HUGE_VL;
        d.xs = strided ? p->oxs : 1;
        d.buf = tile; /* (the strided stores' scratch) */
        by_column_dispatch(&j, x0 * p->sw - p->pl, p->w, cols, bias_c, &d, nc,
                           xvt, nr, reps);
        if (!res && (by_plane || p->act == HUGE_ACT_NONE) && in_place)
          continue; /* the rows are done */
        for (c = 0; c < nc; ++c)
          for (r = 0; r < nr; ++r) {
            float *row = d.o + c * d.cs + r * d.rs;
            if (res) { /* laid out as out: at the row's place in it */
              const float *rr =
                  res + (out_at(out, p, n, co_base + c0 + c, y + r, x0) - out);
              const int len = direct ? reps * cols : cols;
              int i;
              for (i = 0; i < len; ++i)
                row[i] += rr[(long)i * p->oxs];
            }
            if (!by_plane)
              activate_row(row, reps * cols, p);
            if (!direct)
              store_row(out_at(out, p, n, co_base + c0 + c, y + r, x0), row,
                        cols, p->oxs);
          }
      }
    }
    if (by_plane)
      for (c = 0; c < nc; ++c)
        activate_row(out_at(out, p, n, co_base + c0 + c, 0, 0),
                     p->oh * p->ow, p);
  }
}
