/* Element-wise kernels: activations, math functions, batch normalization
 * and broadcasting binary operations. */
#include "isa/simd.h"

/* log(1 + exp(x)) without overflow for large x. */
static float softplus(float x) {
  return x > 0.0f ? x + log1pf(expf(-x)) : log1pf(expf(x));
}

/* Elements per chunk: a chunk is computed into a local array, which the
 * compiler knows aliases nothing, so each loop vectorizes, then copied out
 * (so out may equal in). */
#define HUGE_CHUNK 256

/* The parameters each step takes from a chain's params. */
static int step_params(huge_step step) {
  switch (step) {
  case HUGE_STEP_CLIP:
  case HUGE_STEP_HARD_SIGMOID:
  case HUGE_STEP_SELU:
    return 2;
  case HUGE_STEP_LEAKY_RELU:
  case HUGE_STEP_ELU:
  case HUGE_STEP_POW:
  case HUGE_STEP_ADD:
  case HUGE_STEP_SUB:
  case HUGE_STEP_RSUB:
  case HUGE_STEP_MUL:
  case HUGE_STEP_DIV:
  case HUGE_STEP_RDIV:
    return 1;
  default:
    return 0;
  }
}

/* dst[i] = EXPR of v = src[i] (and of x = xs[i], the chain's input, and
 * the step's parameters p) for i < m; dst may equal src. */
#define HUGE_STEP_LOOP(EXPR)                                                   \
  do {                                                                         \
    for (i = 0; i < m; ++i) {                                                  \
      const float v = src[i];                                                  \
      dst[i] = EXPR;                                                           \
    }                                                                          \
  } while (0)

/* One element-wise step over one chunk. Every element-wise kernel and
 * every step of a chain computes through here, so a fused chain rounds
 * exactly as the kernels it replaces. */
static void step_chunk(huge_step step, const float *src, float *dst,
                       const float *xs, int m, const float *p) {
  /* the parameters in locals: through p, each iteration would reload them,
   * since dst might alias them */
  const float a0 = step_params(step) > 0 ? p[0] : 0.0f;
  const float a1 = step_params(step) > 1 ? p[1] : 0.0f;
  int i;
  switch (step) {
  case HUGE_STEP_RELU:
    HUGE_STEP_LOOP(v > 0.0f ? v : 0.0f);
    return;
  case HUGE_STEP_LEAKY_RELU:
    /* in whole native vectors, in place (isa/simd.h) */
    if (dst != src)
      memcpy(dst, src, sizeof(float) * (size_t)m);
    leaky_relu_row(dst, m, a0);
    return;
  case HUGE_STEP_CLIP:
    HUGE_STEP_LOOP(v < a0 ? a0 : (v > a1 ? a1 : v));
    return;
  case HUGE_STEP_SIGMOID:
  case HUGE_STEP_TANH:
  case HUGE_STEP_SILU:
    /* in whole native vectors, in place (isa/simd.h) */
    if (dst != src)
      memcpy(dst, src, sizeof(float) * (size_t)m);
    if (step == HUGE_STEP_SIGMOID)
      sigmoid_row(dst, m);
    else if (step == HUGE_STEP_TANH)
      tanh_row(dst, m);
    else
      silu_row(dst, m);
    return;
  case HUGE_STEP_HARD_SIGMOID:
    HUGE_STEP_LOOP(a0 * v + a1 < 0.0f
                       ? 0.0f
                       : (a0 * v + a1 > 1.0f ? 1.0f : a0 * v + a1));
    return;
  case HUGE_STEP_HARD_SWISH:
    /* divided by 6 as PyTorch does: a multiply by 1/6 rounds differently */
    HUGE_STEP_LOOP(
        v * (v + 3.0f < 0.0f ? 0.0f : (v + 3.0f > 6.0f ? 6.0f : v + 3.0f)) /
        6.0f);
    return;
  case HUGE_STEP_SQRT:
    HUGE_STEP_LOOP(sqrtf(v));
    return;
  case HUGE_STEP_EXP:
    HUGE_STEP_LOOP(expf(v));
    return;
  case HUGE_STEP_LOG:
    HUGE_STEP_LOOP(logf(v));
    return;
  case HUGE_STEP_NEG:
    HUGE_STEP_LOOP(-v);
    return;
  case HUGE_STEP_ABS:
    HUGE_STEP_LOOP(fabsf(v));
    return;
  case HUGE_STEP_RECIPROCAL:
    HUGE_STEP_LOOP(1.0f / v);
    return;
  case HUGE_STEP_ERF:
    HUGE_STEP_LOOP(erff(v));
    return;
  case HUGE_STEP_SOFTPLUS:
    HUGE_STEP_LOOP(softplus(v));
    return;
  case HUGE_STEP_SOFTSIGN:
    HUGE_STEP_LOOP(v / (1.0f + fabsf(v)));
    return;
  case HUGE_STEP_ELU:
    HUGE_STEP_LOOP(v > 0.0f ? v : a0 * expm1f(v));
    return;
  case HUGE_STEP_SELU:
    HUGE_STEP_LOOP(a1 * (v > 0.0f ? v : a0 * expm1f(v)));
    return;
  case HUGE_STEP_POW:
    HUGE_STEP_LOOP(powf(v, a0));
    return;
  case HUGE_STEP_FLOOR:
    HUGE_STEP_LOOP(floorf(v));
    return;
  case HUGE_STEP_CEIL:
    HUGE_STEP_LOOP(ceilf(v));
    return;
  case HUGE_STEP_ADD:
    HUGE_STEP_LOOP(v + a0);
    return;
  case HUGE_STEP_SUB:
    HUGE_STEP_LOOP(v - a0);
    return;
  case HUGE_STEP_RSUB:
    HUGE_STEP_LOOP(a0 - v);
    return;
  case HUGE_STEP_MUL:
    HUGE_STEP_LOOP(v * a0);
    return;
  case HUGE_STEP_DIV:
    HUGE_STEP_LOOP(v / a0);
    return;
  case HUGE_STEP_RDIV:
    HUGE_STEP_LOOP(a0 / v);
    return;
  case HUGE_STEP_ADD_INPUT:
    HUGE_STEP_LOOP(v + xs[i]);
    return;
  case HUGE_STEP_SUB_INPUT:
    HUGE_STEP_LOOP(v - xs[i]);
    return;
  case HUGE_STEP_RSUB_INPUT:
    HUGE_STEP_LOOP(xs[i] - v);
    return;
  case HUGE_STEP_MUL_INPUT:
    HUGE_STEP_LOOP(v * xs[i]);
    return;
  case HUGE_STEP_DIV_INPUT:
    HUGE_STEP_LOOP(v / xs[i]);
    return;
  case HUGE_STEP_RDIV_INPUT:
    HUGE_STEP_LOOP(xs[i] / v);
    return;
  }
}
#undef HUGE_STEP_LOOP

void huge_chain(const float *in, float *out, int n, const huge_step *steps,
                int nsteps, const float *params) {
  float t[HUGE_CHUNK];
  const int stream = stream_output(in, out, n);
  int i0, s;
  for (i0 = 0; i0 < n; i0 += HUGE_CHUNK) {
    const int m = n - i0 < HUGE_CHUNK ? n - i0 : HUGE_CHUNK;
    const float *x = in + i0, *p = params;
    for (s = 0; s < nsteps; ++s) {
      const int k = step_params(steps[s]);
      step_chunk(steps[s], s == 0 ? x : t, t, x, m, p);
      if (k > 0) /* params may be NULL when no step takes any */
        p += k;
    }
    if (nsteps == 0)
      memcpy(t, x, sizeof(float) * (size_t)m);
    copy_out(out + i0, t, m, stream);
  }
  stream_fence(stream);
}

/* One step over n elements, chunk by chunk. */
static void elementwise(huge_step step, const float *in, float *out, int n,
                        const float *p) {
  float t[HUGE_CHUNK];
  const int stream = stream_output(in, out, n);
  int i0;
  for (i0 = 0; i0 < n; i0 += HUGE_CHUNK) {
    const int m = n - i0 < HUGE_CHUNK ? n - i0 : HUGE_CHUNK;
    step_chunk(step, in + i0, t, in + i0, m, p);
    copy_out(out + i0, t, m, stream);
  }
  stream_fence(stream);
}

void huge_relu(const float *in, float *out, int n) {
  elementwise(HUGE_STEP_RELU, in, out, n, NULL);
}

void huge_leaky_relu(const float *in, float *out, int n, float alpha) {
  elementwise(HUGE_STEP_LEAKY_RELU, in, out, n, &alpha);
}

void huge_clip(const float *in, float *out, int n, float lo, float hi) {
  const float p[2] = {lo, hi};
  elementwise(HUGE_STEP_CLIP, in, out, n, p);
}

void huge_unary(const float *in, float *out, int n, huge_unary_fn fn, float a,
                float b) {
  /* huge_unary_fn's functions are the steps from HUGE_STEP_SQRT on, in
   * the same order */
  const float p[2] = {a, b};
  elementwise((huge_step)(HUGE_STEP_SQRT + (int)fn), in, out, n, p);
}

void huge_hard_sigmoid(const float *in, float *out, int n, float alpha,
                       float beta) {
  const float p[2] = {alpha, beta};
  elementwise(HUGE_STEP_HARD_SIGMOID, in, out, n, p);
}

void huge_hard_swish(const float *in, float *out, int n) {
  elementwise(HUGE_STEP_HARD_SWISH, in, out, n, NULL);
}

void huge_silu(const float *in, float *out, int n) {
  elementwise(HUGE_STEP_SILU, in, out, n, NULL);
}

void huge_sigmoid(const float *in, float *out, int n) {
  elementwise(HUGE_STEP_SIGMOID, in, out, n, NULL);
}

void huge_tanh(const float *in, float *out, int n) {
  elementwise(HUGE_STEP_TANH, in, out, n, NULL);
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
    if (sa == 1 && (sb == 0 || sb == 1)) { /* vectorized (isa/simd.h) */
      prelu_row(a, b, (int)sb, t, n);
      return;
    }
    HUGE_BINARY_CHUNK(x >= 0.0f ? x : x * y);
    return;
  case HUGE_POW:
    HUGE_BINARY_CHUNK(powf(x, y));
    return;
  }
}
#undef HUGE_BINARY_CHUNK

/* Columns per band when rows share one long broadcast row: 1 MiB of it,
 * which stays in a 2 MiB L2 while every row reads it. */
#ifndef HUGE_BROADCAST_COLUMNS
#define HUGE_BROADCAST_COLUMNS 262144L
#endif

/* One row of n outputs at o (which may equal a or b), chunk by chunk. */
static void binary_row(huge_binary_kind kind, const float *a, long sa,
                       const float *b, long sb, float *o, long n, int stream) {
  float t[HUGE_CHUNK];
  long i0;
  for (i0 = 0; i0 < n; i0 += HUGE_CHUNK) {
    const int m = n - i0 < HUGE_CHUNK ? (int)(n - i0) : HUGE_CHUNK;
    binary_chunk(kind, a + i0 * sa, sa, b + i0 * sb, sb, t, m);
    copy_out(o + i0, t, m, stream);
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
  int d, n = 0, stream;
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
  /* streamed unless it works in place over an operand */
  stream = stream_output(a, out, total) && stream_output(b, out, total);
  if (n == 2 && (as[0] == 0 || bs[0] == 0) && inner > HUGE_BROADCAST_COLUMNS) {
    /* Rows that all read one long broadcast row (a per-pixel map over many
     * channels): a band of columns of every row at a time, so the shared
     * part stays in cache instead of coming again from memory per row. */
    long c0, r;
    for (c0 = 0; c0 < inner; c0 += HUGE_BROADCAST_COLUMNS) {
      const long cols = inner - c0 < HUGE_BROADCAST_COLUMNS
                            ? inner - c0
                            : HUGE_BROADCAST_COLUMNS;
      for (r = 0; r < sh[0]; ++r)
        binary_row(kind, a + r * as[0] + c0 * as[1], as[1],
                   b + r * bs[0] + c0 * bs[1], bs[1], out + r * inner + c0,
                   cols, stream);
    }
    stream_fence(stream);
    return;
  }
  for (i = 0; i < total; i += inner) {
    binary_row(kind, a + ia, as[n - 1], b + ib, bs[n - 1], out + i, inner,
               stream);
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
  stream_fence(stream);
}
