//===- HugeOps.cpp - huge op type inference, verifiers, folders -----------===//
//
// Result types are inferred here with the ONNX/PyTorch formulas. Every
// failure names the offending operand or attribute and the value expected, so
// the same code serves the verifier, the builders and the ONNX importer (which
// calls it with the ONNX node's location).
//
//===----------------------------------------------------------------------===//

#include "huge/Dialect/Huge/IR/HugeOps.h"
#include "huge/Dialect/Huge/IR/ShapeUtils.h"
#include "huge/Dialect/Huge/Utils/ConvPacking.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallBitVector.h"

#include <cmath>
#include <limits>
#include <set>

using namespace mlir;
using namespace huge;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static Type tensorOf(MLIRContext *ctx, ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape, Float32Type::get(ctx));
}

static std::string str(ArrayRef<int64_t> values) {
  std::string s = "[";
  llvm::raw_string_ostream os(s);
  llvm::interleave(values, os, ", ");
  os << "]";
  return s;
}

/// Compact decimal form of a float attribute for messages ("6", "0.25").
static std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%g", v);
  return buf;
}

namespace {
/// Collects the checks of one inference; the first failure is reported at
/// the op's location (if any) and makes the inference fail.
class Checker {
public:
  explicit Checker(std::optional<Location> loc) : loc(loc) {}

  /// Reports `msg` unless `ok`; returns `ok`.
  bool expect(bool ok, const Twine &msg) {
    if (!ok && !failed_) {
      failed_ = true;
      (void)emitOptionalError(loc, msg);
    }
    return ok;
  }
  bool rank(Value v, int64_t r, StringRef what) {
    int64_t actual = shapeOf(v).size();
    return expect(actual == r, "expects " + what + " of rank " + Twine(r) +
                                   ", got rank " + Twine(actual));
  }
  bool size(ArrayRef<int64_t> attr, size_t n, StringRef what) {
    return expect(attr.size() == n, "expects " + Twine(n) + " " + what +
                                        ", got " + Twine(attr.size()));
  }
  bool atLeast(ArrayRef<int64_t> attr, int64_t min, StringRef what) {
    // The message is formatted only on failure: verification is hot.
    for (int64_t v : attr)
      if (v < min)
        return expect(false, "expects " + what + " >= " + Twine(min) +
                                 ", got " + str(attr));
    return true;
  }
  /// Every value of `attr` within [-max, max] (or [min, max] through
  /// atLeast): the limit on window parameters.
  bool atMost(ArrayRef<int64_t> attr, int64_t max, StringRef what) {
    for (int64_t v : attr)
      if (v > max || v < -max)
        return expect(false, "expects |" + what + "| <= " + Twine(max) +
                                 ", got " + str(attr));
    return true;
  }
  bool failed() const { return failed_; }
  LogicalResult result() const { return failure(failed_); }

private:
  std::optional<Location> loc;
  bool failed_ = false;
};
} // namespace

SmallVector<int64_t> huge::broadcastStrides(ArrayRef<int64_t> operand,
                                            ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 0);
  int64_t stride = 1;
  size_t lead = shape.size() - operand.size();
  for (int64_t i = static_cast<int64_t>(operand.size()) - 1; i >= 0; --i) {
    if (operand[i] != 1)
      strides[lead + i] = stride;
    stride *= operand[i];
  }
  return strides;
}

std::optional<SmallVector<int64_t>> huge::broadcastShapes(ArrayRef<int64_t> a,
                                                          ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  SmallVector<int64_t> out(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return std::nullopt;
    out[i] = da == 1 ? db : da;
  }
  return out;
}

/// Checks the spatial parameters shared by conv2d, conv_transpose2d and
/// pools. Only conv2d accepts negative pads (a crop).
static bool checkWindow(Checker &c, ArrayRef<int64_t> strides,
                        ArrayRef<int64_t> pads, ArrayRef<int64_t> dilations,
                        bool allowCrop = false) {
  return c.size(strides, 2, "strides") && c.size(pads, 4, "pads") &&
         c.size(dilations, 2, "dilations") &&
         c.atLeast(strides, 1, "strides") &&
         (allowCrop || c.atLeast(pads, 0, "pads")) &&
         c.atLeast(dilations, 1, "dilations") &&
         c.atMost(strides, kMaxWindowParam, "strides") &&
         c.atMost(pads, kMaxWindowParam, "pads") &&
         c.atMost(dilations, kMaxWindowParam, "dilations");
}

/// Verifies the optional fused activation of a convolution.
static LogicalResult verifyEpilogue(Operation *op,
                                    std::optional<Activation> activation,
                                    std::optional<ArrayRef<float>> params) {
  size_t expected = 0;
  if (activation == Activation::LeakyRelu)
    expected = 1;
  else if (activation == Activation::Clip ||
           activation == Activation::HardSigmoid)
    expected = 2;
  size_t got = params ? params->size() : 0;
  if (got != expected)
    return op->emitOpError("expects ")
           << expected << " activation_params for "
           << (activation ? stringifyActivation(*activation) : "no activation")
           << ", got " << got;
  if (activation == Activation::Clip && !((*params)[0] <= (*params)[1]))
    return op->emitOpError("expects clip min <= max, got ")
           << num((*params)[0]) << " > " << num((*params)[1]);
  return success();
}

/// Output extent of a sliding window; 0 when the window does not fit.
static int64_t windowExtent(int64_t in, int64_t padLo, int64_t padHi,
                            int64_t kernel, int64_t stride, int64_t dilation,
                            bool ceilMode) {
  int64_t span = in + padLo + padHi - (dilation * (kernel - 1) + 1);
  if (span < 0)
    return 0;
  int64_t out = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
  // As PyTorch: the last window must start inside the input or left padding.
  if (ceilMode && (out - 1) * stride >= in + padLo)
    --out;
  return out;
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::inferReturnTypes(MLIRContext *,
                                           std::optional<Location>,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &types) {
  types.push_back(adaptor.getValue().getType());
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// Convolutions
//===----------------------------------------------------------------------===//

LogicalResult Conv2dOp::inferReturnTypes(MLIRContext *ctx,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  Checker c(loc);
  if (!c.rank(adaptor.getInput(), 4, "input") ||
      !c.rank(adaptor.getWeight(), 4, "weight") ||
      !checkWindow(c, adaptor.getStrides(), adaptor.getPads(),
                   adaptor.getDilations(), /*allowCrop=*/true))
    return failure();
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  ArrayRef<int64_t> w = shapeOf(adaptor.getWeight());
  int64_t groups = adaptor.getGroupsAttr().getInt();
  if (!c.expect(groups >= 1 && groups <= kMaxExtent,
                "expects groups in [1, " + Twine(kMaxExtent) + "], got " +
                    Twine(groups)) ||
      !c.expect(in[1] % groups == 0,
                "expects groups to divide the " + Twine(in[1]) +
                    " input channels, got groups = " + Twine(groups)) ||
      !c.expect(w[0] % groups == 0,
                "expects groups to divide the " + Twine(w[0]) +
                    " output channels, got groups = " + Twine(groups)) ||
      !c.expect(w[1] * groups == in[1],
                "expects weight dim 1 = input channels / groups = " +
                    Twine(in[1] / groups) + ", got " + Twine(w[1])))
    return failure();
  ValueRange epilogue = adaptor.getEpilogueOperands();
  if (!c.expect(isEpilogueWellFormed(epilogue),
                "expects a bias and a residual at most, in that order"))
    return failure();
  if (Value bias = epilogueBias(epilogue)) {
    ArrayRef<int64_t> b = shapeOf(bias);
    if (b.size() != 1 || b[0] != w[0]) {
      c.expect(false,
               "expects bias of shape [" + Twine(w[0]) + "], got " + str(b));
      return failure();
    }
  }
  ArrayRef<int64_t> s = adaptor.getStrides(), p = adaptor.getPads(),
                    d = adaptor.getDilations();
  SmallVector<int64_t> out = {in[0], w[0], 0, 0};
  for (int i = 0; i < 2; ++i) {
    if (!c.expect(in[2 + i] + p[i] + p[2 + i] <= kMaxExtent,
                  "expects the padded input extent along axis " + Twine(2 + i) +
                      " to be at most " + Twine(kMaxExtent)))
      return failure();
    out[2 + i] = windowExtent(in[2 + i], p[i], p[2 + i], w[2 + i], s[i], d[i],
                              /*ceilMode=*/false);
    if (!c.expect(out[2 + i] >= 1, "expects the dilated kernel (" +
                                       Twine(d[i] * (w[2 + i] - 1) + 1) +
                                       ") to fit the padded input (" +
                                       Twine(in[2 + i] + p[i] + p[2 + i]) +
                                       ") along axis " + Twine(2 + i)))
      return failure();
  }
  if (Value residual = epilogueResidual(epilogue))
    if (!c.expect(shapeOf(residual) == ArrayRef<int64_t>(out),
                  "expects a residual of the result's shape " + str(out) +
                      ", got " + str(shapeOf(residual))))
      return failure();
  types.push_back(tensorOf(ctx, out));
  return success();
}

LogicalResult Conv2dOp::verify() {
  if (std::optional<StringRef> form = getForm();
      form && *form != "per_tap" && *form != "direct")
    return emitOpError("expects form 'direct' or 'per_tap', got '")
           << *form << "'";
  return verifyEpilogue(*this, getActivation(), getActivationParams());
}

/// Output extents of a convolution over `in` with kernel `kernel`; fails
/// with a message on `op` when the geometry is invalid.
static LogicalResult verifyConvGeometry(Operation *op, ArrayRef<int64_t> in,
                                        ArrayRef<int64_t> kernel,
                                        ArrayRef<int64_t> strides,
                                        ArrayRef<int64_t> pads,
                                        ArrayRef<int64_t> dilations,
                                        ArrayRef<int64_t> out) {
  if (in.size() != 4 || out.size() != 4)
    return op->emitOpError("expects input and result of rank 4");
  if (strides.size() != 2 || pads.size() != 4 || dilations.size() != 2 ||
      llvm::any_of(strides, [](int64_t v) { return v < 1; }) ||
      llvm::any_of(dilations, [](int64_t v) { return v < 1; }))
    return op->emitOpError("expects 2 strides >= 1, 4 pads, 2 dilations >= 1");
  auto outOfRange = [](ArrayRef<int64_t> values) {
    return llvm::any_of(values, [](int64_t v) {
      return v > kMaxWindowParam || v < -kMaxWindowParam;
    });
  };
  if (outOfRange(strides) || outOfRange(pads) || outOfRange(dilations))
    return op->emitOpError("expects strides, pads and dilations of at most ")
           << kMaxWindowParam << " in magnitude";
  for (int i = 0; i < 2; ++i) {
    int64_t extent = windowExtent(in[2 + i], pads[i], pads[2 + i], kernel[i],
                                  strides[i], dilations[i], false);
    if (extent != out[2 + i])
      return op->emitOpError("expects result extent ")
             << extent << " along axis " << 2 + i << ", got " << out[2 + i];
  }
  return success();
}

LogicalResult PackedConv2dOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), w = shapeOf(getPackedWeight()),
                    out = shapeOf(getResult());
  int64_t groups = getGroupsAttr().getInt();
  if (w.size() != 6)
    return emitOpError("expects packed weights of rank 6, got rank ")
           << w.size();
  if (in.size() != 4 || out.size() != 4)
    return emitOpError("expects input and result of rank 4");
  if (groups < 1 || w[0] != groups || in[1] % groups != 0 ||
      out[1] % groups != 0 || w[4] != in[1] / groups || w[5] < 1)
    return emitOpError("expects packed weights [groups = ")
           << groups << ", blocks, kh, kw, Cin/groups = "
           << (groups > 0 ? in[1] / groups : 0) << ", block], got " << str(w);
  int64_t cog = out[1] / groups;
  if (w[1] != (cog + w[5] - 1) / w[5])
    return emitOpError("expects ")
           << (cog + w[5] - 1) / w[5] << " blocks of " << w[5] << " for " << cog
           << " output channels per group, got " << w[1];
  if (!isEpilogueWellFormed(getEpilogueOperands()))
    return emitOpError("expects a bias and a residual at most, in that order");
  if (Value bias = getBias())
    if (shapeOf(bias) != ArrayRef<int64_t>{out[1]})
      return emitOpError("expects bias of shape [") << out[1] << "]";
  if (Value residual = getResidual())
    if (residual.getType() != getType())
      return emitOpError("expects a residual of the result's type");
  if (failed(verifyConvGeometry(*this, in, w.slice(2, 2), getStrides(),
                                getPads(), getDilations(), out)))
    return failure();
  return verifyEpilogue(*this, getActivation(), getActivationParams());
}

LogicalResult DepthwiseConv2dOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), w = shapeOf(getWeight()),
                    out = shapeOf(getResult());
  if (w.size() != 3)
    return emitOpError("expects weights [Cout, kh, kw], got ") << str(w);
  if (in.size() != 4 || out.size() != 4 || w[0] != out[1] ||
      out[1] % in[1] != 0)
    return emitOpError("expects Cout (")
           << w[0] << ") to be a multiple of Cin and match the result";
  if (Value bias = getBias())
    if (shapeOf(bias) != ArrayRef<int64_t>{out[1]})
      return emitOpError("expects bias of shape [") << out[1] << "]";
  if (failed(verifyConvGeometry(*this, in, w.drop_front(), getStrides(),
                                getPads(), getDilations(), out)))
    return failure();
  if (std::optional<StringRef> form = getForm()) {
    if (*form != "flat")
      return emitOpError("expects form \"flat\" or none, got \"")
             << *form << "\"";
    if (!flatDepthwiseFits(in[1], out[1], in[3], out[3], w[1], w[2],
                           getStrides()[0], getStrides()[1]))
      return emitOpError("form \"flat\" expects one output channel per "
                         "input channel, stride 1, output rows as wide as "
                         "the input's and at most ")
             << kFlatMaxTaps << " taps";
  }
  return verifyEpilogue(*this, getActivation(), getActivationParams());
}

LogicalResult ConvTransposeRowsOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), w = shapeOf(getPackedWeight()),
                    out = shapeOf(getResult()), k = getKernel(),
                    s = getStrides(), p = getPads();
  int64_t groups = getGroupsAttr().getInt();
  if (in.size() != 4 || out.size() != 4 || w.size() != 5)
    return emitOpError("expects a 4-D input and result and 5-D packed weights");
  if (k.size() != 2 || s.size() != 2 || p.size() != 4)
    return emitOpError("expects kernel [kh, kw], strides [sh, sw] and pads "
                       "[pt, pl, pb, pr]");
  for (int i = 0; i < 2; ++i)
    if (k[i] < 1 || k[i] > kMaxWindowParam || s[i] < 1 ||
        s[i] > kMaxWindowParam || p[i] < 0 || p[i] > kMaxWindowParam ||
        p[2 + i] < -kMaxWindowParam || p[2 + i] > kMaxWindowParam)
      return emitOpError("expects kernel, strides and pads in [1, ")
             << kMaxWindowParam << "] (leading pads from 0)";
  if (groups < 1 || in[1] % groups != 0 || out[1] % groups != 0)
    return emitOpError("expects groups dividing the input and output channels");
  int64_t lanes = 16 * ((s[1] + 15) / 16), taps = (k[1] + s[1] - 1) / s[1];
  SmallVector<int64_t> want = {out[1], in[1] / groups, k[0], taps, lanes};
  if (w != ArrayRef<int64_t>(want))
    return emitOpError("expects packed weights [Cout, Cin/groups, kh, "
                       "ceil(kw/sw), 16*ceil(sw/16)]");
  // The runtime stages input rows on its stack (huge_conv_transpose_rows).
  if (!transposeRowsWindowFits(k[1], s[1]))
    return emitOpError("has a column window too wide for the kernel's "
                       "staged rows");
  if (Value bias = getBias())
    if (shapeOf(bias) != ArrayRef<int64_t>{out[1]})
      return emitOpError("expects bias of shape [") << out[1] << "]";
  for (int i = 0; i < 2; ++i) {
    int64_t extent = (in[2 + i] - 1) * s[i] - p[i] - p[2 + i] + k[i];
    if (extent != out[2 + i] || in[0] != out[0])
      return emitOpError("expects result extent ")
             << extent << " along axis " << 2 + i << ", got " << out[2 + i];
  }
  return verifyEpilogue(*this, getActivation(), getActivationParams());
}

LogicalResult ConvTranspose2dOp::verify() {
  return verifyEpilogue(*this, getActivation(), getActivationParams());
}

LogicalResult ConvTranspose2dOp::inferReturnTypes(
    MLIRContext *ctx, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  Checker c(loc);
  ArrayRef<int64_t> op = adaptor.getOutputPadding();
  if (!c.rank(adaptor.getInput(), 4, "input") ||
      !c.rank(adaptor.getWeight(), 4, "weight") ||
      !checkWindow(c, adaptor.getStrides(), adaptor.getPads(),
                   adaptor.getDilations()) ||
      !c.size(op, 2, "output_padding") || !c.atLeast(op, 0, "output_padding"))
    return failure();
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  ArrayRef<int64_t> w = shapeOf(adaptor.getWeight());
  ArrayRef<int64_t> s = adaptor.getStrides(), p = adaptor.getPads(),
                    d = adaptor.getDilations();
  int64_t groups = adaptor.getGroupsAttr().getInt();
  if (!c.expect(groups >= 1 && groups <= kMaxExtent,
                "expects groups in [1, " + Twine(kMaxExtent) + "], got " +
                    Twine(groups)) ||
      !c.expect(in[1] % groups == 0,
                "expects groups to divide the " + Twine(in[1]) +
                    " input channels, got groups = " + Twine(groups)) ||
      !c.expect(w[0] == in[1], "expects weight dim 0 = input channels = " +
                                   Twine(in[1]) + ", got " + Twine(w[0])))
    return failure();
  for (int i = 0; i < 2; ++i)
    if (!c.expect(op[i] < std::max(s[i], d[i]),
                  "expects output_padding < stride (or dilation), got " +
                      Twine(op[i]) + " >= " + Twine(std::max(s[i], d[i])) +
                      " along axis " + Twine(2 + i)))
      return failure();
  int64_t cout = w[1] * groups;
  if (Value bias = adaptor.getBias()) {
    ArrayRef<int64_t> b = shapeOf(bias);
    if (!c.expect(b.size() == 1 && b[0] == cout,
                  "expects bias of shape [" + Twine(cout) + "], got " + str(b)))
      return failure();
  }
  SmallVector<int64_t> out = {in[0], cout, 0, 0};
  for (int i = 0; i < 2; ++i) {
    out[2 + i] = (in[2 + i] - 1) * s[i] - p[i] - p[2 + i] +
                 d[i] * (w[2 + i] - 1) + op[i] + 1;
    if (!c.expect(out[2 + i] >= 1, "expects pads to leave a non-empty output "
                                   "along axis " +
                                       Twine(2 + i) + ", got extent " +
                                       Twine(out[2 + i])))
      return failure();
  }
  types.push_back(tensorOf(ctx, out));
  return success();
}

//===----------------------------------------------------------------------===//
// Normalization and activations
//===----------------------------------------------------------------------===//

/// A normalization: an input of rank >= minRank whose result has its type,
/// and per-channel parameters of shape [C].
static LogicalResult
inferNormalization(std::optional<Location> loc, Value input, size_t minRank,
                   ArrayRef<std::pair<Value, StringRef>> params,
                   SmallVectorImpl<Type> &types) {
  Checker c(loc);
  ArrayRef<int64_t> in = shapeOf(input);
  if (!c.expect(in.size() >= minRank, "expects input of rank >= " +
                                          Twine(minRank) + ", got rank " +
                                          Twine(in.size())))
    return failure();
  for (auto [value, name] : params) {
    ArrayRef<int64_t> s = shapeOf(value);
    if (!c.expect(s.size() == 1 && s[0] == in[1],
                  "expects " + name + " of shape [" + Twine(in[1]) + "], got " +
                      str(s)))
      return failure();
  }
  types.push_back(input.getType());
  return success();
}

LogicalResult BatchNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  return inferNormalization(loc, adaptor.getInput(), 2,
                            {{adaptor.getScale(), "scale"},
                             {adaptor.getBias(), "bias"},
                             {adaptor.getMean(), "mean"},
                             {adaptor.getVariance(), "variance"}},
                            types);
}

LogicalResult InstanceNormOp::inferReturnTypes(MLIRContext *,
                                               std::optional<Location> loc,
                                               Adaptor adaptor,
                                               SmallVectorImpl<Type> &types) {
  return inferNormalization(
      loc, adaptor.getInput(), 3,
      {{adaptor.getScale(), "scale"}, {adaptor.getBias(), "bias"}}, types);
}

LogicalResult ClipOp::verify() {
  float lo = getMin().convertToFloat(), hi = getMax().convertToFloat();
  if (!(lo <= hi))
    return emitOpError("expects min <= max, got ")
           << num(lo) << " > " << num(hi);
  return success();
}

LogicalResult PReluOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  Checker c(loc);
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  ArrayRef<int64_t> slope = shapeOf(adaptor.getSlope());
  auto shape = broadcastShapes(in, slope);
  if (!c.expect(shape && ArrayRef<int64_t>(*shape) == in,
                "expects slope " + str(slope) + " to broadcast to input " +
                    str(in)))
    return failure();
  types.push_back(adaptor.getInput().getType());
  return success();
}

//===----------------------------------------------------------------------===//
// Element-wise binary ops
//===----------------------------------------------------------------------===//

static LogicalResult inferBroadcast(MLIRContext *ctx,
                                    std::optional<Location> loc, Value lhs,
                                    Value rhs, SmallVectorImpl<Type> &types) {
  auto shape = broadcastShapes(shapeOf(lhs), shapeOf(rhs));
  if (!shape)
    return emitOptionalError(loc, "expects broadcast-compatible operands, got ",
                             str(shapeOf(lhs)), " and ", str(shapeOf(rhs)));
  types.push_back(tensorOf(ctx, *shape));
  return success();
}

#define HUGE_BINARY_INFER(OpTy)                                                \
  LogicalResult OpTy::inferReturnTypes(                                        \
      MLIRContext *ctx, std::optional<Location> loc, Adaptor adaptor,          \
      SmallVectorImpl<Type> &types) {                                          \
    return inferBroadcast(ctx, loc, adaptor.getLhs(), adaptor.getRhs(),        \
                          types);                                              \
  }
HUGE_BINARY_INFER(AddOp)
HUGE_BINARY_INFER(SubOp)
HUGE_BINARY_INFER(MulOp)
HUGE_BINARY_INFER(DivOp)
HUGE_BINARY_INFER(PowOp)
#undef HUGE_BINARY_INFER

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *ctx,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  Checker c(loc);
  ValueRange inputs = adaptor.getInputs();
  if (!c.expect(!inputs.empty(), "expects at least one input"))
    return failure();
  SmallVector<int64_t> out(shapeOf(inputs[0]));
  int64_t axis = adaptor.getAxisAttr().getInt();
  int64_t rank = out.size();
  if (!c.expect(axis >= 0 && axis < rank,
                "expects axis in [0, " + Twine(rank) + "), got " + Twine(axis)))
    return failure();
  for (auto [i, input] : llvm::enumerate(inputs.drop_front())) {
    ArrayRef<int64_t> s = shapeOf(input);
    bool same = s.size() == out.size();
    for (int64_t d = 0; same && d < rank; ++d)
      same = d == axis || s[d] == out[d];
    if (!c.expect(same, "expects input " + Twine(i + 1) + " of shape " +
                            str(s) + " to match " + str(out) +
                            " except along axis " + Twine(axis)))
      return failure();
    out[axis] += s[axis];
  }
  types.push_back(tensorOf(ctx, out));
  return success();
}

OpFoldResult ConcatOp::fold(FoldAdaptor) {
  if (getInputs().size() == 1)
    return getInputs()[0];
  return {};
}

LogicalResult DepthToSpaceOp::inferReturnTypes(MLIRContext *ctx,
                                               std::optional<Location> loc,
                                               Adaptor adaptor,
                                               SmallVectorImpl<Type> &types) {
  Checker c(loc);
  if (!c.rank(adaptor.getInput(), 4, "input"))
    return failure();
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  int64_t b = adaptor.getBlockSizeAttr().getInt();
  if (!c.expect(b >= 1 && b <= kMaxWindowParam, "expects block_size in [1, " +
                                                    Twine(kMaxWindowParam) +
                                                    "], got " + Twine(b)) ||
      !c.expect(in[1] % (b * b) == 0, "expects block_size^2 = " + Twine(b * b) +
                                          " to divide the " + Twine(in[1]) +
                                          " input channels"))
    return failure();
  types.push_back(
      tensorOf(ctx, {in[0], in[1] / (b * b), in[2] * b, in[3] * b}));
  return success();
}

TileRule ResizeOp::getTileRule() {
  return getCoordinateMode() == CoordinateMode::TfCropAndResize ||
                 getRowBand()
             ? TileRule::None
             : TileRule::Resample;
}

int64_t ResizeOp::getFullInputRows() {
  return getRowBand() ? (*getRowBand())[1] : shapeOf(getInput())[2];
}
int64_t ResizeOp::getFullResultRows() {
  return getRowBand() ? (*getRowBand())[3] : shapeOf(getResult())[2];
}
int64_t ResizeOp::getInputRow0() {
  return getRowBand() ? (*getRowBand())[0] : 0;
}
int64_t ResizeOp::getResultRow0() {
  return getRowBand() ? (*getRowBand())[2] : 0;
}

std::pair<int64_t, int64_t> ResizeOp::getSourceRows(int64_t lo, int64_t hi) {
  int64_t in = getFullInputRows(), out = getFullResultRows();
  double scale = getScales()[0];
  // ONNX's coordinate transformations (runtime/src/resize.c), in double:
  // the runtime's float may round across an integer, hence the margin.
  auto source = [&](int64_t y) -> double {
    switch (getCoordinateMode()) {
    case CoordinateMode::HalfPixel:
      return (y + 0.5) / scale - 0.5;
    case CoordinateMode::PytorchHalfPixel:
      return out > 1 ? (y + 0.5) / scale - 0.5 : 0.0;
    case CoordinateMode::AlignCorners:
      return out > 1 ? y * (in - 1) / (in * scale - 1.0) : 0.0;
    case CoordinateMode::Asymmetric:
    case CoordinateMode::TfCropAndResize:
      return y / scale;
    }
    return 0.0;
  };
  // Taps from floor(s): nearest rounds to floor(s) or floor(s) + 1, linear
  // reads floor(s) and floor(s) + 1, cubic floor(s) - 2 .. floor(s) + 2. The
  // kernels compute s in float (OpenCL's division within a few ulp): a
  // source that close to an integer may floor either way.
  int64_t before = getMode() == ResizeMode::Cubic ? 2 : 0;
  int64_t after = getMode() == ResizeMode::Cubic ? 3 : 2;
  auto floorOf = [&](double s, double slackSign) {
    // Far outside the input (a degenerate align_corners scale) is clamped
    // like any other source outside it.
    s = std::clamp(s, -8.0, static_cast<double>(in) + 8.0);
    double slack = 1e-3 + 1e-5 * std::fabs(s);
    return static_cast<int64_t>(std::floor(s + slackSign * slack));
  };
  if (in < 1 || hi <= lo)
    return {0, std::max<int64_t>(in, 0)};
  int64_t first = floorOf(source(lo), -1.0) - before;
  int64_t last = floorOf(source(hi - 1), 1.0) + after;
  return {std::clamp<int64_t>(first, 0, in - 1),
          std::clamp<int64_t>(last, 1, in)};
}

LogicalResult ResizeOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getResult());
  ArrayRef<double> scales = getScales();
  if (in.size() != 4 || out.size() != 4)
    return emitOpError("expects input and result of rank 4, got ")
           << in.size() << " and " << out.size();
  if (scales.size() != 2)
    return emitOpError("expects 2 scales (H, W), got ") << scales.size();
  bool crop = getCoordinateMode() == CoordinateMode::TfCropAndResize;
  if (crop != getRoi().has_value())
    return emitOpError(crop ? "expects a roi with tf_crop_and_resize"
                            : "expects a roi only with tf_crop_and_resize");
  bool cubic = getMode() == ResizeMode::Cubic;
  if (!cubic && (getCubicCoeffA() || getExcludeOutside()))
    return emitOpError("expects cubic_coeff_a and exclude_outside only with "
                       "cubic interpolation");
  if (!crop && getExtrapolationValue())
    return emitOpError("expects an extrapolation_value only with "
                       "tf_crop_and_resize");
  if (crop) {
    ArrayRef<double> roi = *getRoi();
    if (roi.size() != 4)
      return emitOpError("expects a roi of 4 values (h_start, w_start, "
                         "h_end, w_end), got ")
             << roi.size();
    if (!llvm::all_of(roi, [](double v) { return std::isfinite(v); }))
      return emitOpError("expects a finite roi");
  }
  if (in[0] != out[0] || in[1] != out[1])
    return emitOpError("expects batch and channels to be kept, got ")
           << str(in) << " -> " << str(out);
  SmallVector<int64_t, 2> inExtent = {in[2], in[3]}, outExtent = {out[2],
                                                                 out[3]};
  if (std::optional<ArrayRef<int64_t>> window = getRowBand()) {
    if (crop)
      return emitOpError("expects no row_band with tf_crop_and_resize");
    ArrayRef<int64_t> w = *window;
    if (w.size() != 4)
      return emitOpError("expects a row_band of 4 values (in_row, in_rows, "
                         "out_row, out_rows), got ")
             << w.size();
    // Every value within the kernels' int, so no sum below overflows.
    if (!llvm::all_of(w, [](int64_t v) {
          return v >= 0 && v <= std::numeric_limits<int32_t>::max();
        }))
      return emitOpError("expects row_band values in [0, 2^31)");
    if (w[0] + in[2] > w[1] || w[2] + out[2] > w[3])
      return emitOpError("expects input rows [")
             << w[0] << ", " << w[0] + in[2] << ") within " << w[1]
             << " and result rows [" << w[2] << ", " << w[2] + out[2]
             << ") within " << w[3];
    inExtent[0] = w[1];
    outExtent[0] = w[3];
  }
  for (int i = 0; i < 2; ++i) {
    if (!(scales[i] > 0))
      return emitOpError("expects positive scales, got ") << num(scales[i]);
    double expected = inExtent[i] * scales[i];
    if (std::fabs(outExtent[i] - expected) >= 1.0)
      return emitOpError("expects result extent ")
             << static_cast<int64_t>(std::floor(expected)) << " along axis "
             << 2 + i << " (input " << inExtent[i] << " * scale "
             << num(scales[i]) << "), got " << outExtent[i];
  }
  // A band must hold every input row its result rows read.
  if (std::optional<ArrayRef<int64_t>> window = getRowBand()) {
    ArrayRef<int64_t> w = *window;
    auto [lo, hi] = getSourceRows(w[2], w[2] + out[2]);
    if (lo < w[0] || hi > w[0] + in[2])
      return emitOpError("expects the input band to hold rows [")
             << lo << ", " << hi << ") that result rows [" << w[2] << ", "
             << w[2] + out[2] << ") read, got [" << w[0] << ", "
             << w[0] + in[2] << ")";
  }
  return success();
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *ctx,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &types) {
  Checker c(loc);
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  ArrayRef<int64_t> pads = adaptor.getPads();
  size_t rank = in.size();
  if (!c.size(pads, 2 * rank, "pads (leading then trailing per axis)") ||
      !c.atMost(pads, kMaxWindowParam, "pads"))
    return failure();
  bool reflect = adaptor.getMode() == PadMode::Reflect;
  SmallVector<int64_t> out(rank);
  for (size_t i = 0; i < rank; ++i) {
    out[i] = in[i] + pads[i] + pads[rank + i];
    if (!c.expect(out[i] >= 1, "expects a non-empty result along axis " +
                                   Twine(i) + ", got extent " + Twine(out[i])))
      return failure();
    if (reflect && !c.expect(pads[i] < in[i] && pads[rank + i] < in[i],
                             "expects reflect pads smaller than the extent " +
                                 Twine(in[i]) + " of axis " + Twine(i)))
      return failure();
  }
  types.push_back(tensorOf(ctx, out));
  return success();
}

OpFoldResult PadOp::fold(FoldAdaptor) {
  if (llvm::all_of(getPads(), [](int64_t p) { return p == 0; }))
    return getInput();
  return {};
}

LogicalResult InterleaveOp::verify() {
  ArrayRef<int64_t> out = shapeOf(getResult());
  ArrayRef<int64_t> s = getStrides(), phases = getPhases();
  if (out.size() != 4)
    return emitOpError("expects a result of rank 4, got rank ") << out.size();
  if (s.size() != 2 || s[0] < 1 || s[1] < 1)
    return emitOpError("expects 2 strides >= 1, got ") << str(s);
  size_t n = getPhaseValues().size();
  if (phases.size() != 2 * n)
    return emitOpError("expects 2 phase indices per operand (")
           << 2 * n << "), got " << phases.size();
  std::set<std::pair<int64_t, int64_t>> seen;
  for (size_t i = 0; i < n; ++i) {
    int64_t rh = phases[2 * i], rw = phases[2 * i + 1];
    if (rh < 0 || rh >= std::min(s[0], out[2]) || rw < 0 ||
        rw >= std::min(s[1], out[3]))
      return emitOpError("expects phase (")
             << rh << ", " << rw << ") inside the stride and the result";
    if (!seen.insert({rh, rw}).second)
      return emitOpError("expects distinct phases, got (")
             << rh << ", " << rw << ") twice";
    SmallVector<int64_t> expected = {out[0], out[1],
                                     (out[2] - rh + s[0] - 1) / s[0],
                                     (out[3] - rw + s[1] - 1) / s[1]};
    ArrayRef<int64_t> got = shapeOf(getPhaseValues()[i]);
    if (got != ArrayRef<int64_t>(expected))
      return emitOpError("expects phase (")
             << rh << ", " << rw << ") of shape " << str(expected) << ", got "
             << str(got);
  }
  if (Value fill = getFill()) {
    ArrayRef<int64_t> f = shapeOf(fill);
    if (f.size() != 1 || f[0] != out[1])
      return emitOpError("expects fill of shape [")
             << out[1] << "], got " << str(f);
  }
  return success();
}

LogicalResult SliceOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getResult());
  ArrayRef<int64_t> offsets = getOffsets(), steps = getSteps();
  if (out.size() != in.size() || offsets.size() != in.size() ||
      steps.size() != in.size())
    return emitOpError("expects result, offsets and steps of rank ")
           << in.size();
  for (size_t i = 0; i < in.size(); ++i)
    if (offsets[i] < 0 || steps[i] < 1 ||
        offsets[i] + (out[i] - 1) * steps[i] >= in[i])
      return emitOpError("expects the window along axis ")
             << i << " (offset " << offsets[i] << ", step " << steps[i]
             << ", extent " << out[i] << ") inside the input extent " << in[i];
  return success();
}

OpFoldResult SliceOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType() &&
      llvm::all_of(getOffsets(), [](int64_t o) { return o == 0; }))
    return getInput();
  return {};
}

LogicalResult InsertRowsOp::verify() {
  ArrayRef<int64_t> tile = shapeOf(getTile()), dest = shapeOf(getDest()),
                    out = shapeOf(getResult());
  if (dest != out)
    return emitOpError("expects the result type of dest, got ")
           << str(out) << " and " << str(dest);
  if (tile.size() != 4 || dest.size() != 4 || tile[0] != dest[0] ||
      tile[1] != dest[1])
    return emitOpError("expects rank-4 tile and dest of equal batch and "
                       "channels, got ")
           << str(tile) << " and " << str(dest);
  int64_t row = getRow(), col = getColumn();
  if (row < 0 || row + tile[2] > dest[2])
    return emitOpError("expects rows [")
           << row << ", " << row + tile[2] << ") inside the " << dest[2]
           << " rows of dest";
  if (col < 0 || col + tile[3] > dest[3])
    return emitOpError("expects columns [")
           << col << ", " << col + tile[3] << ") inside the " << dest[3]
           << " columns of dest";
  return success();
}

LogicalResult InsertZerosOp::inferReturnTypes(MLIRContext *ctx,
                                              std::optional<Location> loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &types) {
  Checker c(loc);
  if (!c.rank(adaptor.getInput(), 4, "input") ||
      !c.size(adaptor.getStrides(), 2, "strides") ||
      !c.atLeast(adaptor.getStrides(), 1, "strides") ||
      !c.atMost(adaptor.getStrides(), kMaxWindowParam, "strides"))
    return failure();
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  ArrayRef<int64_t> s = adaptor.getStrides();
  types.push_back(tensorOf(
      ctx, {in[0], in[1], (in[2] - 1) * s[0] + 1, (in[3] - 1) * s[1] + 1}));
  return success();
}

LogicalResult ReshapeOp::verify() {
  int64_t in = cast<ShapedType>(getInput().getType()).getNumElements();
  int64_t out = cast<ShapedType>(getType()).getNumElements();
  if (in != out)
    return emitOpError("expects the result to hold the input's ")
           << in << " elements, got " << out;
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return {};
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *ctx,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  Checker c(loc);
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  ArrayRef<int64_t> perm = adaptor.getPerm();
  if (!c.size(perm, in.size(), "perm entries"))
    return failure();
  llvm::SmallBitVector seen(in.size());
  SmallVector<int64_t> out;
  for (int64_t p : perm) {
    if (!c.expect(p >= 0 && p < static_cast<int64_t>(in.size()) && !seen[p],
                  "expects perm to be a permutation of [0, " +
                      Twine(in.size()) + "), got " + str(perm)))
      return failure();
    seen.set(p);
    out.push_back(in[p]);
  }
  types.push_back(tensorOf(ctx, out));
  return success();
}

OpFoldResult TransposeOp::fold(FoldAdaptor) {
  for (auto [i, p] : llvm::enumerate(getPerm()))
    if (static_cast<int64_t>(i) != p)
      return {};
  return getInput();
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

static LogicalResult inferPool(MLIRContext *ctx, std::optional<Location> loc,
                               Value input, ArrayRef<int64_t> kernel,
                               ArrayRef<int64_t> strides,
                               ArrayRef<int64_t> pads,
                               ArrayRef<int64_t> dilations, bool ceilMode,
                               SmallVectorImpl<Type> &types) {
  Checker c(loc);
  if (!c.rank(input, 4, "input") || !c.size(kernel, 2, "kernel extents") ||
      !c.atLeast(kernel, 1, "kernel") ||
      !c.atMost(kernel, kMaxWindowParam, "kernel") ||
      !checkWindow(c, strides, pads, dilations))
    return failure();
  ArrayRef<int64_t> in = shapeOf(input);
  SmallVector<int64_t> out = {in[0], in[1], 0, 0};
  for (int i = 0; i < 2; ++i) {
    int64_t span = dilations[i] * (kernel[i] - 1) + 1;
    if (!c.expect(pads[i] < span && pads[2 + i] < span,
                  "expects pads smaller than the window (" + Twine(span) +
                      ") along axis " + Twine(2 + i) + ", got " + str(pads)))
      return failure();
    out[2 + i] = windowExtent(in[2 + i], pads[i], pads[2 + i], kernel[i],
                              strides[i], dilations[i], ceilMode);
    if (!c.expect(out[2 + i] >= 1, "expects the window (" + Twine(span) +
                                       ") to fit the padded input along axis " +
                                       Twine(2 + i)))
      return failure();
  }
  types.push_back(tensorOf(ctx, out));
  return success();
}

LogicalResult MaxPool2dOp::inferReturnTypes(MLIRContext *ctx,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  return inferPool(ctx, loc, adaptor.getInput(), adaptor.getKernel(),
                   adaptor.getStrides(), adaptor.getPads(),
                   adaptor.getDilations(), adaptor.getCeilMode(), types);
}

LogicalResult AvgPool2dOp::inferReturnTypes(MLIRContext *ctx,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  int64_t unit[] = {1, 1};
  return inferPool(ctx, loc, adaptor.getInput(), adaptor.getKernel(),
                   adaptor.getStrides(), adaptor.getPads(), unit,
                   adaptor.getCeilMode(), types);
}

LogicalResult GlobalAvgPoolOp::inferReturnTypes(MLIRContext *ctx,
                                                std::optional<Location> loc,
                                                Adaptor adaptor,
                                                SmallVectorImpl<Type> &types) {
  Checker c(loc);
  if (!c.rank(adaptor.getInput(), 4, "input"))
    return failure();
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  types.push_back(tensorOf(ctx, {in[0], in[1], 1, 1}));
  return success();
}

//===----------------------------------------------------------------------===//
// Dense layers
//===----------------------------------------------------------------------===//

LogicalResult MatMulOp::inferReturnTypes(MLIRContext *ctx,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  Checker c(loc);
  ArrayRef<int64_t> a = shapeOf(adaptor.getLhs()),
                    b = shapeOf(adaptor.getRhs());
  if (!c.expect(a.size() >= 2 && b.size() >= 2,
                "expects operands of rank >= 2, got " + str(a) + " and " +
                    str(b)) ||
      !c.expect(a.back() == b[b.size() - 2],
                "expects lhs columns (" + Twine(a.back()) + ") = rhs rows (" +
                    Twine(b[b.size() - 2]) + ")"))
    return failure();
  auto batch = broadcastShapes(a.drop_back(2), b.drop_back(2));
  if (!c.expect(batch.has_value(), "expects broadcast-compatible batch "
                                   "dimensions, got " +
                                       str(a) + " and " + str(b)))
    return failure();
  SmallVector<int64_t> out = *batch;
  out.push_back(a[a.size() - 2]);
  out.push_back(b.back());
  types.push_back(tensorOf(ctx, out));
  return success();
}

LogicalResult GemmOp::inferReturnTypes(MLIRContext *ctx,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  Checker c(loc);
  if (!c.rank(adaptor.getA(), 2, "A") || !c.rank(adaptor.getB(), 2, "B"))
    return failure();
  ArrayRef<int64_t> a = shapeOf(adaptor.getA()), b = shapeOf(adaptor.getB());
  int64_t m = adaptor.getTransA() ? a[1] : a[0];
  int64_t ka = adaptor.getTransA() ? a[0] : a[1];
  int64_t kb = adaptor.getTransB() ? b[1] : b[0];
  int64_t n = adaptor.getTransB() ? b[0] : b[1];
  if (!c.expect(ka == kb, "expects inner dimensions to agree, got " +
                              Twine(ka) + " and " + Twine(kb)))
    return failure();
  SmallVector<int64_t> out = {m, n};
  if (Value cv = adaptor.getC()) {
    auto shape = broadcastShapes(shapeOf(cv), out);
    if (!c.expect(shape && ArrayRef<int64_t>(*shape) == ArrayRef<int64_t>(out),
                  "expects C " + str(shapeOf(cv)) + " to broadcast to " +
                      str(out)))
      return failure();
  }
  types.push_back(tensorOf(ctx, out));
  return success();
}

LogicalResult SoftmaxOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  int64_t rank = shapeOf(adaptor.getInput()).size();
  int64_t axis = adaptor.getAxisAttr().getInt();
  if (axis < 0 || axis >= rank)
    return emitOptionalError(loc, "expects axis in [0, ", rank, "), got ",
                             axis);
  types.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult UnaryMathOp::verify() {
  size_t expected = getFn() == UnaryFn::Selu                              ? 2
                    : getFn() == UnaryFn::Elu || getFn() == UnaryFn::Pow ? 1
                                                                         : 0;
  size_t got = getParams() ? getParams()->size() : 0;
  if (got != expected)
    return emitOpError("expects ")
           << expected << " params for " << stringifyUnaryFn(getFn())
           << ", got " << got;
  return success();
}

LogicalResult ReduceOp::inferReturnTypes(MLIRContext *ctx,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  ArrayRef<int64_t> in = shapeOf(adaptor.getInput());
  ArrayRef<int64_t> axes = adaptor.getAxes();
  int64_t rank = in.size();
  if (axes.empty())
    return emitOptionalError(loc, "expects at least one axis");
  for (auto [i, axis] : llvm::enumerate(axes)) {
    if (axis < 0 || axis >= rank)
      return emitOptionalError(loc, "expects axes in [0, ", rank, "), got ",
                               axis);
    if (i > 0 && axis <= axes[i - 1])
      return emitOptionalError(loc, "expects sorted distinct axes");
  }
  bool keep = adaptor.getKeepDims();
  SmallVector<int64_t> out;
  for (int64_t d = 0; d < rank; ++d) {
    bool reduced = llvm::is_contained(axes, d);
    if (reduced && in[d] == 0)
      return emitOptionalError(loc, "expects reduced axes of nonzero extent");
    if (!reduced)
      out.push_back(in[d]);
    else if (keep)
      out.push_back(1);
  }
  types.push_back(tensorOf(ctx, out));
  return success();
}

#define GET_OP_CLASSES
#include "huge/Dialect/Huge/IR/HugeOps.cpp.inc"

unsigned ChainOp::paramCount(ChainStep step) {
  switch (step) {
  case ChainStep::Clip:
  case ChainStep::HardSigmoid:
  case ChainStep::Selu:
    return 2;
  case ChainStep::LeakyRelu:
  case ChainStep::Elu:
  case ChainStep::Pow:
  case ChainStep::Add:
  case ChainStep::Sub:
  case ChainStep::RSub:
  case ChainStep::Mul:
  case ChainStep::Div:
  case ChainStep::RDiv:
    return 1;
  default:
    return 0;
  }
}

LogicalResult ChainOp::verify() {
  if (getSteps().empty())
    return emitOpError("expects at least one step");
  size_t expected = 0;
  for (Attribute a : getSteps())
    expected += paramCount(cast<ChainStepAttr>(a).getValue());
  if (getParams().size() != expected)
    return emitOpError("expects ")
           << expected << " params for its steps, got " << getParams().size();
  return success();
}
