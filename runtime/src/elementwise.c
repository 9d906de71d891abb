/* Element-wise kernels: activations, math functions, batch normalization
 * and broadcasting binary operations. */
#include "base.h"

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

/* log(1 + exp(x)) without overflow for large x. */
static float softplus(float x) {
  return x > 0.0f ? x + log1pf(expf(-x)) : log1pf(expf(x));
}

void huge_unary(const float *in, float *out, int n, huge_unary_fn fn) {
  int i;
  switch (fn) {
  case HUGE_FN_SQRT:
    for (i = 0; i < n; ++i)
      out[i] = sqrtf(in[i]);
    break;
  case HUGE_FN_EXP:
    for (i = 0; i < n; ++i)
      out[i] = expf(in[i]);
    break;
  case HUGE_FN_LOG:
    for (i = 0; i < n; ++i)
      out[i] = logf(in[i]);
    break;
  case HUGE_FN_NEG:
    for (i = 0; i < n; ++i)
      out[i] = -in[i];
    break;
  case HUGE_FN_ABS:
    for (i = 0; i < n; ++i)
      out[i] = fabsf(in[i]);
    break;
  case HUGE_FN_RECIPROCAL:
    for (i = 0; i < n; ++i)
      out[i] = 1.0f / in[i];
    break;
  case HUGE_FN_ERF:
    for (i = 0; i < n; ++i)
      out[i] = erff(in[i]);
    break;
  case HUGE_FN_SOFTPLUS:
    for (i = 0; i < n; ++i)
      out[i] = softplus(in[i]);
    break;
  case HUGE_FN_SOFTSIGN:
    for (i = 0; i < n; ++i)
      out[i] = in[i] / (1.0f + fabsf(in[i]));
    break;
  }
}

void huge_hard_sigmoid(const float *in, float *out, int n, float alpha,
                       float beta) {
  int i;
  for (i = 0; i < n; ++i) {
    float v = alpha * in[i] + beta;
    out[i] = v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
  }
}

void huge_hard_swish(const float *in, float *out, int n) {
  int i;
  for (i = 0; i < n; ++i) {
    float x = in[i], r = x + 3.0f;
    r = r < 0.0f ? 0.0f : (r > 6.0f ? 6.0f : r);
    out[i] = x * r / 6.0f;
  }
}

void huge_sigmoid(const float *in, float *out, int n) {
  int i;
  for (i = 0; i < n; ++i)
    out[i] = fast_sigmoid(in[i]);
}

void huge_tanh(const float *in, float *out, int n) {
  int i;
  for (i = 0; i < n; ++i)
    out[i] = fast_tanh(in[i]);
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

void huge_instance_norm(const float *in, float *out, int n, int c, int inner,
                        const float *scale, const float *bias, float epsilon) {
  int plane, i;
  for (plane = 0; plane < n * c; ++plane) {
    const float *x = in + (long)plane * inner;
    float *y = out + (long)plane * inner;
    const int ch = plane % c;
    /* in double: a plane of 2^20 floats keeps float accuracy */
    double sum = 0.0, sq = 0.0, mean, var;
    float s, t;
    for (i = 0; i < inner; ++i)
      sum += x[i];
    mean = inner > 0 ? sum / inner : 0.0;
    for (i = 0; i < inner; ++i)
      sq += (x[i] - mean) * (x[i] - mean);
    var = inner > 0 ? sq / inner : 0.0;
    s = (float)(scale[ch] / sqrt(var + epsilon));
    t = (float)(bias[ch] - mean * s);
    for (i = 0; i < inner; ++i)
      y[i] = x[i] * s + t;
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
