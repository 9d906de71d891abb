//===- UntangleTransposedConv.cpp - transposed conv without zeros ---------===//
//
// Phase form (HUGE2): output phase (rh, rw) of a transposed convolution is a
// stride-1 convolution of the input with the taps that reach it (PhaseMath),
// so the layer becomes s_h*s_w small dense convolutions whose results
// huge.interleave places at their strided positions; the memory plan lets
// each one write there directly.
//
// Split form (split deconvolution): the phases' sub-kernels, zero-padded to
// a common window, become the s*s*Cout output channels of one convolution;
// depth_to_space and a crop give the result.
//
// Output order (huge.conv_transpose_rows): for layers whose outputs each sum
// a few products, on targets with the runtime's packed kernels, the layer
// stays whole and is computed row by row in output order (preferTransposeRows
// in ConvPacking.h says when).
//
//===----------------------------------------------------------------------===//

#include "Epilogue.h"

#include "huge/Dialect/Huge/IR/ConstantUtils.h"
#include "huge/Dialect/Huge/IR/ShapeUtils.h"
#include "huge/Dialect/Huge/IR/Target.h"
#include "huge/Dialect/Huge/Transforms/Passes.h"
#include "huge/Dialect/Huge/Utils/ConvPacking.h"
#include "huge/Dialect/Huge/Utils/PhaseMath.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace huge {
#define GEN_PASS_DEF_HUGEUNTANGLETRANSPOSEDCONVPASS
#include "huge/Dialect/Huge/Transforms/Passes.h.inc"
} // namespace huge

using namespace mlir;
using namespace huge;

namespace {

/// The pieces of a transposed convolution both forms need.
struct TransposedConv {
  mutable ConvTranspose2dOp op;
  ArrayRef<int64_t> x, w, y; // input, weight [Ci, Co/g, kh, kw], output
  int64_t groups, cig, cog;
  std::vector<float> weight;
  std::optional<std::vector<float>> bias;

  static FailureOr<TransposedConv> get(ConvTranspose2dOp op) {
    TransposedConv t{op};
    auto weight = getConstantFloats(op.getWeight());
    if (!weight)
      return failure();
    t.weight = std::move(*weight);
    if (op.getBias()) {
      t.bias = getConstantFloats(op.getBias());
      if (!t.bias)
        return failure();
    }
    t.x = cast<ShapedType>(op.getInput().getType()).getShape();
    t.w = cast<ShapedType>(op.getWeight().getType()).getShape();
    t.y = cast<ShapedType>(op.getType()).getShape();
    t.groups = op.getGroupsAttr().getInt();
    t.cig = t.x[1] / t.groups;
    t.cog = t.w[1];
    return t;
  }

  /// weight[ci][j][ky][kx] for output channel co = g*cog + j and input
  /// channel ci = g*cig + ciLocal.
  float at(int64_t co, int64_t ciLocal, int64_t ky, int64_t kx) const {
    int64_t g = co / cog, j = co % cog;
    int64_t ci = g * cig + ciLocal;
    return weight[((ci * w[1] + j) * w[2] + ky) * w[3] + kx];
  }

  SmallVector<AxisPhase> phases(int axis) const {
    ArrayRef<int64_t> s = op.getStrides(), p = op.getPads(),
                      d = op.getDilations();
    return transposedConvPhases(x[2 + axis], w[2 + axis], s[axis], p[axis],
                                d[axis], y[2 + axis]);
  }

  Value conv2d(PatternRewriter &rewriter, Value input, Value weight, Value bias,
               ArrayRef<int64_t> pads, ArrayRef<int64_t> dilations,
               int64_t groupCount) const {
    Epilogue e = Epilogue::of(op);
    return rewriter.create<Conv2dOp>(
        op.getLoc(), input, weight, epilogueOperands(bias),
        rewriter.getDenseI64ArrayAttr({1, 1}),
        rewriter.getDenseI64ArrayAttr(pads),
        rewriter.getDenseI64ArrayAttr(dilations),
        rewriter.getI64IntegerAttr(groupCount), e.activation, e.params,
        /*form=*/StringAttr());
  }
};

struct UntangleToPhases : OpRewritePattern<ConvTranspose2dOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ConvTranspose2dOp op,
                                PatternRewriter &rewriter) const override {
    auto t = TransposedConv::get(op);
    if (failed(t))
      return rewriter.notifyMatchFailure(op, "weights or bias not constant");
    Location loc = op.getLoc();
    SmallVector<AxisPhase> rows = t->phases(0), cols = t->phases(1);
    SmallVector<Value> phaseValues;
    SmallVector<int64_t> phaseIndices;
    bool biasOnlyPhases = false;
    int64_t co = t->y[1];
    for (const AxisPhase &ph : rows)
      for (const AxisPhase &pw : cols) {
        if (ph.taps.empty() || pw.taps.empty()) {
          biasOnlyPhases = true;
          continue;
        }
        // Sub-kernel [Co, Ci/g, Th, Tw] of the taps reaching this phase.
        int64_t th = ph.taps.size(), tw = pw.taps.size();
        std::vector<float> sub(co * t->cig * th * tw);
        for (int64_t o = 0; o < co; ++o)
          for (int64_t i = 0; i < t->cig; ++i)
            for (int64_t u = 0; u < th; ++u)
              for (int64_t v = 0; v < tw; ++v)
                sub[((o * t->cig + i) * th + u) * tw + v] =
                    t->at(o, i, ph.taps[u], pw.taps[v]);
        Value weight =
            createF32Constant(rewriter, loc, {co, t->cig, th, tw}, sub);
        phaseValues.push_back(
            t->conv2d(rewriter, op.getInput(), weight, op.getBias(),
                      {ph.padLo, pw.padLo, ph.padHi, pw.padHi},
                      {ph.dilation, pw.dilation}, t->groups));
        phaseIndices.append({ph.phase, pw.phase});
      }
    Value fill;
    if (biasOnlyPhases)
      fill = createF32Constant(rewriter, loc, {co},
                               Epilogue::of(op).applyToBias(t->bias, co));
    rewriter.replaceOpWithNewOp<InterleaveOp>(
        op, op.getType(), phaseValues, fill, op.getStrides(),
        rewriter.getDenseI64ArrayAttr(phaseIndices));
    return success();
  }
};

/// Output order: weights packed per lane (packTransposeRowsWeights), the
/// output padding folded into the trailing pads.
struct UntangleToRows : OpRewritePattern<ConvTranspose2dOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ConvTranspose2dOp op,
                                PatternRewriter &rewriter) const override {
    if (!packsWeights(getTarget(op)))
      return rewriter.notifyMatchFailure(op, "the target has no such kernel");
    ArrayRef<int64_t> s = op.getStrides(), p = op.getPads(),
                      d = op.getDilations(), op_ = op.getOutputPadding();
    if (d[0] != 1 || d[1] != 1)
      return rewriter.notifyMatchFailure(op, "dilated");
    auto t = TransposedConv::get(op);
    if (failed(t))
      return rewriter.notifyMatchFailure(op, "weights or bias not constant");
    int64_t kh = t->w[2], kw = t->w[3], co = t->y[1];
    int64_t lanes = 16 * ((s[1] + 15) / 16), taps = (kw + s[1] - 1) / s[1];
    if (!preferTransposeRows(co, t->cig, kh, kw, s[0], s[1]) ||
        !transposeRowsWindowFits(kw, s[1]))
      return rewriter.notifyMatchFailure(op, "phases are cheaper");
    Location loc = op.getLoc();
    Value weight = createF32Constant(
        rewriter, loc, {co, t->cig, kh, taps, lanes},
        packTransposeRowsWeights(t->weight, t->x[1], co, kh, kw, s[1], p[1],
                                 t->groups));
    rewriter.replaceOpWithNewOp<ConvTransposeRowsOp>(
        op, op.getType(), op.getInput(), weight, op.getBias(),
        op.getStridesAttr(),
        rewriter.getDenseI64ArrayAttr(
            {p[0], p[1], p[2] - op_[0], p[3] - op_[1]}),
        rewriter.getDenseI64ArrayAttr({kh, kw}), op.getGroupsAttr(),
        op.getActivationAttr(), op.getActivationParamsAttr());
    return success();
  }
};

/// Split deconvolution. Per axis, write o + p = s*m + r (0 <= r < s): then
/// out[s*m + r - p] = sum_i in[m - i] * w_eff[r + i*s], i < M = ceil(K/s),
/// with w_eff the dilated kernel (K = d(k-1)+1) zero-padded to s*M taps. So
/// the s outputs of block m share the input window in[m-M+1 .. m]: one
/// convolution with s*s*Cout output channels (residues in CRD order), then
/// depth_to_space, then a crop of p mod s leading and the excess trailing
/// outputs. It wastes work only where s does not divide K.
struct UntangleToSplit : OpRewritePattern<ConvTranspose2dOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ConvTranspose2dOp op,
                                PatternRewriter &rewriter) const override {
    ArrayRef<int64_t> s = op.getStrides(), p = op.getPads(),
                      d = op.getDilations();
    if (s[0] != s[1])
      return rewriter.notifyMatchFailure(op, "depth_to_space needs one block");
    auto t = TransposedConv::get(op);
    if (failed(t))
      return rewriter.notifyMatchFailure(op, "weights or bias not constant");
    int64_t st = s[0], co = t->y[1];
    Location loc = op.getLoc();

    struct Axis {
      int64_t taps;  // M, the window of every block
      int64_t first; // m of the first conv output row
      int64_t rows;  // conv output rows
      int64_t padLo, padHi;
    } axes[2];
    for (int a = 0; a < 2; ++a) {
      int64_t kEff = d[a] * (t->w[2 + a] - 1) + 1;
      int64_t in = t->x[2 + a], out = t->y[2 + a];
      Axis &ax = axes[a];
      ax.taps = (kEff + st - 1) / st;
      ax.first = p[a] / st;
      ax.rows = (out + p[a] + st - 1) / st - ax.first;
      ax.padLo = ax.taps - 1 - ax.first;
      ax.padHi = ax.rows - in - ax.padLo + ax.taps - 1;
    }
    // The kernel tap at window position a (input m - M + 1 + a) of residue r
    // is w_eff[r + (M - 1 - a) * s], if that is a real tap.
    auto tapOf = [&](int axis, int64_t r, int64_t a) -> int64_t {
      int64_t e = r + (axes[axis].taps - 1 - a) * st;
      int64_t kEff = d[axis] * (t->w[2 + axis] - 1) + 1;
      return e < kEff && e % d[axis] == 0 ? e / d[axis] : -1;
    };
    int64_t kh = axes[0].taps, kw = axes[1].taps;
    int64_t outChannels = co * st * st;
    std::vector<float> weight(outChannels * t->cig * kh * kw, 0.0f);
    for (int64_t o = 0; o < co; ++o)
      for (int64_t rh = 0; rh < st; ++rh)
        for (int64_t rw = 0; rw < st; ++rw)
          for (int64_t i = 0; i < t->cig; ++i)
            for (int64_t a = 0; a < kh; ++a)
              for (int64_t b = 0; b < kw; ++b) {
                int64_t ty = tapOf(0, rh, a), tx = tapOf(1, rw, b);
                if (ty < 0 || tx < 0)
                  continue;
                int64_t ch = (o * st + rh) * st + rw;
                weight[((ch * t->cig + i) * kh + a) * kw + b] =
                    t->at(o, i, ty, tx);
              }
    std::vector<float> bias(outChannels, 0.0f);
    for (int64_t ch = 0; ch < outChannels; ++ch)
      bias[ch] = t->bias ? (*t->bias)[ch / (st * st)] : 0.0f;
    Value conv = t->conv2d(
        rewriter, op.getInput(),
        createF32Constant(rewriter, loc, {outChannels, t->cig, kh, kw}, weight),
        createF32Constant(rewriter, loc, {outChannels}, bias),
        {axes[0].padLo, axes[1].padLo, axes[0].padHi, axes[1].padHi}, {1, 1},
        t->groups);
    Value shuffled = rewriter.create<DepthToSpaceOp>(
        loc, conv, rewriter.getI64IntegerAttr(st),
        DepthToSpaceModeAttr::get(getContext(), DepthToSpaceMode::CRD));
    Value result = shuffled;
    if (cast<ShapedType>(shuffled.getType()).getShape() != t->y)
      result = rewriter.create<SliceOp>(
          loc, op.getType(), shuffled,
          rewriter.getDenseI64ArrayAttr({0, 0, p[0] % st, p[1] % st}),
          rewriter.getDenseI64ArrayAttr({1, 1, 1, 1}));
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct UntangleTransposedConvPass
    : huge::impl::HugeUntangleTransposedConvPassBase<
          UntangleTransposedConvPass> {
  using HugeUntangleTransposedConvPassBase::HugeUntangleTransposedConvPassBase;

  void runOnOperation() override {
    if (form != "phases" && form != "split") {
      getOperation().emitError("huge-untangle-transposed-conv: unknown form '")
          << form << "'; expected phases or split";
      return signalPassFailure();
    }
    RewritePatternSet patterns(&getContext());
    populateUntangleTransposedConvPatterns(patterns, form == "split",
                                           outputOrder);
    if (failed(
            applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

void huge::populateUntangleTransposedConvPatterns(RewritePatternSet &patterns,
                                                  bool splitForm,
                                                  bool outputOrder) {
  // The split form falls back to phases where it cannot apply.
  if (splitForm)
    patterns.add<UntangleToSplit>(patterns.getContext(), /*benefit=*/2);
  else if (outputOrder)
    patterns.add<UntangleToRows>(patterns.getContext(), /*benefit=*/2);
  patterns.add<UntangleToPhases>(patterns.getContext());
}
