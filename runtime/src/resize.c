/* Resize (nearest and linear) with ONNX's coordinate transformations. */
#include "base.h"

static float source_coordinate(int x, float scale, int in_len, int out_len,
                               huge_coordinate_mode mode, float roi_start,
                               float roi_end) {
  switch (mode) {
  case HUGE_COORD_HALF_PIXEL:
    return ((float)x + 0.5f) / scale - 0.5f;
  case HUGE_COORD_PYTORCH_HALF_PIXEL:
    return out_len > 1 ? ((float)x + 0.5f) / scale - 0.5f : 0.0f;
  case HUGE_COORD_ALIGN_CORNERS: {
    /* ONNX measures the resized length as in_len * scale, not the floored
     * output length; the two differ when the scale does not divide evenly. */
    const float resized = (float)in_len * scale;
    return out_len > 1 ? (float)x * (float)(in_len - 1) / (resized - 1.0f)
                       : 0.0f;
  }
  case HUGE_COORD_ASYMMETRIC:
    return (float)x / scale;
  case HUGE_COORD_TF_CROP_AND_RESIZE: {
    const float resized = (float)in_len * scale, last = (float)(in_len - 1);
    return resized == 1.0f
               ? 0.5f * (roi_start + roi_end) * last
               : roi_start * last +
                     (float)x * (roi_end - roi_start) * last / (resized - 1.0f);
  }
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

/* The 4 taps of bicubic interpolation at source coordinate s: indices
 * clamped into [0, len) (edge pixels repeat) and Keys' weights. A source on a
 * pixel takes that pixel as the third tap, as ONNX's reference does. */
static void cubic_taps(float s, int len, float a, int exclude_outside,
                       int idx[4], float wt[4]) {
  const float fl = floorf(s);
  const float r = s == fl ? 1.0f : s - fl, q = 1.0f - r;
  const int base = (int)fl - (s == fl ? 2 : 1);
  float sum = 0.0f;
  int k;
  wt[0] = ((a * (r + 1.0f) - 5.0f * a) * (r + 1.0f) + 8.0f * a) * (r + 1.0f) -
          4.0f * a;
  wt[1] = ((a + 2.0f) * r - (a + 3.0f)) * r * r + 1.0f;
  wt[2] = ((a + 2.0f) * q - (a + 3.0f)) * q * q + 1.0f;
  wt[3] = ((a * (q + 1.0f) - 5.0f * a) * (q + 1.0f) + 8.0f * a) * (q + 1.0f) -
          4.0f * a;
  for (k = 0; k < 4; ++k) {
    const int i = base + k;
    if (exclude_outside && (i < 0 || i >= len))
      wt[k] = 0.0f;
    sum += wt[k];
    idx[k] = min_int(max_int(i, 0), len - 1);
  }
  if (exclude_outside && sum != 0.0f)
    for (k = 0; k < 4; ++k)
      wt[k] /= sum;
}

/* Output columns per chunk of the column tables below. */
#define HUGE_RESIZE_CHUNK 256

/* Input row r blended along x into t: m output columns, from the column
 * tables of resize_separable. */
static void resize_row_x(const float *r, float *t, const int *x0t,
                         const int *x1t, const float *lxt, int m) {
  int i;
  for (i = 0; i < m; ++i)
    t[i] = r[x0t[i]] * (1.0f - lxt[i]) + r[x1t[i]] * lxt[i];
}

/* Nearest and linear resizes (not the crop-and-resize transformation),
 * with each output column's source columns and weight computed once per
 * chunk of columns and each output row's once per row, instead of once per
 * pixel, and each input row a linear resize blends resized along x once: the
 * same operations on the same values as the general loop of
 * huge_resize_rows, so the same results. */
static void resize_separable(const float *in, float *out, int nc, int h,
                             int w, int oh, int ow, float scale_h,
                             float scale_w, int linear,
                             huge_coordinate_mode coord,
                             huge_nearest_mode nearest, const float *roi,
                             int in_row0, int in_rows, int out_row0,
                             int out_rows, long out_plane) {
  int x0t[HUGE_RESIZE_CHUNK], x1t[HUGE_RESIZE_CHUNK];
  float lxt[HUGE_RESIZE_CHUNK];
  int xc, c, yy, i;
  for (xc = 0; xc < ow; xc += HUGE_RESIZE_CHUNK) {
    const int m = min_int(HUGE_RESIZE_CHUNK, ow - xc);
    for (i = 0; i < m; ++i) {
      const float sx =
          source_coordinate(xc + i, scale_w, w, ow, coord, roi[1], roi[3]);
      if (linear) {
        const float cx = sx < 0.0f ? 0.0f : sx;
        x0t[i] = min_int((int)cx, w - 1);
        x1t[i] = min_int(x0t[i] + 1, w - 1);
        lxt[i] = cx - (float)x0t[i] > 1.0f ? 1.0f : cx - (float)x0t[i];
      } else {
        x0t[i] = nearest_index(sx, w, nearest);
      }
    }
    if (linear)
      for (c = 0; c < nc; ++c) {
        /* Rows of the band: row r of the whole input is row r - in_row0.
         * The two input rows an output row blends, resized along x once
         * each and kept while the next output rows blend them too. */
        const float *ip = in + (long)c * in_rows * w;
        float rows[2][HUGE_RESIZE_CHUNK];
        float *t0 = rows[0], *t1 = rows[1], *swap;
        int r0 = -1, r1 = -1, tmp;
        for (yy = 0; yy < out_rows; ++yy) {
          const float sy = source_coordinate(out_row0 + yy, scale_h, h, oh,
                                             coord, roi[0], roi[2]);
          const float cy = sy < 0.0f ? 0.0f : sy;
          const int y0 = min_int((int)cy, h - 1), y1 = min_int(y0 + 1, h - 1);
          const float ly = cy - (float)y0 > 1.0f ? 1.0f : cy - (float)y0;
          const float *bot;
          float *o = out + (long)c * out_plane + (long)yy * ow + xc;
          if (y0 == r1) {
            swap = t0, t0 = t1, t1 = swap;
            tmp = r0, r0 = r1, r1 = tmp;
          }
          if (y0 != r0) {
            resize_row_x(ip + (long)(y0 - in_row0) * w, t0, x0t, x1t, lxt, m);
            r0 = y0;
          }
          if (y1 == r0) {
            bot = t0;
          } else {
            if (y1 != r1) {
              resize_row_x(ip + (long)(y1 - in_row0) * w, t1, x0t, x1t, lxt, m);
              r1 = y1;
            }
            bot = t1;
          }
          for (i = 0; i < m; ++i)
            o[i] = t0[i] * (1.0f - ly) + bot[i] * ly;
        }
      }
    else
      for (yy = 0; yy < out_rows; ++yy) {
        const float sy = source_coordinate(out_row0 + yy, scale_h, h, oh,
                                           coord, roi[0], roi[2]);
        const int iy = nearest_index(sy, h, nearest) - in_row0;
        for (c = 0; c < nc; ++c) {
          const float *r = in + (long)c * in_rows * w + (long)iy * w;
          float *o = out + (long)c * out_plane + (long)yy * ow + xc;
          for (i = 0; i < m; ++i)
            o[i] = r[x0t[i]];
        }
      }
  }
}

void huge_resize_rows(const float *in, float *out, int nc, int h, int w,
                      int oh, int ow, float scale_h, float scale_w,
                      huge_resize_mode mode, huge_coordinate_mode coord,
                      huge_nearest_mode nearest, const float *roi,
                      float extrapolation, float cubic_a, int exclude_outside,
                      int in_row0, int in_rows, int out_row0, int out_rows,
                      long out_plane) {
  static const float kWhole[4] = {0.0f, 0.0f, 1.0f, 1.0f};
  const int crop = coord == HUGE_COORD_TF_CROP_AND_RESIZE;
  const int linear = mode == HUGE_RESIZE_LINEAR;
  int c, yy, x;
  if (!roi)
    roi = kWhole;
  if (!crop && mode != HUGE_RESIZE_CUBIC) {
    resize_separable(in, out, nc, h, w, oh, ow, scale_h, scale_w, linear,
                     coord, nearest, roi, in_row0, in_rows, out_row0, out_rows,
                     out_plane);
    return;
  }
  for (c = 0; c < nc; ++c) {
    const float *ip = in + (long)c * in_rows * w;
    float *o = out + (long)c * out_plane;
    for (yy = 0; yy < out_rows; ++yy) {
      const int y = out_row0 + yy;
      const float sy =
          source_coordinate(y, scale_h, h, oh, coord, roi[0], roi[2]);
      for (x = 0; x < ow; ++x) {
        const float sx =
            source_coordinate(x, scale_w, w, ow, coord, roi[1], roi[3]);
        /* TensorFlow's CropAndResize: a source outside the input gives the
         * extrapolation value. */
        if (crop && (sy < 0.0f || sy > (float)(h - 1) || sx < 0.0f ||
                     sx > (float)(w - 1))) {
          o[yy * ow + x] = extrapolation;
        } else if (mode == HUGE_RESIZE_CUBIC) {
          int iy[4], ix[4], i, j;
          float wy[4], wx[4], acc = 0.0f;
          cubic_taps(sy, h, cubic_a, exclude_outside, iy, wy);
          cubic_taps(sx, w, cubic_a, exclude_outside, ix, wx);
          for (i = 0; i < 4; ++i) {
            float row = 0.0f;
            for (j = 0; j < 4; ++j)
              row += wx[j] * ip[(iy[i] - in_row0) * w + ix[j]];
            acc += wy[i] * row;
          }
          o[yy * ow + x] = acc;
        } else if (!linear) {
          o[yy * ow + x] = ip[(nearest_index(sy, h, nearest) - in_row0) * w +
                              nearest_index(sx, w, nearest)];
        } else {
          const float cy = sy < 0.0f ? 0.0f : sy, cx = sx < 0.0f ? 0.0f : sx;
          const int y0 = min_int((int)cy, h - 1), x0 = min_int((int)cx, w - 1);
          const int y1 = min_int(y0 + 1, h - 1), x1 = min_int(x0 + 1, w - 1);
          /* Rows of the band: row r of the whole input is row r - in_row0. */
          const float *r0 = ip + (long)(y0 - in_row0) * w;
          const float *r1 = ip + (long)(y1 - in_row0) * w;
          const float ly = cy - (float)y0 > 1.0f ? 1.0f : cy - (float)y0;
          const float lx = cx - (float)x0 > 1.0f ? 1.0f : cx - (float)x0;
          const float top = r0[x0] * (1.0f - lx) + r0[x1] * lx;
          const float bot = r1[x0] * (1.0f - lx) + r1[x1] * lx;
          o[yy * ow + x] = top * (1.0f - ly) + bot * ly;
        }
      }
    }
  }
}

void huge_resize(const float *in, float *out, int nc, int h, int w, int oh,
                 int ow, float scale_h, float scale_w, huge_resize_mode mode,
                 huge_coordinate_mode coord, huge_nearest_mode nearest,
                 const float *roi, float extrapolation, float cubic_a,
                 int exclude_outside) {
  huge_resize_rows(in, out, nc, h, w, oh, ow, scale_h, scale_w, mode, coord,
                   nearest, roi, extrapolation, cubic_a, exclude_outside, 0, h,
                   0, oh, (long)oh * ow);
}
