/* Matrix products, softmax and reductions. */
#include "base.h"

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
  for (i = 0; i < m; ++i) {
    float *o = out + (long)i * n;
    if (!trans_b) {
      /* rows of B into the whole output row: a loop over j the compiler
       * vectorizes; each output sums over t in order, as below */
      for (j = 0; j < n; ++j)
        o[j] = 0.0f;
      for (t = 0; t < k; ++t) {
        const float av = trans_a ? a[(long)t * m + i] : a[(long)i * k + t];
        const float *bt = b + (long)t * n;
        for (j = 0; j < n; ++j)
          o[j] += av * bt[j];
      }
    } else {
      for (j = 0; j < n; ++j) {
        float sum = 0.0f;
        for (t = 0; t < k; ++t) {
          const float av = trans_a ? a[(long)t * m + i] : a[(long)i * k + t];
          sum += av * b[(long)j * k + t];
        }
        o[j] = sum;
      }
    }
    for (j = 0; j < n; ++j)
      o[j] = alpha * o[j] +
             (c ? beta * c[(long)i * c_stride_m + (long)j * c_stride_n] : 0.0f);
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

/* Steps an odometer over the axes axis[0..n) of a dense tensor: the last
 * one fastest; *off follows the element offset. */
static void odometer_step(int *index, const int *axis, int n, const int *shape,
                          const long *stride, long *off) {
  int i;
  for (i = n - 1; i >= 0; --i) {
    const int d = axis[i];
    *off += stride[d];
    if (++index[i] < shape[d])
      return;
    *off -= stride[d] * shape[d];
    index[i] = 0;
  }
}

void huge_reduce(huge_reduce_kind kind, const float *in, float *out,
                 const int *shape, const int *reduced, int rank) {
  long stride[HUGE_MAX_RANK], step = 1, kept_n = 1, red_n = 1, o, r, base = 0;
  int kept[HUGE_MAX_RANK], red[HUGE_MAX_RANK], nk = 0, nr = 0, d, t, run;
  int ki[HUGE_MAX_RANK] = {0};
  for (d = rank - 1; d >= 0; --d) {
    stride[d] = step;
    step *= shape[d];
  }
  for (d = 0; d < rank; ++d) {
    if (reduced[d]) {
      red[nr++] = d;
      red_n *= shape[d];
    } else {
      kept[nk++] = d;
      kept_n *= shape[d];
    }
  }
  /* When the last axis is reduced, its elements are one contiguous run. */
  run = nr > 0 && red[nr - 1] == rank - 1 ? shape[rank - 1] : 1;
  for (o = 0; o < kept_n; ++o) {
    int ri[HUGE_MAX_RANK] = {0};
    long off = 0;
    double sum = 0.0;
    float mx = -INFINITY;
    for (r = 0; r < red_n; r += run) {
      const float *p = in + base + off;
      if (kind == HUGE_REDUCE_MAX) {
        for (t = 0; t < run; ++t)
          if (p[t] > mx || p[t] != p[t])
            mx = mx != mx ? mx : p[t];
      } else {
        for (t = 0; t < run; ++t)
          sum += p[t];
      }
      odometer_step(ri, red, nr - (run > 1), shape, stride, &off);
    }
    out[o] = kind == HUGE_REDUCE_MAX    ? mx
             : kind == HUGE_REDUCE_MEAN ? (float)(sum / (double)red_n)
                                        : (float)sum;
    odometer_step(ki, kept, nk, shape, stride, &base);
  }
}
