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

#endif /* HUGE_CONV_COLUMNS_H */
