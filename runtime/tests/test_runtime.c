/* Unit tests of the huge C runtime: each kernel against hand-computed values
 * or a definitional reference (zero insertion for transposed convolution).
 * Prints one line per failure and "N passed, N failed". */
#include "huge_runtime.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;

static void check_close(const char *name, const float *got, const float *want,
                        int n) {
  int i;
  for (i = 0; i < n; ++i)
    if (fabsf(got[i] - want[i]) > 1e-5f * (1.0f + fabsf(want[i]))) {
      printf("FAIL %s: element %d is %g, expected %g\n", name, i,
             (double)got[i], (double)want[i]);
      ++failed;
      return;
    }
  ++passed;
}

/* For long reductions, whose sums may cancel to small values: the largest
 * error against the largest magnitude, as the end-to-end tests measure. */
static void check_close_max(const char *name, const float *got,
                            const float *want, int n) {
  float err = 0.0f, mag = 0.0f;
  int i;
  for (i = 0; i < n; ++i) {
    err = fmaxf(err, fabsf(got[i] - want[i]));
    mag = fmaxf(mag, fabsf(want[i]));
  }
  if (!(err <= 1e-5f * mag)) {
    printf("FAIL %s: max error %g, max magnitude %g\n", name, (double)err,
           (double)mag);
    ++failed;
    return;
  }
  ++passed;
}

static unsigned rng_state = 12345u;
static float frand(void) {
  rng_state = rng_state * 1103515245u + 12345u;
  return (float)((rng_state >> 9) & 0xffff) / 32768.0f - 1.0f;
}

/* Direct definition of conv2d. */
static void ref_conv2d(const float *in, const float *w, const float *b,
                       float *out, const huge_conv_params *p) {
  int n, co, y, x, ci, ky, kx;
  const int cig = p->cin / p->groups, cog = p->cout / p->groups;
  for (n = 0; n < p->n; ++n)
    for (co = 0; co < p->cout; ++co)
      for (y = 0; y < p->oh; ++y)
        for (x = 0; x < p->ow; ++x) {
          float s = b ? b[co] : 0.0f;
          for (ci = 0; ci < cig; ++ci)
            for (ky = 0; ky < p->kh; ++ky)
              for (kx = 0; kx < p->kw; ++kx) {
                const int iy = y * p->sh - p->pt + ky * p->dh;
                const int ix = x * p->sw - p->pl + kx * p->dw;
                const int c = (co / cog) * cig + ci;
                if (iy >= 0 && iy < p->h && ix >= 0 && ix < p->w)
                  s += in[((n * p->cin + c) * p->h + iy) * p->w + ix] *
                       w[((co * cig + ci) * p->kh + ky) * p->kw + kx];
              }
          out[((n * p->cout + co) * p->oh + y) * p->ow + x] = s;
        }
}

/* Transposed conv by its textbook definition: insert stride-1 zeros between
 * input pixels, pad by dilated kernel extent - 1 - pad, and correlate with
 * the flipped kernel (in/out channels swapped). */
static void ref_conv_transpose2d(const float *in, const float *w,
                                 const float *b, float *out,
                                 const huge_conv_params *p) {
  const int cig = p->cin / p->groups, cog = p->cout / p->groups;
  const int zh = (p->h - 1) * p->sh + 1, zw = (p->w - 1) * p->sw + 1;
  const int eh = p->dh * (p->kh - 1), ew = p->dw * (p->kw - 1);
  int n, co, y, x, ci, ky, kx;
  for (n = 0; n < p->n; ++n)
    for (co = 0; co < p->cout; ++co)
      for (y = 0; y < p->oh; ++y)
        for (x = 0; x < p->ow; ++x) {
          float s = b ? b[co] : 0.0f;
          const int g = co / cog, j = co % cog;
          for (ci = 0; ci < cig; ++ci)
            for (ky = 0; ky < p->kh; ++ky)
              for (kx = 0; kx < p->kw; ++kx) {
                /* position in the zero-inserted, padded input */
                const int zy = y - (eh - p->pt) + ky * p->dh;
                const int zx = x - (ew - p->pl) + kx * p->dw;
                const int c = g * cig + ci;
                if (zy < 0 || zy >= zh || zx < 0 || zx >= zw ||
                    zy % p->sh != 0 || zx % p->sw != 0)
                  continue;
                s += in[((n * p->cin + c) * p->h + zy / p->sh) * p->w +
                        zx / p->sw] *
                     w[((c * cog + j) * p->kh + (p->kh - 1 - ky)) * p->kw +
                       (p->kw - 1 - kx)];
              }
          out[((n * p->cout + co) * p->oh + y) * p->ow + x] = s;
        }
}

static float *random_buffer(int n) {
  float *b = malloc(sizeof(float) * (size_t)n);
  int i;
  for (i = 0; i < n; ++i)
    b[i] = frand();
  return b;
}

/* huge_conv2d over weights [cout][cin/g][kh][kw], packed in blocks of blk. */
static float *pack(const float *w, const huge_conv_params *p, int blk) {
  const int cig = p->cin / p->groups, cog = p->cout / p->groups;
  const int size =
      p->groups * ((cog + blk - 1) / blk) * p->kh * p->kw * cig * blk;
  float *packed = malloc(sizeof(float) * (size_t)size);
  huge_pack_conv2d_weights(w, p->cout, cig, p->kh, p->kw, p->groups, blk,
                           packed);
  return packed;
}

static void conv_packed(const float *in, const float *w, const float *b,
                        float *out, const huge_conv_params *p, int blk) {
  float *packed = pack(w, p, blk);
  huge_conv2d(in, packed, blk, b, out, p);
  free(packed);
}

/* A parallel-for that runs the tasks backwards, on one thread: any order
 * must give the same result. */
static int tasks_run;
static void backwards(void *ctx, int count, huge_task_fn task, void *arg) {
  int i;
  (void)ctx;
  for (i = count - 1; i >= 0; --i)
    task(arg, i);
  tasks_run += count;
}

static void test_convolutions(void) {
  /* A spread of geometries: padding, stride, dilation, groups, non-square. */
  static const int cases[][16] = {
      /* n cin h w cout kh kw sh sw pt pl pb pr dh dw g */
      {1, 3, 7, 6, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1},
      {2, 4, 9, 8, 6, 3, 2, 2, 3, 1, 0, 2, 1, 1, 1, 2},
      {1, 4, 10, 10, 4, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 4},
      {1, 2, 5, 7, 4, 5, 1, 2, 1, 0, 0, 0, 0, 1, 1, 1},
      /* enough channels and columns for whole register tiles */
      {1, 5, 12, 37, 40, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 1},
      {1, 6, 11, 23, 34, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 2},
      {1, 3, 9, 70, 17, 1, 5, 1, 1, 0, 3, 0, 4, 1, 3, 1},
      /* rows wide enough for runs of interior by-column tiles: a 1x1, more
       * kernel columns than a tile keeps masks for, dilated columns */
      {1, 20, 2, 200, 24, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1},
      {1, 3, 3, 140, 9, 1, 9, 1, 1, 0, 4, 0, 4, 1, 1, 1},
      {1, 4, 5, 130, 8, 3, 3, 1, 1, 1, 2, 1, 2, 1, 2, 1},
      /* stride 2 with every lane of a tile in range: an encoder's first
       * layer, and a last tap on the input's last element */
      {1, 3, 6, 128, 8, 4, 4, 2, 2, 1, 1, 1, 1, 1, 1, 1},
      {1, 3, 5, 65, 8, 3, 3, 2, 2, 0, 0, 0, 0, 1, 1, 1},
      /* by column from rows split by column phase: strides 3 and 4 with
       * dilated columns, padding wider than a phase's shift, and a layer
       * whose rows do not fit the buffer */
      {1, 2, 7, 50, 5, 3, 5, 3, 3, 1, 2, 1, 2, 1, 2, 1},
      {1, 3, 9, 41, 8, 2, 7, 2, 4, 0, 3, 1, 3, 1, 1, 1},
      {1, 2, 6, 20, 3, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1},
      {1, 24, 5, 300, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1},
  };
  /* both loop orders, whole and partial blocks */
  static const int blocks[] = {16, 32, 64, 1, 3, 8};
  size_t t, k;
  for (t = 0; t < sizeof(cases) / sizeof(cases[0]); ++t) {
    const int *c = cases[t];
    huge_conv_params p;
    float *in, *w, *b, *got, *want;
    int out_n;
    char name[64];
    memset(&p, 0, sizeof p); /* dense input (ics), planar layouts */
    p.n = c[0];
    p.cin = c[1];
    p.h = c[2];
    p.w = c[3];
    p.cout = c[4];
    p.kh = c[5];
    p.kw = c[6];
    p.sh = c[7];
    p.sw = c[8];
    p.pt = c[9];
    p.pl = c[10];
    p.dh = c[13];
    p.dw = c[14];
    p.groups = c[15];
    p.act = HUGE_ACT_NONE;
    p.act_a = p.act_b = 0.0f;
    /* forward conv */
    p.oh = (p.h + c[9] + c[11] - p.dh * (p.kh - 1) - 1) / p.sh + 1;
    p.ow = (p.w + c[10] + c[12] - p.dw * (p.kw - 1) - 1) / p.sw + 1;
    out_n = p.n * p.cout * p.oh * p.ow;
    p.ocs = p.oh * p.ow;
    p.oys = p.ow;
    p.oxs = 1;
    in = random_buffer(p.n * p.cin * p.h * p.w);
    w = random_buffer(p.cout * (p.cin / p.groups) * p.kh * p.kw);
    b = random_buffer(p.cout);
    got = malloc(sizeof(float) * (size_t)out_n);
    want = malloc(sizeof(float) * (size_t)out_n);
    ref_conv2d(in, w, b, want, &p);
    for (k = 0; k < sizeof(blocks) / sizeof(blocks[0]); ++k) {
      conv_packed(in, w, b, got, &p, blocks[k]);
      sprintf(name, "conv2d case %d block %d", (int)t, blocks[k]);
      check_close(name, got, want, out_n);
    }
    /* through a parallel-for hook */
    tasks_run = 0;
    huge_set_parallel_for(backwards, NULL);
    conv_packed(in, w, b, got, &p, 8);
    huge_set_parallel_for(NULL, NULL);
    sprintf(name, "conv2d case %d, parallel-for (%d tasks)", (int)t, tasks_run);
    check_close(name, got, want, out_n);
    free(w);
    free(got);
    free(want);
    /* transposed conv with the same geometry (output_padding = stride - 1) */
    p.oh = (p.h - 1) * p.sh - c[9] - c[11] + p.dh * (p.kh - 1) + p.sh;
    p.ow = (p.w - 1) * p.sw - c[10] - c[12] + p.dw * (p.kw - 1) + p.sw;
    out_n = p.n * p.cout * p.oh * p.ow;
    p.ocs = p.oh * p.ow;
    p.oys = p.ow;
    p.oxs = 1;
    w = random_buffer(p.cin * (p.cout / p.groups) * p.kh * p.kw);
    got = malloc(sizeof(float) * (size_t)out_n);
    want = malloc(sizeof(float) * (size_t)out_n);
    huge_conv_transpose2d(in, w, NULL, got, &p);
    ref_conv_transpose2d(in, w, NULL, want, &p);
    sprintf(name, "conv_transpose2d case %d", (int)t);
    check_close(name, got, want, out_n);
    free(in);
    free(w);
    free(b);
    free(got);
    free(want);
  }
}

/* huge_conv_transpose_rows against the zero-insertion definition: strides
 * below, at and above 16 lanes, unequal strides, pads and output padding,
 * groups, activations, input rows staged in several chunks and rows in
 * several segments, and a parallel-for. */
static void test_transpose_rows(void) {
  /* n, cin, cout, groups, h, w, kh, kw, sh, sw, pt, pl, oph, opw, act */
  static const int cases[][15] = {
      {1, 1, 20, 1, 12, 12, 2, 2, 2, 2, 0, 0, 1, 1, 3},
      {1, 1, 24, 1, 2, 2, 9, 9, 5, 5, 2, 2, 0, 0, 0},
      {1, 2, 13, 1, 10, 10, 4, 4, 3, 3, 0, 0, 0, 0, 1},
      {2, 2, 7, 1, 7, 7, 8, 8, 2, 2, 2, 2, 0, 0, 0},
      {1, 3, 5, 1, 4, 8, 64, 64, 32, 32, 16, 16, 20, 20, 0},
      {1, 4, 8, 4, 9, 9, 3, 3, 2, 2, 1, 1, 1, 1, 1},
      {1, 2, 6, 2, 5, 7, 3, 5, 2, 3, 1, 2, 1, 0, 2},
      {1, 40, 3, 1, 3, 100, 16, 16, 4, 4, 6, 6, 0, 0, 0},
      {1, 30, 3, 1, 3, 60, 15, 15, 5, 5, 5, 5, 0, 0, 0},
      {1, 2, 5, 1, 6, 6, 3, 3, 1, 1, 1, 1, 0, 0, 0},
      {1, 1, 9, 1, 3, 4, 20, 20, 17, 17, 3, 5, 2, 4, 0},
      {1, 3, 4, 1, 5, 40, 7, 6, 6, 6, 2, 0, 5, 5, 1}};
  size_t t;
  for (t = 0; t < sizeof(cases) / sizeof(cases[0]); ++t) {
    const int *c = cases[t];
    huge_conv_params p;
    float *in, *w, *b, *packed, *got, *want;
    int out_n, cig, tx, i, threaded;
    char name[96];
    memset(&p, 0, sizeof p);
    p.n = c[0];
    p.cin = c[1];
    p.cout = c[2];
    p.groups = c[3];
    p.h = c[4];
    p.w = c[5];
    p.kh = c[6];
    p.kw = c[7];
    p.sh = c[8];
    p.sw = c[9];
    p.pt = c[10];
    p.pl = c[11];
    p.dh = p.dw = 1;
    p.oh = (p.h - 1) * p.sh - 2 * p.pt + p.kh + c[12];
    p.ow = (p.w - 1) * p.sw - 2 * p.pl + p.kw + c[13];
    p.act = c[14] == 1   ? HUGE_ACT_RELU
            : c[14] == 2 ? HUGE_ACT_LEAKY_RELU
            : c[14] == 3 ? HUGE_ACT_CLIP
                         : HUGE_ACT_NONE;
    p.act_a = c[14] == 3 ? -0.5f : 0.1f;
    p.act_b = 0.5f;
    p.ocs = p.oh * p.ow;
    p.oys = p.ow;
    p.oxs = 1;
    out_n = p.n * p.cout * p.oh * p.ow;
    cig = p.cin / p.groups;
    tx = (p.kw + p.sw - 1) / p.sw;
    in = random_buffer(p.n * p.cin * p.h * p.w);
    w = random_buffer(p.cin * (p.cout / p.groups) * p.kh * p.kw);
    b = random_buffer(p.cout);
    packed = malloc(sizeof(float) * (size_t)p.cout * (size_t)cig *
                    (size_t)p.kh * (size_t)tx * HUGE_ROWS_LANES(p.sw));
    huge_pack_transpose_rows_weights(w, p.cin, p.cout, p.kh, p.kw, p.sw, p.pl,
                                     p.groups, packed);
    got = malloc(sizeof(float) * (size_t)out_n);
    want = malloc(sizeof(float) * (size_t)out_n);
    ref_conv_transpose2d(in, w, b, want, &p);
    for (i = 0; i < out_n; ++i) {
      float v = want[i];
      if (p.act == HUGE_ACT_RELU)
        v = v > 0.0f ? v : 0.0f;
      else if (p.act == HUGE_ACT_LEAKY_RELU)
        v = v >= 0.0f ? v : p.act_a * v;
      else if (p.act == HUGE_ACT_CLIP)
        v = v < p.act_a ? p.act_a : (v > p.act_b ? p.act_b : v);
      want[i] = v;
    }
    for (threaded = 0; threaded < 2; ++threaded) {
      for (i = 0; i < out_n; ++i)
        got[i] = 1e30f; /* every output must be written */
      if (threaded)
        huge_set_parallel_for(backwards, NULL);
      huge_conv_transpose_rows(in, packed, b, got, &p);
      huge_set_parallel_for(NULL, NULL);
      sprintf(name, "conv_transpose_rows case %d%s", (int)t,
              threaded ? ", parallel-for" : "");
      check_close_max(name, got, want, out_n);
    }
    free(in);
    free(w);
    free(b);
    free(packed);
    free(got);
    free(want);
  }
}

/* A conv writing through a strided view with a fused activation equals the
 * dense conv followed by the activation, scattered. */
/* A phase of a transposed layer writes pixels a stride apart: with nothing
 * after the tile, by-column tiles store their lanes straight there, in
 * runs of whole tiles and in a short last tile, one and two rows a tile. */
static void test_conv_strided_store(void) {
  static const int cases[][6] = {
      /* cin, cout, h, w, k, pad */
      {3, 8, 6, 45, 3, 1},
      {5, 3, 7, 70, 2, 0},
      {2, 11, 4, 37, 3, 2},
      {8, 8, 5, 21, 3, 1},
  };
  int t, blk;
  for (t = 0; t < (int)(sizeof cases / sizeof cases[0]); ++t)
    for (blk = 3; blk <= 8; blk += 5) {
      const int *c = cases[t];
      const int oh = c[2] + 2 * c[5] - c[4] + 1, ow = c[3] + 2 * c[5] - c[4] + 1;
      huge_conv_params p = {1, c[0], c[2], c[3], c[1], oh, ow, c[4], c[4],
                            1, 1, c[5], c[5], 1, 1, 1, oh * ow, ow, 1,
                            HUGE_ACT_NONE, 0.0f, 0.0f, 0, 0, 0};
      const int n = c[1] * oh * ow, big_n = c[1] * 4 * oh * ow;
      float *in = random_buffer(c[0] * c[2] * c[3]);
      float *w = random_buffer(c[1] * c[0] * c[4] * c[4]);
      float *b = random_buffer(c[1]);
      float *want = malloc(sizeof(float) * (size_t)n);
      float *got = malloc(sizeof(float) * (size_t)n);
      float *big = malloc(sizeof(float) * (size_t)big_n);
      int ch, y, x, i;
      conv_packed(in, w, b, want, &p, blk);
      for (i = 0; i < big_n; ++i)
        big[i] = 7.0f;
      /* phase (1, 1) of an output twice as tall and wide */
      p.ocs = 4 * oh * ow;
      p.oys = 4 * ow;
      p.oxs = 2;
      conv_packed(in, w, b, big + 2 * ow + 1, &p, blk);
      for (ch = 0; ch < c[1]; ++ch)
        for (y = 0; y < oh; ++y)
          for (x = 0; x < ow; ++x)
            got[(ch * oh + y) * ow + x] =
                big[ch * 4 * oh * ow + (2 * y + 1) * 2 * ow + 2 * x + 1];
      check_close("conv2d strided store", got, want, n);
      /* the other phases' pixels are untouched */
      for (i = 0; i < big_n; ++i)
        if ((i / (2 * ow) % 2 == 0 || i % 2 == 0) && big[i] != 7.0f)
          break;
      if (i == big_n)
        ++passed;
      else {
        printf("FAIL conv2d strided store: pixel %d of another phase\n", i);
        ++failed;
      }
      free(in);
      free(w);
      free(b);
      free(want);
      free(got);
      free(big);
    }
}

static void test_conv_view_epilogue(void) {
  huge_conv_params p = {1,     2,    5, 5, 3, 5, 5,  3, 3, 1,
                        1,     1,    1, 1, 1, 1, 25, 5, 1, HUGE_ACT_CLIP,
                        -0.1f, 0.2f, 0, 0, 0};
  float *in = random_buffer(50), *w = random_buffer(54), *b = random_buffer(3);
  float dense[75], big[3 * 10 * 10], want[75], got[75];
  int c, y, x, k;
  conv_packed(in, w, b, dense, &p, 16);
  p.act = HUGE_ACT_NONE;
  conv_packed(in, w, b, want, &p, 3);
  huge_clip(want, want, 75, -0.1f, 0.2f);
  check_close("conv2d clip epilogue", dense, want, 75);
  /* phase (1, 0) of a [3, 10, 10] output with stride 2 */
  p.act = HUGE_ACT_CLIP;
  p.ocs = 100;
  p.oys = 20;
  p.oxs = 2;
  conv_packed(in, w, b, big + 10, &p, 2);
  for (c = 0; c < 3; ++c)
    for (y = 0; y < 5; ++y)
      for (x = 0; x < 5; ++x)
        got[(c * 5 + y) * 5 + x] = big[c * 100 + (1 + 2 * y) * 10 + 2 * x];
  check_close("conv2d strided output view", got, want, 75);
  {
    /* two phases in one pass equal two separate convolutions */
    huge_conv_params q = p;
    const huge_conv_params *params[2];
    const float *weights[2];
    float *outs[2];
    float *w2 = random_buffer(54), sep[2][75], fused[2][75];
    q.ocs = 25;
    q.oys = 5;
    q.oxs = 1;
    q.pt = 0;
    q.pl = 2;
    p.ocs = 25;
    p.oys = 5;
    p.oxs = 1;
    float *packed[2];
    conv_packed(in, w, b, sep[0], &p, 1);
    conv_packed(in, w2, b, sep[1], &q, 1);
    params[0] = &p;
    params[1] = &q;
    for (k = 0; k < 2; ++k) {
      const int blk = k ? 16 : 3;
      packed[0] = pack(w, &p, blk);
      packed[1] = pack(w2, &q, blk);
      weights[0] = packed[0];
      weights[1] = packed[1];
      outs[0] = fused[0];
      outs[1] = fused[1];
      huge_conv2d_phases(in, 2, weights, blk, b, outs, params);
      check_close("conv2d_phases phase 0", fused[0], sep[0], 75);
      check_close("conv2d_phases phase 1", fused[1], sep[1], 75);
      free(packed[0]);
      free(packed[1]);
    }
    free(w2);
  }
  {
    /* A band of rows of a taller input, read in place through ics, equals
     * the same band copied out; a negative top pad skips the band's first
     * row. Both loop orders (blk 16 and 3) and the depthwise kernels. */
    float *tall = random_buffer(2 * 9 * 5), band[50], a[100], c2[100];
    huge_conv_params q = {1,    2,    5, 5, 3, 5, 5,  3, 3, 1,
                          1,    1,    1, 1, 1, 1, 25, 5, 1, HUGE_ACT_NONE,
                          0.0f, 0.0f, 0, 0, 0};
    for (c = 0; c < 2; ++c)
      memcpy(band + c * 25, tall + c * 45 + 2 * 5, sizeof(float) * 25);
    for (k = 0; k < 2; ++k) {
      const int blk = k ? 3 : 16;
      q.ics = 0;
      q.h = 5;
      q.pt = 1;
      conv_packed(band, w, b, want, &q, blk);
      q.ics = 45;
      conv_packed(tall + 2 * 5, w, b, got, &q, blk);
      check_close("conv2d input band (ics)", got, want, 75);
      /* rows 2-6 without top pad = rows 1-6 with a top pad of -1 */
      q.oh = 3;
      q.ocs = 15;
      q.pt = 0;
      conv_packed(tall + 2 * 5, w, b, want, &q, blk);
      q.h = 6;
      q.pt = -1;
      conv_packed(tall + 1 * 5, w, b, got, &q, blk);
      check_close("conv2d input band with negative top pad", got, want, 45);
      q.h = 5;
      q.oh = 5;
      q.ocs = 25;
    }
    {
      /* depthwise: multiplier 1 (by-column path) and 2 (its own tile) */
      huge_conv_params d = q;
      int mult;
      for (mult = 1; mult <= 2; ++mult) {
        d.cout = 2 * mult;
        d.groups = 2;
        d.ocs = 25;
        d.ics = 0;
        huge_depthwise_conv2d(band, w, NULL, a, &d);
        d.ics = 45;
        huge_depthwise_conv2d(tall + 2 * 5, w, NULL, c2, &d);
        check_close("depthwise input band (ics)", c2, a, 25 * d.cout);
      }
    }
    free(tall);
  }
  free(in);
  free(w);
  free(b);
}

/* The packed grouped and depthwise kernels equal the reference conv. */
static void test_grouped_kernels(void) {
  huge_conv_params p = {1,    6,    7, 9, 9, 4, 5,  3, 3, 2,
                        1,    1,    1, 1, 1, 3, 20, 5, 1, HUGE_ACT_RELU,
                        0.0f, 0.0f, 0, 0, 0};
  const int cig = 2, cog = 3, block = 2, blocks = 2, taps = 9;
  float *in = random_buffer(6 * 63), *w = random_buffer(9 * cig * taps);
  float *b = random_buffer(12), packed[3 * 2 * 2 * 9 * 2];
  float got[9 * 36], want[9 * 36];
  int o, i, t;
  p.oh = (7 + 2 - 3) / 2 + 1;
  p.ow = (9 + 2 - 3) / 1 + 1;
  p.ocs = p.oh * p.ow;
  p.oys = p.ow;
  p.oxs = 1;
  memset(packed, 0, sizeof(packed));
  for (o = 0; o < 9; ++o)
    for (i = 0; i < cig; ++i)
      for (t = 0; t < taps; ++t) {
        const int g = o / cog, j = o % cog;
        packed[((((g * blocks + j / block) * taps + t) * cig) + i) * block +
               j % block] = w[(o * cig + i) * taps + t];
      }
  {
    /* the documented layout, [g][blocks][kh][kw][cig][block] */
    float *mine = pack(w, &p, block);
    check_close("huge_pack_conv2d_weights layout", mine, packed,
                (int)(sizeof(packed) / sizeof(packed[0])));
    free(mine);
  }
  ref_conv2d(in, w, b, want, &p);
  huge_relu(want, want, 9 * p.ocs);
  huge_conv2d(in, packed, block, b, got, &p);
  check_close("grouped conv2d, fused relu", got, want, 9 * p.ocs);
  free(w);
  /* depthwise with channel multiplier 2 */
  p.groups = 6;
  p.cout = 12;
  p.act = HUGE_ACT_NONE;
  w = random_buffer(12 * taps);
  {
    float dw_got[12 * 36], dw_want[12 * 36];
    ref_conv2d(in, w, b, dw_want, &p);
    huge_depthwise_conv2d(in, w, b, dw_got, &p);
    check_close("depthwise conv2d", dw_got, dw_want, 12 * p.ocs);
  }
  {
    /* wide rows (several column vectors), both strides 2, then dilation 2 */
    huge_conv_params q = {1,    3,    9, 70, 3, 0, 0, 3, 3, 2,
                          2,    1,    1, 1,  1, 3, 0, 0, 1, HUGE_ACT_NONE,
                          0.0f, 0.0f, 0, 0,  0};
    float *qin = random_buffer(3 * 9 * 70), *qw = random_buffer(27);
    float *qgot = malloc(sizeof(float) * 3 * 9 * 70);
    float *qwant = malloc(sizeof(float) * 3 * 9 * 70);
    for (t = 0; t < 2; ++t) {
      if (t == 1) {
        q.sh = q.sw = 1;
        q.dh = q.dw = 2;
        q.pt = q.pl = 2;
      }
      q.oh = (9 + 2 * q.pt - q.dh * 2 - 1) / q.sh + 1;
      q.ow = (70 + 2 * q.pl - q.dw * 2 - 1) / q.sw + 1;
      q.ocs = q.oh * q.ow;
      q.oys = q.ow;
      ref_conv2d(qin, qw, b, qwant, &q);
      huge_depthwise_conv2d(qin, qw, b, qgot, &q);
      check_close(t ? "depthwise conv2d, dilation 2"
                    : "depthwise conv2d, stride 2, wide",
                  qgot, qwant, 3 * q.ocs);
    }
    free(qin);
    free(qw);
    free(qgot);
    free(qwant);
  }
  free(in);
  free(w);
  free(b);
}

/* The unrolled depthwise kernels (3x3 at strides 1 and 2 and dilations 2
 * and 3; 5x5 and 7x7 at strides 1 and 2 and 5x5 at dilation 2): widths
 * around vector multiples, heights leaving a remainder of row tiles (and
 * maps whose tiles of 1-4 vectors lie wholly in the input), pads of 0-3, a
 * fused relu, clip or leaky relu (applied on the accumulators) or sigmoid
 * (applied to the stored rows, or to the whole plane), and a column-strided
 * output. */
static void test_depthwise_tiles(void) {
  static const int hw[9][2] = {{7, 5},   {9, 16},  {13, 33},
                               {6, 70},  {1, 1},   {5, 260},
                               {21, 80}, {11, 10}, {21, 40}};
  static const int pads[5][2] = {{0, 0}, {1, 1}, {2, 1}, {1, 2}, {3, 3}};
  /* (kernel, stride, dilation) */
  static const int forms[9][3] = {{3, 1, 1}, {3, 2, 1}, {3, 1, 2},
                                  {3, 1, 3}, {5, 1, 1}, {5, 2, 1},
                                  {5, 1, 2}, {7, 1, 1}, {7, 2, 1}};
  int f, s, d, kk, i, k, c;
  for (f = 0; f < 9; ++f)
    for (i = 0; i < 9; ++i)
      for (k = 0; k < 5; ++k) {
        huge_conv_params p = {
            1,    3,    hw[i][0], hw[i][1], 3, 0, 0, 3, 3, 1,
            1,    0,    0,        1,        1, 3, 0, 0, 1, HUGE_ACT_RELU,
            0.0f, 0.0f, 0,        0,        0};
        float *in, *w, *b = random_buffer(3);
        float *want, *got, *wide;
        char name[96];
        static const huge_activation acts[4] = {
            HUGE_ACT_RELU, HUGE_ACT_CLIP, HUGE_ACT_LEAKY_RELU,
            HUGE_ACT_SIGMOID};
        kk = forms[f][0];
        s = forms[f][1];
        d = forms[f][2];
        w = random_buffer(3 * kk * kk);
        p.kh = p.kw = kk;
        p.sh = p.sw = s;
        p.dh = p.dw = d;
        p.act = acts[(i + k + f) % 4];
        p.act_a = p.act == HUGE_ACT_CLIP ? -0.25f : 0.125f;
        p.act_b = 0.5f;
        p.pt = pads[k][0];
        p.pl = pads[k][1];
        p.oh = (p.h + 2 * p.pt - (kk - 1) * d - 1) / s + 1;
        p.ow = (p.w + 2 * p.pl - (kk - 1) * d - 1) / s + 1;
        if (p.h + 2 * p.pt < (kk - 1) * d + 1 ||
            p.w + 2 * p.pl < (kk - 1) * d + 1) {
          free(w);
          free(b);
          continue;
        }
        in = random_buffer(3 * p.h * p.w);
        want = malloc(sizeof(float) * 3 * p.oh * p.ow);
        got = malloc(sizeof(float) * 3 * p.oh * p.ow);
        wide = malloc(sizeof(float) * 3 * p.oh * p.ow * 2);
        p.ocs = p.oh * p.ow;
        p.oys = p.ow;
        ref_conv2d(in, w, b, want, &p);
        for (c = 0; c < 3 * p.ocs; ++c)
          want[c] = p.act == HUGE_ACT_RELU   ? (want[c] > 0.0f ? want[c] : 0.0f)
                    : p.act == HUGE_ACT_CLIP ? (want[c] < p.act_a   ? p.act_a
                                                : want[c] > p.act_b ? p.act_b
                                                                    : want[c])
                    : p.act == HUGE_ACT_SIGMOID
                        ? 1.0f / (1.0f + expf(-want[c]))
                        : (want[c] >= 0.0f ? want[c] : p.act_a * want[c]);
        huge_depthwise_conv2d(in, w, b, got, &p);
        snprintf(name, sizeof name,
                 "depthwise %dx%d s%d d%d %dx%d pad %d,%d, act %d", kk, kk, s,
                 d, p.h, p.w, p.pt, p.pl, (int)p.act);
        check_close(name, got, want, 3 * p.ocs);
        /* every other column of a twice-wider output */
        p.oxs = 2;
        p.oys = 2 * p.ow;
        p.ocs = p.oh * p.oys;
        huge_depthwise_conv2d(in, w, b, wide, &p);
        for (c = 0; c < 3 * p.oh * p.ow; ++c)
          got[c] = wide[2 * c];
        snprintf(name, sizeof name,
                 "depthwise %dx%d s%d d%d %dx%d pad %d,%d, strided output", kk,
                 kk, s, d, p.h, p.w, p.pt, p.pl);
        check_close(name, got, want, 3 * p.oh * p.ow);
        free(in);
        free(w);
        free(b);
        free(want);
        free(got);
        free(wide);
      }
}

/* got equals other value for value (== per element); `what` names the
 * kernel that computed other. */
static void check_equal(const char *name, const float *got, const float *other,
                        long n, const char *what) {
  long i;
  for (i = 0; i < n && got[i] == other[i]; ++i)
    ;
  if (i < n) {
    printf("FAIL %s: element %ld is %.9g, %s give %.9g\n", name, i,
           (double)got[i], what, (double)other[i]);
    ++failed;
    return;
  }
  ++passed;
}

/* Depthwise convolutions in runs of pixels (huge_depthwise_conv2d_flat):
 * planes of less than a vector, exact vector multiples and several
 * segments, rows narrower and wider than a vector, kernels 1x1 to 7x7 and
 * non-square, dilations 1-16 (taps wholly out of range), channel multiplier
 * 2, vector and row epilogues, an input band of a taller tensor (ics) and
 * an output view with a row pitch, which the row tiles compute. Each against
 * the definition, every output written (the buffer holds 1e30 first), and
 * equal value for value to huge_depthwise_conv2d. */
static void test_depthwise_flat(void) {
  /* h, w, kh, kw, dilation, pt, multiplier */
  static const int geo[][7] = {
      {1, 1, 1, 1, 1, 0, 1},    {3, 5, 3, 3, 1, 1, 1},
      {4, 4, 3, 3, 1, 1, 1},    {7, 7, 3, 3, 2, 2, 1},
      {12, 12, 3, 3, 4, 4, 1},  {14, 14, 3, 3, 8, 8, 1},
      {16, 16, 3, 3, 16, 16, 1}, {16, 16, 5, 5, 1, 2, 1},
      {9, 30, 7, 7, 1, 3, 1},   {5, 40, 3, 3, 1, 0, 1},
      {40, 40, 3, 3, 2, 2, 1},  {1, 70, 1, 3, 1, 0, 1},
      {11, 13, 2, 3, 1, 1, 2},  {6, 3, 5, 3, 1, 2, 1},
      {24, 24, 3, 3, 1, 1, 2}};
  static const huge_activation acts[5] = {
      HUGE_ACT_NONE, HUGE_ACT_RELU, HUGE_ACT_CLIP, HUGE_ACT_LEAKY_RELU,
      HUGE_ACT_SIGMOID};
  const int count = (int)(sizeof geo / sizeof geo[0]);
  int t, view, i;
  for (t = 0; t < count; ++t)
    for (view = 0; view < 3; ++view) {
      const int h = geo[t][0], w = geo[t][1], d = geo[t][4], cin = 3;
      huge_conv_params p;
      float *in, *wt, *b, *want, *got, *rows, *tall = NULL, *outv = NULL;
      const float *src;
      char name[128];
      long n;
      memset(&p, 0, sizeof p);
      p.n = 1;
      p.cin = p.groups = cin;
      p.cout = cin * geo[t][6];
      p.h = h;
      p.w = w;
      p.kh = geo[t][2];
      p.kw = geo[t][3];
      p.sh = p.sw = 1;
      p.dh = p.dw = d;
      p.pt = geo[t][5];
      p.pl = d * (p.kw - 1) / 2;
      p.oh = h + 2 * p.pt - d * (p.kh - 1);
      p.ow = w;
      p.ocs = p.oh * p.ow;
      p.oys = p.ow;
      p.oxs = 1;
      p.act = acts[(t + view) % 5];
      p.act_a = p.act == HUGE_ACT_CLIP ? -0.25f : 0.125f;
      p.act_b = 0.5f;
      n = (long)p.cout * p.ocs;
      in = random_buffer(cin * h * w);
      wt = random_buffer(p.cout * p.kh * p.kw);
      b = random_buffer(p.cout);
      want = malloc(sizeof(float) * (size_t)n);
      got = malloc(sizeof(float) * (size_t)n);
      rows = malloc(sizeof(float) * (size_t)n);
      ref_conv2d(in, wt, b, want, &p);
      for (i = 0; i < n; ++i)
        want[i] = p.act == HUGE_ACT_RELU ? (want[i] > 0.0f ? want[i] : 0.0f)
                  : p.act == HUGE_ACT_CLIP
                      ? (want[i] < p.act_a   ? p.act_a
                         : want[i] > p.act_b ? p.act_b
                                             : want[i])
                  : p.act == HUGE_ACT_LEAKY_RELU
                      ? (want[i] >= 0.0f ? want[i] : p.act_a * want[i])
                  : p.act == HUGE_ACT_SIGMOID ? 1.0f / (1.0f + expf(-want[i]))
                                              : want[i];
      src = in;
      if (view == 1) {
        /* the input as rows 2 .. h + 1 of a tensor h + 4 rows tall */
        int c;
        tall = random_buffer(cin * (h + 4) * w);
        for (c = 0; c < cin; ++c)
          memcpy(tall + ((long)c * (h + 4) + 2) * w, in + (long)c * h * w,
                 sizeof(float) * (size_t)(h * w));
        p.ics = (long)(h + 4) * w;
        src = tall + 2 * w;
      }
      for (i = 0; i < n; ++i)
        got[i] = rows[i] = 1e30f;
      if (view == 2) {
        /* rows 3 floats apart in a wider buffer: not one run of pixels */
        int c, y;
        p.oys = p.ow + 3;
        p.ocs = p.oh * p.oys;
        outv = malloc(sizeof(float) * (size_t)(p.cout * p.ocs));
        for (i = 0; i < p.cout * p.ocs; ++i)
          outv[i] = 1e30f;
        huge_depthwise_conv2d_flat(src, wt, b, outv, &p);
        for (c = 0; c < p.cout; ++c)
          for (y = 0; y < p.oh; ++y)
            memcpy(got + ((long)c * p.oh + y) * p.ow,
                   outv + (long)c * p.ocs + (long)y * p.oys,
                   sizeof(float) * (size_t)p.ow);
        p.oys = p.ow;
        p.ocs = p.oh * p.ow;
      } else {
        huge_depthwise_conv2d_flat(src, wt, b, got, &p);
      }
      huge_depthwise_conv2d(src, wt, b, rows, &p);
      snprintf(name, sizeof name,
               "depthwise in runs of pixels %dx%d k%dx%d d%d pt %d x%d, act %d%s",
               h, w, p.kh, p.kw, d, p.pt, geo[t][6], (int)p.act,
               view == 1 ? ", input band" : view == 2 ? ", row pitch" : "");
      check_close(name, got, want, (int)n);
      check_equal(name, got, rows, n, "the row tiles");
      free(in);
      free(wt);
      free(b);
      free(want);
      free(got);
      free(rows);
      free(tall);
      free(outv);
    }
}

/* By-column blocks of small planes in runs of pixels (conv/column.c):
 * grouped and dense layers with blocks of 1-8 channels and a partial last
 * block, planes of one vector and of several segments, kernels 1x1 to 7x7
 * (taps wholly out of range on a 3x3 plane), dilation, a residual, vector
 * and plane epilogues; each against the definition and equal value for
 * value to the by-column tiles (the same layer into an output view with a
 * row pitch, which runs of pixels do not take). */
static void test_flat_columns(void) {
  /* cin, cout, groups, h, w, kh, kw, dilation, pt, blk */
  static const int geo[][10] = {
      {16, 16, 2, 3, 3, 7, 7, 1, 3, 8},   {12, 6, 1, 12, 12, 3, 3, 2, 2, 6},
      {8, 12, 4, 7, 9, 3, 1, 1, 1, 3},    {6, 20, 2, 5, 5, 5, 5, 1, 2, 8},
      {4, 4, 1, 20, 20, 3, 3, 1, 1, 4},   {3, 5, 1, 1, 1, 1, 1, 1, 0, 5},
      {2, 7, 1, 13, 11, 2, 3, 1, 0, 7},   {24, 24, 3, 10, 10, 3, 3, 4, 4, 8}};
  static const huge_activation acts[4] = {HUGE_ACT_RELU, HUGE_ACT_SIGMOID,
                                          HUGE_ACT_LEAKY_RELU, HUGE_ACT_NONE};
  const int count = (int)(sizeof geo / sizeof geo[0]);
  int t, i, c, y;
  for (t = 0; t < count; ++t) {
    huge_conv_params p;
    float *in, *w, *b, *res, *want, *got, *view, *packed, *cols;
    const int residual = t % 3 == 1;
    long n, pitch;
    char name[128];
    memset(&p, 0, sizeof p);
    p.n = 1;
    p.cin = geo[t][0];
    p.cout = geo[t][1];
    p.groups = geo[t][2];
    p.h = geo[t][3];
    p.w = geo[t][4];
    p.kh = geo[t][5];
    p.kw = geo[t][6];
    p.sh = p.sw = 1;
    p.dh = p.dw = geo[t][7];
    p.pt = geo[t][8];
    p.pl = p.dw * (p.kw - 1) / 2;
    p.oh = p.h + 2 * p.pt - p.dh * (p.kh - 1);
    p.ow = p.w;
    p.ocs = p.oh * p.ow;
    p.oys = p.ow;
    p.oxs = 1;
    p.act = acts[t % 4];
    p.act_a = 0.125f;
    n = (long)p.cout * p.ocs;
    in = random_buffer(p.cin * p.h * p.w);
    w = random_buffer(p.cout * (p.cin / p.groups) * p.kh * p.kw);
    b = random_buffer(p.cout);
    res = random_buffer((int)n);
    want = malloc(sizeof(float) * (size_t)n);
    got = malloc(sizeof(float) * (size_t)n);
    cols = malloc(sizeof(float) * (size_t)n);
    ref_conv2d(in, w, b, want, &p);
    for (i = 0; i < n; ++i) {
      float v = want[i] + (residual ? res[i] : 0.0f);
      want[i] = p.act == HUGE_ACT_RELU       ? (v > 0.0f ? v : 0.0f)
                : p.act == HUGE_ACT_SIGMOID  ? 1.0f / (1.0f + expf(-v))
                : p.act == HUGE_ACT_LEAKY_RELU ? (v >= 0.0f ? v : 0.125f * v)
                                               : v;
      got[i] = 1e30f;
    }
    packed = pack(w, &p, geo[t][9]);
    if (residual)
      huge_conv2d_residual(in, packed, geo[t][9], b, res, got, &p);
    else
      huge_conv2d(in, packed, geo[t][9], b, got, &p);
    /* the by-column tiles: rows 2 floats apart in a wider buffer */
    pitch = p.ow + 2;
    view = malloc(sizeof(float) * (size_t)(p.cout * p.oh * pitch));
    {
      float *rv = malloc(sizeof(float) * (size_t)(p.cout * p.oh * pitch));
      for (c = 0; c < p.cout; ++c)
        for (y = 0; y < p.oh; ++y)
          memcpy(rv + ((long)c * p.oh + y) * pitch, res + ((long)c * p.oh + y) * p.ow,
                 sizeof(float) * (size_t)p.ow);
      p.oys = (int)pitch;
      p.ocs = p.oh * (int)pitch;
      if (residual)
        huge_conv2d_residual(in, packed, geo[t][9], b, rv, view, &p);
      else
        huge_conv2d(in, packed, geo[t][9], b, view, &p);
      free(rv);
    }
    for (c = 0; c < p.cout; ++c)
      for (y = 0; y < p.oh; ++y)
        memcpy(cols + ((long)c * p.oh + y) * p.ow,
               view + ((long)c * p.oh + y) * pitch, sizeof(float) * (size_t)p.ow);
    snprintf(name, sizeof name,
             "by column in runs of pixels %d->%d g%d %dx%d k%dx%d d%d blk %d%s",
             p.cin, p.cout, p.groups, p.h, p.w, p.kh, p.kw, p.dh, geo[t][9],
             residual ? ", residual" : "");
    check_close(name, got, want, (int)n);
    check_equal(name, got, cols, n, "the by-column tiles");
    free(in);
    free(w);
    free(b);
    free(res);
    free(want);
    free(got);
    free(cols);
    free(view);
    free(packed);
  }
}

/* By-channel tiles on outputs a few pixels wide gather pixels across rows
 * and taps: k4 s2 convs with 2x2, 3x5 and 4x4 outputs, pads that leave the
 * border pixels fewer taps, reductions long enough to be split into chunks,
 * several channel blocks with a partial last one, and a fused leaky relu. */
static void test_gathered_tiles(void) {
  static const int shapes[3][4] = {/* cin, cout, h, w */
                                   {300, 40, 4, 4},
                                   {24, 64, 6, 10},
                                   {520, 24, 8, 8}};
  int i;
  for (i = 0; i < 3; ++i) {
    huge_conv_params p = {1,
                          shapes[i][0],
                          shapes[i][2],
                          shapes[i][3],
                          shapes[i][1],
                          0,
                          0,
                          4,
                          4,
                          2,
                          2,
                          1,
                          1,
                          1,
                          1,
                          1,
                          0,
                          0,
                          1,
                          HUGE_ACT_LEAKY_RELU,
                          0.1f,
                          0.0f,
                          0,
                          0,
                          0};
    const int wn = p.cout * p.cin * 16;
    float *in = random_buffer(p.cin * p.h * p.w), *w = random_buffer(wn);
    float *b = random_buffer(p.cout), *got, *want;
    char name[80];
    int blk;
    p.oh = (p.h + 2 - 4) / 2 + 1;
    p.ow = (p.w + 2 - 4) / 2 + 1;
    p.ocs = p.oh * p.ow;
    p.oys = p.ow;
    got = malloc(sizeof(float) * p.cout * p.ocs);
    want = malloc(sizeof(float) * p.cout * p.ocs);
    ref_conv2d(in, w, b, want, &p);
    huge_leaky_relu(want, want, p.cout * p.ocs, 0.1f);
    for (blk = 16; blk <= 32; blk += 16) {
      conv_packed(in, w, b, got, &p, blk);
      snprintf(name, sizeof name, "gathered conv %dx%d -> %dx%d, blk %d", p.h,
               p.w, p.oh, p.ow, blk);
      check_close_max(name, got, want, p.cout * p.ocs);
    }
    free(in);
    free(w);
    free(b);
    free(got);
    free(want);
  }
}

static void test_pooling(void) {
  /* 1 plane 3x3: 1..9; 2x2 windows, stride 2, pad 1 on every side */
  static const float in[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  float out[4];
  huge_pool_params p = {1, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 0};
  static const float max_want[4] = {1, 3, 7, 9};
  static const float avg_excl[4] = {1, 2.5f, 5.5f, 7};
  static const float avg_incl[4] = {0.25f, 1.25f, 2.75f, 7};
  huge_max_pool2d(in, out, &p);
  check_close("max_pool2d", out, max_want, 4);
  huge_avg_pool2d(in, out, &p);
  check_close("avg_pool2d exclude pad", out, avg_excl, 4);
  p.count_include_pad = 1;
  huge_avg_pool2d(in, out, &p);
  check_close("avg_pool2d include pad", out, avg_incl, 4);
  huge_global_avg_pool(in, out, 1, 9);
  check_close("global_avg_pool", out, (const float[]){5}, 1);
}

static void check_same(const char *name, const float *got, const float *want,
                       int n) {
  if (memcmp(got, want, sizeof(float) * (size_t)n) != 0) {
    int i = 0;
    while (got[i] == want[i] || (got[i] != got[i] && want[i] != want[i]))
      ++i;
    printf("FAIL %s: element %d is %.9g, the separate kernels give %.9g\n",
           name, i, (double)got[i], (double)want[i]);
    ++failed;
    return;
  }
  ++passed;
}

/* Rows sharing a broadcast row longer than a band (HUGE_BROADCAST_COLUMNS)
 * go band by band: the same products as row by row. */
static void test_broadcast_bands(void) {
  enum { ROWS = 3, COLS = 300001 };
  static float a[ROWS * COLS], m[COLS], got[ROWS * COLS], want[ROWS * COLS];
  static const int sa[2] = {COLS, 1}, sm[2] = {0, 1}, one[1] = {1};
  const int shape[2] = {ROWS, COLS};
  int i, r;
  for (i = 0; i < ROWS * COLS; ++i)
    a[i] = frand();
  for (i = 0; i < COLS; ++i)
    m[i] = frand();
  huge_binary(HUGE_MUL, a, sa, m, sm, got, shape, 2);
  for (r = 0; r < ROWS; ++r) {
    const int row[1] = {COLS};
    huge_binary(HUGE_MUL, a + (long)r * COLS, one, m, one,
                want + (long)r * COLS, row, 1);
  }
  check_same("per-pixel map over rows longer than a band", got, want,
             ROWS * COLS);
  huge_binary(HUGE_SUB, m, sm, a, sa, got, shape, 2);
  for (r = 0; r < ROWS; ++r) {
    const int row[1] = {COLS};
    huge_binary(HUGE_SUB, m, one, a + (long)r * COLS, one,
                want + (long)r * COLS, row, 1);
  }
  check_same("broadcast row on the left, longer than a band", got, want,
             ROWS * COLS);
}

/* A residual added in the epilogue gives what the convolution followed by
 * an add and the activation gives, bit for bit: by channel (planar and
 * blocked outputs, a reduction split into chunks, gathered tiles for a
 * small output) and by column. */
static void test_residual(void) {
  static const int shapes[5][7] = {
      /* cin, cout, h, w, k, blk, blocked output */
      {24, 32, 9, 13, 3, 16, 0},
      {32, 32, 8, 8, 3, 16, 1},
      {1040, 16, 12, 12, 3, 16, 0},
      {16, 32, 3, 3, 3, 16, 1},
      {12, 6, 7, 21, 3, 8, 0}};
  int i;
  for (i = 0; i < 5; ++i) {
    const int *sh = shapes[i];
    huge_conv_params p;
    memset(&p, 0, sizeof p);
    p.n = 1;
    p.cin = sh[0];
    p.cout = sh[1];
    p.h = p.oh = sh[2];
    p.w = p.ow = sh[3];
    p.kh = p.kw = sh[4];
    p.sh = p.sw = p.dh = p.dw = p.groups = 1;
    p.pt = p.pl = sh[4] / 2;
    p.ocs = p.oh * p.ow;
    p.oys = p.ow;
    p.oxs = 1;
    if (sh[6]) {
      p.ocb = 16;
      p.oys = p.ow * 16;
      p.oxs = 16;
    }
    {
      const int out_n = p.cout * p.oh * p.ow;
      const int shape[1] = {out_n}, one[1] = {1};
      float *in = random_buffer(p.cin * p.h * p.w);
      float *w = random_buffer(p.cout * p.cin * p.kh * p.kw);
      float *b = random_buffer(p.cout), *res = random_buffer(out_n);
      float *want = malloc(sizeof(float) * (size_t)out_n);
      float *got = malloc(sizeof(float) * (size_t)out_n);
      float *packed = pack(w, &p, sh[5]);
      char name[96];
      huge_conv2d(in, packed, sh[5], b, want, &p);
      huge_binary(HUGE_ADD, want, one, res, one, want, shape, 1);
      huge_relu(want, want, out_n);
      p.act = HUGE_ACT_RELU;
      huge_conv2d_residual(in, packed, sh[5], b, res, got, &p);
      snprintf(name, sizeof name, "residual conv %d: %dx%dx%d -> %d, blk %d%s",
               i, p.cin, p.h, p.w, p.cout, sh[5], sh[6] ? ", blocked" : "");
      check_same(name, got, want, out_n);
      free(in);
      free(w);
      free(b);
      free(res);
      free(want);
      free(got);
      free(packed);
    }
  }
}

/* x op c (c_left: c op x) through huge_binary, as an unfused op runs. */
static void scalar_op(huge_binary_kind kind, const float *x, float c,
                      int c_left, float *out, int n) {
  static const int one[1] = {1}, zero[1] = {0};
  const int shape[1] = {n};
  if (c_left)
    huge_binary(kind, &c, zero, x, one, out, shape, 1);
  else
    huge_binary(kind, x, one, &c, zero, out, shape, 1);
}

/* A fused chain gives the separate kernels' results bit for bit, in place
 * and not, over a length with a partial last chunk. */
static void test_chain(void) {
  enum { N = 1000 };
  static float x[N], want[N], t[N], got[N];
  static const int one[1] = {1};
  const int shape[1] = {N};
  int i;
  for (i = 0; i < N; ++i)
    x[i] = 4.0f * frand();
  { /* GELU as exported: x * 0.5 * (1 + erf(x / sqrt(2))) */
    static const huge_step steps[] = {HUGE_STEP_DIV, HUGE_STEP_ERF,
                                      HUGE_STEP_ADD, HUGE_STEP_MUL_INPUT,
                                      HUGE_STEP_MUL};
    static const float params[] = {1.41421354f, 1.0f, 0.5f};
    scalar_op(HUGE_DIV, x, 1.41421354f, 0, t, N);
    huge_unary(t, t, N, HUGE_FN_ERF, 0, 0);
    scalar_op(HUGE_ADD, t, 1.0f, 1, t, N);
    huge_binary(HUGE_MUL, x, one, t, one, t, shape, 1);
    scalar_op(HUGE_MUL, t, 0.5f, 0, want, N);
    huge_chain(x, got, N, steps, 5, params);
    check_same("chain gelu", got, want, N);
    memcpy(got, x, sizeof x);
    huge_chain(got, got, N, steps, 5, params);
    check_same("chain gelu in place", got, want, N);
  }
  { /* Mish: x * tanh(softplus(x)) */
    static const huge_step steps[] = {HUGE_STEP_SOFTPLUS, HUGE_STEP_TANH,
                                      HUGE_STEP_MUL_INPUT};
    huge_unary(x, t, N, HUGE_FN_SOFTPLUS, 0, 0);
    huge_tanh(t, t, N);
    huge_binary(HUGE_MUL, t, one, x, one, want, shape, 1);
    huge_chain(x, got, N, steps, 3, NULL);
    check_same("chain mish", got, want, N);
  }
  { /* every other kind of step, with the operand orders that differ */
    static const huge_step steps[] = {
        HUGE_STEP_HARD_SIGMOID, HUGE_STEP_RSUB,      HUGE_STEP_SUB_INPUT,
        HUGE_STEP_LEAKY_RELU,   HUGE_STEP_RDIV_INPUT, HUGE_STEP_CLIP,
        HUGE_STEP_SILU,         HUGE_STEP_RSUB_INPUT, HUGE_STEP_HARD_SWISH,
        HUGE_STEP_RDIV,         HUGE_STEP_DIV_INPUT,  HUGE_STEP_SIGMOID,
        HUGE_STEP_ADD_INPUT,    HUGE_STEP_SELU,       HUGE_STEP_SUB,
        HUGE_STEP_RELU,         HUGE_STEP_SQRT,       HUGE_STEP_POW};
    static const float params[] = {0.2f, 0.5f, 2.0f, 0.1f, -3.0f,
                                   3.0f, 3.0f, 1.5f, 1.05f, 0.25f, 1.5f};
    huge_hard_sigmoid(x, t, N, 0.2f, 0.5f);
    scalar_op(HUGE_SUB, t, 2.0f, 1, t, N);
    huge_binary(HUGE_SUB, t, one, x, one, t, shape, 1);
    huge_leaky_relu(t, t, N, 0.1f);
    huge_binary(HUGE_DIV, x, one, t, one, t, shape, 1);
    huge_clip(t, t, N, -3.0f, 3.0f);
    huge_silu(t, t, N);
    huge_binary(HUGE_SUB, x, one, t, one, t, shape, 1);
    huge_hard_swish(t, t, N);
    scalar_op(HUGE_DIV, t, 3.0f, 1, t, N);
    huge_binary(HUGE_DIV, t, one, x, one, t, shape, 1);
    huge_sigmoid(t, t, N);
    huge_binary(HUGE_ADD, t, one, x, one, t, shape, 1);
    huge_unary(t, t, N, HUGE_FN_SELU, 1.5f, 1.05f);
    scalar_op(HUGE_SUB, t, 0.25f, 0, t, N);
    huge_relu(t, t, N);
    huge_unary(t, t, N, HUGE_FN_SQRT, 0, 0);
    huge_unary(t, want, N, HUGE_FN_POW, 1.5f, 0);
    huge_chain(x, got, N, steps, (int)(sizeof steps / sizeof steps[0]),
               params);
    check_same("chain of every step kind", got, want, N);
  }
  /* huge_unary's functions are the steps of the same names */
  if (HUGE_STEP_SQRT + (int)HUGE_FN_CEIL != (int)HUGE_STEP_CEIL ||
      HUGE_STEP_SQRT + (int)HUGE_FN_POW != (int)HUGE_STEP_POW) {
    printf("FAIL huge_unary_fn and huge_step disagree\n");
    ++failed;
  } else
    ++passed;
}

static void test_elementwise(void) {
  static const float x[4] = {-2, -0.5f, 0.5f, 3};
  float out[4];
  huge_relu(x, out, 4);
  check_close("relu", out, (const float[]){0, 0, 0.5f, 3}, 4);
  huge_leaky_relu(x, out, 4, 0.1f);
  check_close("leaky_relu", out, (const float[]){-0.2f, -0.05f, 0.5f, 3}, 4);
  huge_clip(x, out, 4, -1, 1);
  check_close("clip", out, (const float[]){-1, -0.5f, 0.5f, 1}, 4);
  {
    static const float pos[4] = {0.25f, 1, 4, 9};
    huge_unary(pos, out, 4, HUGE_FN_SQRT, 0, 0);
    check_close("unary sqrt", out, (const float[]){0.5f, 1, 2, 3}, 4);
    huge_unary(pos, out, 4, HUGE_FN_LOG, 0, 0);
    check_close("unary log", out,
                (const float[]){-1.3862944f, 0, 1.3862944f, 2.1972246f}, 4);
    huge_unary(pos, out, 4, HUGE_FN_RECIPROCAL, 0, 0);
    check_close("unary reciprocal", out,
                (const float[]){4, 1, 0.25f, 1.0f / 9}, 4);
  }
  huge_unary(x, out, 4, HUGE_FN_EXP, 0, 0);
  check_close("unary exp", out,
              (const float[]){0.13533528f, 0.60653066f, 1.6487213f, 20.085537f},
              4);
  huge_unary(x, out, 4, HUGE_FN_NEG, 0, 0);
  check_close("unary neg", out, (const float[]){2, 0.5f, -0.5f, -3}, 4);
  huge_unary(x, out, 4, HUGE_FN_ABS, 0, 0);
  check_close("unary abs", out, (const float[]){2, 0.5f, 0.5f, 3}, 4);
  huge_unary(x, out, 4, HUGE_FN_ERF, 0, 0);
  check_close("unary erf", out,
              (const float[]){-0.99532227f, -0.52049988f, 0.52049988f,
                              0.99997791f},
              4);
  huge_unary(x, out, 4, HUGE_FN_SOFTPLUS, 0, 0);
  check_close("unary softplus", out,
              (const float[]){0.12692801f, 0.47407698f, 0.97407698f,
                              3.0485873f},
              4);
  huge_unary(x, out, 4, HUGE_FN_SOFTSIGN, 0, 0);
  check_close("unary softsign", out,
              (const float[]){-2.0f / 3, -1.0f / 3, 1.0f / 3, 0.75f}, 4);
  huge_unary(x, out, 4, HUGE_FN_ELU, 0.5f, 0);
  check_close("unary elu", out,
              (const float[]){-0.43233236f, -0.19673467f, 0.5f, 3}, 4);
  huge_unary(x, out, 4, HUGE_FN_SELU, 2.0f, 1.5f);
  check_close("unary selu", out,
              (const float[]){-2.5939942f, -1.180408f, 0.75f, 4.5f}, 4);
  huge_unary(x, out, 4, HUGE_FN_POW, 2.0f, 0);
  check_close("unary pow", out, (const float[]){4, 0.25f, 0.25f, 9}, 4);
  huge_unary(x, out, 4, HUGE_FN_SOFTSIGN, 0, 0);
  check_close("unary softsign", out,
              (const float[]){-2.0f / 3, -1.0f / 3, 1.0f / 3, 0.75f}, 4);
  huge_hard_sigmoid(x, out, 4, 0.2f, 0.5f);
  check_close("hard_sigmoid", out, (const float[]){0.1f, 0.4f, 0.6f, 1}, 4);
  huge_hard_swish(x, out, 4);
  check_close("hard_swish", out,
              (const float[]){-1.0f / 3, -0.5f * 2.5f / 6, 0.5f * 3.5f / 6, 3},
              4);
  huge_sigmoid(x, out, 4);
  check_close(
      "sigmoid", out,
      (const float[]){0.11920292f, 0.37754067f, 0.62245933f, 0.95257413f}, 4);
  {
    /* [2, 2] + [2, 1] broadcast, and prelu with per-row slope */
    static const int shape[2] = {2, 2}, sa[2] = {2, 1}, sb[2] = {1, 0};
    static const float b[2] = {10, 20};
    huge_binary(HUGE_ADD, x, sa, b, sb, out, shape, 2);
    check_close("binary add broadcast", out,
                (const float[]){8, 9.5f, 20.5f, 23}, 4);
    huge_binary(HUGE_PRELU, x, sa, b, sb, out, shape, 2);
    check_close("prelu", out, (const float[]){-20, -5, 0.5f, 3}, 4);
  }
  {
    static const float mean[1] = {1}, var[1] = {4}, scale[1] = {2},
                       bias[1] = {1};
    huge_batch_norm(x, out, 1, 1, 4, scale, bias, mean, var, 0.0f);
    check_close("batch_norm", out, (const float[]){-2, -0.5f, 0.5f, 3}, 4);
  }
  {
    /* two planes, in place: (x - mean) / sqrt(var + eps) * scale + bias per
     * plane; a constant plane gives its bias */
    float t[8] = {1, 2, 3, 4, 10, 10, 10, 10};
    static const float scale[2] = {2, 3}, bias[2] = {1, 0.5f};
    huge_instance_norm(t, t, 1, 2, 4, scale, bias, 1e-5f);
    check_close("instance_norm", t,
                (const float[]){-1.68327084f, 0.10557639f, 1.89442361f,
                                3.68327084f, 0.5f, 0.5f, 0.5f, 0.5f},
                8);
  }
  {
    /* [2, 3, 2]: over the last two axes, the middle one, the first and last
     * (the odometer skips the kept axis), and all three */
    static const float v[12] = {1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, 7};
    static const int shape[3] = {2, 3, 2}, last2[3] = {0, 1, 1},
                     mid[3] = {0, 1, 0}, ends[3] = {1, 0, 1},
                     all[3] = {1, 1, 1};
    float r[6], nan_in[2] = {1, 0};
    static const int two[1] = {2}, one[1] = {1};
    huge_reduce(HUGE_REDUCE_SUM, v, r, shape, last2, 3);
    check_close("reduce sum (1, 2)", r, (const float[]){21, -8}, 2);
    huge_reduce(HUGE_REDUCE_MEAN, v, r, shape, mid, 3);
    check_close("reduce mean (1)", r, (const float[]){3, 4, -3, 1.0f / 3}, 4);
    huge_reduce(HUGE_REDUCE_MAX, v, r, shape, ends, 3);
    check_close("reduce max (0, 2)", r, (const float[]){2, 4, 7}, 3);
    huge_reduce(HUGE_REDUCE_MEAN, v, r, shape, all, 3);
    check_close("reduce mean (all)", r, (const float[]){13.0f / 12}, 1);
    nan_in[1] = (float)NAN;
    huge_reduce(HUGE_REDUCE_MAX, nan_in, r, two, one, 1);
    if (r[0] == r[0]) {
      printf("FAIL reduce max: NaN not propagated (%g)\n", r[0]);
      ++failed;
    } else {
      ++passed;
    }
  }
}

/* tanh and sigmoid against libm (double precision) over [-20, 20]: relative
 * error within a few float ulp; NaN stays NaN; fused epilogues agree. */
static void test_transcendental(void) {
  enum { N = 4001 };
  static float x[N], t[N], sg[N];
  double worst_t = 0, worst_s = 0;
  int i;
  for (i = 0; i < N; ++i)
    x[i] = -20.0f + 0.01f * (float)i;
  x[2000] = 1e-7f;
  huge_tanh(x, t, N);
  huge_sigmoid(x, sg, N);
  for (i = 0; i < N; ++i) {
    double rt = tanh((double)x[i]), rs = 1.0 / (1.0 + exp(-(double)x[i]));
    double et = fabs(t[i] - rt) / fabs(rt), es = fabs(sg[i] - rs) / rs;
    worst_t = et > worst_t ? et : worst_t;
    worst_s = es > worst_s ? es : worst_s;
  }
  if (worst_t > 5e-7 || worst_s > 5e-7) {
    printf("FAIL tanh/sigmoid: relative error %g / %g\n", worst_t, worst_s);
    ++failed;
  } else {
    ++passed;
  }
  {
    float nan_in[2], nan_out[2];
    nan_in[0] = nan_in[1] = NAN;
    huge_tanh(nan_in, nan_out, 1);
    huge_sigmoid(nan_in + 1, nan_out + 1, 1);
    if (nan_out[0] == nan_out[0] || nan_out[1] == nan_out[1]) {
      printf("FAIL tanh/sigmoid of NaN is not NaN\n");
      ++failed;
    } else {
      ++passed;
    }
  }
  {
    /* Whole vectors and the scalar tail compute the same bits: each
     * function over the row at once, and one element at a time (n = 1 is
     * all tail); a NaN and infinities ride along. silu is x * sigmoid(x). */
    static float row[N], one[N], sg1[N];
    int k, bad = 0;
    x[17] = NAN;
    x[18] = INFINITY;
    x[19] = -INFINITY;
    for (k = 0; k < 3; ++k) {
      for (i = 0; i < N; ++i) {
        if (k == 0) {
          huge_sigmoid(x + i, one + i, 1);
        } else if (k == 1) {
          huge_tanh(x + i, one + i, 1);
        } else {
          huge_silu(x + i, one + i, 1);
          huge_sigmoid(x + i, sg1 + i, 1);
        }
      }
      memcpy(row, x, sizeof row);
      if (k == 0)
        huge_sigmoid(row, row, N);
      else if (k == 1)
        huge_tanh(row, row, N);
      else
        huge_silu(row, row, N);
      for (i = 0; i < N; ++i) {
        const int same = memcmp(&row[i], &one[i], sizeof(float)) == 0;
        const int silu_ok =
            k < 2 || x[i] != x[i] || one[i] == x[i] * sg1[i] ||
            (one[i] != one[i] && x[i] * sg1[i] != x[i] * sg1[i]);
        if (!same || !silu_ok) {
          if (!bad)
            printf("FAIL %s: element %d (x = %g) gives %g in a row, %g alone\n",
                   k == 0 ? "sigmoid" : k == 1 ? "tanh" : "silu", i, x[i],
                   row[i], one[i]);
          bad = 1;
        }
      }
    }
    if (bad)
      ++failed;
    else
      ++passed;
  }
}

static void test_data_movement(void) {
  static const float x[8] = {0, 1, 2, 3, 4, 5, 6, 7};
  float out[32];
  {
    static const int shape[3] = {2, 2, 2}, perm[3] = {2, 0, 1};
    huge_transpose(x, out, shape, perm, 3);
    check_close("transpose", out, (const float[]){0, 2, 4, 6, 1, 3, 5, 7}, 8);
  }
  {
    static const int shape[2] = {2, 4}, pads[4] = {0, 2, 0, 1};
    huge_pad(x, out, shape, pads, 2, HUGE_PAD_REFLECT, 0);
    check_close("pad reflect", out,
                (const float[]){2, 1, 0, 1, 2, 3, 2, 6, 5, 4, 5, 6, 7, 6}, 14);
    huge_pad(x, out, shape, pads, 2, HUGE_PAD_EDGE, 0);
    check_close("pad edge", out,
                (const float[]){0, 0, 0, 1, 2, 3, 3, 4, 4, 4, 5, 6, 7, 7}, 14);
  }
  /* 4 channels of 1x2 -> 1 channel of 2x4 */
  huge_depth_to_space(x, out, 1, 1, 1, 2, 2, 1);
  check_close("depth_to_space crd", out,
              (const float[]){0, 2, 1, 3, 4, 6, 5, 7}, 8);
  huge_depth_to_space(x, out, 1, 1, 1, 2, 2, 0);
  check_close("depth_to_space dcr", out,
              (const float[]){0, 2, 1, 3, 4, 6, 5, 7}, 8);
  huge_resize(x, out, 1, 2, 2, 4, 4, 2.0f, 2.0f, HUGE_RESIZE_NEAREST,
              HUGE_COORD_ASYMMETRIC, HUGE_NEAREST_FLOOR, NULL, 0.0f, 0.0f, 0);
  check_close("resize nearest", out,
              (const float[]){0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3},
              16);
  huge_resize(x, out, 1, 2, 2, 3, 3, 1.5f, 1.5f, HUGE_RESIZE_LINEAR,
              HUGE_COORD_ALIGN_CORNERS, HUGE_NEAREST_FLOOR, NULL, 0.0f, 0.0f,
              0);
  check_close("resize bilinear align_corners", out,
              (const float[]){0, 0.5f, 1, 1, 1.5f, 2, 2, 2.5f, 3}, 9);
  {
    /* The right half of [[0, 1], [2, 3]] (columns 0.5 to 1.5 of the input,
     * half of it outside) resized to 2x2: source columns 0.5 and 1.5, the
     * second outside, so it is the extrapolation value. */
    static const float roi[4] = {0.0f, 0.5f, 1.0f, 1.5f};
    huge_resize(x, out, 1, 2, 2, 2, 2, 1.0f, 1.0f, HUGE_RESIZE_LINEAR,
                HUGE_COORD_TF_CROP_AND_RESIZE, HUGE_NEAREST_FLOOR, roi, -7.0f,
                0.0f, 0);
    check_close("resize tf_crop_and_resize", out,
                (const float[]){0.5f, -7.0f, 2.5f, -7.0f}, 4);
  }
  {
    /* Bicubic 1x4 -> 1x2 (asymmetric: sources 0 and 2, on pixels) gives the
     * pixels; at source 0.5 (scale 2, half_pixel, output 1 of 8) Keys'
     * weights with a = -0.75 at distances 1.5, 0.5, 0.5, 1.5 are -0.09375,
     * 0.59375, 0.59375, -0.09375 over pixels 0, 0, 1, 2 (edge repeated). */
    static const float row[4] = {1.0f, 2.0f, 4.0f, 8.0f};
    huge_resize(row, out, 1, 1, 4, 1, 2, 1.0f, 0.5f, HUGE_RESIZE_CUBIC,
                HUGE_COORD_ASYMMETRIC, HUGE_NEAREST_FLOOR, NULL, 0.0f, -0.75f,
                0);
    check_close("resize cubic on pixels", out, (const float[]){1, 4}, 2);
    huge_resize(row, out, 1, 1, 4, 1, 8, 1.0f, 2.0f, HUGE_RESIZE_CUBIC,
                HUGE_COORD_ASYMMETRIC, HUGE_NEAREST_FLOOR, NULL, 0.0f, -0.75f,
                0);
    check_close("resize cubic between pixels", out + 1,
                (const float[]){-0.09375f * 1 + 0.59375f * 1 + 0.59375f * 2 -
                                0.09375f * 4},
                1);
  }
  {
    /* A band of a resize (huge_resize_rows) is the same rows of the whole:
     * 2 planes of 5x3 -> 13x6 (scale 2.6 rows, 2 columns), result rows
     * [4, 9) from input rows [1, 5) (cubic: [0, 5), its taps reach row 0),
     * in every mode. */
    static const huge_resize_mode modes[3] = {
        HUGE_RESIZE_NEAREST, HUGE_RESIZE_LINEAR, HUGE_RESIZE_CUBIC};
    static const huge_coordinate_mode coords[3] = {
        HUGE_COORD_HALF_PIXEL, HUGE_COORD_ALIGN_CORNERS, HUGE_COORD_ASYMMETRIC};
    float in[2 * 5 * 3], whole[2 * 13 * 6], band_in[2 * 5 * 3],
        band[2 * 5 * 6];
    int i, m, c, r;
    for (i = 0; i < 2 * 5 * 3; ++i)
      in[i] = (float)((i * 7) % 11) - 3.0f;
    for (m = 0; m < 9; ++m) {
      const int row0 = modes[m % 3] == HUGE_RESIZE_CUBIC ? 0 : 1;
      for (c = 0; c < 2; ++c)
        for (r = 0; r < 5 - row0; ++r)
          for (i = 0; i < 3; ++i)
            band_in[(c * (5 - row0) + r) * 3 + i] =
                in[(c * 5 + row0 + r) * 3 + i];
      huge_resize(in, whole, 2, 5, 3, 13, 6, 2.6f, 2.0f, modes[m % 3],
                  coords[m / 3], HUGE_NEAREST_ROUND_PREFER_CEIL, NULL, 0.0f,
                  -0.75f, 0);
      huge_resize_rows(band_in, band, 2, 5, 3, 13, 6, 2.6f, 2.0f, modes[m % 3],
                       coords[m / 3], HUGE_NEAREST_ROUND_PREFER_CEIL, NULL,
                       0.0f, -0.75f, 0, row0, 5 - row0, 4, 5, 5 * 6);
      for (c = 0; c < 2; ++c)
        check_close("resize band", band + c * 5 * 6, whole + (c * 13 + 4) * 6,
                    5 * 6);
      /* Written in place into the whole tensor's rows [4, 9). */
      memset(whole, 0, sizeof whole);
      huge_resize_rows(band_in, whole + 4 * 6, 2, 5, 3, 13, 6, 2.6f, 2.0f,
                       modes[m % 3], coords[m / 3],
                       HUGE_NEAREST_ROUND_PREFER_CEIL, NULL, 0.0f, -0.75f, 0,
                       row0, 5 - row0, 4, 5, 13 * 6);
      for (c = 0; c < 2; ++c)
        check_close("resize band in place", whole + (c * 13 + 4) * 6,
                    band + c * 5 * 6, 5 * 6);
    }
  }
  {
    static const int in_shape[2] = {2, 4}, out_shape[2] = {2, 2};
    static const int offsets[2] = {0, 1}, steps[2] = {1, 2};
    huge_slice(x, out, in_shape, out_shape, offsets, steps, 2);
    check_close("slice strided", out, (const float[]){1, 3, 5, 7}, 4);
  }
  {
    /* a band of rows of [2, 2, 2] (one run per plane), and a whole copy */
    static const int in_shape[3] = {2, 2, 2}, band[3] = {2, 1, 2};
    static const int offsets[3] = {0, 1, 0}, zero[3] = {0, 0, 0};
    static const int steps[3] = {1, 1, 1};
    huge_slice(x, out, in_shape, band, offsets, steps, 3);
    check_close("slice band", out, (const float[]){2, 3, 6, 7}, 4);
    huge_slice(x, out, in_shape, in_shape, zero, steps, 3);
    check_close("slice whole", out, x, 8);
  }
  huge_insert_zeros(x, out, 2, 2, 2, 2, 2);
  check_close(
      "insert_zeros", out,
      (const float[]){0, 0, 1, 0, 0, 0, 2, 0, 3, 4, 0, 5, 0, 0, 0, 6, 0, 7},
      18);
  {
    static const float fill[2] = {-1, -2};
    static const float phase[2] = {10, 20}; /* [1, 2, 1, 1] */
    float o[2 * 2 * 3];
    memset(o, 0, sizeof(o));
    huge_interleave_copy(phase, o, 1, 2, 2, 3, 2, 2, 1, 1);
    huge_interleave_fill(fill, o, 1, 2, 2, 3, 2, 2, 0, 0);
    check_close("interleave", o,
                (const float[]){-1, 0, -1, 0, 10, 0, -2, 0, -2, 0, 20, 0}, 12);
  }
  huge_concat_part(x, out, 2, 2, 3, 1);
  check_close("concat_part", out + 1, (const float[]){0, 1, 9, 2, 3}, 2);
}

static void test_dense(void) {
  static const float a[6] = {1, 2, 3, 4, 5, 6}; /* 2x3 */
  static const float b[6] = {1, 0, 0, 1, 1, 1}; /* 3x2 */
  static const float c[2] = {10, 20};
  float out[4];
  huge_matmul(a, b, out, 1, 0, 0, 2, 3, 2);
  check_close("matmul", out, (const float[]){4, 5, 10, 11}, 4);
  huge_gemm(a, b, c, out, 2, 2, 3, 0, 0, 2.0f, 1.0f, 0, 1);
  check_close("gemm", out, (const float[]){18, 30, 30, 42}, 4);
  /* A^T (a as 3x2) times B^T (b as 2x3): [2,3]x[3,2] */
  huge_gemm(a, b, NULL, out, 2, 2, 3, 1, 1, 1.0f, 0.0f, 0, 0);
  check_close("gemm transposed", out, (const float[]){1, 9, 2, 12}, 4);
  {
    static const float x[3] = {1, 2, 3};
    float s[3];
    huge_softmax(x, s, 1, 3, 1);
    check_close("softmax", s,
                (const float[]){0.09003057f, 0.24472847f, 0.66524096f}, 3);
  }
}

/* Between by-channel layers activations may be channel-blocked (NCHW16c). */
static void to_blocked(const float *x, float *y, int n, int c, int hw) {
  int i, k;
  for (i = 0; i < n * c; ++i)
    for (k = 0; k < hw; ++k)
      y[(long)(i - i % 16) * hw + k * 16 + i % 16] = x[(long)i * hw + k];
}

/* Blocked input, output or both, and a blocked strided view (one phase of a
 * twice larger output), equal the planar convolution: over runs of pixels
 * and borders, stride 2, dilation, groups, batches, gathered tiles and
 * reductions split into chunks. */
static void test_blocked_layouts(void) {
  static const int shapes[7][10] = {
      /* n, cin, cout, h, w, k, s, pad, dilation, groups */
      {1, 32, 48, 9, 11, 3, 1, 1, 1, 1},   {2, 64, 32, 8, 8, 4, 2, 1, 1, 1},
      {1, 32, 32, 4, 4, 4, 2, 1, 1, 1},    {1, 48, 32, 10, 10, 3, 1, 2, 2, 1},
      {1, 32, 64, 6, 6, 3, 1, 1, 1, 2},    {1, 1040, 16, 3, 3, 3, 1, 1, 1, 1},
      {1, 1024, 16, 12, 12, 3, 1, 1, 1, 1}};
  int i, mode, blk, c, y, x;
  for (i = 0; i < 7; ++i) {
    const int *sh = shapes[i];
    const int oh = (sh[3] + 2 * sh[7] - sh[8] * (sh[5] - 1) - 1) / sh[6] + 1;
    const int ow = (sh[4] + 2 * sh[7] - sh[8] * (sh[5] - 1) - 1) / sh[6] + 1;
    huge_conv_params p = {sh[0], sh[1],   sh[3], sh[4], sh[2],
                          oh,    ow,      sh[5], sh[5], sh[6],
                          sh[6], sh[7],   sh[7], sh[8], sh[8],
                          sh[9], oh * ow, ow,    1,     HUGE_ACT_LEAKY_RELU,
                          0.1f,  0.0f,    0,     0,     0};
    const int in_n = p.n * p.cin * p.h * p.w, out_n = p.n * p.cout * oh * ow;
    float *in = random_buffer(in_n), *inb = malloc(sizeof(float) * in_n);
    float *w = random_buffer(p.cout * (p.cin / p.groups) * sh[5] * sh[5]);
    float *b = random_buffer(p.cout), *want = malloc(sizeof(float) * out_n);
    float *got = malloc(sizeof(float) * out_n);
    float *outb = malloc(sizeof(float) * out_n * 4);
    char name[96];
    to_blocked(in, inb, p.n, p.cin, p.h * p.w);
    ref_conv2d(in, w, b, want, &p);
    huge_leaky_relu(want, want, out_n, 0.1f);
    for (blk = 16; blk <= 32; blk += 16)
      for (mode = 1; mode < 5; ++mode) {
        /* modes 1-3: blocked input, output or both; 4: a blocked view */
        huge_conv_params q = p;
        const int view = mode == 4, bout = mode >= 2;
        q.icb = mode & 1 || view ? 16 : 0;
        q.ocb = bout ? 16 : 0;
        if (bout) {
          q.ocs = (view ? 4 : 1) * oh * ow;
          q.oys = (view ? 2 : 1) * ow * 16 * (view ? 2 : 1);
          q.oxs = (view ? 2 : 1) * 16;
        }
        conv_packed(q.icb ? inb : in, w, b, outb + (view ? 2 * ow * 16 : 0), &q,
                    blk);
        /* back to planar */
        for (c = 0; c < p.n * p.cout; ++c)
          for (y = 0; y < oh; ++y)
            for (x = 0; x < ow; ++x)
              got[((long)c * oh + y) * ow + x] =
                  bout ? outb[(long)(c - c % 16) * q.ocs + c % 16 +
                              (view ? 2 * ow * 16 : 0) + y * q.oys + x * q.oxs]
                       : outb[((long)c * oh + y) * ow + x];
        snprintf(name, sizeof name,
                 "blocked conv %d: %dx%d -> %dx%d k%d s%d, blk %d, mode %d", i,
                 p.cin, p.h, p.cout, oh, sh[5], sh[6], blk, mode);
        check_close_max(name, got, want, out_n);
      }
    free(in);
    free(inb);
    free(w);
    free(b);
    free(want);
    free(got);
    free(outb);
  }
}

int main(void) {
  test_convolutions();
  test_transpose_rows();
  test_conv_view_epilogue();
  test_conv_strided_store();
  test_grouped_kernels();
  test_depthwise_tiles();
  test_depthwise_flat();
  test_flat_columns();
  test_gathered_tiles();
  test_blocked_layouts();
  test_pooling();
  test_elementwise();
  test_chain();
  test_residual();
  test_broadcast_bands();
  test_transcendental();
  test_data_movement();
  test_dense();
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
