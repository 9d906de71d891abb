/* The packed weight layout of huge_conv2d. The compiler packs weights with
 * this same function at compile time. */
#include "huge_runtime.h"

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

void huge_pack_transpose_rows_weights(const float *weight, int cin, int cout,
                                      int kh, int kw, int sw, int pl,
                                      int groups, float *packed) {
  const int cig = cin / groups, cog = cout / groups;
  const int lanes = HUGE_ROWS_LANES(sw), tx = (kw + sw - 1) / sw;
  const int r0 = pl % sw;
  int co, ci, ky, t, l;
  for (co = 0; co < cout; ++co)
    for (ci = 0; ci < cig; ++ci)
      for (ky = 0; ky < kh; ++ky)
        for (t = 0; t < tx; ++t)
          for (l = 0; l < lanes; ++l) {
            const int kx = (r0 + l) % sw + t * sw;
            const long c = (long)(co / cog) * cig + ci;
            *packed++ = kx < kw ? weight[((c * cog + co % cog) * kh + ky) * kw +
                                         kx]
                                : 0.0f;
          }
}
