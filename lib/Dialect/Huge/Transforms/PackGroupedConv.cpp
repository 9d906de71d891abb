//===- PackGroupedConv.cpp - GSPC layout for grouped convolutions ---------===//
//
// Grouped convolutions run badly in plain NCHW: each group is a small
// convolution whose output channels are too few for wide vectors. The
// grouped spatial-pack layout (GSPC) packs, per group, the output channels
// in blocks (ConvPacking.h): a group with many output channels accumulates
// vectors of them per output pixel, a group with few accumulates its
// channels over vectors of output columns. Depthwise convolutions, one input
// channel per group, get their own kernel instead (on small planes in runs
// of pixels, `form = "flat"`: preferFlatDepthwise). Sub-convolutions of
// untangled layers (operands of huge.interleave) are left to the phase kernel.
//
//===----------------------------------------------------------------------===//

#include "huge/Dialect/Huge/IR/ConstantUtils.h"
#include "huge/Dialect/Huge/IR/Target.h"
#include "huge/Dialect/Huge/Transforms/Passes.h"
#include "huge/Dialect/Huge/Utils/ConvPacking.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace huge {
#define GEN_PASS_DEF_HUGEPACKGROUPEDCONVPASS
#include "huge/Dialect/Huge/Transforms/Passes.h.inc"
} // namespace huge

using namespace mlir;
using namespace huge;

namespace {

struct PackGroupedConv : OpRewritePattern<Conv2dOp> {
  PackGroupedConv(MLIRContext *ctx, int64_t block)
      : OpRewritePattern(ctx), block(block) {}

  LogicalResult matchAndRewrite(Conv2dOp op,
                                PatternRewriter &rewriter) const override {
    int64_t groups = op.getGroupsAttr().getInt();
    ArrayRef<int64_t> x = cast<ShapedType>(op.getInput().getType()).getShape();
    ArrayRef<int64_t> w = cast<ShapedType>(op.getWeight().getType()).getShape();
    if (groups == 1)
      return failure();
    // Phases of untangled layers stay on the phase kernel, which executes
    // only useful products and writes them in place; the packed kernel
    // would multiply its padding lanes and out-of-range columns.
    if (llvm::any_of(op->getUsers(),
                     [](Operation *user) { return isa<InterleaveOp>(user); }))
      return rewriter.notifyMatchFailure(op, "a phase of an untangled layer");
    auto weight = getConstantFloats(op.getWeight());
    if (!weight)
      return rewriter.notifyMatchFailure(op, "weights are not constant");
    Location loc = op.getLoc();
    int64_t co = w[0], taps = w[2] * w[3];

    if (groups == x[1]) { // depthwise: [Co, 1, kh, kw] -> [Co, kh, kw]
      ArrayRef<int64_t> y = op.getType().getShape();
      bool flat = preferFlatDepthwise(
          x[1], y[1], x[3], y[2], y[3], w[2], w[3], op.getStrides()[0],
          op.getStrides()[1], getTarget(op).getVectorWidth());
      rewriter.replaceOpWithNewOp<DepthwiseConv2dOp>(
          op, op.getType(), op.getInput(),
          createF32Constant(rewriter, loc, {co, w[2], w[3]}, *weight),
          op.getBias(), op.getStridesAttr(), op.getPadsAttr(),
          op.getDilationsAttr(), op.getActivationAttr(),
          op.getActivationParamsAttr(),
          flat ? rewriter.getStringAttr("flat") : StringAttr());
      return success();
    }

    // [Co, Cin/g, kh, kw] -> [g, blocks, kh, kw, Cin/g, block]
    int64_t cog = co / groups, cig = w[1];
    int64_t blk = block > 0 ? block
                            : chooseConvBlock(cog, cig * taps,
                                              op.getType().getShape()[3],
                                              op.getStrides()[1],
                                              getTarget(op).getVectorWidth());
    int64_t blocks = (cog + blk - 1) / blk;
    std::vector<float> packed =
        packConvWeights(*weight, co, cig, w[2], w[3], groups, blk);
    rewriter.replaceOpWithNewOp<PackedConv2dOp>(
        op, op.getType(), op.getInput(),
        createF32Constant(rewriter, loc, {groups, blocks, w[2], w[3], cig, blk},
                          packed),
        op.getEpilogueOperands(), op.getStridesAttr(), op.getPadsAttr(),
        op.getDilationsAttr(), op.getGroupsAttr(), op.getActivationAttr(),
        op.getActivationParamsAttr());
    return success();
  }

  int64_t block;
};

struct PackGroupedConvPass
    : huge::impl::HugePackGroupedConvPassBase<PackGroupedConvPass> {
  using HugePackGroupedConvPassBase::HugePackGroupedConvPassBase;

  void runOnOperation() override {
    if (block < 0) {
      getOperation().emitError(
          "huge-pack-grouped-conv: block must be >= 0 (0 chooses)");
      return signalPassFailure();
    }
    // Targets that generate their own kernels read plain weights.
    if (!packsWeights(getTarget(getOperation())))
      return;
    RewritePatternSet patterns(&getContext());
    populatePackGroupedConvPatterns(patterns, block);
    if (failed(
            applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

void huge::populatePackGroupedConvPatterns(RewritePatternSet &patterns,
                                           int64_t block) {
  patterns.add<PackGroupedConv>(patterns.getContext(), block);
}
