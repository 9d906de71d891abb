/* Packed convolution by channel: register tiles of output pixels x
 * vectors of output channels (blocks of a multiple of 16 channels). */
#include "job.h"

/* Taps a gathered by-channel tile handles. */
#define HUGE_MAX_TAPS 64

/* The taps of a gathered tile, whose MR pixels need not share their
 * in-range taps (for outputs only a few pixels wide, where runs of pixels
 * with the same taps are short): for its tap t, pixel q reads from
 * src[t][q], st[t][q] floats further per input channel and bst[t][q] more
 * after each block of cblk channels; a tap outside the input reads a zero
 * with strides 0. */
typedef struct gathered_job {
  const float *src[HUGE_MAX_TAPS][6];
  long st[HUGE_MAX_TAPS][6], bst[HUGE_MAX_TAPS][6];
  const float *w[HUGE_MAX_TAPS]; /* weights of tap t at ci 0 */
  int taps, cig, blk, cblk;
  prefetch_cursor *ahead; /* the next chunk's weights */
} gathered_job;

/* The tile's accumulators are named variables a<p><v> (pixel p, vector v):
 * GCC keeps an array of vectors this size in memory, storing every
 * accumulator on each reduction step. Unused ones fold away. */
#define HUGE_CH_EACH_V(M, p) M(p, 0) M(p, 1) M(p, 2) M(p, 3)
#define HUGE_CH_EACH_P(M, x)                                                   \
  M(0, x) M(1, x) M(2, x) M(3, x) M(4, x) M(5, x)
#define HUGE_CH_EACH(M)                                                        \
  HUGE_CH_EACH_V(M, 0)                                                         \
  HUGE_CH_EACH_V(M, 1)                                                         \
  HUGE_CH_EACH_V(M, 2)                                                         \
  HUGE_CH_EACH_V(M, 3) HUGE_CH_EACH_V(M, 4) HUGE_CH_EACH_V(M, 5)
#define HUGE_CH_DECL(p, v) hv a##p##v = zero;
#define HUGE_CH_INIT(p, v)                                                     \
  if (p < mr && v < nv)                                                        \
    a##p##v = hv_load(init + (p * nv + v) * HUGE_VL);
#define HUGE_CH_STORE(p, v)                                                    \
  if (p < mr && v < nv)                                                        \
    hv_store(tile + (p * nv + v) * HUGE_VL, a##p##v);
#define HUGE_CH_WEIGHT(unused, v)                                              \
  if (gathered && v < nv)                                                      \
    HUGE_PREFETCH(w + HUGE_PREFETCH_AHEAD * blk + v * HUGE_VL);                \
  const hv wv##v = v < nv ? hv_load(w + v * HUGE_VL) : zero;
#define HUGE_CH_FMA(p, v)                                                      \
  if (v < nv)                                                                  \
    a##p##v = hv_fma(b, wv##v, a##p##v);
#define HUGE_CH_PIXEL(p, unused)                                               \
  if (p < mr) {                                                                \
    const hv b = hv_splat(gathered ? *s[p] : sc[p * px_step]);                 \
    if (gathered)                                                              \
      s[p] += st[p];                                                           \
    HUGE_CH_EACH_V(HUGE_CH_FMA, p)                                             \
  }

/* One reduction step: NV weight vectors at w times one input value per
 * pixel (gathered: at s[p], then advanced; else at sc, px_step apart). A
 * gathered tile reads each weight once, so it fetches them a few input
 * channels ahead. */
#define HUGE_CHANNEL_STEP                                                      \
  {                                                                            \
    HUGE_CH_EACH_V(HUGE_CH_WEIGHT, 0)                                          \
    HUGE_CH_EACH_P(HUGE_CH_PIXEL, 0)                                           \
    if (!gathered)                                                             \
      sc += j->cstep;                                                          \
  }

#ifdef HUGE_HV_FMA_LANE
/* Four reduction steps at once where the input channels of a pixel are
 * consecutive floats (blocked input): one vector load per pixel holds its
 * next four input channels, each used by lane (fmla by element) against
 * that channel's NV weight vectors. MR + 4 NV loads for 4 MR NV
 * multiply-adds instead of 4 (MR + NV): the tile's loop issues fewer
 * loads than FMAs by a wider margin, which an in-order core needs. Each
 * accumulator still adds its channels in order. */
#define HUGE_CH_X4(p, unused)                                                  \
  const hv x##p = p < mr ? hv_load(sc + p * px_step) : zero;
#define HUGE_CH_LW(unused, v)                                                  \
  const hv wv##v = v < nv ? hv_load(w + lane_ * blk + v * HUGE_VL) : zero;
#define HUGE_CH_LFMA(p, v)                                                     \
  if (p < mr && v < nv)                                                        \
    a##p##v = hv_fma_lane(wv##v, x##p, lane_, a##p##v);
#define HUGE_CH_LANE(L)                                                        \
  {                                                                            \
    const int lane_ = L;                                                       \
    HUGE_CH_EACH_V(HUGE_CH_LW, 0)                                              \
    HUGE_CH_EACH(HUGE_CH_LFMA)                                                 \
  }
#define HUGE_CHANNEL_STEP4                                                     \
  {                                                                            \
    HUGE_CH_EACH_P(HUGE_CH_X4, 0)                                              \
    HUGE_CH_LANE(0) HUGE_CH_LANE(1) HUGE_CH_LANE(2) HUGE_CH_LANE(3)            \
  }
/* One reduction step where the tile's pixels are consecutive floats
 * (planar input read at stride 1, as the phases of a transposed
 * convolution): one vector load holds pixels 0-3, each used by lane against
 * the NV weight vectors; pixels 4 and 5 are read alone. The same products
 * in the same order as HUGE_CHANNEL_STEP. */
#define HUGE_CH_RFMA(p, v)                                                     \
  if (p < mr && v < nv)                                                        \
    a##p##v = p < 4 ? hv_fma_lane(wv##v, x0, p & 3, a##p##v)                   \
                    : hv_fma(hv_splat(sc[p]), wv##v, a##p##v);
#define HUGE_CHANNEL_STEP_ROW                                                  \
  {                                                                            \
    const hv x0 = hv_load(sc);                                                 \
    HUGE_CH_EACH_V(HUGE_CH_WEIGHT, 0)                                          \
    HUGE_CH_EACH(HUGE_CH_RFMA)                                                 \
    sc += j->cstep;                                                            \
  }
#endif

/* AArch64 (little-endian, where `ldr q` and ld1 agree on lane order, and
 * LP64, whose long operands are x registers): the 5 x 4 and 4 x 4 tiles on
 * blocked and planar input in assembly (HUGE_NO_ASM keeps the C form). */
#if defined(HUGE_HV_FMA_LANE) && defined(__aarch64__) &&                      \
    defined(__AARCH64EL__) && defined(__LP64__) && HUGE_CO_MR == 5 &&          \
    HUGE_CO_NV == 4 && HUGE_CHANNEL_TILES && !HUGE_OPTIMIZE_SIZE &&            \
    !defined(HUGE_NO_ASM)
#define HUGE_A64_CHANNEL 1
#include "channel_a64.h"
#endif

#if (HUGE_CHANNEL_TILES || HUGE_GATHERED_TILES) && !HUGE_OPTIMIZE_SIZE
/* The by-channel micro-kernel: MR pixels x NV vectors of output channels,
 * from init to tile (both pixel-major, NV vectors per pixel). Its taps are
 * those of a conv_job j, whose pixels lie px_step apart and share their
 * in-range taps, or (gathered, a constant) those of the gathered_job g. */
HUGE_INLINE void channel_tile(const conv_job *j, const gathered_job *g,
                              const float *init, float *tile, const int mr,
                              const int nv, const int gathered) {
  const int rows = gathered ? 1 : j->nkh, cols = gathered ? g->taps : j->nkw;
  const int cig = gathered ? g->cig : j->cig;
  const int cblk = gathered ? g->cblk : j->cblk;
  const int blk = gathered ? g->blk : j->blk;
  const int px_step = gathered ? 0 : j->px_step;
  prefetch_cursor *ahead = gathered ? g->ahead : j->ahead;
  const hv zero = hv_splat(0.0f);
  int p, ci, kh, kw;
  HUGE_CH_EACH(HUGE_CH_DECL)
  HUGE_CH_EACH(HUGE_CH_INIT)
  for (kh = 0; kh < rows; ++kh)
    for (kw = 0; kw < cols; ++kw) {
      const float *sb =
          gathered ? NULL : j->src + kh * j->row_step + kw * j->col_step;
      const float *w =
          gathered ? g->w[kw] : j->w + kh * j->w_row + kw * j->w_col;
      const float *s[6];
      long st[6];
      int nf, cb;
      const float *pf = cursor_take(ahead, cig, &nf);
      if (gathered)
        for (p = 0; p < mr; ++p) {
          s[p] = g->src[kw][p];
          st[p] = g->st[kw][p];
        }
      /* block by block of input channels (one block when planar); the
       * first nf steps also fetch a line of the next chunk */
      for (cb = 0; cb < cig; cb += cblk) {
        const int ce = min_int(cblk, cig - cb);
        const int fe = min_int(ce, max_int(0, nf - cb));
        const float *sc = sb;
        if (cb > 0 && gathered)
          for (p = 0; p < mr; ++p)
            s[p] += g->bst[kw][p];
        ci = 0;
#ifdef HUGE_HV_FMA_LANE
        if (!gathered && j->cstep == 1) {
          for (; ci + 4 <= fe; ci += 4, w += 4 * blk, sc += 4) {
            HUGE_PREFETCH_OUTER(pf + (cb + ci) * HUGE_LINE_FLOATS);
            HUGE_PREFETCH_OUTER(pf + (cb + ci + 1) * HUGE_LINE_FLOATS);
            HUGE_PREFETCH_OUTER(pf + (cb + ci + 2) * HUGE_LINE_FLOATS);
            HUGE_PREFETCH_OUTER(pf + (cb + ci + 3) * HUGE_LINE_FLOATS);
            HUGE_CHANNEL_STEP4
          }
          for (; ci + 4 <= ce; ci += 4, w += 4 * blk, sc += 4)
            HUGE_CHANNEL_STEP4
        }
        if (!gathered && px_step == 1 && mr >= 4) {
          for (; ci < fe; ++ci, w += blk) {
            HUGE_PREFETCH_OUTER(pf + (cb + ci) * HUGE_LINE_FLOATS);
            HUGE_CHANNEL_STEP_ROW
          }
          for (; ci < ce; ++ci, w += blk)
            HUGE_CHANNEL_STEP_ROW
        }
#endif
        for (; ci < fe; ++ci, w += blk) {
          HUGE_PREFETCH_OUTER(pf + (cb + ci) * HUGE_LINE_FLOATS);
          HUGE_CHANNEL_STEP
        }
        for (; ci < ce; ++ci, w += blk) {
          HUGE_CHANNEL_STEP
        }
        if (!gathered)
          sb += j->plane;
      }
    }
  HUGE_CH_EACH(HUGE_CH_STORE)
}
#endif
#undef HUGE_CHANNEL_STEP
#ifdef HUGE_HV_FMA_LANE
#undef HUGE_CHANNEL_STEP4
#undef HUGE_CH_X4
#undef HUGE_CH_LW
#undef HUGE_CH_LFMA
#undef HUGE_CH_LANE
#undef HUGE_CH_RFMA
#undef HUGE_CHANNEL_STEP_ROW
#endif
#undef HUGE_CH_EACH_V
#undef HUGE_CH_EACH_P
#undef HUGE_CH_EACH
#undef HUGE_CH_DECL
#undef HUGE_CH_INIT
#undef HUGE_CH_STORE
#undef HUGE_CH_WEIGHT
#undef HUGE_CH_FMA
#undef HUGE_CH_PIXEL

#if HUGE_OPTIMIZE_SIZE || !HUGE_CHANNEL_TILES || !HUGE_GATHERED_TILES
/* Any by-channel tile (up to 6 pixels x 4 vectors) with its accumulators in
 * memory and its shape and form as arguments: the compact form of
 * channel_tile, with the same sums in the same order, for the tiles a build
 * leaves out (config.h). */
static void channel_any(const conv_job *j, const gathered_job *g,
                        const float *init, float *tile, int mr, int nv,
                        int gathered) {
  const int rows = gathered ? 1 : j->nkh, cols = gathered ? g->taps : j->nkw;
  const int cig = gathered ? g->cig : j->cig;
  const int cblk = gathered ? g->cblk : j->cblk;
  const int blk = gathered ? g->blk : j->blk;
  const int px_step = gathered ? 0 : j->px_step;
  prefetch_cursor *ahead = gathered ? g->ahead : j->ahead;
  hv a[6][4];
  int p, v, ci, kh, kw;
  for (p = 0; p < mr; ++p)
    for (v = 0; v < nv; ++v)
      a[p][v] = hv_load(init + (p * nv + v) * HUGE_VL);
  for (kh = 0; kh < rows; ++kh)
    for (kw = 0; kw < cols; ++kw) {
      const float *sb =
          gathered ? NULL : j->src + kh * j->row_step + kw * j->col_step;
      const float *w =
          gathered ? g->w[kw] : j->w + kh * j->w_row + kw * j->w_col;
      const float *s[6];
      long st[6];
      int nf, cb;
      const float *pf = cursor_take(ahead, cig, &nf);
      if (gathered)
        for (p = 0; p < mr; ++p) {
          s[p] = g->src[kw][p];
          st[p] = g->st[kw][p];
        }
      for (cb = 0; cb < cig; cb += cblk) {
        const int ce = min_int(cblk, cig - cb);
        const float *sc = sb;
        if (cb > 0 && gathered)
          for (p = 0; p < mr; ++p)
            s[p] += g->bst[kw][p];
        for (ci = 0; ci < ce; ++ci, w += blk) {
          if (cb + ci < nf)
            HUGE_PREFETCH_OUTER(pf + (cb + ci) * HUGE_LINE_FLOATS);
          for (p = 0; p < mr; ++p) {
            const hv b = hv_splat(gathered ? *s[p] : sc[p * px_step]);
            if (gathered)
              s[p] += st[p];
            for (v = 0; v < nv; ++v)
              a[p][v] = hv_fma(b, hv_load(w + v * HUGE_VL), a[p][v]);
          }
          if (!gathered)
            sc += j->cstep;
        }
        if (!gathered)
          sb += j->plane;
      }
    }
  for (p = 0; p < mr; ++p)
    for (v = 0; v < nv; ++v)
      hv_store(tile + (p * nv + v) * HUGE_VL, a[p][v]);
}
#endif

/* A channel tile's shapes MR x NV (1-6 x 1-4). */
#define HUGE_CHANNEL_SHAPES(T)                                                 \
  T(1, 1) T(1, 2) T(1, 3) T(1, 4) T(2, 1) T(2, 2) T(2, 3) T(2, 4)              \
  T(3, 1) T(3, 2) T(3, 3) T(3, 4) T(4, 1) T(4, 2) T(4, 3) T(4, 4)              \
  T(5, 1) T(5, 2) T(5, 3) T(5, 4) T(6, 1) T(6, 2) T(6, 3) T(6, 4)

/* The tile of mr pixels x nv vectors, unrolled where the build has it
 * (config.h), one function per shape (base.h), else one compact instance
 * with the same sums in the same order. */
#if HUGE_CHANNEL_TILES && !HUGE_OPTIMIZE_SIZE
#define HUGE_TILE_FN(M, V)                                                     \
  HUGE_NOINLINE void channel_tile_##M##_##V(const conv_job *j,                 \
                                            const float *init, float *tile) {  \
    channel_tile(j, NULL, init, tile, M, V, 0);                                \
  }
HUGE_CHANNEL_SHAPES(HUGE_TILE_FN)
#undef HUGE_TILE_FN
#endif
#ifdef HUGE_A64_CHANNEL
HUGE_NOINLINE void channel_a64_5x4(const conv_job *j, const float *init,
                                   float *tile) {
  channel_a64_tile(j, init, tile, 5);
}
HUGE_NOINLINE void channel_a64_4x4(const conv_job *j, const float *init,
                                   float *tile) {
  channel_a64_tile(j, init, tile, 4);
}
#endif
static void by_channel_dispatch(const conv_job *j, const float *init,
                                float *tile, int mr, int nv) {
#if HUGE_CHANNEL_TILES && !HUGE_OPTIMIZE_SIZE
#ifdef HUGE_A64_CHANNEL
  if (nv == 4 && channel_a64_fits(j, mr)) {
    if (mr == 5)
      channel_a64_5x4(j, init, tile);
    else
      channel_a64_4x4(j, init, tile);
    return;
  }
#endif
#define HUGE_TILE(M, V)                                                        \
  case (M)*8 + (V):                                                            \
    channel_tile_##M##_##V(j, init, tile);                                     \
    break;
  switch (mr * 8 + nv) {
    HUGE_CHANNEL_SHAPES(HUGE_TILE)
  default:
    break;
  }
#undef HUGE_TILE
#else
  channel_any(j, NULL, init, tile, mr, nv, 0);
#endif
}

#if HUGE_GATHERED_TILES && !HUGE_OPTIMIZE_SIZE
#define HUGE_TILE_FN(M, V)                                                     \
  HUGE_NOINLINE void gathered_tile_##M##_##V(const gathered_job *g,            \
                                             const float *init, float *tile) { \
    channel_tile(NULL, g, init, tile, M, V, 1);                                \
  }
HUGE_CHANNEL_SHAPES(HUGE_TILE_FN)
#undef HUGE_TILE_FN
#endif
static void gathered_dispatch(const gathered_job *g, const float *init,
                              float *tile, int mr, int nv) {
#if HUGE_GATHERED_TILES && !HUGE_OPTIMIZE_SIZE
#define HUGE_TILE(M, V)                                                        \
  case (M)*8 + (V):                                                            \
    gathered_tile_##M##_##V(g, init, tile);                                    \
    break;
  switch (mr * 8 + nv) {
    HUGE_CHANNEL_SHAPES(HUGE_TILE)
  default:
    break;
  }
#undef HUGE_TILE
#else
  channel_any(NULL, g, init, tile, mr, nv, 1);
#endif
}
#undef HUGE_CHANNEL_SHAPES

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
  const float *res; /* laid out as out, or NULL */
  const float *bias_row;
  int n, cig, blk;
  int co, v;   /* the first output channel, and its lane in the block */
  int sub, nv; /* channels, and vectors of them */
  int c0, kc;  /* the chunk of input channels */
  int first, last;
  prefetch_cursor *ahead;
} channel_pass;

/* tile[q][l] += the residual of the channels at o + q * ostride (q < mr,
 * l < sub), for a tile of mr pixels of nv vectors: res is laid out as out,
 * o points into out. */
static void add_residual(float *tile, const float *res, const float *out,
                         const float *o, long ostride, int mr, int nv,
                         int co, int sub, const huge_conv_params *p) {
  const int cb = out_block(p);
  const float *r = res + (o - out);
  int q, l, i, run;
  for (q = 0; q < mr; ++q) {
    float *tq = tile + q * nv * HUGE_VL;
    const float *rq = r + q * ostride;
    if (cb == 1) {
      for (l = 0; l < sub; ++l)
        tq[l] += rq[l * p->ocs];
      continue;
    }
    /* blocked: runs of channels that are consecutive floats */
    for (l = 0; l < sub; l += run) {
      const float *at = rq + channel_offset(co + l, p->ocs, cb) -
                        channel_offset(co, p->ocs, cb);
      run = min_int(sub - l, cb - (co + l) % cb);
      for (i = 0; i < run; ++i)
        tq[l + i] += at[i];
    }
  }
}

/* Channel l < sub of the tile's pixel q (mr pixels of nv vectors) to
 * o[l * ocs + q * stride]: planar outputs. */
static void store_planar(float *o, long ocs, long stride, const float *tile,
                         int mr, int nv, int sub) {
  int q, l;
#ifdef HUGE_HV_SCATTER
  for (q = 0; q < mr; ++q) {
    const float *tq = tile + q * nv * HUGE_VL;
    float *oq = o + q * stride;
    for (l = 0; l + HUGE_VL <= sub; l += HUGE_VL)
      hv_scatter(oq + l * ocs, ocs, hv_load(tq + l));
    for (; l < sub; ++l)
      oq[l * ocs] = tq[l];
  }
#else
  for (l = 0; l < sub; ++l)
    for (q = 0; q < mr; ++q)
      o[l * ocs + q * stride] = tile[q * nv * HUGE_VL + l];
#endif
}

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
  int i, q, l, v;
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
      for (v = 0; v < t->nv; ++v) /* nv vector moves */
        hv_store(iq + v * HUGE_VL, hv_load(t->bias_row + v * HUGE_VL));
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
    if (t->last && t->res)
      add_residual(tile, t->res, t->out, o, ostride, mr, t->nv, t->co, t->sub,
                   p);
    if (t->last)
      activate_row(tile, mr * t->nv * HUGE_VL, p);
    if (planar)
      store_planar(o, p->ocs, ostride, tile, mr, t->nv, t->sub);
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
                            const float *bias, const float *res, float *out,
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
    t.res = res;
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
          if (last && res)
            for (q = 0; q < mr; ++q) {
              const int y = (q0 + q) / p->ow, x = (q0 + q) % p->ow;
              add_residual(tile + q * nv * HUGE_VL, res, out,
                           out_at(out, p, n, t.co, y, x), 0, 1, nv, t.co, sub,
                           p);
            }
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
