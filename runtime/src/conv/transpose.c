/* The transposed convolution as written (--untangle=none and --untangle=phases
 * fall back to it only where asked), in output order (few products per
 * output), and zero insertion. */
#include "job.h"

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

/* ---- in output order (huge.conv_transpose_rows) ----------------------------
 * For layers whose outputs each sum a few products (one or two input channels
 * per group, from hundreds of output channels): storing the output is the
 * work, so every output row is computed in vectors of 16 consecutive columns
 * and stored contiguously, instead of phase by phase at the stride.
 *
 * The lanes of such a vector belong to different column phases. The
 * weights were packed per lane at compile time
 * (huge_pack_transpose_rows_weights): lane l of column tap t holds kernel
 * column kx = (pl mod sw + l) mod sw + t*sw (zero where kx >= kw), valid for
 * a vector whose first column x has (x + pl) mod sw = pl mod sw, i.e. x a
 * multiple of sw. Columns advance in blocks of S = sw * floor(L / sw)
 * (L = HUGE_ROWS_LANES(sw), a multiple of 16), so every block starts on such
 * a column; a block's vectors may overrun it, and then recompute the next
 * block's first columns with the same values. Lane l of tap t multiplies
 * input column floor((x + l + pl) / sw) - t: each input row that an output
 * row reads is staged once, repeated sw times per pixel, so a tap is one
 * plain vector load. Rows of taps outside the input are skipped. A staged
 * row that a lane with a zero weight reads is a real input value: finite
 * inputs give exact sums (a non-finite input can turn such a product into
 * NaN, as with any zero-padded kernel). */
#define HUGE_ROWS_STAGE 1024 /* floats of staged input rows (the stack) */
#define HUGE_ROWS_RV (16 / HUGE_VL)
#define HUGE_ROWS_MAXR (HUGE_ROWS_STAGE / 17)

typedef struct rows_job {
  const huge_conv_params *p;
  const float *in, *w, *bias;
  float *out;
  int cig, cog, tx, lanes, step, halo;
} rows_job;

/* e[i] = row[floor((z0 + i + pl) / sw)] for i < len, 0 outside the row. */
static void rows_stage(float *e, const float *row, int w, int z0, int len,
                       int pl, int sw) {
  const int num = z0 + pl;
  int ix = num >= 0 ? num / sw : -((-num + sw - 1) / sw);
  int k = num - ix * sw, i;
  for (i = 0; i < len; ++i) {
    e[i] = ix >= 0 && ix < w ? row[ix] : 0.0f;
    if (++k == sw) {
      k = 0;
      ++ix;
    }
  }
}

/* Columns [x, x + nst) of one output row for every output channel of the
 * group (o: the first channel's row at column x, w: its packed weights, b:
 * its bias or NULL): sum over the k (<= HUGE_ROWS_K) staged input vectors
 * ep[i] times the weights at offset wo[i] of each channel; first: start from
 * the bias, else add to the stored sums. The input vectors stay in
 * registers while the channels stream by. */
#define HUGE_ROWS_K 16

/* A channel's accumulators for 16 columns at o (nst of them in the row):
 * its bias (first) or the stored sums. */
HUGE_INLINE void rows_start(hv acc[], const float *o, float bias, int nst,
                            int first) {
  int v;
  HUGE_UNROLL
  for (v = 0; v < HUGE_ROWS_RV; ++v) {
    const int lo = min_int(nst - v * HUGE_VL, HUGE_VL);
    if (first)
      acc[v] = hv_splat(bias);
    else if (lo == HUGE_VL)
      acc[v] = hv_load(o + v * HUGE_VL);
    else
      acc[v] = hv_load_mask(o + v * HUGE_VL, hv_mask(0, lo > 0 ? lo : 0));
  }
}

/* Stores the first nst of the 16 columns. */
HUGE_INLINE void rows_store(float *o, const hv acc[], int nst) {
  int v;
  HUGE_UNROLL
  for (v = 0; v < HUGE_ROWS_RV; ++v) {
    if (nst >= 16)
      hv_store(o + v * HUGE_VL, acc[v]);
    else
      hv_store_n(o + v * HUGE_VL, acc[v], nst - v * HUGE_VL);
  }
}

HUGE_INLINE void rows_block_k(const rows_job *j, float *o, const float *w,
                              const float *b, const float *const ep[],
                              const long wo[], int k, int nst, int first) {
  const huge_conv_params *p = j->p;
  const long wco = (long)j->cig * p->kh * j->tx * j->lanes;
  hv ev[HUGE_ROWS_K][HUGE_ROWS_RV];
  int i, v, co;
  HUGE_UNROLL
  for (i = 0; i < k; ++i)
    HUGE_UNROLL
    for (v = 0; v < HUGE_ROWS_RV; ++v)
      ev[i][v] = hv_load(ep[i] + v * HUGE_VL);
  for (co = 0; co < j->cog; ++co, o += p->ocs, w += wco) {
    hv acc[HUGE_ROWS_RV];
    rows_start(acc, o, b ? b[co] : 0.0f, nst, first);
    HUGE_UNROLL
    for (i = 0; i < k; ++i)
      HUGE_UNROLL
      for (v = 0; v < HUGE_ROWS_RV; ++v)
        acc[v] = hv_fma(ev[i][v], hv_load(w + wo[i] + v * HUGE_VL), acc[v]);
    rows_store(o, acc, nst);
  }
}

/* rows_block_k with k a constant where layers commonly have it (the
 * vectors then never leave registers); any other k (<= HUGE_ROWS_K), and
 * every k when optimizing for size, by a plain loop with the same sums in
 * the same order. */
static void rows_block(const rows_job *j, float *o, const float *w,
                       const float *b, const float *const ep[],
                       const long wo[], int k, int nst, int first) {
  switch (HUGE_OPTIMIZE_SIZE ? 0 : k) {
  case 1:
    rows_block_k(j, o, w, b, ep, wo, 1, nst, first);
    return;
  case 2:
    rows_block_k(j, o, w, b, ep, wo, 2, nst, first);
    return;
  case 4:
    rows_block_k(j, o, w, b, ep, wo, 4, nst, first);
    return;
  case 8:
    rows_block_k(j, o, w, b, ep, wo, 8, nst, first);
    return;
  default:
    break;
  }
  { /* any other count: the input vectors are reloaded per channel */
    const huge_conv_params *p = j->p;
    const long wco = (long)j->cig * p->kh * j->tx * j->lanes;
    int i, v, co;
    for (co = 0; co < j->cog; ++co, o += p->ocs, w += wco) {
      hv acc[HUGE_ROWS_RV];
      rows_start(acc, o, b ? b[co] : 0.0f, nst, first);
      for (i = 0; i < k; ++i)
        HUGE_UNROLL
        for (v = 0; v < HUGE_ROWS_RV; ++v)
          acc[v] = hv_fma(hv_load(ep[i] + v * HUGE_VL),
                          hv_load(w + wo[i] + v * HUGE_VL), acc[v]);
      rows_store(o, acc, nst);
    }
  }
}

/* Columns [x0, xe) of an output row over the nr staged rows e[] (each
 * starting at column x0 - halo, with weights woff[] floats into a channel's
 * packed weights), for every channel of the group; first: the first rows of
 * this segment. */
static void rows_segment(const rows_job *j, float *o, const float *w,
                         const float *b, const float *const e[],
                         const long woff[], int nr, int x0, int xe,
                         int first) {
  const huge_conv_params *p = j->p;
  const int tx = j->tx, pairs = nr * tx;
  const float *ep[HUGE_ROWS_K];
  long wo[HUGE_ROWS_K];
  int ox0, q;
  for (ox0 = x0; ox0 < xe; ox0 += j->step)
    for (q = 0; q * 16 < j->step && ox0 + q * 16 < xe; ++q) {
      /* a later pass over a block stores only its own columns: the next
       * block reads the overrun ones as they were */
      const int x = ox0 + q * 16;
      int i0 = 0;
      do { /* (row, column tap) pairs, HUGE_ROWS_K at a time */
        const int k = min_int(pairs - i0, HUGE_ROWS_K);
        const int again = !first || i0 > 0;
        const int lim = again ? min_int(p->ow, ox0 + j->step) : p->ow;
        int i;
        for (i = 0; i < k; ++i) {
          const int r = (i0 + i) / tx, t = (i0 + i) % tx;
          ep[i] = e[r] + (x - x0) + j->halo - t * p->sw;
          wo[i] = woff[r] + (long)t * j->lanes + q * 16;
        }
        rows_block(j, o + x, w, again ? NULL : b, ep, wo, k,
                   min_int(16, lim - x), !again);
        i0 += k;
      } while (i0 < pairs);
    }
}

/* Task: output row oy of group g of batch item n, every channel of it. */
static void rows_task(void *arg, int task) {
  const rows_job *j = (const rows_job *)arg;
  const huge_conv_params *p = j->p;
  const int oy = task % p->oh, g = task / p->oh % p->groups;
  const int n = task / p->oh / p->groups;
  const int num = oy + p->pt, ry = num % p->sh, iy0 = num / p->sh;
  const int unit = j->step + j->halo + 16; /* staged floats per row, at least */
  const long wrow = (long)j->tx * j->lanes;
  float *o = j->out + ((long)n * p->cout + (long)g * j->cog) * p->ocs +
             (long)oy * p->oys;
  const float *w = j->w + (long)g * j->cog * j->cig * p->kh * wrow;
  const float *b = j->bias ? j->bias + g * j->cog : NULL;
  float stage[HUGE_ROWS_STAGE];
  const float *e[HUGE_ROWS_MAXR];
  long woff[HUGE_ROWS_MAXR];
  int nty = 0, rows, per, seg, x0;
  while (ry + nty * p->sh < p->kh)
    ++nty;
  rows = j->cig * nty;
  /* rows staged together, and the columns of a segment */
  per = min_int(max_int(rows, 1),
                min_int(HUGE_ROWS_STAGE / unit, HUGE_ROWS_MAXR));
  seg = (HUGE_ROWS_STAGE / per - j->halo - 16) / j->step * j->step;
  for (x0 = 0; x0 < p->ow; x0 += seg) {
    const int xe = min_int(x0 + seg, p->ow), len = xe - x0 + j->halo + 16;
    int r0 = 0, first = 1, c;
    /* rows in order (ci, ty); those of taps outside the input are skipped */
    do {
      int nr = 0, r;
      for (r = r0; r < rows && nr < per; ++r) {
        const int ci = r / nty, ty = r % nty, iy = iy0 - ty;
        const float *row;
        if (iy < 0 || iy >= p->h)
          continue;
        row = j->in +
              ((long)n * p->cin + (long)g * j->cig + ci) * in_plane(p) +
              (long)iy * p->w;
        rows_stage(stage + (long)nr * len, row, p->w, x0 - j->halo, len,
                   p->pl, p->sw);
        e[nr] = stage + (long)nr * len;
        woff[nr] = ((long)ci * p->kh + ry + ty * p->sh) * wrow;
        ++nr;
      }
      r0 = r;
      if (nr == 0 && !first)
        break;
      if (nr == 0) { /* no tap reaches this row: the bias */
        for (c = 0; c < j->cog; ++c) {
          float *oc = o + (long)c * p->ocs;
          int x;
          for (x = x0; x < xe; ++x)
            oc[x] = b ? b[c] : 0.0f;
        }
      } else
        rows_segment(j, o, w, b, e, woff, nr, x0, xe, first);
      first = 0;
    } while (r0 < rows);
    if (p->act != HUGE_ACT_NONE)
      for (c = 0; c < j->cog; ++c)
        activate_row(o + (long)c * p->ocs + x0, xe - x0, p);
  }
}

void huge_conv_transpose_rows(const float *in, const float *packed,
                              const float *bias, float *out,
                              const huge_conv_params *p) {
  rows_job j;
  int tasks;
  j.p = p;
  j.in = in;
  j.w = packed;
  j.bias = bias;
  j.out = out;
  j.cig = p->cin / p->groups;
  j.cog = p->cout / p->groups;
  j.tx = (p->kw + p->sw - 1) / p->sw;
  j.lanes = HUGE_ROWS_LANES(p->sw);
  j.step = p->sw * (j.lanes / p->sw);
  j.halo = (j.tx - 1) * p->sw;
  tasks = p->n * p->groups * p->oh;
  run_tasks(tasks, rows_task, &j);
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
