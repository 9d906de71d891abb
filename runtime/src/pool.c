/* Max, average and global average pooling. */
#include "base.h"

void huge_max_pool2d(const float *in, float *out, const huge_pool_params *p) {
  int c, y, x, ky, kx;
  for (c = 0; c < p->nc; ++c) {
    const float *ip = in + (long)c * p->h * p->w;
    float *o = out + (long)c * p->oh * p->ow;
    for (y = 0; y < p->oh; ++y)
      for (x = 0; x < p->ow; ++x) {
        float m = -INFINITY;
        for (ky = 0; ky < p->kh; ++ky) {
          const int iy = y * p->sh - p->pt + ky * p->dh;
          if (iy < 0 || iy >= p->h)
            continue;
          for (kx = 0; kx < p->kw; ++kx) {
            const int ix = x * p->sw - p->pl + kx * p->dw;
            if (ix >= 0 && ix < p->w && ip[iy * p->w + ix] > m)
              m = ip[iy * p->w + ix];
          }
        }
        o[y * p->ow + x] = m;
      }
  }
}

void huge_avg_pool2d(const float *in, float *out, const huge_pool_params *p) {
  int c, y, x, iy, ix;
  for (c = 0; c < p->nc; ++c) {
    const float *ip = in + (long)c * p->h * p->w;
    float *o = out + (long)c * p->oh * p->ow;
    for (y = 0; y < p->oh; ++y)
      for (x = 0; x < p->ow; ++x) {
        /* As PyTorch: the window is clipped to the padded input first. */
        int y0 = y * p->sh - p->pt, x0 = x * p->sw - p->pl;
        int y1 = min_int(y0 + p->kh, p->h + p->pb);
        int x1 = min_int(x0 + p->kw, p->w + p->pr);
        const int padded = (y1 - y0) * (x1 - x0);
        float sum = 0.0f;
        y0 = max_int(y0, 0);
        x0 = max_int(x0, 0);
        y1 = min_int(y1, p->h);
        x1 = min_int(x1, p->w);
        for (iy = y0; iy < y1; ++iy)
          for (ix = x0; ix < x1; ++ix)
            sum += ip[iy * p->w + ix];
        o[y * p->ow + x] =
            sum /
            (float)(p->count_include_pad ? padded : (y1 - y0) * (x1 - x0));
      }
  }
}

void huge_global_avg_pool(const float *in, float *out, int nc, int hw) {
  int c, i;
  for (c = 0; c < nc; ++c) {
    float sum = 0.0f;
    for (i = 0; i < hw; ++i)
      sum += in[(long)c * hw + i];
    out[c] = sum / (float)hw;
  }
}
