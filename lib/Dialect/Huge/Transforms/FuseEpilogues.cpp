//===- FuseEpilogues.cpp - activations and bias adds into convolutions ----===//

#include "Epilogue.h"

#include "huge/Dialect/Huge/IR/ConstantUtils.h"
#include "huge/Dialect/Huge/Transforms/Passes.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

namespace huge {
#define GEN_PASS_DEF_HUGEFUSEEPILOGUESPASS
#include "huge/Dialect/Huge/Transforms/Passes.h.inc"
} // namespace huge

using namespace mlir;
using namespace huge;

float Epilogue::apply(float v) const {
  if (!activation)
    return v;
  switch (activation.getValue()) {
  case Activation::Relu:
    return v > 0 ? v : 0;
  case Activation::LeakyRelu:
    return v >= 0 ? v : params[0] * v;
  case Activation::Clip:
    return std::min(std::max(v, params[0]), params[1]);
  case Activation::Sigmoid:
    return 1.0f / (1.0f + std::exp(-v));
  case Activation::Tanh:
    return std::tanh(v);
  case Activation::HardSigmoid:
    return std::min(std::max(params[0] * v + params[1], 0.0f), 1.0f);
  case Activation::HardSwish:
    return v * std::min(std::max(v + 3.0f, 0.0f), 6.0f) / 6.0f;
  case Activation::Silu:
    return v / (1.0f + std::exp(-v));
  }
  return v;
}

std::vector<float>
Epilogue::applyToBias(const std::optional<std::vector<float>> &bias,
                      int64_t channels) const {
  std::vector<float> out(channels);
  for (int64_t c = 0; c < channels; ++c)
    out[c] = apply(bias ? (*bias)[c] : 0.0f);
  return out;
}

namespace {

/// act(conv(x)) -> conv(x) {activation = act}.
template <typename ConvOp>
struct FuseActivation : RewritePattern {
  FuseActivation(MLIRContext *ctx)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    std::optional<FusedActivation> act = asActivation(op);
    if (!act)
      return failure();
    auto conv = op->getOperand(0).template getDefiningOp<ConvOp>();
    if (!conv || !conv->hasOneUse() || conv.getActivation())
      return failure();
    rewriter.modifyOpInPlace(conv, [&] {
      conv.setActivationAttr(
          ActivationAttr::get(op->getContext(), act->activation));
      if (!act->params.empty())
        conv.setActivationParamsAttr(
            DenseF32ArrayAttr::get(op->getContext(), act->params));
      conv->setLoc(rewriter.getFusedLoc({conv.getLoc(), op->getLoc()}));
    });
    rewriter.replaceOp(op, conv.getResult());
    return success();
  }
};

/// conv(x) + c, with c a constant per-channel (or scalar) tensor, -> the
/// bias absorbs c.
template <typename ConvOp>
struct FoldChannelAdd : OpRewritePattern<AddOp> {
  using OpRewritePattern<AddOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(AddOp add,
                                PatternRewriter &rewriter) const override {
    for (int side = 0; side < 2; ++side) {
      auto conv = add->getOperand(side).template getDefiningOp<ConvOp>();
      Value other = add->getOperand(1 - side);
      if (!conv || !conv->hasOneUse() || conv.getActivation() ||
          add.getType() != conv.getType())
        continue;
      auto c = getConstantFloats(other);
      if (!c)
        continue;
      // Per-channel means every dim but the channel one is 1 once
      // right-aligned against [N, C, H, W].
      ArrayRef<int64_t> cs = cast<ShapedType>(other.getType()).getShape();
      int64_t channels = cast<ShapedType>(conv.getType()).getDimSize(1);
      bool perChannel = cs.size() <= 4;
      for (size_t i = 0; perChannel && i < cs.size(); ++i) {
        size_t axis = 4 - cs.size() + i;
        perChannel = cs[i] == 1 || (axis == 1 && cs[i] == channels);
      }
      if (!perChannel)
        continue;
      auto bias = conv.getBias() ? getConstantFloats(conv.getBias())
                                 : std::vector<float>(channels, 0.0f);
      if (!bias)
        continue;
      for (int64_t ch = 0; ch < channels; ++ch)
        (*bias)[ch] += c->size() == 1 ? (*c)[0] : (*c)[ch];
      Value newBias =
          createF32Constant(rewriter, add.getLoc(), {channels}, *bias);
      rewriter.modifyOpInPlace(conv, [&] {
        if (conv.getBias())
          conv->setOperand(2, newBias);
        else
          conv->insertOperands(2, newBias);
        conv->setLoc(rewriter.getFusedLoc({conv.getLoc(), add.getLoc()}));
      });
      rewriter.replaceOp(add, conv.getResult());
      return success();
    }
    return failure();
  }
};

/// conv(x) + r, with r of the result's type and computed before the
/// convolution -> the convolution with residual r, which its epilogue adds
/// before the activation (either operand order: the sum is the same).
struct FoldResidual : OpRewritePattern<AddOp> {
  using OpRewritePattern<AddOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(AddOp add,
                                PatternRewriter &rewriter) const override {
    for (int side = 0; side < 2; ++side) {
      auto conv = add->getOperand(side).getDefiningOp<Conv2dOp>();
      Value residual = add->getOperand(1 - side);
      if (!conv || !conv->hasOneUse() || conv.getActivation() ||
          conv.getResidual() || conv.getGroupsAttr().getInt() != 1 ||
          add.getType() != conv.getType() ||
          residual.getType() != conv.getType())
        continue;
      // The residual must exist when the convolution runs.
      Block *block = conv->getBlock();
      if (Operation *def = residual.getDefiningOp()) {
        if (def->getBlock() != block || !def->isBeforeInBlock(conv))
          continue;
      } else if (cast<BlockArgument>(residual).getOwner() != block) {
        continue;
      }
      SmallVector<Value> operands = {conv.getInput(), conv.getWeight()};
      operands.append(epilogueOperands(conv.getBias(), residual));
      rewriter.modifyOpInPlace(conv, [&] {
        conv->setOperands(operands);
        conv->setLoc(rewriter.getFusedLoc({conv.getLoc(), add.getLoc()}));
      });
      rewriter.replaceOp(add, conv.getResult());
      return success();
    }
    return failure();
  }
};

/// x * sigmoid(x) -> silu(x), and x * hard_sigmoid(x) with alpha 1/6 and
/// beta 1/2 -> hard_swish(x), as exporters write them (either operand
/// order), so that a convolution's epilogue can apply them.
struct FormGatedActivation : OpRewritePattern<MulOp> {
  using OpRewritePattern<MulOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(MulOp mul,
                                PatternRewriter &rewriter) const override {
    if (mul.getLhs().getType() != mul.getType() ||
        mul.getRhs().getType() != mul.getType())
      return failure();
    for (int side = 0; side < 2; ++side) {
      Value x = mul->getOperand(side);
      Operation *gate = mul->getOperand(1 - side).getDefiningOp();
      if (!gate || gate->getOperand(0) != x || !gate->hasOneUse())
        continue;
      if (isa<SigmoidOp>(gate)) {
        rewriter.replaceOpWithNewOp<SiluOp>(mul, mul.getType(), x);
        rewriter.eraseOp(gate);
        return success();
      }
      auto hard = dyn_cast<HardSigmoidOp>(gate);
      if (hard &&
          std::abs(hard.getAlpha().convertToFloat() - 1.0f / 6.0f) <= 1e-7f &&
          hard.getBeta().convertToFloat() == 0.5f) {
        rewriter.replaceOpWithNewOp<HardSwishOp>(mul, mul.getType(), x);
        rewriter.eraseOp(gate);
        return success();
      }
    }
    return failure();
  }
};

struct FuseEpiloguesPass
    : huge::impl::HugeFuseEpiloguesPassBase<FuseEpiloguesPass> {
  using HugeFuseEpiloguesPassBase::HugeFuseEpiloguesPassBase;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateFuseEpiloguePatterns(patterns);
    if (residuals)
      patterns.add<FoldResidual>(&getContext(), /*benefit=*/1);
    if (failed(
            applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

void huge::populateFuseEpiloguePatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<FoldChannelAdd<Conv2dOp>, FoldChannelAdd<ConvTranspose2dOp>>(
      ctx,
      /*benefit=*/2);
  patterns.add<FormGatedActivation>(ctx, /*benefit=*/3);
  patterns.add<FuseActivation<Conv2dOp>, FuseActivation<ConvTranspose2dOp>>(
      ctx);
}
