/* The runtime's hot convolution tiles, one exported function each, with
 * their shapes as constants (as the dispatch switches instantiate them), so
 * that bench/neon_mca.py finds each tile's inner loop in the compiled
 * assembly by name. Built with HUGE_NO_CONFIG: every tile variant. */
#include "huge_runtime.c"

/* By channel: MR output pixels x NV vectors of output channels, the NEON
 * build's full tile (isa/neon.h), on blocked input, planar input at stride 1
 * and gathered pixels. */
#define MCA_PASTE(kind, m, v) mca_##kind##_##m##x##v
#define MCA_NAME(kind, m, v) MCA_PASTE(kind, m, v)
void MCA_NAME(channel_blocked, HUGE_CO_MR, HUGE_CO_NV)(const conv_job *jb,
                                                       const float *init,
                                                       float *tile) {
  conv_job j = *jb; /* input blocked by HUGE_CHANNEL_BLOCK channels */
  j.cstep = 1;
  j.px_step = HUGE_CHANNEL_BLOCK;
#ifdef HUGE_A64_CHANNEL
  if (channel_a64_fits(&j, HUGE_CO_MR)) { /* as by_channel_dispatch */
    channel_a64_tile(&j, init, tile, HUGE_CO_MR);
    return;
  }
#endif
  channel_tile(&j, NULL, init, tile, HUGE_CO_MR, HUGE_CO_NV, 0);
}
void MCA_NAME(channel_planar, HUGE_CO_MR, HUGE_CO_NV)(const conv_job *jb,
                                                      const float *init,
                                                      float *tile) {
  conv_job j = *jb; /* planar input, stride 1: a plane holds the pixels */
  if (j.cstep < HUGE_CO_MR)
    return;
  j.px_step = 1;
  j.cblk = INT_MAX;
#ifdef HUGE_A64_CHANNEL
  if (channel_a64_fits(&j, HUGE_CO_MR)) { /* as by_channel_dispatch */
    channel_a64_tile(&j, init, tile, HUGE_CO_MR);
    return;
  }
#endif
  channel_tile(&j, NULL, init, tile, HUGE_CO_MR, HUGE_CO_NV, 0);
}
void mca_channel_planar_4x4(const conv_job *jb, const float *init,
                            float *tile) {
  conv_job j = *jb; /* planar input, stride 1, 4 pixels */
  if (j.cstep < 4)
    return;
  j.px_step = 1;
  j.cblk = INT_MAX;
#ifdef HUGE_A64_CHANNEL
  if (channel_a64_fits(&j, 4)) { /* as by_channel_dispatch */
    channel_a64_tile(&j, init, tile, 4);
    return;
  }
#endif
  channel_tile(&j, NULL, init, tile, 4, HUGE_CO_NV, 0);
}
void MCA_NAME(gathered, HUGE_CO_MR, HUGE_CO_NV)(const gathered_job *g,
                                                const float *init, float *tile) {
  channel_tile(NULL, g, init, tile, HUGE_CO_MR, HUGE_CO_NV, 1);
}

/* By column: C output channels x V vectors of columns x R rows. */
#define MCA_COLUMN(C, V, R)                                                    \
  void mca_column_##C##x##V##x##R(const conv_job *j, int col0, int width,      \
                                  int cols, const float *bias_c,               \
                                  const column_dest *d, int reps) {            \
    by_column_tile(j, col0, width, cols, bias_c, d, C, V, R, reps);            \
  }
MCA_COLUMN(8, 3, 1)
MCA_COLUMN(6, 4, 1)
MCA_COLUMN(4, 4, 1)
MCA_COLUMN(4, 2, 2)
MCA_COLUMN(1, 4, 2)

/* Depthwise 3x3: 4 rows x 4 vectors, every lane in range, strides 1, 2;
 * 5x5 and 7x7: 4 rows x 2 vectors. */
#define MCA_DW(K, S, V)                                                        \
  void mca_dw##K##_s##S(const column_masks *cm, const float *ip, int iy0,     \
                        int h, int w, const float *wk, float bias, float *o,   \
                        long ors, int cols) {                                  \
    dw_tile(cm, ip, iy0, h, w, wk, bias, o, ors, cols, 0, 0.0f, 0.0f,          \
            HUGE_DW_RM, S, 1, V, 1, K, NULL, 0);                               \
  }
MCA_DW(3, 1, 4)
MCA_DW(3, 2, 4)
MCA_DW(5, 1, 2)
MCA_DW(7, 2, 2)

#ifdef HUGE_DW3S2
/* Depthwise 3x3 at stride 2 straight from the input rows (ld2; what NEON
 * runs): 4 rows x 4 vectors, every row and load in the input, `reps` tiles
 * down the rows, as dw3s2_rows_4 runs them. */
void mca_dw3_s2_ld2(const float *ip, int w, const float *wk, float bias,
                    float *o, long ors, int reps) {
  int r;
  for (r = 0; r < reps; ++r)
    dw3s2_tile(ip + 2 * HUGE_DW_RM * r * (long)w, 0, 2 * HUGE_DW_RM + 1, w, 1,
               wk, bias, o + HUGE_DW_RM * r * ors, ors, 4 * HUGE_VL, 0, 0.0f,
               0.0f, HUGE_DW_RM, 4, 1);
}
#endif

/* Depthwise, any kernel: 4 vectors of one channel's columns. */
void mca_depthwise_4(const float *row0, const float *w, int nkh, int kw,
                     int row_step, int col_step, int col0, int step, int width,
                     int cols, float bias, float *tile) {
  depthwise_tile(row0, w, nkh, kw, row_step, col_step, col0, step, width, cols,
                 bias, tile, 4);
}
