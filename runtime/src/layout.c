/* Data movement: phase interleaving, slices, concatenation, copies,
 * depth-to-space, transposes and padding. */
#include "base.h"

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
  long in_strides[HUGE_MAX_RANK], stride = 1, total = 1, run = 1, i, src = 0;
  int index[HUGE_MAX_RANK] = {0};
  int d, inner = rank;
  for (d = rank - 1; d >= 0; --d) {
    in_strides[d] = stride;
    stride *= in_shape[d];
  }
  for (d = 0; d < rank; ++d) {
    total *= out_shape[d];
    src += offsets[d] * in_strides[d];
  }
  /* Axes [inner, rank) are read as contiguous runs: unit steps, and whole
   * but for the outermost of them (a band of rows is one run per plane). */
  while (inner > 0 && steps[inner - 1] == 1) {
    --inner;
    run *= out_shape[inner];
    if (out_shape[inner] != in_shape[inner])
      break;
  }
  if (total == 0)
    return;
  for (i = 0; i < total; i += run) {
    if (run == 1)
      out[i] = in[src];
    else
      memcpy(out + i, in + src, sizeof(float) * (size_t)run);
    for (d = inner - 1; d >= 0; --d) {
      src += steps[d] * in_strides[d];
      if (++index[d] < out_shape[d])
        break;
      src -= (long)steps[d] * in_strides[d] * out_shape[d];
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
  int bn, ch, y, i, j, x;
  const int oh = h * b, ow = w * b;
  for (bn = 0; bn < n; ++bn)
    for (ch = 0; ch < c; ++ch)
      for (y = 0; y < oh; ++y) {
        /* output row y: input row y / b of the b planes of row phase y % b,
         * each spread over every b-th output column from column j */
        float *orow = out + (((long)bn * c + ch) * oh + y) * ow;
        i = y % b;
        for (j = 0; j < b; ++j) {
          const int src_c = crd ? (ch * b + i) * b + j : (i * b + j) * c + ch;
          const float *irow =
              in + (((long)bn * c * b * b + src_c) * h + y / b) * w;
          for (x = 0; x < w; ++x)
            orow[x * b + j] = irow[x];
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

void huge_pad(const float *in, float *out, const int *in_shape, const int *pads,
              int rank, huge_pad_mode mode, float value) {
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
