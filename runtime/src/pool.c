/* Max, average and global average pooling. */
#include "base.h"

/* The first output column whose tap at input offset `off` (from x * s) is
 * at or right of column 0, and the end of those left of column w. */
static int first_column(int off, int s) {
  return off >= 0 ? 0 : (-off + s - 1) / s;
}
static int end_column(int off, int s, int w, int ow) {
  return off >= w ? 0 : min_int(ow, (w - 1 - off) / s + 1);
}

/* Tap by tap over whole output rows, in the order of the window (kernel
 * row, then column) for each output, so the maximum is the one a window
 * loop finds; each tap's pass over a row vectorizes. */
void huge_max_pool2d(const float *in, float *out, const huge_pool_params *p) {
  int c, y, x, ky, kx;
  for (c = 0; c < p->nc; ++c) {
    const float *ip = in + (long)c * p->h * p->w;
    float *o = out + (long)c * p->oh * p->ow;
    for (y = 0; y < p->oh; ++y) {
      float *row = o + (long)y * p->ow;
      for (x = 0; x < p->ow; ++x)
        row[x] = -INFINITY;
      for (ky = 0; ky < p->kh; ++ky) {
        const int iy = y * p->sh - p->pt + ky * p->dh;
        if (iy < 0 || iy >= p->h)
          continue;
        const float *r = ip + (long)iy * p->w;
        for (kx = 0; kx < p->kw; ++kx) {
          const int off = kx * p->dw - p->pl, sw = p->sw;
          const int x1 = end_column(off, sw, p->w, p->ow);
          for (x = first_column(off, sw); x < x1; ++x) {
            const float v = r[x * sw + off];
            row[x] = v > row[x] ? v : row[x];
          }
        }
      }
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
