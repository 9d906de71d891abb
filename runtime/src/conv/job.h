/* A packed convolution's tile job and the weight prefetch that the
 * by-channel and by-column kernels share. */
#ifndef HUGE_CONV_JOB_H
#define HUGE_CONV_JOB_H

#include "../isa/simd.h"

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
  /* by column from rows split by column phase (column.c): the input of
   * kernel column kw starts col_off[kw] floats on; else NULL */
  const int *col_off;
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
  j->col_off = NULL;
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

/* Applies the epilogue to n consecutive values in place; one loop per
 * activation, over one pointer, so the compiler vectorizes it (the
 * transcendental ones in whole vectors, isa/simd.h). */
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
    leaky_relu_row(r, n, a);
    return;
  case HUGE_ACT_CLIP:
    for (i = 0; i < n; ++i)
      r[i] = r[i] < a ? a : (r[i] > b ? b : r[i]);
    return;
  case HUGE_ACT_SIGMOID:
    sigmoid_row(r, n);
    return;
  case HUGE_ACT_TANH:
    tanh_row(r, n);
    return;
  case HUGE_ACT_SILU:
    silu_row(r, n);
    return;
  case HUGE_ACT_HARD_SIGMOID:
    for (i = 0; i < n; ++i) {
      const float h = a * r[i] + b;
      r[i] = h < 0.0f ? 0.0f : (h > 1.0f ? 1.0f : h);
    }
    return;
  case HUGE_ACT_HARD_SWISH:
    for (i = 0; i < n; ++i) {
      const float x = r[i], s = x + 3.0f;
      r[i] = x * (s < 0.0f ? 0.0f : (s > 6.0f ? 6.0f : s)) / 6.0f;
    }
    return;
  default:
    for (i = 0; i < n; ++i)
      r[i] = activate(r[i], p);
    return;
  }
}

/* Whether the epilogue runs once over each whole output plane, after the
 * plane is computed, instead of row by row: for the transcendental
 * activations, whose vector code pays off on long runs, when each plane is
 * one dense run (planar, rows back to back). The values are the same. */
static int activate_by_plane(const huge_conv_params *p) {
  return (p->act == HUGE_ACT_SIGMOID || p->act == HUGE_ACT_TANH ||
          p->act == HUGE_ACT_SILU) &&
         p->oxs == 1 && p->oys == p->ow && out_block(p) == 1;
}

#endif /* HUGE_CONV_JOB_H */
