/* One convolution layer on the classic OpenCL path, with CLBlast
 * (bench/opencl_bench.py runs it beside huge's OpenCL target):
 *
 *   conv   convgemm:   CLBlast's fused im2col + GEMM (Sconvgemm), per group
 *          im2col+gemm: Sim2col then Sgemm, per group
 *   tconv  zero+convgemm: the input with stride - 1 zeros inserted and the
 *                      border padded (one kernel), then Sconvgemm with the
 *                      flipped kernel: the zero-insertion form engines run
 *          gemm+col2im: Sgemm (weights^T x input) then Scol2im, the
 *                      backward-data form (Caffe, ARM CL's GEMM path)
 *   both   + one bias kernel.
 *
 * usage: clblast_layer conv|tconv Cin Cout H W k s p op d g REPS DIR
 * reads DIR/input.bin, weight.bin (PyTorch layout) and bias.bin, writes
 * DIR/clblast_PATH.bin for every path that applies and prints JSON: each
 * path's median milliseconds over REPS runs after one warm-up, the device
 * time from a marker enqueued before its first call to one after its last
 * (a CLBlast routine may run several kernels and return the last one's
 * event only). */
#include "huge_cl_runtime.h"

#include <clblast_c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cl_context ctx;
static cl_device_id dev;
static cl_command_queue q;

static void die(const char *what, int code) {
  fprintf(stderr, "error: %s (%d)\n", what, code);
  exit(1);
}

static float *load(const char *dir, const char *name, size_t n) {
  char path[4096];
  float *p = malloc(sizeof(float) * (n ? n : 1));
  FILE *f;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  f = fopen(path, "rb");
  if (!p || !f || fread(p, sizeof(float), n, f) != n)
    die(path, 0);
  fclose(f);
  return p;
}

static void save(const char *dir, const char *path_name, cl_mem m, size_t n) {
  char path[4096];
  float *p = malloc(sizeof(float) * n);
  FILE *f;
  snprintf(path, sizeof path, "%s/clblast_%s.bin", dir, path_name);
  if (!p || clEnqueueReadBuffer(q, m, CL_TRUE, 0, n * 4, p, 0, NULL, NULL))
    die("read", 0);
  f = fopen(path, "wb");
  if (!f || fwrite(p, sizeof(float), n, f) != n)
    die(path, 0);
  fclose(f);
  free(p);
}

static cl_mem buffer(size_t n, const float *data) {
  cl_int s;
  cl_mem m = clCreateBuffer(ctx, CL_MEM_READ_WRITE, (n ? n : 1) * 4, NULL, &s);
  if (s)
    die("clCreateBuffer", s);
  if (data && clEnqueueWriteBuffer(q, m, CL_TRUE, 0, n * 4, data, 0, NULL, NULL))
    die("write", 0);
  return m;
}

/* Event times of one run's calls. */
#define MAX_EVENTS 4096
static cl_event events[MAX_EVENTS];
static int nevents;

static cl_event *next_event(void) {
  if (nevents >= MAX_EVENTS)
    die("too many calls", 0);
  return &events[nevents++];
}

static cl_event before;

static void start_span(void) {
  if (clEnqueueMarkerWithWaitList(q, 0, NULL, &before))
    die("marker", 0);
}

/* Device milliseconds from the marker before the calls to one after. */
static double collect_ms(void) {
  cl_ulong a = 0, b = 0;
  cl_event after;
  int i;
  if (clEnqueueMarkerWithWaitList(q, 0, NULL, &after))
    die("marker", 0);
  clFinish(q);
  clGetEventProfilingInfo(before, CL_PROFILING_COMMAND_END, sizeof a, &a, NULL);
  clGetEventProfilingInfo(after, CL_PROFILING_COMMAND_END, sizeof b, &b, NULL);
  clReleaseEvent(before);
  clReleaseEvent(after);
  for (i = 0; i < nevents; ++i)
    clReleaseEvent(events[i]);
  nevents = 0;
  return (double)(b - a) * 1e-6;
}

static const char *kSource =
    "__kernel void bias(__global float *y, __global const float *b, int hw) {\n"
    "  const int i = get_global_id(0);\n"
    "  y[i] += b[i / hw];\n"
    "}\n"
    "__kernel void zero_insert(__global const float *x, __global float *z,\n"
    "    int h, int w, int s, int zh, int zw, int lead) {\n"
    "  const int i = get_global_id(0);\n"
    "  const int c = i / (zh * zw), y = i / zw % zh - lead, xx = i % zw - lead;\n"
    "  float v = 0.0f;\n"
    "  if (y >= 0 && xx >= 0 && y % s == 0 && xx % s == 0 && y / s < h && xx / s < w)\n"
    "    v = x[(c * h + y / s) * w + xx / s];\n"
    "  z[i] = v;\n"
    "}\n";
static cl_kernel k_bias, k_zero;

static void run_kernel(cl_kernel k, size_t n) {
  cl_int s = clEnqueueNDRangeKernel(q, k, 1, NULL, &n, NULL, 0, NULL, next_event());
  if (s)
    die("kernel", s);
}

static void add_bias(cl_mem y, cl_mem b, int cout, int hw) {
  clSetKernelArg(k_bias, 0, sizeof y, &y);
  clSetKernelArg(k_bias, 1, sizeof b, &b);
  clSetKernelArg(k_bias, 2, sizeof hw, &hw);
  run_kernel(k_bias, (size_t)cout * hw);
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

typedef void (*path_fn)(void);
static double time_path(path_fn f, int reps) {
  double *t = malloc(sizeof(double) * (size_t)reps), m;
  int i;
  start_span();
  f();
  collect_ms(); /* warm-up: CLBlast builds its kernels */
  for (i = 0; i < reps; ++i) {
    start_span();
    f();
    t[i] = collect_ms();
  }
  qsort(t, (size_t)reps, sizeof(double), cmp);
  m = t[reps / 2];
  free(t);
  return m;
}

/* The layer. */
static int Cin, Cout, H, W, K, S, P, OP, D, G, OH, OW, cig, cog;
static cl_mem x, wconv, wt, b, y, col, z;
static int zh, zw;

static void check(CLBlastStatusCode s, const char *what) {
  if (s != CLBlastSuccess)
    die(what, (int)s);
}

static void conv_convgemm(void) {
  int g;
  for (g = 0; g < G; ++g)
    check(CLBlastSconvgemm(CLBlastKernelModeCrossCorrelation, (size_t)cig,
                           (size_t)H, (size_t)W, (size_t)K, (size_t)K, (size_t)P,
                           (size_t)P, (size_t)S, (size_t)S, (size_t)D, (size_t)D,
                           (size_t)cog, 1, x, (size_t)g * cig * H * W, wconv,
                           (size_t)g * cog * cig * K * K, y,
                           (size_t)g * cog * OH * OW, &q, next_event()),
          "Sconvgemm");
  add_bias(y, b, Cout, OH * OW);
}

static void conv_im2col(void) {
  int g;
  for (g = 0; g < G; ++g) {
    check(CLBlastSim2col(CLBlastKernelModeCrossCorrelation, (size_t)cig,
                         (size_t)H, (size_t)W, (size_t)K, (size_t)K, (size_t)P,
                         (size_t)P, (size_t)S, (size_t)S, (size_t)D, (size_t)D, x,
                         (size_t)g * cig * H * W, col, 0, &q, next_event()),
          "Sim2col");
    /* y_g[cog, OH*OW] = W_g[cog, cig*K*K] x col[cig*K*K, OH*OW] */
    check(CLBlastSgemm(CLBlastLayoutRowMajor, CLBlastTransposeNo,
                       CLBlastTransposeNo, (size_t)cog, (size_t)OH * OW,
                       (size_t)cig * K * K, 1.0f, wconv,
                       (size_t)g * cog * cig * K * K, (size_t)cig * K * K, col,
                       0, (size_t)OH * OW, 0.0f, y, (size_t)g * cog * OH * OW,
                       (size_t)OH * OW, &q, next_event()),
          "Sgemm");
  }
  add_bias(y, b, Cout, OH * OW);
}

static void tconv_zero(void) {
  int g, lead = D * (K - 1) - P, s = S;
  clSetKernelArg(k_zero, 0, sizeof x, &x);
  clSetKernelArg(k_zero, 1, sizeof z, &z);
  clSetKernelArg(k_zero, 2, sizeof H, &H);
  clSetKernelArg(k_zero, 3, sizeof W, &W);
  clSetKernelArg(k_zero, 4, sizeof s, &s);
  clSetKernelArg(k_zero, 5, sizeof zh, &zh);
  clSetKernelArg(k_zero, 6, sizeof zw, &zw);
  clSetKernelArg(k_zero, 7, sizeof lead, &lead);
  run_kernel(k_zero, (size_t)Cin * zh * zw);
  for (g = 0; g < G; ++g)
    check(CLBlastSconvgemm(CLBlastKernelModeCrossCorrelation, (size_t)cig,
                           (size_t)zh, (size_t)zw, (size_t)K, (size_t)K, 0, 0, 1,
                           1, (size_t)D, (size_t)D, (size_t)cog, 1, z,
                           (size_t)g * cig * zh * zw, wconv,
                           (size_t)g * cog * cig * K * K, y,
                           (size_t)g * cog * OH * OW, &q, next_event()),
          "Sconvgemm");
  add_bias(y, b, Cout, OH * OW);
}

static void tconv_col2im(void) {
  const float zero = 0.0f;
  int g;
  cl_int s = clEnqueueFillBuffer(q, y, &zero, sizeof zero, 0,
                                 (size_t)Cout * OH * OW * 4, 0, NULL, next_event());
  if (s)
    die("fill", s);
  for (g = 0; g < G; ++g) {
    /* col[cog*K*K, H*W] = Wt_g[cog*K*K, cig] x x_g[cig, H*W] */
    check(CLBlastSgemm(CLBlastLayoutRowMajor, CLBlastTransposeNo,
                       CLBlastTransposeNo, (size_t)cog * K * K, (size_t)H * W,
                       (size_t)cig, 1.0f, wt, (size_t)g * cog * K * K * cig,
                       (size_t)cig, x, (size_t)g * cig * H * W, (size_t)H * W,
                       0.0f, col, 0, (size_t)H * W, &q, next_event()),
          "Sgemm");
    check(CLBlastScol2im(CLBlastKernelModeCrossCorrelation, (size_t)cog,
                         (size_t)OH, (size_t)OW, (size_t)K, (size_t)K, (size_t)P,
                         (size_t)P, (size_t)S, (size_t)S, (size_t)D, (size_t)D,
                         col, 0, y, (size_t)g * cog * OH * OW, &q, next_event()),
          "Scol2im");
  }
  add_bias(y, b, Cout, OH * OW);
}

int main(int argc, char **argv) {
  char error[1024];
  const char *dir;
  int tconv, reps, first = 1;
  float *xin, *win, *bin;
  cl_program prog;
  cl_int s;
  if (argc != 14) {
    fprintf(stderr, "usage: %s conv|tconv Cin Cout H W k s p op d g REPS DIR\n",
            argv[0]);
    return 2;
  }
  tconv = strcmp(argv[1], "tconv") == 0;
  Cin = atoi(argv[2]);
  Cout = atoi(argv[3]);
  H = atoi(argv[4]);
  W = atoi(argv[5]);
  K = atoi(argv[6]);
  S = atoi(argv[7]);
  P = atoi(argv[8]);
  OP = atoi(argv[9]);
  D = atoi(argv[10]);
  G = atoi(argv[11]);
  reps = atoi(argv[12]);
  dir = argv[13];
  cig = Cin / G;
  cog = Cout / G;
  if (tconv) {
    OH = (H - 1) * S - 2 * P + D * (K - 1) + OP + 1;
    OW = (W - 1) * S - 2 * P + D * (K - 1) + OP + 1;
  } else {
    OH = (H + 2 * P - D * (K - 1) - 1) / S + 1;
    OW = (W + 2 * P - D * (K - 1) - 1) / S + 1;
  }
  if (huge_cl_default_device(&ctx, &dev, &q, 1, error, sizeof error))
    die(error, 0);
  prog = clCreateProgramWithSource(ctx, 1, &kSource, NULL, &s);
  if (s || clBuildProgram(prog, 1, &dev, "", NULL, NULL))
    die("build", s);
  k_bias = clCreateKernel(prog, "bias", &s);
  k_zero = clCreateKernel(prog, "zero_insert", &s);
  xin = load(dir, "input.bin", (size_t)Cin * H * W);
  win = load(dir, "weight.bin", (size_t)Cin * cog * K * K);
  bin = load(dir, "bias.bin", (size_t)Cout);
  x = buffer((size_t)Cin * H * W, xin);
  b = buffer((size_t)Cout, bin);
  y = buffer((size_t)Cout * OH * OW, NULL);
  printf("{");
  if (!tconv) {
    wconv = buffer((size_t)Cout * cig * K * K, win);
    col = buffer((size_t)cig * K * K * OH * OW, NULL);
    printf("\"convgemm_ms\": %.4f", time_path(conv_convgemm, reps));
    save(dir, "convgemm", y, (size_t)Cout * OH * OW);
    printf(", \"im2col_gemm_ms\": %.4f", time_path(conv_im2col, reps));
    save(dir, "im2col_gemm", y, (size_t)Cout * OH * OW);
  } else {
    /* PyTorch's [Cin, Cout/g, K, K] as a convolution's flipped
     * [Cout, Cin/g, K, K], and transposed per group as [Cout/g*K*K, Cin/g]. */
    float *wc = malloc(sizeof(float) * (size_t)Cout * cig * K * K);
    float *wtr = malloc(sizeof(float) * (size_t)Cout * cig * K * K);
    int g, ci, co, ky, kx;
    for (g = 0; g < G; ++g)
      for (ci = 0; ci < cig; ++ci)
        for (co = 0; co < cog; ++co)
          for (ky = 0; ky < K; ++ky)
            for (kx = 0; kx < K; ++kx) {
              const float v =
                  win[(((size_t)(g * cig + ci) * cog + co) * K + ky) * K + kx];
              wc[(((size_t)(g * cog + co) * cig + ci) * K + (K - 1 - ky)) * K +
                 (K - 1 - kx)] = v;
              wtr[(size_t)g * cog * K * K * cig +
                  ((size_t)(co * K + ky) * K + kx) * cig + ci] = v;
            }
    wconv = buffer((size_t)Cout * cig * K * K, wc);
    wt = buffer((size_t)Cout * cig * K * K, wtr);
    free(wc);
    free(wtr);
    /* Zero insertion needs the padded border D*(K-1) - P >= 0. */
    if (D * (K - 1) - P >= 0) {
      zh = (H - 1) * S + 1 + 2 * (D * (K - 1) - P) + OP;
      zw = (W - 1) * S + 1 + 2 * (D * (K - 1) - P) + OP;
      z = buffer((size_t)Cin * zh * zw, NULL);
      col = buffer((size_t)cig * K * K * OH * OW, NULL);
      printf("\"zero_convgemm_ms\": %.4f", time_path(tconv_zero, reps));
      save(dir, "zero_convgemm", y, (size_t)Cout * OH * OW);
      clReleaseMemObject(col);
      first = 0;
    }
    col = buffer((size_t)cog * K * K * H * W, NULL);
    printf("%s\"gemm_col2im_ms\": %.4f", first ? "" : ", ",
           time_path(tconv_col2im, reps));
    save(dir, "gemm_col2im", y, (size_t)Cout * OH * OW);
  }
  printf("}\n");
  return 0;
}
