/* Matrix products and softmax. */
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
