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
