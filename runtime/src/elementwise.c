/* Element-wise kernels: activations, math functions, batch normalization
 * and broadcasting binary operations. */
#include "isa/simd.h"

/* out[i] = EXPR (of x = in[i]) for i < n, where out may equal in. Each chunk
 * is computed into a local array, which the compiler knows aliases nothing,
 * so the loop vectorizes even in place, then copied out. */
#define HUGE_CHUNK 256
#define HUGE_ELEMENTWISE(EXPR)                                                 \
  do {                                                                         \
    float t_[HUGE_CHUNK];                                                      \
    int i0_, i_;                                                               \
    for (i0_ = 0; i0_ < n; i0_ += HUGE_CHUNK) {                                \
      const int m_ = n - i0_ < HUGE_CHUNK ? n - i0_ : HUGE_CHUNK;              \
      const float *in_ = in + i0_;                                             \
      for (i_ = 0; i_ < m_; ++i_) {                                            \
        const float x = in_[i_];                                               \
        t_[i_] = EXPR;                                                         \
      }                                                                        \
      memcpy(out + i0_, t_, sizeof(float) * (size_t)m_);                       \
    }                                                                          \
  } while (0)

void huge_relu(const float *in, float *out, int n) {
  HUGE_ELEMENTWISE(x > 0.0f ? x : 0.0f);
}

void huge_leaky_relu(const float *in, float *out, int n, float alpha) {
  HUGE_ELEMENTWISE(x >= 0.0f ? x : alpha * x);
}

void huge_clip(const float *in, float *out, int n, float lo, float hi) {
  HUGE_ELEMENTWISE(x < lo ? lo : (x > hi ? hi : x));
}

/* log(1 + exp(x)) without overflow for large x. */
static float softplus(float x) {
  return x > 0.0f ? x + log1pf(expf(-x)) : log1pf(expf(x));
}

void huge_unary(const float *in, float *out, int n, huge_unary_fn fn, float a,
                float b) {
  switch (fn) {
  case HUGE_FN_SQRT:
    HUGE_ELEMENTWISE(sqrtf(x));
    break;
  case HUGE_FN_EXP:
    HUGE_ELEMENTWISE(expf(x));
    break;
  case HUGE_FN_LOG:
    HUGE_ELEMENTWISE(logf(x));
    break;
  case HUGE_FN_NEG:
    HUGE_ELEMENTWISE(-x);
    break;
  case HUGE_FN_ABS:
    HUGE_ELEMENTWISE(fabsf(x));
    break;
  case HUGE_FN_RECIPROCAL:
    HUGE_ELEMENTWISE(1.0f / x);
    break;
  case HUGE_FN_ERF:
    HUGE_ELEMENTWISE(erff(x));
    break;
  case HUGE_FN_SOFTPLUS:
    HUGE_ELEMENTWISE(softplus(x));
    break;
  case HUGE_FN_SOFTSIGN:
    HUGE_ELEMENTWISE(x / (1.0f + fabsf(x)));
    break;
  case HUGE_FN_ELU:
    HUGE_ELEMENTWISE(x > 0.0f ? x : a * expm1f(x));
    break;
  case HUGE_FN_SELU:
    HUGE_ELEMENTWISE(b * (x > 0.0f ? x : a * expm1f(x)));
    break;
  case HUGE_FN_POW:
    HUGE_ELEMENTWISE(powf(x, a));
    break;
  case HUGE_FN_FLOOR:
    HUGE_ELEMENTWISE(floorf(x));
    break;
  case HUGE_FN_CEIL:
    HUGE_ELEMENTWISE(ceilf(x));
    break;
  }
}

void huge_hard_sigmoid(const float *in, float *out, int n, float alpha,
                       float beta) {
  HUGE_ELEMENTWISE(alpha * x + beta < 0.0f
                       ? 0.0f
                       : (alpha * x + beta > 1.0f ? 1.0f : alpha * x + beta));
}

void huge_hard_swish(const float *in, float *out, int n) {
  HUGE_ELEMENTWISE(
      x * (x + 3.0f < 0.0f ? 0.0f : (x + 3.0f > 6.0f ? 6.0f : x + 3.0f)) /
      6.0f);
}

/* The transcendental ones in place on out, in whole vectors (isa/simd.h). */
void huge_silu(const float *in, float *out, int n) {
  if (out != in)
    memcpy(out, in, sizeof(float) * (size_t)n);
  silu_row(out, n);
}

void huge_sigmoid(const float *in, float *out, int n) {
  if (out != in)
    memcpy(out, in, sizeof(float) * (size_t)n);
  sigmoid_row(out, n);
}

void huge_tanh(const float *in, float *out, int n) {
  if (out != in)
    memcpy(out, in, sizeof(float) * (size_t)n);
  tanh_row(out, n);
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

/* One chunk of a row of a binary op: n <= HUGE_CHUNK outputs into t,
 * operands sa and sb floats apart (0: one value broadcast). The unit-stride
 * and broadcast forms are plain loops into a local array, which the
 * compiler vectorizes. */
#define HUGE_BINARY_CHUNK(EXPR)                                                \
  do {                                                                         \
    if (sa == 1 && sb == 1) {                                                  \
      for (i = 0; i < n; ++i) {                                                \
        const float x = a[i], y = b[i];                                        \
        t[i] = EXPR;                                                           \
      }                                                                        \
    } else if (sa == 1 && sb == 0) {                                           \
      const float y = *b;                                                      \
      for (i = 0; i < n; ++i) {                                                \
        const float x = a[i];                                                  \
        t[i] = EXPR;                                                           \
      }                                                                        \
    } else if (sa == 0 && sb == 1) {                                           \
      const float x = *a;                                                      \
      for (i = 0; i < n; ++i) {                                                \
        const float y = b[i];                                                  \
        t[i] = EXPR;                                                           \
      }                                                                        \
    } else {                                                                   \
      for (i = 0; i < n; ++i) {                                                \
        const float x = a[(long)i * sa], y = b[(long)i * sb];                  \
        t[i] = EXPR;                                                           \
      }                                                                        \
    }                                                                          \
  } while (0)

static void binary_chunk(huge_binary_kind kind, const float *a, long sa,
                         const float *b, long sb, float *t, int n) {
  int i;
  switch (kind) {
  case HUGE_ADD:
    HUGE_BINARY_CHUNK(x + y);
    return;
  case HUGE_SUB:
    HUGE_BINARY_CHUNK(x - y);
    return;
  case HUGE_MUL:
    HUGE_BINARY_CHUNK(x * y);
    return;
  case HUGE_DIV:
    HUGE_BINARY_CHUNK(x / y);
    return;
  case HUGE_PRELU:
    HUGE_BINARY_CHUNK(x >= 0.0f ? x : x * y);
    return;
  case HUGE_POW:
    HUGE_BINARY_CHUNK(powf(x, y));
    return;
  }
}
#undef HUGE_BINARY_CHUNK

/* One row of n outputs at o (which may equal a or b), chunk by chunk. */
static void binary_row(huge_binary_kind kind, const float *a, long sa,
                       const float *b, long sb, float *o, long n) {
  float t[HUGE_CHUNK];
  long i0;
  for (i0 = 0; i0 < n; i0 += HUGE_CHUNK) {
    const int m = n - i0 < HUGE_CHUNK ? (int)(n - i0) : HUGE_CHUNK;
    binary_chunk(kind, a + i0 * sa, sa, b + i0 * sb, sb, t, m);
    memcpy(o + i0, t, sizeof(float) * (size_t)m);
  }
}

void huge_binary(huge_binary_kind kind, const float *a, const int *a_strides,
                 const float *b, const int *b_strides, float *out,
                 const int *shape, int rank) {
  /* Axes of extent 1 dropped, and neighbours merged where both operands
   * step through them as through one axis (contiguous, or both broadcast):
   * a per-channel scale of [1, C, H, W] is C rows of H * W. */
  long sh[HUGE_MAX_RANK], as[HUGE_MAX_RANK], bs[HUGE_MAX_RANK];
  long index[HUGE_MAX_RANK] = {0}, total = 1, i, ia = 0, ib = 0, inner;
  int d, n = 0;
  for (d = 0; d < rank; ++d) {
    total *= shape[d];
    if (shape[d] == 1)
      continue;
    if (n > 0 && as[n - 1] == (long)a_strides[d] * shape[d] &&
        bs[n - 1] == (long)b_strides[d] * shape[d]) {
      sh[n - 1] *= shape[d];
      as[n - 1] = a_strides[d];
      bs[n - 1] = b_strides[d];
      continue;
    }
    sh[n] = shape[d];
    as[n] = a_strides[d];
    bs[n] = b_strides[d];
    ++n;
  }
  if (total == 0)
    return;
  if (n == 0) { /* one element */
    sh[0] = 1;
    as[0] = bs[0] = 0;
    n = 1;
  }
  inner = sh[n - 1];
  for (i = 0; i < total; i += inner) {
    binary_row(kind, a + ia, as[n - 1], b + ib, bs[n - 1], out + i, inner);
    /* odometer over the outer axes */
    for (d = n - 2; d >= 0; --d) {
      ia += as[d];
      ib += bs[d];
      if (++index[d] < sh[d])
        break;
      ia -= as[d] * sh[d];
      ib -= bs[d] * sh[d];
      index[d] = 0;
    }
  }
}
