//===- CEmitter.cpp - the portable C99 target -----------------------------===//
//
// Each layer becomes a call of a runtime kernel with its geometry as
// constants. The runtime ships in the output folder as huge_runtime.h and
// the one-file huge_runtime.c amalgamated from runtime/src at build time.
//
//===----------------------------------------------------------------------===//

#include "huge/Target/C/CEmitter.h"

#include "huge/Dialect/Huge/IR/HugeOps.h"
#include "huge/Dialect/Huge/IR/Layout.h"
#include "huge/Dialect/Huge/IR/ShapeUtils.h"
#include "huge/Dialect/Huge/IR/Target.h"
#include "huge/Dialect/Huge/Transforms/Passes.h"
#include "huge/Dialect/Huge/Utils/ConvPacking.h"
#include "huge/Support/ErrorCounter.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"

#include <cstring>
#include <functional>
#include <set>

using namespace mlir;
using namespace huge;

#include "huge_runtime.h"

namespace {
/// Floats per vector of the runtime's kernels: by-channel weight blocks are
/// multiples of it.
constexpr int64_t kRuntimeVectorWidth = 16;
#include "RuntimeSources.inc"
} // namespace

static std::string list(ArrayRef<int64_t> values) {
  std::string s;
  for (size_t i = 0; i < values.size(); ++i)
    s += (i ? ", " : "") + std::to_string(values[i]);
  return s;
}

/// The runtime's constant for an enum case: its prefix and the case's IR
/// spelling in capitals (Activation::LeakyRelu, "leaky_relu" ->
/// HUGE_ACT_LEAKY_RELU). The runtime's enums follow the IR's spellings, so
/// neither side depends on the other's numbering.
static std::string runtimeName(StringRef prefix, StringRef spelling) {
  return prefix.str() + spelling.upper();
}

LogicalResult CEmitter::readTarget() {
  // The module's target must be one the C runtime implements.
  TargetAttr target = getTarget(func);
  if (target.getName() != "c" && target.getName() != "neon")
    return func.emitError("the C emitter cannot emit code for target '")
           << target.getName() << "'";
  neon = target.getName() == "neon";
  if (target.getVectorWidth() != kRuntimeVectorWidth)
    return func.emitError("the C runtime's kernels take vectors of ")
           << kRuntimeVectorWidth << " floats; the target says "
           << target.getVectorWidth();
  channelBlock = target.getChannelBlock();
  if (channelBlock != 0 && channelBlock != HUGE_CHANNEL_BLOCK)
    return func.emitError("the C runtime's blocked layout has ")
           << HUGE_CHANNEL_BLOCK << " channels per block; the target says "
           << channelBlock;
  // Convolutions read weights packed in the IR (huge-pack-conv-weights).
  for (Operation &op : func.getBody().front())
    if (isa<Conv2dOp>(op))
      return op.emitError("cannot be emitted: its weights are not packed "
                          "(run huge-prepare-for-emission)");
  planLayouts();
  return success();
}

void CEmitter::planLayouts() {
  // The layouts huge-assign-layouts chose: a storage class is blocked when
  // its values are.
  if (channelBlock == 0)
    return;
  for (Operation &op : func.getBody().front())
    for (Value v : op.getResults())
      if (hasBlockedLayout(v))
        blockedRoots.insert(plan.rootOf(v));
}

bool CEmitter::isBlocked(Value v) const {
  return blockedRoots.contains(plan.rootOf(v));
}

std::string CEmitter::convOutput(Value result) const {
  std::optional<StridedView> view = plan.viewOf(result);
  if (!view || !isBlocked(result))
    return buffer(result);
  // The view's offset names channel c0 and a position in its plane.
  int64_t c0 = view->offset / view->channelStride;
  int64_t within = view->offset % view->channelStride;
  return bufferAt(view->owner,
                  c0 * view->channelStride + within * channelBlock);
}

void CEmitter::emitConvParams(raw_ostream &os, StringRef name, Value input,
                              Value weight, Value result,
                              ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
                              ArrayRef<int64_t> dilations, int64_t groups,
                              std::optional<Activation> act,
                              std::optional<ArrayRef<float>> actParams) const {
  emitConvGeometry(os, name, input, shapeOf(weight), result, strides, pads,
                   dilations, groups, act, actParams);
}

void CEmitter::emitConvGeometry(
    raw_ostream &os, StringRef name, Value input, ArrayRef<int64_t> w,
    Value result, ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
    ArrayRef<int64_t> dilations, int64_t groups, std::optional<Activation> act,
    std::optional<ArrayRef<float>> actParams) const {
  SmallVector<int64_t> x(shapeOf(input)), y(shapeOf(result));
  // A band of rows read in place from a taller tensor (see MemoryPlan).
  int64_t ics = 0;
  int64_t icb = isBlocked(input) ? channelBlock : 0;
  int64_t ocb = isBlocked(result) ? channelBlock : 0;
  if (std::optional<StridedView> band = plan.viewOf(input))
    ics = band->channelStride;
  // Dense NCHW output, or the strided view of an interleaved phase.
  int64_t cs = y[2] * y[3], ys = y[3], xs = 1;
  std::optional<StridedView> view = plan.viewOf(result);
  if (view) {
    cs = view->channelStride;
    ys = view->rowStride;
    xs = view->colStride;
  } else if (w[2] == 1 && w[3] == 1 && strides[0] == 1 && strides[1] == 1 &&
             llvm::all_of(pads, [](int64_t p) { return p == 0; })) {
    // A dense 1x1 convolution: each plane is one long row, which gives
    // the kernel's column vectors no ragged row ends.
    x = {x[0], x[1], 1, x[2] * x[3]};
    y = {y[0], y[1], 1, y[2] * y[3]};
    ys = y[3];
  }
  if (ocb) { // a blocked pixel is one block of channels
    ys *= ocb;
    xs *= ocb;
  }
  float a = 0, b = 0;
  if (actParams && !actParams->empty())
    a = (*actParams)[0];
  if (actParams && actParams->size() > 1)
    b = (*actParams)[1];
  // Fields left out are 0: no activation, dense planar input and output.
  os << "    static const huge_conv_params " << name << " = {\n"
     << "        .n = " << x[0] << ", .cin = " << x[1] << ", .h = " << x[2]
     << ", .w = " << x[3] << ", .cout = " << y[1] << ", .oh = " << y[2]
     << ", .ow = " << y[3] << ",\n"
     << "        .kh = " << w[2] << ", .kw = " << w[3]
     << ", .sh = " << strides[0] << ", .sw = " << strides[1]
     << ", .pt = " << pads[0] << ", .pl = " << pads[1]
     << ", .dh = " << dilations[0] << ", .dw = " << dilations[1] << ",\n"
     << "        .groups = " << groups << ", .ocs = " << cs << ", .oys = " << ys
     << ", .oxs = " << xs;
  if (act)
    os << ", .act = " << runtimeName("HUGE_ACT_", stringifyActivation(*act));
  if (a != 0)
    os << ", .act_a = " << cFloatLiteral(a);
  if (b != 0)
    os << ", .act_b = " << cFloatLiteral(b);
  if (ics || icb || ocb) {
    os << ",\n       ";
    if (ics)
      os << " .ics = " << ics << (icb || ocb ? "," : "");
    if (icb)
      os << " .icb = " << icb << (ocb ? "," : "");
    if (ocb)
      os << " .ocb = " << ocb;
  }
  os << "};\n";
}

LogicalResult CEmitter::emitKernel(Operation *op, raw_ostream &os) {
  auto out = [&] { return buffer(op->getResult(0)); };
  auto in = [&](unsigned i) { return buffer(op->getOperand(i)); };
  auto count = [&] { return product(shapeOf(op->getResult(0))); };

  auto convCall = [&](StringRef kernel, Value input, Value weight, Value bias,
                      ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
                      ArrayRef<int64_t> dilations, int64_t groups,
                      std::optional<Activation> act,
                      std::optional<ArrayRef<float>> actParams) {
    emitConvParams(os, "p", input, weight, op->getResult(0), strides, pads,
                   dilations, groups, act, actParams);
    os << "    " << kernel << "(" << buffer(input) << ", " << buffer(weight)
       << ", " << (bias ? buffer(bias) : "NULL") << ", " << out() << ", &p);\n";
  };
  auto binary = [&](StringRef kind, Value a, Value b) {
    ArrayRef<int64_t> shape = shapeOf(op->getResult(0));
    SmallVector<int64_t> dims(shape);
    if (dims.empty())
      dims.push_back(1);
    os << "    static const int shape[] = {" << list(dims) << "};\n"
       << "    static const int sa[] = {"
       << list(broadcastStrides(shapeOf(a), dims)) << "};\n"
       << "    static const int sb[] = {"
       << list(broadcastStrides(shapeOf(b), dims)) << "};\n"
       << "    huge_binary(" << kind << ", " << buffer(a) << ", sa, "
       << buffer(b) << ", sb, " << out() << ", shape, " << dims.size()
       << ");\n";
    return success();
  };
  auto pool = [&](StringRef kernel, ArrayRef<int64_t> k,
                  ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
                  ArrayRef<int64_t> dilations, bool includePad) {
    ArrayRef<int64_t> x = shapeOf(op->getOperand(0)),
                      y = shapeOf(op->getResult(0));
    os << "    static const huge_pool_params p = {\n"
       << "        .nc = " << x[0] * x[1] << ", .h = " << x[2]
       << ", .w = " << x[3] << ", .oh = " << y[2] << ", .ow = " << y[3]
       << ",\n        .kh = " << k[0] << ", .kw = " << k[1]
       << ", .sh = " << strides[0] << ", .sw = " << strides[1]
       << ",\n        .pt = " << pads[0] << ", .pl = " << pads[1]
       << ", .pb = " << pads[2] << ", .pr = " << pads[3]
       << ", .dh = " << dilations[0] << ", .dw = " << dilations[1]
       << (includePad ? ", .count_include_pad = 1" : "") << "};\n"
       << "    " << kernel << "(" << in(0) << ", " << out() << ", &p);\n";
    return success();
  };

  // The geometry of a packed convolution: its params describe the unpacked
  // [Cout, Cin/g, kh, kw] kernel.
  auto packedParams = [&](raw_ostream &pos, StringRef name, PackedConv2dOp c) {
    ArrayRef<int64_t> w = shapeOf(c.getPackedWeight());
    int64_t cout = shapeOf(c.getResult())[1], groups = c.getGroupsAttr().getInt();
    SmallVector<int64_t> unpacked = {cout, w[4], w[2], w[3]};
    emitConvGeometry(pos, name, c.getInput(), unpacked, c.getResult(),
                     c.getStrides(), c.getPads(), c.getDilations(), groups,
                     c.getActivation(), c.getActivationParams());
    ArrayRef<int64_t> st = c.getStrides();
    noteConv(w[5], cout / groups, shapeOf(c.getResult())[3], w[2] * w[3],
             st[0] == 1 && st[1] == 1 && w[2] * w[3] > 1 &&
                 shapeOf(c.getResult())[3] == shapeOf(c.getInput())[3]);
    return w[5];
  };

  if (plan.isGroupedPhase(op)) {
    ArrayRef<Operation *> group = plan.phaseGroup(op);
    if (group.empty())
      return success(); // computed with its layer's leader
    // One pass over the input for every phase of the layer.
    auto first = cast<PackedConv2dOp>(group.front());
    int64_t blk = shapeOf(first.getPackedWeight())[5];
    std::string weights, outs, params, defs;
    for (auto [k, phaseOp] : llvm::enumerate(group)) {
      auto c = cast<PackedConv2dOp>(phaseOp);
      std::string name = "p" + std::to_string(k);
      llvm::raw_string_ostream dos(defs);
      if (packedParams(dos, name, c) != blk)
        return c.emitError("cannot be emitted: the phases of a layer must "
                           "share one weight block");
      weights += (k ? ", " : "") + buffer(c.getPackedWeight());
      outs += (k ? ", " : "") + convOutput(c.getResult());
      params += (k ? ", &" : "&") + name;
    }
    os << defs << "    const float *const weights[] = {" << weights << "};\n"
       << "    float *const outs[] = {" << outs << "};\n"
       << "    const huge_conv_params *const params[] = {" << params << "};\n"
       << "    huge_conv2d_phases(" << buffer(first.getInput()) << ", "
       << group.size() << ", weights, " << blk << ", "
       << (first.getBias() ? buffer(first.getBias()) : "NULL")
       << ", outs, params);\n";
    return success();
  }

  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](PackedConv2dOp c) {
        int64_t blk = packedParams(os, "p", c);
        std::string bias = c.getBias() ? buffer(c.getBias()) : "NULL";
        if (Value residual = c.getResidual()) {
          os << "    huge_conv2d_residual(" << in(0) << ", " << in(1) << ", "
             << blk << ", " << bias << ", " << buffer(residual) << ", "
             << convOutput(c.getResult()) << ", &p);\n";
          return success();
        }
        os << "    huge_conv2d(" << in(0) << ", " << in(1) << ", " << blk
           << ", " << bias << ", " << convOutput(c.getResult()) << ", &p);\n";
        return success();
      })
      .Case([&](ConvTranspose2dOp c) {
        convCall("huge_conv_transpose2d", c.getInput(), c.getWeight(),
                 c.getBias(), c.getStrides(), c.getPads(), c.getDilations(),
                 c.getGroupsAttr().getInt(), c.getActivation(),
                 c.getActivationParams());
        return success();
      })
      .Case([&](ConvTransposeRowsOp c) -> LogicalResult {
        // Planar input; dense rows out (channels may be a view's).
        std::optional<StridedView> view = plan.viewOf(c.getResult());
        if (isBlocked(c.getInput()) || isBlocked(c.getResult()) ||
            (view && view->colStride != 1))
          return c.emitError("cannot be emitted: huge_conv_transpose_rows "
                             "needs planar tensors and dense output rows");
        ArrayRef<int64_t> w = shapeOf(c.getPackedWeight()), k = c.getKernel();
        SmallVector<int64_t> kernel = {w[0], w[1], k[0], k[1]};
        emitConvGeometry(os, "p", c.getInput(), kernel, c.getResult(),
                         c.getStrides(), c.getPads(), {1, 1},
                         c.getGroupsAttr().getInt(), c.getActivation(),
                         c.getActivationParams());
        os << "    huge_conv_transpose_rows(" << in(0) << ", " << in(1) << ", "
           << (c.getBias() ? buffer(c.getBias()) : "NULL") << ", " << out()
           << ", &p);\n";
        return success();
      })
      .Case([&](DepthwiseConv2dOp c) {
        ArrayRef<int64_t> w = shapeOf(c.getWeight());
        SmallVector<int64_t> kernel = {w[0], 1, w[1], w[2]};
        emitConvGeometry(os, "p", c.getInput(), kernel, c.getResult(),
                         c.getStrides(), c.getPads(), c.getDilations(),
                         shapeOf(c.getInput())[1], c.getActivation(),
                         c.getActivationParams());
        // huge_depthwise_conv2d: unrolled 3x3, 5x5 and 7x7 tiles (strides
        // 1 and 2, or any equal dilations at stride 1), else by-column
        // tiles of one channel, else (channel multipliers) its own loop.
        ArrayRef<int64_t> s = c.getStrides(), d = c.getDilations();
        bool multiplier = w[0] != shapeOf(c.getInput())[1];
        if (!multiplier && w[1] == w[2] &&
            (w[1] == 3 || w[1] == 5 || w[1] == 7) && d[0] == d[1] &&
            s[0] == s[1] && (s[0] == 1 || (s[0] == 2 && d[0] == 1)))
          used.depthwiseTiles |= 1u << (w[1] - 3) / 2;
        else if (!multiplier)
          used.columnChannels |= 1u << 1;
        // form "flat": runs of pixels (huge_depthwise_conv2d_flat), which
        // computes a geometry it cannot take (a strided output view) with
        // the kernels above
        bool flat = c.getForm() == StringRef("flat");
        if (flat)
          used.depthwiseTiles |= 8u;
        os << "    huge_depthwise_conv2d" << (flat ? "_flat" : "") << "("
           << in(0) << ", " << in(1) << ", "
           << (c.getBias() ? buffer(c.getBias()) : "NULL") << ", " << out()
           << ", &p);\n";
        return success();
      })
      .Case([&](BatchNormOp b) {
        ArrayRef<int64_t> x = shapeOf(b.getInput());
        os << "    huge_batch_norm(" << in(0) << ", " << out() << ", " << x[0]
           << ", " << x[1] << ", " << product(x.drop_front(2)) << ", " << in(1)
           << ", " << in(2) << ", " << in(3) << ", " << in(4) << ", "
           << cFloatLiteral(b.getEpsilon().convertToFloat()) << ");\n";
        return success();
      })
      .Case([&](InstanceNormOp b) {
        ArrayRef<int64_t> x = shapeOf(b.getInput());
        os << "    huge_instance_norm(" << in(0) << ", " << out() << ", "
           << x[0] << ", " << x[1] << ", " << product(x.drop_front(2)) << ", "
           << in(1) << ", " << in(2) << ", "
           << cFloatLiteral(b.getEpsilon().convertToFloat()) << ");\n";
        return success();
      })
      .Case([&](ReluOp) {
        os << "    huge_relu(" << in(0) << ", " << out() << ", " << count()
           << ");\n";
        return success();
      })
      .Case([&](SigmoidOp) {
        os << "    huge_sigmoid(" << in(0) << ", " << out() << ", " << count()
           << ");\n";
        return success();
      })
      .Case([&](TanhOp) {
        os << "    huge_tanh(" << in(0) << ", " << out() << ", " << count()
           << ");\n";
        return success();
      })
      .Case([&](HardSigmoidOp h) {
        os << "    huge_hard_sigmoid(" << in(0) << ", " << out() << ", "
           << count() << ", " << cFloatLiteral(h.getAlpha().convertToFloat())
           << ", " << cFloatLiteral(h.getBeta().convertToFloat()) << ");\n";
        return success();
      })
      .Case([&](UnaryMathOp u) {
        std::optional<ArrayRef<float>> params = u.getParams();
        float a = params && !params->empty() ? (*params)[0] : 0.0f;
        float b = params && params->size() > 1 ? (*params)[1] : 0.0f;
        os << "    huge_unary(" << in(0) << ", " << out() << ", " << count()
           << ", " << runtimeName("HUGE_FN_", stringifyUnaryFn(u.getFn()))
           << ", " << cFloatLiteral(a) << ", " << cFloatLiteral(b) << ");\n";
        return success();
      })
      .Case([&](ChainOp c) {
        SmallVector<std::string> steps;
        for (Attribute a : c.getSteps())
          steps.push_back(runtimeName(
              "HUGE_STEP_", stringifyChainStep(cast<ChainStepAttr>(a).getValue())));
        os << "    static const huge_step steps[] = {" << llvm::join(steps, ", ")
           << "};\n";
        ArrayRef<float> params = c.getParams();
        if (!params.empty()) {
          os << "    static const float params[] = {";
          llvm::interleaveComma(params, os,
                                [&](float v) { os << cFloatLiteral(v); });
          os << "};\n";
        }
        os << "    huge_chain(" << in(0) << ", " << out() << ", " << count()
           << ", steps, " << steps.size() << ", "
           << (params.empty() ? "NULL" : "params") << ");\n";
        return success();
      })
      .Case([&](SiluOp) {
        os << "    huge_silu(" << in(0) << ", " << out() << ", " << count()
           << ");\n";
        return success();
      })
      .Case([&](HardSwishOp) {
        os << "    huge_hard_swish(" << in(0) << ", " << out() << ", "
           << count() << ");\n";
        return success();
      })
      .Case([&](LeakyReluOp l) {
        os << "    huge_leaky_relu(" << in(0) << ", " << out() << ", "
           << count() << ", " << cFloatLiteral(l.getAlpha().convertToFloat())
           << ");\n";
        return success();
      })
      .Case([&](ClipOp c) {
        os << "    huge_clip(" << in(0) << ", " << out() << ", " << count()
           << ", " << cFloatLiteral(c.getMin().convertToFloat()) << ", "
           << cFloatLiteral(c.getMax().convertToFloat()) << ");\n";
        return success();
      })
      .Case([&](PReluOp p) {
        return binary("HUGE_PRELU", p.getInput(), p.getSlope());
      })
      .Case([&](AddOp b) { return binary("HUGE_ADD", b.getLhs(), b.getRhs()); })
      .Case([&](SubOp b) { return binary("HUGE_SUB", b.getLhs(), b.getRhs()); })
      .Case([&](MulOp b) { return binary("HUGE_MUL", b.getLhs(), b.getRhs()); })
      .Case([&](DivOp b) { return binary("HUGE_DIV", b.getLhs(), b.getRhs()); })
      .Case([&](PowOp b) { return binary("HUGE_POW", b.getLhs(), b.getRhs()); })
      .Case([&](ConcatOp c) {
        ArrayRef<int64_t> y = shapeOf(c.getResult());
        int64_t axis = c.getAxisAttr().getInt();
        int64_t outer = product(y.take_front(axis));
        int64_t dstInner = product(y.drop_front(axis));
        int64_t offset = 0;
        for (auto [i, input] : llvm::enumerate(c.getInputs())) {
          int64_t inner = product(shapeOf(input).drop_front(axis));
          if (!plan.isWrittenInto(input, c.getResult()))
            os << "    huge_concat_part(" << buffer(input) << ", " << out()
               << ", " << outer << ", " << inner << ", " << dstInner << ", "
               << offset << ");\n";
          offset += inner;
        }
        return success();
      })
      .Case([&](DepthToSpaceOp d) {
        ArrayRef<int64_t> y = shapeOf(d.getResult()), x = shapeOf(d.getInput());
        os << "    huge_depth_to_space(" << in(0) << ", " << out() << ", "
           << y[0] << ", " << y[1] << ", " << x[2] << ", " << x[3] << ", "
           << d.getBlockSizeAttr().getInt() << ", "
           << (d.getMode() == DepthToSpaceMode::CRD ? 1 : 0) << ");\n";
        return success();
      })
      .Case([&](ResizeOp r) {
        ArrayRef<int64_t> x = shapeOf(r.getInput()), y = shapeOf(r.getResult());
        std::string roi = "NULL";
        if (std::optional<ArrayRef<double>> window = r.getRoi()) {
          os << "    static const float roi[4] = {";
          for (size_t i = 0; i < window->size(); ++i)
            os << (i ? ", " : "") << cFloatLiteral((*window)[i]);
          os << "};\n";
          roi = "roi";
        }
        // A band of a larger resize, or a band written in place into the
        // tensor its bands assemble (its planes that tensor's apart).
        std::optional<StridedView> view = plan.viewOf(r.getResult());
        bool band = r.getRowBand().has_value() || view;
        os << "    huge_resize" << (band ? "_rows(" : "(") << in(0) << ", "
           << out() << ", " << x[0] * x[1] << ", " << r.getFullInputRows()
           << ", " << x[3] << ", " << r.getFullResultRows() << ", " << y[3]
           << ", " << cFloatLiteral(r.getScales()[0]) << ", "
           << cFloatLiteral(r.getScales()[1]) << ", "
           << runtimeName("HUGE_RESIZE_", stringifyResizeMode(r.getMode()))
           << ", "
           << runtimeName("HUGE_COORD_",
                          stringifyCoordinateMode(r.getCoordinateMode()))
           << ", "
           << runtimeName("HUGE_NEAREST_",
                          stringifyNearestMode(r.getNearestMode()))
           << ", " << roi << ", "
           << cFloatLiteral(r.getExtrapolationValue()
                                ? r.getExtrapolationValue()->convertToFloat()
                                : 0.0f)
           << ", "
           << cFloatLiteral(r.getCubicCoeffA()
                                ? r.getCubicCoeffA()->convertToFloat()
                                : -0.75f)
           << ", " << (r.getExcludeOutside() ? 1 : 0);
        if (band)
          os << ", " << r.getInputRow0() << ", " << x[2] << ", "
             << r.getResultRow0() << ", " << y[2] << ", "
             << (view ? view->channelStride : y[2] * y[3]);
        os << ");\n";
        return success();
      })
      .Case([&](PadOp p) {
        os << "    static const int shape[] = {" << list(shapeOf(p.getInput()))
           << "};\n"
           << "    static const int pads[] = {" << list(p.getPads()) << "};\n"
           << "    huge_pad(" << in(0) << ", " << out() << ", shape, pads, "
           << shapeOf(p.getInput()).size() << ", "
           << runtimeName("HUGE_PAD_", stringifyPadMode(p.getMode())) << ", "
           << cFloatLiteral(p.getValue().convertToFloat()) << ");\n";
        return success();
      })
      .Case([&](TransposeOp t) {
        os << "    static const int shape[] = {" << list(shapeOf(t.getInput()))
           << "};\n"
           << "    static const int perm[] = {" << list(t.getPerm()) << "};\n"
           << "    huge_transpose(" << in(0) << ", " << out()
           << ", shape, perm, " << t.getPerm().size() << ");\n";
        return success();
      })
      .Case([&](MaxPool2dOp p) {
        return pool("huge_max_pool2d", p.getKernel(), p.getStrides(),
                    p.getPads(), p.getDilations(), false);
      })
      .Case([&](AvgPool2dOp p) {
        int64_t unit[] = {1, 1};
        return pool("huge_avg_pool2d", p.getKernel(), p.getStrides(),
                    p.getPads(), unit, p.getCountIncludePad());
      })
      .Case([&](GlobalAvgPoolOp g) {
        ArrayRef<int64_t> x = shapeOf(g.getInput());
        os << "    huge_global_avg_pool(" << in(0) << ", " << out() << ", "
           << x[0] * x[1] << ", " << x[2] * x[3] << ");\n";
        return success();
      })
      .Case([&](MatMulOp m) -> LogicalResult {
        ArrayRef<int64_t> a = shapeOf(m.getLhs()), b = shapeOf(m.getRhs()),
                          y = shapeOf(m.getResult());
        int64_t batch = product(y.drop_back(2));
        int64_t aBatch = product(a.drop_back(2)),
                bBatch = product(b.drop_back(2));
        if ((aBatch != batch && aBatch != 1) ||
            (bBatch != batch && bBatch != 1))
          return m.emitError("cannot be emitted: batch broadcast of ")
                 << "partially broadcast dimensions is not supported";
        int64_t mm = a[a.size() - 2], k = a.back(), n = b.back();
        os << "    huge_matmul(" << in(0) << ", " << in(1) << ", " << out()
           << ", " << batch << ", " << (aBatch == 1 ? 0 : mm * k) << ", "
           << (bBatch == 1 ? 0 : k * n) << ", " << mm << ", " << k << ", " << n
           << ");\n";
        return success();
      })
      .Case([&](GemmOp g) {
        ArrayRef<int64_t> a = shapeOf(g.getA()), y = shapeOf(g.getResult());
        int64_t k = g.getTransA() ? a[0] : a[1];
        int64_t sm = 0, sn = 0;
        if (Value c = g.getC()) {
          ArrayRef<int64_t> cs = shapeOf(c);
          SmallVector<int64_t> st = broadcastStrides(cs, y);
          sm = st[0];
          sn = st[1];
        }
        os << "    huge_gemm(" << in(0) << ", " << in(1) << ", "
           << (g.getC() ? buffer(g.getC()) : "NULL") << ", " << out() << ", "
           << y[0] << ", " << y[1] << ", " << k << ", "
           << (g.getTransA() ? 1 : 0) << ", " << (g.getTransB() ? 1 : 0) << ", "
           << cFloatLiteral(g.getAlpha().convertToFloat()) << ", "
           << cFloatLiteral(g.getBeta().convertToFloat()) << ", " << sm << ", "
           << sn << ");\n";
        return success();
      })
      .Case([&](InterleaveOp il) {
        ArrayRef<int64_t> y = shapeOf(il.getResult());
        ArrayRef<int64_t> st = il.getStrides(), phases = il.getPhases();
        auto geometry = [&](int64_t rh, int64_t rw) {
          return std::to_string(y[0]) + ", " + std::to_string(y[1]) + ", " +
                 std::to_string(y[2]) + ", " + std::to_string(y[3]) + ", " +
                 std::to_string(st[0]) + ", " + std::to_string(st[1]) + ", " +
                 std::to_string(rh) + ", " + std::to_string(rw);
        };
        std::set<std::pair<int64_t, int64_t>> covered;
        for (auto [i, phase] : llvm::enumerate(il.getPhaseValues())) {
          int64_t rh = phases[2 * i], rw = phases[2 * i + 1];
          covered.insert({rh, rw});
          if (!plan.isWrittenInto(phase, il.getResult())) // copy it in
            os << "    huge_interleave_copy(" << buffer(phase) << ", " << out()
               << ", " << geometry(rh, rw) << ");\n";
        }
        for (int64_t rh = 0; rh < std::min(st[0], y[2]); ++rh)
          for (int64_t rw = 0; rw < std::min(st[1], y[3]); ++rw)
            if (!covered.count({rh, rw}))
              os << "    huge_interleave_fill("
                 << (il.getFill() ? buffer(il.getFill()) : "NULL") << ", "
                 << out() << ", " << geometry(rh, rw) << ");\n";
        return success();
      })
      .Case([&](SliceOp sl) {
        ArrayRef<int64_t> x = shapeOf(sl.getInput());
        os << "    static const int in_shape[] = {" << list(x) << "};\n"
           << "    static const int out_shape[] = {"
           << list(shapeOf(sl.getResult())) << "};\n"
           << "    static const int offsets[] = {" << list(sl.getOffsets())
           << "};\n"
           << "    static const int steps[] = {" << list(sl.getSteps())
           << "};\n"
           << "    huge_slice(" << in(0) << ", " << out()
           << ", in_shape, out_shape, offsets, steps, " << x.size() << ");\n";
        return success();
      })
      .Case([&](InsertRowsOp ins) {
        ArrayRef<int64_t> t = shapeOf(ins.getTile()),
                          d = shapeOf(ins.getDest());
        if (plan.isWrittenInto(ins.getTile(), ins.getResult()))
          return success(); // the band was written in place
        if (buffer(ins.getDest()) != out())
          os << "    huge_copy(" << in(1) << ", " << out() << ", " << product(d)
             << ");\n";
        int64_t at = ins.getRow() * d[3] + ins.getColumn();
        if (t[3] == d[3]) {
          // Each (n, c) plane of the band is one contiguous run of rows.
          os << "    huge_concat_part(" << in(0) << ", " << out() << ", "
             << t[0] * t[1] << ", " << t[2] * t[3] << ", " << d[2] * d[3]
             << ", " << at << ");\n";
          return success();
        }
        // A tile: per (n, c) plane, its rows land `d[3]` floats apart.
        os << "    for (int p = 0; p < " << t[0] * t[1] << "; ++p)\n"
           << "        huge_concat_part(" << in(0) << " + (long)p * "
           << t[2] * t[3] << ", " << out() << " + (long)p * " << d[2] * d[3]
           << ", " << t[2] << ", " << t[3] << ", " << d[3] << ", " << at
           << ");\n";
        return success();
      })
      .Case([&](InsertZerosOp z) {
        ArrayRef<int64_t> x = shapeOf(z.getInput());
        os << "    huge_insert_zeros(" << in(0) << ", " << out() << ", "
           << x[0] * x[1] << ", " << x[2] << ", " << x[3] << ", "
           << z.getStrides()[0] << ", " << z.getStrides()[1] << ");\n";
        return success();
      })
      .Case([&](ReduceOp r) {
        ArrayRef<int64_t> x = shapeOf(r.getInput());
        SmallVector<int64_t> reduced;
        for (int64_t d = 0; d < static_cast<int64_t>(x.size()); ++d)
          reduced.push_back(llvm::is_contained(r.getAxes(), d));
        os << "    static const int shape[] = {" << list(x) << "};\n"
           << "    static const int reduced[] = {" << list(reduced) << "};\n"
           << "    huge_reduce("
           << runtimeName("HUGE_REDUCE_", stringifyReduceKind(r.getKind()))
           << ", " << in(0) << ", " << out() << ", shape, reduced, "
           << x.size() << ");\n";
        return success();
      })
      .Case([&](SoftmaxOp s) {
        ArrayRef<int64_t> x = shapeOf(s.getInput());
        int64_t axis = s.getAxisAttr().getInt();
        os << "    huge_softmax(" << in(0) << ", " << out() << ", "
           << product(x.take_front(axis)) << ", " << x[axis] << ", "
           << product(x.drop_front(axis + 1)) << ");\n";
        return success();
      })
      .Default([&](Operation *other) {
        return other->emitError("cannot be emitted by the C target");
      });
}

void CEmitter::emitSourcePrologue(raw_ostream &os) {
  os << "#include \"huge_runtime.h\"\n"
     << "#include <math.h>\n#include <stddef.h>\n#include <stdint.h>\n\n";
  printWeightMacros(os);
}

void CEmitter::emitWeightArray(raw_ostream &os, StringRef name,
                               ArrayRef<float> data) {
  printWeightArray(os, name, data);
}

void CEmitter::emitRunBegin(raw_ostream &os) {
  os << "\nint " << options.name
     << "_run(const float *const inputs[], float *const outputs[], void "
        "*arena) {\n";
  if (plan.arenaSize() > 0)
    os << "  unsigned char *const base = (unsigned char *)arena;\n"
       << "  if (inputs == NULL || outputs == NULL || arena == NULL ||\n"
       << "      (uintptr_t)arena % " << upperName() << "_ARENA_ALIGN != 0)\n"
       << "    return 1;\n";
  else
    os << "  (void)arena;\n"
       << "  if (inputs == NULL || outputs == NULL)\n    return 1;\n";
}

void CEmitter::emitOutputCopy(raw_ostream &os, Value value, int64_t index) {
  os << "  huge_copy(" << buffer(value) << ", outputs[" << index << "], "
     << cast<ShapedType>(value.getType()).getNumElements() << ");\n";
}

void CEmitter::emitRunEnd(raw_ostream &os) { os << "  return 0;\n}\n"; }

void CEmitter::emitApiDeclarations(raw_ostream &os) {
  std::string up = upperName();
  os << "\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
     << "/* Runs the model. inputs[i] holds " << up
     << "_INPUT_i_SIZE floats, outputs[i] receives " << up
     << "_OUTPUT_i_SIZE floats;\n"
     << " * arena points to " << up << "_ARENA_SIZE bytes aligned to " << up
     << "_ARENA_ALIGN. Returns 0 on success,\n"
     << " * 1 if a pointer is NULL or the arena is misaligned. */\n"
     << "int " << options.name
     << "_run(const float *const inputs[], float *const outputs[], void "
        "*arena);\n\n"
     << "#ifdef __cplusplus\n}\n#endif\n";
}

std::string CEmitter::arenaPointer(int64_t bytes) const {
  return bytes ? "(float *)(base + " + std::to_string(bytes) + ")"
               : "(float *)base";
}

void CEmitter::noteConv(int64_t blk, int64_t cog, int64_t ow, int64_t taps,
                        bool sameWidth) {
  if (blk % 16 == 0) {
    used.channelTiles = true;
    // Rows shorter than twice the widest pixel tile (6) may be gathered.
    if (ow < 12 && taps <= 64)
      used.gatheredTiles = true;
    return;
  }
  // conv_by_column: tiles of up to 8 of each block's channels; at stride 1
  // with output rows as wide as the input's, the runtime may take small
  // planes in runs of pixels (flat_columns_fit).
  if (sameWidth)
    used.flatColumns = true;
  for (int64_t lanes : {std::min(blk, cog), cog % blk})
    for (int64_t c0 = 0; c0 < lanes; c0 += 8)
      used.columnChannels |= 1u << std::min<int64_t>(8, lanes - c0);
}

std::string CEmitter::configHeader() const {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "/* The kernel variants huge_runtime.c builds for " << options.name
     << " (see the runtime's\n"
        " * config.h). A runtime built with another model's file still runs "
        "this\n"
        " * one, only more slowly; -DHUGE_NO_CONFIG builds every variant. */\n"
        "#ifndef HUGE_CONFIG_H\n"
        "#define HUGE_CONFIG_H\n\n";
  if (neon)
    os << "/* --target neon: the NEON kernels (arm_neon.h), for AArch64 only "
          "*/\n"
          "#define HUGE_TARGET_NEON 1\n"
          "#if !defined(__aarch64__) || !defined(__ARM_NEON) || "
          "!defined(__GNUC__) || \\\n"
          "    defined(HUGE_NO_SIMD)\n"
          "#error \"huge: "
       << options.name
       << " was compiled with --target neon: build it for AArch64 with NEON "
          "(aarch64-linux-gnu-gcc, clang --target=aarch64-linux-gnu), or "
          "compile the model with --target c\"\n"
          "#endif\n\n";
  if (options.optimize == Optimize::Size) {
    os << "/* --optimize=size: the compact generic tiles only */\n"
          "#define HUGE_OPTIMIZE_SIZE 1\n";
  } else {
    os << "#define HUGE_OPTIMIZE_SIZE 0\n"
       << llvm::formatv("#define HUGE_COLUMN_CHANNELS {0:x}u /* channels:",
                        used.columnChannels);
    for (int c = 1; c <= 8; ++c)
      if (used.columnChannels >> c & 1)
        os << " " << c;
    os << " */\n"
       << "#define HUGE_CHANNEL_TILES " << used.channelTiles << "\n"
       << "#define HUGE_GATHERED_TILES " << used.gatheredTiles << "\n"
       << "#define HUGE_DEPTHWISE_TILES " << used.depthwiseTiles
       << " /* depthwise tiles: bit 1 3x3, 2 5x5, 4 7x7, 8 runs of pixels */\n"
       << "#define HUGE_FLAT_COLUMNS " << used.flatColumns
       << " /* by-column planes in runs of pixels */\n";
  }
  os << "\n#endif /* HUGE_CONFIG_H */\n";
  return text;
}

std::vector<EmittedFile> CEmitter::runtimeFiles() const {
  return {{"huge_runtime.h", kRuntimeHeader},
          {"huge_config.h", configHeader()},
          {"huge_runtime.c", kRuntimeSource}};
}

std::optional<Optimize> huge::parseOptimize(StringRef text) {
  if (text == "speed")
    return Optimize::Speed;
  if (text == "size")
    return Optimize::Size;
  return std::nullopt;
}

std::optional<WeightFormat> huge::parseWeightFormat(StringRef text) {
  if (text == "bytes")
    return WeightFormat::Bytes;
  if (text == "decimal")
    return WeightFormat::Decimal;
  return std::nullopt;
}

FailureOr<std::vector<EmittedFile>> huge::emitC(ModuleOp module,
                                                const EmitOptions &options) {
  auto func = getModelFunction(module);
  if (failed(func))
    return failure();
  auto plan = MemoryPlan::build(*func);
  if (failed(plan))
    return failure();
  CEmitter emitter(*func, *plan, options);
  return emitter.emit();
}

void huge::registerCTranslation() {
  static llvm::cl::opt<std::string> modelName(
      "huge-model-name", llvm::cl::desc("symbol prefix of the emitted model"),
      llvm::cl::init("model"));
  static llvm::cl::opt<std::string> weightFormat(
      "huge-weight-format",
      llvm::cl::desc("how weights are printed: bytes (string literals, "
                     "fast to compile) or decimal (float literals)"),
      llvm::cl::init("bytes"));
  static llvm::cl::opt<std::string> optimize(
      "huge-optimize",
      llvm::cl::desc("the runtime's kernel variants: speed (those the model "
                     "uses) or size (compact generic ones only)"),
      llvm::cl::init("speed"));
  TranslateFromMLIRRegistration registration(
      "emit-c", "emit the model as C99 sources (files concatenated)",
      [](ModuleOp module, raw_ostream &os) {
        EmitOptions options;
        options.name = modelName;
        std::optional<WeightFormat> format = parseWeightFormat(weightFormat);
        if (!format) {
          module.emitError("unknown --huge-weight-format '")
              << weightFormat.getValue() << "'; expected bytes or decimal";
          return failure();
        }
        options.weightFormat = *format;
        std::optional<Optimize> goal = parseOptimize(optimize);
        if (!goal) {
          module.emitError("unknown --huge-optimize '")
              << optimize.getValue() << "'; expected speed or size";
          return failure();
        }
        options.optimize = *goal;
        // The layouts and packed weights of huge-prepare-for-emission
        // (taken again on prepared IR, they come out the same); the memory
        // plan is kept as the IR has it, or computed.
        PassManager pm(module.getContext());
        pm.addNestedPass<func::FuncOp>(createHugeAssignLayoutsPass());
        pm.addNestedPass<func::FuncOp>(createHugePackConvWeightsPass());
        if (failed(pm.run(module)))
          return failure();
        // Any error reported fails the translation, even one from a step
        // that went on.
        ErrorCounter errors(module.getContext());
        auto files = emitC(module, options);
        if (failed(files) || errors.count())
          return failure();
        for (const EmittedFile &f : *files)
          if (f.name.rfind("huge_runtime", 0) != 0)
            os << "// ---- " << f.name << "\n" << f.contents;
        return success();
      },
      [](DialectRegistry &registry) {
        registry.insert<HugeDialect, func::FuncDialect>();
      });
}
