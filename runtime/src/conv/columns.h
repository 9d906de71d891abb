/* Lane masks of tiles of consecutive output columns (the by-column and
 * depthwise kernels). */
#ifndef HUGE_CONV_COLUMNS_H
#define HUGE_CONV_COLUMNS_H

#include "job.h"


/* Kernel columns whose lane masks a by-column tile keeps at once. */
#define HUGE_MAX_KW 8

/* Lane masks of a by-column tile for each kernel column: lanes whose input
 * column falls outside [0, width) or past the tile's cols are off. */
typedef struct column_masks {
  int lo[HUGE_MAX_KW][4], hi[HUGE_MAX_KW][4], any[HUGE_MAX_KW];
  int all[HUGE_MAX_KW]; /* every lane of kernel column k's vectors is on */
  int full;             /* ... of every kernel column */
  hmask m[HUGE_MAX_KW][4];
#ifdef HUGE_ISA_AVX512
  /* stride 2: the two source vectors' masks, elements [2 lo, 2 hi - 1) */
  __mmask16 even_lo[HUGE_MAX_KW][4], even_hi[HUGE_MAX_KW][4];
#endif
} column_masks;

/* Masks of a tile whose every lane of every kernel column is in range. */
HUGE_INLINE void all_lanes_on(column_masks *cm) {
  int k;
  for (k = 0; k < HUGE_MAX_KW; ++k)
    cm->any[k] = cm->all[k] = 1;
  cm->full = 1;
}

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
#ifdef HUGE_ISA_AVX512
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
#ifdef HUGE_ISA_AVX512
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

/* Runs of pixels (huge_depthwise_conv2d_flat, and the by-column kernel's
 * small planes): with stride 1 and output rows as wide as the input's,
 * output pixel i = y * w + x reads, for tap (ky, kx), input pixel i + (ky *
 * dh - pt) * w + kx * dw - pl, so a plane is one run of pixels whose
 * vectors cross row ends and each tap is one load per output vector at an
 * offset every channel shares. A segment holds, for up to HUGE_FLAT_NV
 * output vectors, the taps some lane reaches (in row-major order) and the
 * lanes each (tap, vector) pair keeps, worked out once for all channels. */
#if !HUGE_OPTIMIZE_SIZE && ((HUGE_DEPTHWISE_TILES & 8) || HUGE_FLAT_COLUMNS)
/* Output vectors a segment holds (as many as a depthwise tile keeps in
 * registers). */
#if HUGE_VREGS >= 32
#define HUGE_FLAT_NV 16
#else
#define HUGE_FLAT_NV 8
#endif
#define HUGE_FLAT_TAPS 49
/* set beside the lane bits: every lane's memory lies in the input plane */
#define HUGE_FLAT_INSIDE 0x80000000u

typedef struct flat_segment {
  int taps;                           /* taps with a lane in range */
  int tap[HUGE_FLAT_TAPS];            /* their weight index ky * kw + kx */
  long off[HUGE_FLAT_TAPS];           /* input of the segment's first lane */
  uint32_t bits[HUGE_FLAT_TAPS][HUGE_FLAT_NV]; /* lanes in range, INSIDE */
} flat_segment;

/* The lanes of the vector at p whose bit is set in `bits`, zero elsewhere;
 * with HUGE_FLAT_INSIDE the whole vector's memory may be read, else only
 * the kept lanes' memory is. */
HUGE_INLINE hv flat_load(const float *p, uint32_t bits) {
#ifdef HUGE_ISA_AVX512
  return _mm512_maskz_loadu_ps((__mmask16)bits, p);
#else
  const uint32_t all = (1u << HUGE_VL) - 1u;
  float t[HUGE_VL];
  int l;
  if ((bits & all) == all)
    return hv_load(p);
#ifdef HUGE_HAVE_VMATH
  if (bits & HUGE_FLAT_INSIDE) {
    hvi lane, keep;
    for (l = 0; l < HUGE_VL; ++l)
      lane[l] = (int32_t)(1u << l);
    keep = (lane & (int32_t)bits) != 0;
    return hv_select(keep, hv_load(p), hv_splat(0.0f));
  }
#endif
  for (l = 0; l < HUGE_VL; ++l)
    t[l] = bits >> l & 1u ? p[l] : 0.0f;
  return hv_load(t);
#endif
}

/* Lanes [lo, hi) of a vector, clipped to the vector. */
HUGE_INLINE uint32_t flat_lanes(long lo, long hi) {
  lo = lo < 0 ? 0 : lo;
  hi = hi > HUGE_VL ? HUGE_VL : hi;
  return hi <= lo ? 0u
                  : (uint32_t)(((1ull << hi) - 1u) & ~((1ull << lo) - 1u));
}

/* The taps and lanes of the nv vectors from output pixel `first`: a lane
 * is kept where both its input row and its input column are in range. The
 * rows in range are one run of lanes; the columns one run per output row
 * the vector crosses. */
static void flat_build(flat_segment *s, const huge_conv_params *p, int first,
                       int nv) {
  const int pixels = p->oh * p->ow, taps = p->kh * p->kw;
  const long plane = (long)p->h * p->w;
  int v, t, ky, kx;
  for (v = 0; v < nv; ++v) {
    const int i0 = first + v * HUGE_VL;
    const int n = min_int(HUGE_VL, pixels - i0);
    uint32_t rows[HUGE_FLAT_TAPS], cols[HUGE_FLAT_TAPS];
    int a, x = i0 % p->ow;
    for (ky = 0; ky < p->kh; ++ky) {
      /* output rows y with y + ky * dh - pt in [0, h) */
      const long y0 = p->pt - (long)ky * p->dh, y1 = y0 + p->h;
      rows[ky] = flat_lanes(y0 * p->ow - i0, y1 * p->ow - i0) &
                 flat_lanes(0, n);
    }
    for (kx = 0; kx < p->kw; ++kx)
      cols[kx] = 0;
    for (a = 0; a < n; x = 0) {
      /* lanes [a, b) lie on one output row, from column x */
      const int b = min_int(n, a + p->ow - x);
      for (kx = 0; kx < p->kw; ++kx) {
        const long x0 = p->pl - (long)kx * p->dw, x1 = x0 + p->w;
        cols[kx] |= flat_lanes(a + x0 - x, a + x1 - x) & flat_lanes(a, b);
      }
      a = b;
    }
    for (t = 0; t < taps; ++t) {
      const long at = i0 + (long)(t / p->kw * p->dh - p->pt) * p->w +
                      t % p->kw * p->dw - p->pl;
      uint32_t b = rows[t / p->kw] & cols[t % p->kw];
      if (b && at >= 0 && at + HUGE_VL <= plane)
        b |= HUGE_FLAT_INSIDE;
      s->bits[t][v] = b;
    }
  }
  /* keep the taps with a lane in range, in order */
  s->taps = 0;
  for (t = 0; t < taps; ++t) {
    uint32_t any = 0;
    for (v = 0; v < nv; ++v)
      any |= s->bits[t][v];
    if (!any)
      continue;
    for (v = 0; v < nv; ++v)
      s->bits[s->taps][v] = s->bits[t][v];
    s->tap[s->taps] = t;
    s->off[s->taps] = first + (long)(t / p->kw * p->dh - p->pt) * p->w +
                      t % p->kw * p->dw - p->pl;
    ++s->taps;
  }
}

#endif

/* Layers from rows split by column phase (the by-column and depthwise
 * kernels). At stride s, kernel column kw reads input column x * s + q,
 * q = kw * dw - pl, which is entry x + floor(q / s) of the phase row
 * q mod s, the row's columns i * s + (q mod s). Each input row a tile reads
 * is split into its s phase rows once, while the output rows that read it
 * run, and every tap is then a dense load at a fixed offset: no lane
 * shuffles (at stride 2, AVX2 gathers a vector from two loads and three
 * shuffles) and no lane masks (the phase rows hold zeros for the padding).
 * At stride 1 the one phase row is the input row with its padding as
 * zeros: the tiles at the row's ends, which would mask their lanes (NEON
 * picks a border vector's lanes by a switch on their range), load whole
 * vectors too, and a row's tiles run as one call. The rows live on the
 * stack, HUGE_PHASE_FLOATS floats (config.h). */
#define HUGE_PHASE_MAX_KW 16
#define HUGE_PHASE_MAX_S 4

#if HUGE_PHASE_FLOATS > 0
typedef struct phase_rows {
  float buf[HUGE_PHASE_FLOATS];
  int col_off[HUGE_PHASE_MAX_KW]; /* kernel column kw's phase row + shift */
  int len;                        /* floats of a phase row */
  int col0;                       /* input column of phase 0's entry 0 */
  int lo[HUGE_PHASE_MAX_S], hi[HUGE_PHASE_MAX_S]; /* entries in the input */
  int used[HUGE_PHASE_MAX_S]; /* some kernel column reads the phase */
  long row;                       /* floats of one input row's phase rows */
  int have0, have1;               /* input rows held, from buf on */
  /* stride 2, both phases read (pairs > 0): entries [pair0, pair0 + pairs)
   * of both from whole vectors of input columns, the others one by one
   * (entry single_to[i] of the phase rows from input column single_from[i]) */
  int pair0, pairs, singles;
  int single_to[2 * HUGE_VL + 2], single_from[2 * HUGE_VL + 2];
} phase_rows;

static int floor_div(int a, int b) {
  return a >= 0 ? a / b : -((b - 1 - a) / b);
}

/* Whether a stride-1 layer's tiles gain from padded rows: not where the
 * ISA loads masked lanes natively (AVX-512), since masked tiles then cost
 * what whole ones do and the copy would be extra; elsewhere, where the taps
 * whose column lies in the padding, which the masked tiles skip where a
 * kernel column misses a whole tile and padded rows multiply by zero, are
 * at most 1/8 of all (a dilated kernel wider than a small map would mostly
 * read padding). */
static int padded_rows_pay(const huge_conv_params *p) {
#ifdef HUGE_ISA_MASKS
  (void)p;
  return 0;
#else
  long out = 0;
  int kw;
  for (kw = 0; kw < p->kw; ++kw) {
    const int q = kw * p->dw - p->pl; /* output column x reads x + q */
    out += min_int(p->ow, max_int(0, -q)) +
           min_int(p->ow, max_int(0, p->ow + q - p->w));
  }
  return 8 * out <= (long)p->kw * p->ow;
#endif
}

/* Sets r up for layer p (cig input channels per group): whether `span`
 * input rows split by phase fit the buffer. */
static int phase_rows_init(phase_rows *r, const huge_conv_params *p, int cig,
                           int span) {
  const int s = p->sw, qe = (p->kw - 1) * p->dw - p->pl;
  int kw, ph, sh0;
  if (s < 1 || s > HUGE_PHASE_MAX_S || in_block(p) != 1 ||
      p->kw > HUGE_PHASE_MAX_KW || (s == 1 && !padded_rows_pay(p)))
    return 0;
  /* entry 0 of phase row ph is input column sh0 * s + ph */
  sh0 = floor_div(-p->pl, s);
  r->col0 = sh0 * s;
  r->len = (p->ow + HUGE_VL - 1) / HUGE_VL * HUGE_VL + floor_div(qe, s) - sh0;
  r->row = (long)cig * s * r->len;
  if (span * r->row > HUGE_PHASE_FLOATS)
    return 0;
  for (ph = 0; ph < s; ++ph)
    r->used[ph] = 0;
  for (kw = 0; kw < p->kw; ++kw) {
    const int q = kw * p->dw - p->pl, sh = floor_div(q, s);
    r->col_off[kw] = (q - sh * s) * r->len + sh - sh0;
    r->used[q - sh * s] = 1;
  }
  for (ph = 0; ph < s; ++ph) {
    const int first = r->col0 + ph;
    r->lo[ph] = min_int(first_in_range(first, s, 0), r->len);
    r->hi[ph] = max_int(r->lo[ph], end_in_range(first, s, p->w, r->len));
  }
  r->pairs = 0;
#ifdef HUGE_HV_DEINTERLEAVE2
  if (s == 2 && r->used[0] && r->used[1]) {
    const int lo = max_int(r->lo[0], r->lo[1]);
    const int n = max_int(min_int(r->hi[0], r->hi[1]) - lo, 0);
    int i, singles = 0;
    /* (col0 is even, so both phases' first entries in range are the same,
     * and their ends differ by one at most: at most HUGE_VL entries of each
     * go one by one) */
    for (ph = 0; ph < 2; ++ph)
      for (i = r->lo[ph]; i < r->hi[ph]; ++i)
        if (i < lo || i >= lo + n / HUGE_VL * HUGE_VL) {
          r->single_to[singles] = ph * r->len + i;
          r->single_from[singles++] = r->col0 + 2 * i + ph;
        }
    r->pair0 = lo;
    r->pairs = n / HUGE_VL * HUGE_VL;
    r->singles = singles;
  }
#endif
  /* the entries outside the input stay zero: rows only ever write their
   * entries in it, or move whole */
  memset(r->buf, 0, sizeof(float) * (size_t)(span * r->row));
  r->have0 = r->have1 = 0;
  return 1;
}

/* The phase rows of n input rows, src on at sstep floats apart, at d on,
 * dstep floats apart (only the phases a kernel column reads: a 1x1 layer
 * at stride 2 reads one phase of two). */
static void phase_split(const phase_rows *r, float *d, long dstep,
                        const float *src, long sstep, int n, int s) {
  int ph, i, k;
#ifdef HUGE_HV_DEINTERLEAVE2
  if (s == 2 && r->pairs > 0) {
    /* (the fields in locals: a vector store may alias them for the
     * compiler) */
    const int pairs = r->pairs, singles = r->singles, pair0 = r->pair0;
    const long col0 = r->col0 + 2 * pair0, len = r->len;
    for (k = 0; k < n; ++k, d += dstep, src += sstep) {
      const float *at = src + col0;
      float *de = d + pair0, *dd = d + len + pair0;
      for (i = 0; i < singles; ++i)
        d[r->single_to[i]] = src[r->single_from[i]];
      for (i = 0; i < pairs; i += HUGE_VL) {
        hv even, odd;
        hv_deinterleave2(at + 2 * i, &even, &odd);
        hv_store(de + i, even);
        hv_store(dd + i, odd);
      }
    }
    return;
  }
#endif
  for (k = 0; k < n; ++k, d += dstep, src += sstep) {
    float *dp = d;
    for (ph = 0; ph < s; ++ph, dp += r->len) {
      const int lo = r->lo[ph], hi = r->hi[ph];
      const float *at;
      if (!r->used[ph] || lo >= hi)
        continue;
      /* entry lo's input column: the first in range of its phase */
      at = src + r->col0 + ph + lo * s;
      if (s == 2) {
        i = lo;
#ifdef HUGE_HV_GATHER2
        /* whole vectors: reads end at the vector's last column */
        for (; i + HUGE_VL <= hi; i += HUGE_VL)
          hv_store(dp + i, hv_gather2(at + 2 * (i - lo)));
#endif
        for (; i < hi; ++i)
          dp[i] = at[2 * (i - lo)];
      } else
        for (i = lo; i < hi; ++i)
          dp[i] = at[(long)(i - lo) * s];
    }
  }
}

/* Makes r hold input rows [a, b) of the group's input ib, in order from its
 * start, splitting only the rows it did not hold. */
static void phase_rows_hold(phase_rows *r, const huge_conv_params *p,
                            const float *ib, int cig, int a, int b) {
  int from = a, ci;
  if (a >= r->have0 && a < r->have1) {
    memmove(r->buf, r->buf + (a - r->have0) * r->row,
            sizeof(float) * (size_t)((r->have1 - a) * r->row));
    from = min_int(r->have1, b);
  }
  if (from < b && p->sw == 1) {
    /* every channel's rows in one loop (a row of a phase's small map is a
     * few vectors: a call per row would cost as much as the copy) */
    const int lo = r->lo[0], m = r->hi[0] - lo;
    const long ld = r->row, cs = in_plane(p);
    float *d0 = r->buf + (from - a) * ld + lo;
    const float *s0 = ib + (long)from * p->w + r->col0 + lo;
    int y, i;
    for (ci = 0; ci < cig; ++ci, d0 += r->len, s0 += cs) {
      float *d = d0;
      const float *at = s0;
      for (y = from; y < b; ++y, d += ld, at += p->w) {
        if (m < HUGE_VL) {
          for (i = 0; i < m; ++i)
            d[i] = at[i];
          continue;
        }
        /* whole vectors, the last one ending at the last column */
        for (i = 0; i + HUGE_VL < m; i += HUGE_VL)
          hv_store(d + i, hv_load(at + i));
        hv_store(d + m - HUGE_VL, hv_load(at + m - HUGE_VL));
      }
    }
  } else if (from < b)
    /* each channel's rows in one call */
    for (ci = 0; ci < cig; ++ci)
      phase_split(r, r->buf + (from - a) * r->row + (long)ci * p->sw * r->len,
                  r->row, ib + ci * in_plane(p) + (long)from * p->w, p->w,
                  b - from, p->sw);
  r->have0 = a;
  r->have1 = b;
}
#endif

#endif /* HUGE_CONV_COLUMNS_H */
