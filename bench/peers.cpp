//===- peers.cpp - XNNPACK and oneDNN timings for one layer ---------------===//
//
// huge-bench-peers peak
//   prints the single-thread sgemm 1024^3 rate of oneDNN (GFLOP/s).
// huge-bench-peers KIND CIN COUT H W K S P OP D G REPS DIR
//   KIND is conv or tconv (PyTorch semantics; D is PyTorch's dilation).
//   Reads DIR/input.bin (NCHW), DIR/weight.bin (PyTorch layout), DIR/bias.bin;
//   runs the layer with XNNPACK and oneDNN, REPS timed runs each after a
//   warm-up; writes DIR/xnnpack.bin and DIR/onednn.bin (NCHW) and prints
//   one JSON object with the median milliseconds. Layout conversions happen
//   outside the timed region, as an application would keep its layout.
//
//===----------------------------------------------------------------------===//

#include <dnnl.hpp>
#include <xnnpack.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace {

std::vector<float> readFloats(const std::string &path, size_t n) {
  std::vector<float> v(n);
  std::ifstream f(path, std::ios::binary);
  if (!f.read(reinterpret_cast<char *>(v.data()), n * sizeof(float))) {
    std::fprintf(stderr, "cannot read %zu floats from %s\n", n, path.c_str());
    std::exit(2);
  }
  return v;
}

void writeFloats(const std::string &path, const std::vector<float> &v) {
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char *>(v.data()), v.size() * sizeof(float));
}

double medianMs(int reps, const std::function<void()> &run) {
  run(); // warm-up
  std::vector<double> t;
  for (int i = 0; i < reps; ++i) {
    auto start = std::chrono::steady_clock::now();
    run();
    t.push_back(std::chrono::duration<double, std::milli>(
                    std::chrono::steady_clock::now() - start)
                    .count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

struct Layer {
  bool transposed;
  long ci, co, h, w, k, s, p, op, d, g;
  long oh, ow;
};

// NCHW <-> NHWC for batch 1.
std::vector<float> toNhwc(const std::vector<float> &x, long c, long h, long w) {
  std::vector<float> y(x.size());
  for (long ch = 0; ch < c; ++ch)
    for (long i = 0; i < h * w; ++i)
      y[i * c + ch] = x[ch * h * w + i];
  return y;
}
std::vector<float> toNchw(const std::vector<float> &x, long c, long h, long w) {
  std::vector<float> y(x.size());
  for (long ch = 0; ch < c; ++ch)
    for (long i = 0; i < h * w; ++i)
      y[ch * h * w + i] = x[i * c + ch];
  return y;
}

double runXnnpack(const Layer &L, const std::vector<float> &in,
                  const std::vector<float> &wt, const std::vector<float> &bias,
                  int reps, std::vector<float> &out) {
  if (xnn_initialize(nullptr) != xnn_status_success)
    return -1;
  long cig = L.ci / L.g, cog = L.co / L.g;
  // XNNPACK: [groups][Cout/g][kh][kw][Cin/g] for convolution and
  // deconvolution alike.
  std::vector<float> xw(wt.size());
  for (long g = 0; g < L.g; ++g)
    for (long o = 0; o < cog; ++o)
      for (long i = 0; i < cig; ++i)
        for (long t = 0; t < L.k * L.k; ++t) {
          long src = L.transposed ? (((g * cig + i) * cog + o) * L.k * L.k + t)
                                  : (((g * cog + o) * cig + i) * L.k * L.k + t);
          xw[((g * cog + o) * L.k * L.k + t) * cig + i] = wt[src];
        }
  std::vector<float> x = toNhwc(in, L.ci, L.h, L.w);
  std::vector<float> y(L.co * L.oh * L.ow);
  xnn_operator_t op = nullptr;
  float lo = -std::numeric_limits<float>::infinity(),
        hi = std::numeric_limits<float>::infinity();
  xnn_status st;
  if (L.transposed) {
    st = xnn_create_deconvolution2d_nhwc_f32(
        L.p, L.p, L.p, L.p, L.k, L.k, L.s, L.s, L.d, L.d, L.g, cig, cog, L.ci,
        L.co, xw.data(), bias.data(), lo, hi, 0, &op);
    if (st == xnn_status_success)
      st = xnn_setup_deconvolution2d_nhwc_f32(op, 1, L.h, L.w, L.op, L.op,
                                              x.data(), y.data(), nullptr);
  } else {
    st = xnn_create_convolution2d_nhwc_f32(
        L.p, L.p, L.p, L.p, L.k, L.k, L.s, L.s, L.d, L.d, L.g, cig, cog, L.ci,
        L.co, xw.data(), bias.data(), lo, hi, 0, &op);
    if (st == xnn_status_success)
      st = xnn_setup_convolution2d_nhwc_f32(op, 1, L.h, L.w, x.data(), y.data(),
                                            nullptr);
  }
  if (st != xnn_status_success)
    return -1;
  double ms = medianMs(reps, [&] { xnn_run_operator(op, nullptr); });
  out = toNchw(y, L.co, L.oh, L.ow);
  xnn_delete_operator(op);
  return ms;
}

double runOnednn(const Layer &L, const std::vector<float> &in,
                 const std::vector<float> &wt, const std::vector<float> &bias,
                 int reps, std::vector<float> &out, std::string &impl) {
  using namespace dnnl;
  using tag = memory::format_tag;
  using dt = memory::data_type;
  engine eng(engine::kind::cpu, 0);
  stream strm(eng);
  memory::dims src{1, L.ci, L.h, L.w}, dst{1, L.co, L.oh, L.ow}, b{L.co};
  memory::dims wdims = L.g > 1
                           ? memory::dims{L.g, L.co / L.g, L.ci / L.g, L.k, L.k}
                           : memory::dims{L.co, L.ci, L.k, L.k};
  // PyTorch's transposed weights are [Cin, Cout/g, k, k]: iohw / giohw.
  tag wtag = L.transposed ? (L.g > 1 ? tag::giohw : tag::iohw)
                          : (L.g > 1 ? tag::goihw : tag::oihw);
  memory::desc srcAny(src, dt::f32, tag::any), dstAny(dst, dt::f32, tag::any),
      wAny(wdims, dt::f32, tag::any), bMd(b, dt::f32, tag::x);
  memory::dims strides{L.s, L.s}, dil{L.d - 1, L.d - 1}, padL{L.p, L.p},
      padR{L.p - L.op, L.p - L.op};
  primitive prim;
  memory::desc srcMd, dstMd, wMd;
  if (L.transposed) {
    auto pd = deconvolution_forward::primitive_desc(
        deconvolution_forward::desc(
            prop_kind::forward_inference, algorithm::deconvolution_direct,
            srcAny, wAny, bMd, dstAny, strides, dil, padL, padR),
        eng);
    srcMd = pd.src_desc();
    dstMd = pd.dst_desc();
    wMd = pd.weights_desc();
    impl = pd.impl_info_str();
    prim = deconvolution_forward(pd);
  } else {
    auto pd = convolution_forward::primitive_desc(
        convolution_forward::desc(prop_kind::forward_inference,
                                  algorithm::convolution_direct, srcAny, wAny,
                                  bMd, dstAny, strides, dil, padL, padR),
        eng);
    srcMd = pd.src_desc();
    dstMd = pd.dst_desc();
    wMd = pd.weights_desc();
    impl = pd.impl_info_str();
    prim = convolution_forward(pd);
  }
  auto userSrc =
      memory({src, dt::f32, tag::nchw}, eng, const_cast<float *>(in.data()));
  auto userW =
      memory({wdims, dt::f32, wtag}, eng, const_cast<float *>(wt.data()));
  auto biasMem = memory(bMd, eng, const_cast<float *>(bias.data()));
  out.assign(L.co * L.oh * L.ow, 0.0f);
  auto userDst = memory({dst, dt::f32, tag::nchw}, eng, out.data());
  memory srcMem(srcMd, eng), wMem(wMd, eng), dstMem(dstMd, eng);
  reorder(userSrc, srcMem).execute(strm, userSrc, srcMem);
  reorder(userW, wMem).execute(strm, userW, wMem);
  strm.wait();
  std::unordered_map<int, memory> args = {{DNNL_ARG_SRC, srcMem},
                                          {DNNL_ARG_WEIGHTS, wMem},
                                          {DNNL_ARG_BIAS, biasMem},
                                          {DNNL_ARG_DST, dstMem}};
  double ms = medianMs(reps, [&] {
    prim.execute(strm, args);
    strm.wait();
  });
  reorder(dstMem, userDst).execute(strm, dstMem, userDst);
  strm.wait();
  return ms;
}

} // namespace

int main(int argc, char **argv) {
  if (argc == 2 && std::string(argv[1]) == "peak") {
    const long n = 1024;
    std::vector<float> a(n * n, 0.5f), b(n * n, 0.25f), c(n * n);
    double ms = medianMs(5, [&] {
      dnnl_sgemm('N', 'N', n, n, n, 1.0f, a.data(), n, b.data(), n, 0.0f,
                 c.data(), n);
    });
    std::printf("{\"sgemm_ms\": %.4f, \"sgemm_gflops\": %.2f}\n", ms,
                2.0 * n * n * n / (ms * 1e6));
    return 0;
  }
  if (argc != 14) {
    std::fprintf(stderr,
                 "usage: %s peak | KIND CIN COUT H W K S P OP D G REPS DIR\n",
                 argv[0]);
    return 2;
  }
  Layer L;
  L.transposed = std::string(argv[1]) == "tconv";
  long *fields[] = {&L.ci, &L.co, &L.h,  &L.w, &L.k,
                    &L.s,  &L.p,  &L.op, &L.d, &L.g};
  for (int i = 0; i < 10; ++i)
    *fields[i] = std::atol(argv[2 + i]);
  int reps = std::atoi(argv[12]);
  std::string dir = argv[13];
  long ext = L.d * (L.k - 1) + 1;
  if (L.transposed) {
    L.oh = (L.h - 1) * L.s - 2 * L.p + ext + L.op;
    L.ow = (L.w - 1) * L.s - 2 * L.p + ext + L.op;
  } else {
    L.oh = (L.h + 2 * L.p - ext) / L.s + 1;
    L.ow = (L.w + 2 * L.p - ext) / L.s + 1;
  }
  auto in = readFloats(dir + "/input.bin", L.ci * L.h * L.w);
  auto wt = readFloats(
      dir + "/weight.bin",
      (L.transposed ? L.ci * (L.co / L.g) : L.co * (L.ci / L.g)) * L.k * L.k);
  auto bias = readFloats(dir + "/bias.bin", L.co);
  std::vector<float> xo, oo;
  std::string impl;
  double x = runXnnpack(L, in, wt, bias, reps, xo);
  double o = runOnednn(L, in, wt, bias, reps, oo, impl);
  if (x >= 0)
    writeFloats(dir + "/xnnpack.bin", xo);
  writeFloats(dir + "/onednn.bin", oo);
  std::printf(
      "{\"xnnpack_ms\": %.5f, \"onednn_ms\": %.5f, \"onednn_impl\": \"%s\"}\n",
      x, o, impl.c_str());
  return 0;
}
