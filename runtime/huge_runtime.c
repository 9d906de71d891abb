/* huge runtime: portable reference kernels (see huge_runtime.h). */
#include "huge_runtime.h"

#include <math.h>
#include <string.h>

static int max_int(int a, int b) { return a > b ? a : b; }
static int min_int(int a, int b) { return a < b ? a : b; }

/* First x in [0, n) with lo <= x*s + off, i.e. x >= ceil((lo - off) / s). */
static int first_in_range(int off, int s, int lo) {
  int d = lo - off;
  return d <= 0 ? 0 : (d + s - 1) / s;
}

/* One past the last x with x*s + off < hi, capped at n. */
static int end_in_range(int off, int s, int hi, int n) {
  int d = hi - off;
  return d <= 0 ? 0 : min_int(n, (d + s - 1) / s);
}

static float activate(float v, const huge_conv_params *p) {
  switch (p->act) {
  case HUGE_ACT_NONE:
    return v;
  case HUGE_ACT_RELU:
    return v > 0.0f ? v : 0.0f;
  case HUGE_ACT_LEAKY_RELU:
    return v >= 0.0f ? v : p->act_a * v;
  case HUGE_ACT_CLIP:
    return v < p->act_a ? p->act_a : (v > p->act_b ? p->act_b : v);
  case HUGE_ACT_SIGMOID:
    return 1.0f / (1.0f + expf(-v));
  case HUGE_ACT_TANH:
    return tanhf(v);
  }
  return v;
}

/* Sets one output plane (through the strided view) to the bias. */
static void plane_fill(float *o, const huge_conv_params *p, float v) {
  int y, x;
  for (y = 0; y < p->oh; ++y)
    for (x = 0; x < p->ow; ++x)
      o[y * p->oys + x * p->oxs] = v;
}

static void plane_activate(float *o, const huge_conv_params *p) {
  int y, x;
  if (p->act == HUGE_ACT_NONE)
    return;
  for (y = 0; y < p->oh; ++y)
    for (x = 0; x < p->ow; ++x)
      o[y * p->oys + x * p->oxs] = activate(o[y * p->oys + x * p->oxs], p);
}

/* Register-blocked direct convolution. An output tile of CONV_CB output
 * channels x CONV_TW columns of one row is accumulated in a local array the
 * compiler keeps in vector registers; each input vector is loaded once per
 * tap and reused by all CONV_CB channels. Where a tap's whole tile lies
 * inside the input (and the channel block is full) the tile loop is
 * branch-free; elsewhere an exact scalar loop visits only in-range
 * columns, so the kernel executes exactly the in-range taps, like a plain
 * direct convolution. */
#define CONV_CB 8
#define CONV_TW 16

/* Stores a finished tile through the output view, with the epilogue. */
static void store_tile(float acc[CONV_CB][CONV_TW], float *out,
                       const huge_conv_params *p, int n, int co0, int cb,
                       int y, int x0, int tw) {
  int c, t;
  for (c = 0; c < cb; ++c) {
    float *o = out + ((long)n * p->cout + co0 + c) * p->ocs + (long)y * p->oys;
    for (t = 0; t < tw; ++t)
      o[(long)(x0 + t) * p->oxs] = activate(acc[c][t], p);
  }
}

/* A full tile whose columns are in range for every tap: only constant trip
 * counts, so the compiler can keep the accumulators in vector registers. */
static void conv_tile_interior(const float *in, const float *weight,
                               const float *bias, float *out,
                               const huge_conv_params *p, int n, int co0,
                               int y, int x0) {
  const int cig = p->cin / p->groups, cog = p->cout / p->groups;
  const int g = co0 / cog, taps = p->kh * p->kw;
  const long wstride = (long)cig * taps;
  const float *const w0 = weight + (long)co0 * wstride;
  float acc[CONV_CB][CONV_TW];
  int c, t, ci, ky, kx;
  for (c = 0; c < CONV_CB; ++c)
    for (t = 0; t < CONV_TW; ++t)
      acc[c][t] = bias ? bias[co0 + c] : 0.0f;
  for (ci = 0; ci < cig; ++ci) {
    const float *ip = in + ((long)n * p->cin + g * cig + ci) * p->h * p->w;
    for (ky = 0; ky < p->kh; ++ky) {
      const int iy = y * p->sh - p->pt + ky * p->dh;
      if (iy < 0 || iy >= p->h)
        continue;
      for (kx = 0; kx < p->kw; ++kx) {
        const float *src =
            ip + (long)iy * p->w + x0 * p->sw + kx * p->dw - p->pl;
        const float *wt = w0 + ci * taps + ky * p->kw + kx;
        for (c = 0; c < CONV_CB; ++c) {
          const float wv = wt[c * wstride];
          for (t = 0; t < CONV_TW; ++t)
            acc[c][t] += wv * src[t * p->sw];
        }
      }
    }
  }
  store_tile(acc, out, p, n, co0, CONV_CB, y, x0, CONV_TW);
}
/* Any tile: visits exactly the in-range columns of every tap. */
static void conv_tile_exact(const float *in, const float *weight,
                            const float *bias, float *out,
                            const huge_conv_params *p, int n, int co0, int cb,
                            int y, int x0, int tw) {
  const int cig = p->cin / p->groups, cog = p->cout / p->groups;
  const int g = co0 / cog, taps = p->kh * p->kw;
  float acc[CONV_CB][CONV_TW];
  int c, t, ci, ky, kx, x;
  for (c = 0; c < cb; ++c)
    for (t = 0; t < tw; ++t)
      acc[c][t] = bias ? bias[co0 + c] : 0.0f;
  for (ci = 0; ci < cig; ++ci) {
    const float *ip = in + ((long)n * p->cin + g * cig + ci) * p->h * p->w;
    for (ky = 0; ky < p->kh; ++ky) {
      const int iy = y * p->sh - p->pt + ky * p->dh;
      if (iy < 0 || iy >= p->h)
        continue;
      for (kx = 0; kx < p->kw; ++kx) {
        const int xoff = kx * p->dw - p->pl;
        const int first = x0 + first_in_range(x0 * p->sw + xoff, p->sw, 0);
        const int last = end_in_range(xoff, p->sw, p->w, x0 + tw);
        const float *irow = ip + (long)iy * p->w;
        for (c = 0; c < cb; ++c) {
          const float wv = weight[((long)(co0 + c) * cig + ci) * taps +
                                  ky * p->kw + kx];
          for (x = first; x < last; ++x)
            acc[c][x - x0] += wv * irow[x * p->sw + xoff];
        }
      }
    }
  }
  store_tile(acc, out, p, n, co0, cb, y, x0, tw);
}

void huge_conv2d_phases(const float *in, int count,
                        const float *const weights[], const float *bias,
                        float *const outs[],
                        const huge_conv_params *const params[]) {
  const huge_conv_params *p0 = params[0];
  const int cog = p0->cout / p0->groups;
  int n, g, co0, k, y, x0;
  for (n = 0; n < p0->n; ++n)
    for (g = 0; g < p0->groups; ++g)
      for (co0 = g * cog; co0 < (g + 1) * cog; co0 += CONV_CB) {
        const int cb = min_int(CONV_CB, (g + 1) * cog - co0);
        /* All phases of this channel block while its input is in cache. */
        for (k = 0; k < count; ++k) {
          const huge_conv_params *p = params[k];
          for (y = 0; y < p->oh; ++y)
            for (x0 = 0; x0 < p->ow; x0 += CONV_TW) {
              const int tw = min_int(CONV_TW, p->ow - x0);
              /* interior: first column of the first tap and last column of
               * the last tap are inside the input */
              const int lo = x0 * p->sw - p->pl;
              const int hi = (x0 + tw - 1) * p->sw - p->pl + (p->kw - 1) * p->dw;
              if (cb == CONV_CB && tw == CONV_TW && lo >= 0 && hi < p->w)
                conv_tile_interior(in, weights[k], bias, outs[k], p, n, co0, y,
                                   x0);
              else
                conv_tile_exact(in, weights[k], bias, outs[k], p, n, co0, cb,
                                y, x0, tw);
            }
        }
      }
}

void huge_conv2d(const float *in, const float *weight, const float *bias,
                 float *out, const huge_conv_params *p) {
  huge_conv2d_phases(in, 1, &weight, bias, &out, &p);
}

void huge_packed_grouped_conv2d(const float *in, const float *packed,
                                int block, const float *bias, float *out,
                                const huge_conv_params *p) {
  const int cig = p->cin / p->groups, cog = p->cout / p->groups;
  const int blocks = (cog + block - 1) / block;
  const int taps = p->kh * p->kw;
  int n, g, b, y, x0;
  for (n = 0; n < p->n; ++n)
    for (g = 0; g < p->groups; ++g)
      for (b = 0; b < blocks; ++b) {
        const int co0 = g * cog + b * block;
        const int lanes = cog - b * block < block ? cog - b * block : block;
        const float *wb = packed + (long)(g * blocks + b) * cig * taps * block;
        for (y = 0; y < p->oh; ++y)
          for (x0 = 0; x0 < p->ow; x0 += HUGE_TILE_WIDTH) {
            float acc[HUGE_MAX_BLOCK][HUGE_TILE_WIDTH];
            int lane, t, i, ky, kx;
            for (lane = 0; lane < block; ++lane)
              for (t = 0; t < HUGE_TILE_WIDTH; ++t)
                acc[lane][t] = bias && lane < lanes ? bias[co0 + lane] : 0.0f;
            for (i = 0; i < cig; ++i) {
              const float *ip =
                  in + ((long)n * p->cin + g * cig + i) * p->h * p->w;
              for (ky = 0; ky < p->kh; ++ky) {
                const int iy = y * p->sh - p->pt + ky * p->dh;
                if (iy < 0 || iy >= p->h)
                  continue;
                for (kx = 0; kx < p->kw; ++kx) {
                  const float *wv = wb + ((long)i * taps + ky * p->kw + kx) * block;
                  float v[HUGE_TILE_WIDTH];
                  for (t = 0; t < HUGE_TILE_WIDTH; ++t) {
                    const int ix = (x0 + t) * p->sw - p->pl + kx * p->dw;
                    v[t] = x0 + t < p->ow && ix >= 0 && ix < p->w
                               ? ip[iy * p->w + ix]
                               : 0.0f;
                  }
                  for (lane = 0; lane < block; ++lane)
                    for (t = 0; t < HUGE_TILE_WIDTH; ++t)
                      acc[lane][t] += wv[lane] * v[t];
                }
              }
            }
            for (lane = 0; lane < lanes; ++lane) {
              float *o = out + ((long)n * p->cout + co0 + lane) * p->ocs +
                         y * p->oys;
              for (t = 0; t < HUGE_TILE_WIDTH && x0 + t < p->ow; ++t)
                o[(x0 + t) * p->oxs] = activate(acc[lane][t], p);
            }
          }
      }
}

void huge_depthwise_conv2d(const float *in, const float *weight,
                           const float *bias, float *out,
                           const huge_conv_params *p) {
  const int mult = p->cout / p->cin;
  int n, co, y, x, ky, kx;
  for (n = 0; n < p->n; ++n)
    for (co = 0; co < p->cout; ++co) {
      const float *ip = in + ((long)n * p->cin + co / mult) * p->h * p->w;
      const float *wp = weight + (long)co * p->kh * p->kw;
      float *o = out + ((long)n * p->cout + co) * p->ocs;
      for (y = 0; y < p->oh; ++y)
        for (x = 0; x < p->ow; ++x) {
          float acc = bias ? bias[co] : 0.0f;
          for (ky = 0; ky < p->kh; ++ky) {
            const int iy = y * p->sh - p->pt + ky * p->dh;
            if (iy < 0 || iy >= p->h)
              continue;
            for (kx = 0; kx < p->kw; ++kx) {
              const int ix = x * p->sw - p->pl + kx * p->dw;
              if (ix >= 0 && ix < p->w)
                acc += wp[ky * p->kw + kx] * ip[iy * p->w + ix];
            }
          }
          o[y * p->oys + x * p->oxs] = activate(acc, p);
        }
    }
}

void huge_conv_transpose2d(const float *in, const float *weight,
                           const float *bias, float *out,
                           const huge_conv_params *p) {
  const int cig = p->cin / p->groups, cog = p->cout / p->groups;
  const int in_plane = p->h * p->w;
  int n, co;
  for (n = 0; n < p->n; ++n)
    for (co = 0; co < p->cout; ++co) {
      const int g = co / cog, j = co % cog;
      float *o = out + ((long)n * p->cout + co) * p->ocs;
      int ci;
      plane_fill(o, p, bias ? bias[co] : 0.0f);
      for (ci = 0; ci < cig; ++ci) {
        const int c = g * cig + ci;
        const float *ip = in + ((long)n * p->cin + c) * in_plane;
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

static void interleave_phase(const float *phase, const float *fill, float *out,
                             int n, int c, int oh, int ow, int sh, int sw,
                             int rh, int rw) {
  const int ph = (oh - rh + sh - 1) / sh, pw = (ow - rw + sw - 1) / sw;
  int plane, y, x;
  for (plane = 0; plane < n * c; ++plane) {
    float *o = out + (long)plane * oh * ow + rh * ow + rw;
    const float v = fill ? fill[plane % c] : 0.0f;
    for (y = 0; y < ph; ++y)
      for (x = 0; x < pw; ++x)
        o[y * sh * ow + x * sw] =
            phase ? phase[((long)plane * ph + y) * pw + x] : v;
  }
}

void huge_interleave_copy(const float *phase, float *out, int n, int c, int oh,
                          int ow, int sh, int sw, int rh, int rw) {
  interleave_phase(phase, NULL, out, n, c, oh, ow, sh, sw, rh, rw);
}

void huge_interleave_fill(const float *fill, float *out, int n, int c, int oh,
                          int ow, int sh, int sw, int rh, int rw) {
  interleave_phase(NULL, fill, out, n, c, oh, ow, sh, sw, rh, rw);
}

void huge_slice(const float *in, float *out, const int *in_shape,
                const int *out_shape, const int *offsets, const int *steps,
                int rank) {
  long in_strides[HUGE_MAX_RANK], stride = 1, total = 1, i, src = 0;
  int index[HUGE_MAX_RANK] = {0};
  int d;
  for (d = rank - 1; d >= 0; --d) {
    in_strides[d] = stride;
    stride *= in_shape[d];
  }
  for (d = 0; d < rank; ++d) {
    total *= out_shape[d];
    src += offsets[d] * in_strides[d];
  }
  for (i = 0; i < total; ++i) {
    out[i] = in[src];
    for (d = rank - 1; d >= 0; --d) {
      src += steps[d] * in_strides[d];
      if (++index[d] < out_shape[d])
        break;
      src -= (long)steps[d] * in_strides[d] * out_shape[d];
      index[d] = 0;
    }
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
        out[((long)c * oh + y * sh) * ow + x * sw] = in[((long)c * h + y) * w + x];
}

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
            sum / (float)(p->count_include_pad ? padded
                                               : (y1 - y0) * (x1 - x0));
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

void huge_relu(const float *in, float *out, int n) {
  int i;
  for (i = 0; i < n; ++i)
    out[i] = in[i] > 0.0f ? in[i] : 0.0f;
}

void huge_leaky_relu(const float *in, float *out, int n, float alpha) {
  int i;
  for (i = 0; i < n; ++i)
    out[i] = in[i] >= 0.0f ? in[i] : alpha * in[i];
}

void huge_clip(const float *in, float *out, int n, float lo, float hi) {
  int i;
  for (i = 0; i < n; ++i)
    out[i] = in[i] < lo ? lo : (in[i] > hi ? hi : in[i]);
}

void huge_sigmoid(const float *in, float *out, int n) {
  int i;
  for (i = 0; i < n; ++i)
    out[i] = 1.0f / (1.0f + expf(-in[i]));
}

void huge_tanh(const float *in, float *out, int n) {
  int i;
  for (i = 0; i < n; ++i)
    out[i] = tanhf(in[i]);
}

void huge_batch_norm(const float *in, float *out, int n, int c, int inner,
                     const float *scale, const float *bias, const float *mean,
                     const float *var, float epsilon) {
  int b, ch, i;
  for (b = 0; b < n; ++b)
    for (ch = 0; ch < c; ++ch) {
      const float s = scale[ch] / sqrtf(var[ch] + epsilon);
      const float t = bias[ch] - mean[ch] * s;
      const long base = ((long)b * c + ch) * inner;
      for (i = 0; i < inner; ++i)
        out[base + i] = in[base + i] * s + t;
    }
}

static float apply_binary(huge_binary_kind kind, float a, float b) {
  switch (kind) {
  case HUGE_ADD:
    return a + b;
  case HUGE_SUB:
    return a - b;
  case HUGE_MUL:
    return a * b;
  case HUGE_DIV:
    return a / b;
  case HUGE_PRELU:
    return a >= 0.0f ? a : a * b;
  }
  return 0.0f;
}

void huge_binary(huge_binary_kind kind, const float *a, const int *a_strides,
                 const float *b, const int *b_strides, float *out,
                 const int *shape, int rank) {
  int index[HUGE_MAX_RANK] = {0};
  long total = 1, i;
  long ia = 0, ib = 0;
  int d;
  for (d = 0; d < rank; ++d)
    total *= shape[d];
  for (i = 0; i < total; ++i) {
    out[i] = apply_binary(kind, a[ia], b[ib]);
    /* odometer increment, innermost axis fastest */
    for (d = rank - 1; d >= 0; --d) {
      ia += a_strides[d];
      ib += b_strides[d];
      if (++index[d] < shape[d])
        break;
      ia -= (long)a_strides[d] * shape[d];
      ib -= (long)b_strides[d] * shape[d];
      index[d] = 0;
    }
  }
}

void huge_concat_part(const float *src, float *dst, int outer, int inner,
                      int dst_inner, int dst_offset) {
  int o;
  for (o = 0; o < outer; ++o)
    memcpy(dst + (long)o * dst_inner + dst_offset, src + (long)o * inner,
           sizeof(float) * (size_t)inner);
}

void huge_copy(const float *src, float *dst, int n) {
  if (src != dst)
    memmove(dst, src, sizeof(float) * (size_t)n);
}

void huge_depth_to_space(const float *in, float *out, int n, int c, int h,
                         int w, int b, int crd) {
  int bn, ch, y, x;
  const int oh = h * b, ow = w * b;
  for (bn = 0; bn < n; ++bn)
    for (ch = 0; ch < c; ++ch)
      for (y = 0; y < oh; ++y)
        for (x = 0; x < ow; ++x) {
          const int i = y % b, j = x % b;
          const int src_c = crd ? (ch * b + i) * b + j : (i * b + j) * c + ch;
          out[(((long)bn * c + ch) * oh + y) * ow + x] =
              in[(((long)bn * c * b * b + src_c) * h + y / b) * w + x / b];
        }
}

static float source_coordinate(int x, float scale, int in_len, int out_len,
                               huge_coordinate_mode mode) {
  switch (mode) {
  case HUGE_COORD_HALF_PIXEL:
    return ((float)x + 0.5f) / scale - 0.5f;
  case HUGE_COORD_PYTORCH_HALF_PIXEL:
    return out_len > 1 ? ((float)x + 0.5f) / scale - 0.5f : 0.0f;
  case HUGE_COORD_ALIGN_CORNERS:
    return out_len > 1 ? (float)x * (float)(in_len - 1) / (float)(out_len - 1)
                       : 0.0f;
  case HUGE_COORD_ASYMMETRIC:
    return (float)x / scale;
  }
  return 0.0f;
}

static int nearest_index(float s, int in_len, huge_nearest_mode mode) {
  int i;
  switch (mode) {
  case HUGE_NEAREST_CEIL:
    i = (int)ceilf(s);
    break;
  case HUGE_NEAREST_ROUND_PREFER_FLOOR:
    i = (s - floorf(s) == 0.5f) ? (int)floorf(s) : (int)roundf(s);
    break;
  case HUGE_NEAREST_ROUND_PREFER_CEIL:
    i = (s - floorf(s) == 0.5f) ? (int)ceilf(s) : (int)roundf(s);
    break;
  case HUGE_NEAREST_FLOOR:
  default:
    i = (int)floorf(s);
    break;
  }
  return min_int(max_int(i, 0), in_len - 1);
}

void huge_resize(const float *in, float *out, int nc, int h, int w, int oh,
                 int ow, float scale_h, float scale_w, int linear,
                 huge_coordinate_mode coord, huge_nearest_mode nearest) {
  int c, y, x;
  for (c = 0; c < nc; ++c) {
    const float *ip = in + (long)c * h * w;
    float *o = out + (long)c * oh * ow;
    for (y = 0; y < oh; ++y) {
      const float sy = source_coordinate(y, scale_h, h, oh, coord);
      for (x = 0; x < ow; ++x) {
        const float sx = source_coordinate(x, scale_w, w, ow, coord);
        if (!linear) {
          o[y * ow + x] = ip[nearest_index(sy, h, nearest) * w +
                             nearest_index(sx, w, nearest)];
        } else {
          const float cy = sy < 0.0f ? 0.0f : sy, cx = sx < 0.0f ? 0.0f : sx;
          const int y0 = min_int((int)cy, h - 1), x0 = min_int((int)cx, w - 1);
          const int y1 = min_int(y0 + 1, h - 1), x1 = min_int(x0 + 1, w - 1);
          const float ly = cy - (float)y0 > 1.0f ? 1.0f : cy - (float)y0;
          const float lx = cx - (float)x0 > 1.0f ? 1.0f : cx - (float)x0;
          const float top = ip[y0 * w + x0] * (1.0f - lx) + ip[y0 * w + x1] * lx;
          const float bot = ip[y1 * w + x0] * (1.0f - lx) + ip[y1 * w + x1] * lx;
          o[y * ow + x] = top * (1.0f - ly) + bot * ly;
        }
      }
    }
  }
}

void huge_transpose(const float *in, float *out, const int *in_shape,
                    const int *perm, int rank) {
  long in_strides[HUGE_MAX_RANK], stride = 1, total = 1, i, src = 0;
  int out_shape[HUGE_MAX_RANK], index[HUGE_MAX_RANK] = {0};
  int d;
  for (d = rank - 1; d >= 0; --d) {
    in_strides[d] = stride;
    stride *= in_shape[d];
  }
  for (d = 0; d < rank; ++d) {
    out_shape[d] = in_shape[perm[d]];
    total *= out_shape[d];
  }
  for (i = 0; i < total; ++i) {
    out[i] = in[src];
    for (d = rank - 1; d >= 0; --d) {
      src += in_strides[perm[d]];
      if (++index[d] < out_shape[d])
        break;
      src -= in_strides[perm[d]] * out_shape[d];
      index[d] = 0;
    }
  }
}

static int pad_source(int i, int len, huge_pad_mode mode) {
  if (i >= 0 && i < len)
    return i;
  if (mode == HUGE_PAD_EDGE)
    return i < 0 ? 0 : len - 1;
  if (mode == HUGE_PAD_REFLECT && len > 1) {
    const int period = 2 * (len - 1);
    i %= period;
    if (i < 0)
      i += period;
    return i < len ? i : period - i;
  }
  if (mode == HUGE_PAD_REFLECT)
    return 0;
  return -1;
}

void huge_pad(const float *in, float *out, const int *in_shape,
              const int *pads, int rank, huge_pad_mode mode, float value) {
  long in_strides[HUGE_MAX_RANK], stride = 1, total = 1, i;
  int out_shape[HUGE_MAX_RANK], index[HUGE_MAX_RANK] = {0};
  int d;
  for (d = rank - 1; d >= 0; --d) {
    in_strides[d] = stride;
    stride *= in_shape[d];
  }
  for (d = 0; d < rank; ++d) {
    out_shape[d] = in_shape[d] + pads[d] + pads[rank + d];
    total *= out_shape[d];
  }
  for (i = 0; i < total; ++i) {
    long src = 0;
    int inside = 1;
    for (d = 0; d < rank && inside; ++d) {
      const int s = pad_source(index[d] - pads[d], in_shape[d], mode);
      if (s < 0)
        inside = 0;
      else
        src += s * in_strides[d];
    }
    out[i] = inside ? in[src] : value;
    for (d = rank - 1; d >= 0; --d) {
      if (++index[d] < out_shape[d])
        break;
      index[d] = 0;
    }
  }
}

void huge_matmul(const float *a, const float *b, float *out, int batch,
                 int a_stride, int b_stride, int m, int k, int n) {
  int bi, i, j, t;
  for (bi = 0; bi < batch; ++bi) {
    const float *ab = a + (long)bi * a_stride;
    const float *bb = b + (long)bi * b_stride;
    float *o = out + (long)bi * m * n;
    for (i = 0; i < m; ++i) {
      for (j = 0; j < n; ++j)
        o[i * n + j] = 0.0f;
      for (t = 0; t < k; ++t) {
        const float av = ab[i * k + t];
        for (j = 0; j < n; ++j)
          o[i * n + j] += av * bb[t * n + j];
      }
    }
  }
}

void huge_gemm(const float *a, const float *b, const float *c, float *out,
               int m, int n, int k, int trans_a, int trans_b, float alpha,
               float beta, int c_stride_m, int c_stride_n) {
  int i, j, t;
  for (i = 0; i < m; ++i)
    for (j = 0; j < n; ++j) {
      float sum = 0.0f;
      for (t = 0; t < k; ++t) {
        const float av = trans_a ? a[t * m + i] : a[i * k + t];
        const float bv = trans_b ? b[j * k + t] : b[t * n + j];
        sum += av * bv;
      }
      out[i * n + j] =
          alpha * sum + (c ? beta * c[i * c_stride_m + j * c_stride_n] : 0.0f);
    }
}

void huge_softmax(const float *in, float *out, int outer, int len, int inner) {
  int o, i, t;
  for (o = 0; o < outer; ++o)
    for (i = 0; i < inner; ++i) {
      const long base = (long)o * len * inner + i;
      float m = -INFINITY, sum = 0.0f;
      for (t = 0; t < len; ++t)
        if (in[base + (long)t * inner] > m)
          m = in[base + (long)t * inner];
      for (t = 0; t < len; ++t) {
        const float e = expf(in[base + (long)t * inner] - m);
        out[base + (long)t * inner] = e;
        sum += e;
      }
      for (t = 0; t < len; ++t)
        out[base + (long)t * inner] /= sum;
    }
}
