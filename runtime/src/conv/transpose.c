/* The transposed convolution as written (--untangle=none and --untangle=phases
 * fall back to it only where asked) and zero insertion. */
#include "../base.h"

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
