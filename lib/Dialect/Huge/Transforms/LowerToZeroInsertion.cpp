//===- LowerToZeroInsertion.cpp - the zero-insertion baseline -------------===//
//
// conv_transpose2d(x) = conv2d(insert_zeros(x, s), flip(W)^T) with pads
// d(k-1) - p (leading) and d(k-1) - p + output_padding (trailing); negative
// pads crop. A dilated conv2d becomes a dense conv2d whose kernel has d-1
// zeros between taps. Both execute every multiply-add on an inserted zero.
//
//===----------------------------------------------------------------------===//

#include "huge/Dialect/Huge/IR/ConstantUtils.h"
#include "huge/Dialect/Huge/Transforms/Passes.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace huge {
#define GEN_PASS_DEF_HUGELOWERTOZEROINSERTIONPASS
#include "huge/Dialect/Huge/Transforms/Passes.h.inc"
} // namespace huge

using namespace mlir;
using namespace huge;

namespace {

struct TransposedToZeroInsertion : OpRewritePattern<ConvTranspose2dOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ConvTranspose2dOp op,
                                PatternRewriter &rewriter) const override {
    auto weight = getConstantFloats(op.getWeight());
    if (!weight)
      return rewriter.notifyMatchFailure(op, "weights are not constant");
    ArrayRef<int64_t> w = cast<ShapedType>(op.getWeight().getType()).getShape();
    ArrayRef<int64_t> x = cast<ShapedType>(op.getInput().getType()).getShape();
    ArrayRef<int64_t> s = op.getStrides(), p = op.getPads(),
                      d = op.getDilations(), outPad = op.getOutputPadding();
    int64_t groups = op.getGroupsAttr().getInt();
    int64_t cig = x[1] / groups, cog = w[1], co = cog * groups;
    // [Ci, Co/g, kh, kw] -> flipped [Co, Ci/g, kh, kw]
    std::vector<float> flipped(co * cig * w[2] * w[3]);
    for (int64_t o = 0; o < co; ++o)
      for (int64_t i = 0; i < cig; ++i)
        for (int64_t ky = 0; ky < w[2]; ++ky)
          for (int64_t kx = 0; kx < w[3]; ++kx) {
            int64_t ci = (o / cog) * cig + i, j = o % cog;
            flipped[((o * cig + i) * w[2] + ky) * w[3] + kx] =
                (*weight)[((ci * cog + j) * w[2] + (w[2] - 1 - ky)) * w[3] +
                          (w[3] - 1 - kx)];
          }
    Location loc = op.getLoc();
    Value input = op.getInput();
    if (s[0] > 1 || s[1] > 1)
      input = rewriter.create<InsertZerosOp>(loc, input, op.getStridesAttr());
    int64_t eh = d[0] * (w[2] - 1), ew = d[1] * (w[3] - 1);
    rewriter.replaceOpWithNewOp<Conv2dOp>(
        op, input,
        createF32Constant(rewriter, loc, {co, cig, w[2], w[3]}, flipped),
        epilogueOperands(op.getBias()), rewriter.getDenseI64ArrayAttr({1, 1}),
        rewriter.getDenseI64ArrayAttr({eh - p[0], ew - p[1],
                                       eh - p[2] + outPad[0],
                                       ew - p[3] + outPad[1]}),
        op.getDilationsAttr(), op.getGroupsAttr(), op.getActivationAttr(),
        op.getActivationParamsAttr(), /*form=*/StringAttr());
    return success();
  }
};

struct DilatedToZeroKernel : OpRewritePattern<Conv2dOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(Conv2dOp op,
                                PatternRewriter &rewriter) const override {
    ArrayRef<int64_t> d = op.getDilations();
    if (d[0] == 1 && d[1] == 1)
      return failure();
    auto weight = getConstantFloats(op.getWeight());
    if (!weight)
      return rewriter.notifyMatchFailure(op, "weights are not constant");
    ArrayRef<int64_t> w = cast<ShapedType>(op.getWeight().getType()).getShape();
    int64_t kh = d[0] * (w[2] - 1) + 1, kw = d[1] * (w[3] - 1) + 1;
    std::vector<float> dilated(w[0] * w[1] * kh * kw, 0.0f);
    for (int64_t o = 0; o < w[0] * w[1]; ++o)
      for (int64_t ky = 0; ky < w[2]; ++ky)
        for (int64_t kx = 0; kx < w[3]; ++kx)
          dilated[(o * kh + ky * d[0]) * kw + kx * d[1]] =
              (*weight)[(o * w[2] + ky) * w[3] + kx];
    rewriter.modifyOpInPlace(op, [&] {
      op.getWeightMutable().assign(createF32Constant(
          rewriter, op.getLoc(), {w[0], w[1], kh, kw}, dilated));
      op.setDilations({1, 1});
      op.removeFormAttr();
    });
    return success();
  }
};

struct LowerToZeroInsertionPass
    : huge::impl::HugeLowerToZeroInsertionPassBase<LowerToZeroInsertionPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateZeroInsertionPatterns(patterns);
    if (failed(
            applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

void huge::populateZeroInsertionPatterns(RewritePatternSet &patterns) {
  patterns.add<TransposedToZeroInsertion, DilatedToZeroKernel>(
      patterns.getContext());
}
