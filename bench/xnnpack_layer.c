/* One convolution layer run by XNNPACK, for bench/neon_bench.py: built for
 * AArch64 against Debian's libxnnpack (arm64, through multiarch) and run
 * under qemu-aarch64, where the instructions it executes are counted.
 *
 *   xnnpack_layer KIND CIN COUT H W K S P OP D G RUNS DIR
 *
 * KIND is conv or tconv (PyTorch semantics, D PyTorch's dilation). Reads
 * DIR/input.bin (NCHW), DIR/weight.bin (PyTorch layout) and DIR/bias.bin,
 * creates the operator (weights packed at creation, outside what is
 * counted: the caller subtracts a run with RUNS = 1 from one with RUNS = 2),
 * runs it RUNS times and writes DIR/xnnpack.bin (NCHW). */
#include <xnnpack.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static float *read_floats(const char *dir, const char *name, long n) {
  char path[4096];
  float *v = malloc((size_t)n * sizeof(float));
  FILE *f;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  f = fopen(path, "rb");
  if (!v || !f || fread(v, sizeof(float), (size_t)n, f) != (size_t)n) {
    fprintf(stderr, "error: cannot read %ld floats from %s\n", n, path);
    exit(1);
  }
  fclose(f);
  return v;
}

int main(int argc, char **argv) {
  long ci, co, h, w, k, s, p, op, d, g, oh, ow, cig, cog, ext, i, c, o, t, q;
  int runs, transposed;
  float *in, *wt, *bias, *xw, *x, *y, *out;
  xnn_operator_t xop = NULL;
  enum xnn_status st;
  char path[4096];
  FILE *f;
  if (argc != 14) {
    fprintf(stderr, "usage: %s KIND CIN COUT H W K S P OP D G RUNS DIR\n",
            argv[0]);
    return 2;
  }
  transposed = strcmp(argv[1], "tconv") == 0;
  ci = atol(argv[2]), co = atol(argv[3]), h = atol(argv[4]), w = atol(argv[5]);
  k = atol(argv[6]), s = atol(argv[7]), p = atol(argv[8]), op = atol(argv[9]);
  d = atol(argv[10]), g = atol(argv[11]), runs = atoi(argv[12]);
  ext = d * (k - 1) + 1;
  oh = transposed ? (h - 1) * s - 2 * p + ext + op : (h + 2 * p - ext) / s + 1;
  ow = transposed ? (w - 1) * s - 2 * p + ext + op : (w + 2 * p - ext) / s + 1;
  cig = ci / g, cog = co / g;
  in = read_floats(argv[13], "input.bin", ci * h * w);
  wt = read_floats(argv[13], "weight.bin", cig * cog * g * k * k);
  bias = read_floats(argv[13], "bias.bin", co);
  /* XNNPACK: [groups][Cout/g][kh][kw][Cin/g], NHWC activations. */
  xw = malloc(sizeof(float) * (size_t)(cig * cog * g * k * k));
  x = malloc(sizeof(float) * (size_t)(ci * h * w));
  y = malloc(sizeof(float) * (size_t)(co * oh * ow));
  out = malloc(sizeof(float) * (size_t)(co * oh * ow));
  for (c = 0; c < g; ++c)
    for (o = 0; o < cog; ++o)
      for (i = 0; i < cig; ++i)
        for (t = 0; t < k * k; ++t)
          xw[((c * cog + o) * k * k + t) * cig + i] =
              wt[transposed ? ((c * cig + i) * cog + o) * k * k + t
                            : ((c * cog + o) * cig + i) * k * k + t];
  for (c = 0; c < ci; ++c)
    for (q = 0; q < h * w; ++q)
      x[q * ci + c] = in[c * h * w + q];
  if (xnn_initialize(NULL) != xnn_status_success) {
    fprintf(stderr, "error: xnn_initialize failed\n");
    return 1;
  }
  if (transposed) {
    st = xnn_create_deconvolution2d_nhwc_f32(
        p, p, p, p, k, k, s, s, d, d, g, cig, cog, ci, co, xw, bias, -INFINITY,
        INFINITY, 0, &xop);
    if (st == xnn_status_success)
      st = xnn_setup_deconvolution2d_nhwc_f32(xop, 1, h, w, op, op, x, y, NULL);
  } else {
    st = xnn_create_convolution2d_nhwc_f32(p, p, p, p, k, k, s, s, d, d, g,
                                           cig, cog, ci, co, xw, bias,
                                           -INFINITY, INFINITY, 0, &xop);
    if (st == xnn_status_success)
      st = xnn_setup_convolution2d_nhwc_f32(xop, 1, h, w, x, y, NULL);
  }
  if (st != xnn_status_success) {
    fprintf(stderr, "error: XNNPACK rejects the layer (status %d)\n", (int)st);
    return 1;
  }
  for (i = 0; i < runs; ++i)
    if (xnn_run_operator(xop, NULL) != xnn_status_success) {
      fprintf(stderr, "error: xnn_run_operator failed\n");
      return 1;
    }
  for (c = 0; c < co; ++c)
    for (q = 0; q < oh * ow; ++q)
      out[c * oh * ow + q] = y[q * co + c];
  snprintf(path, sizeof path, "%s/xnnpack.bin", argv[13]);
  f = fopen(path, "wb");
  if (!f || fwrite(out, sizeof(float), (size_t)(co * oh * ow), f) !=
                (size_t)(co * oh * ow)) {
    fprintf(stderr, "error: cannot write %s\n", path);
    return 1;
  }
  fclose(f);
  xnn_delete_operator(xop);
  return 0;
}
