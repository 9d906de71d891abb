//===- HugeCanonicalize.cpp - canonicalization patterns -------------------===//
//
// Folds inference-mode batch norm into the convolution that produces its
// input, and collapses reshape chains.
//
//===----------------------------------------------------------------------===//

#include "huge/Dialect/Huge/IR/ConstantUtils.h"
#include "huge/Dialect/Huge/IR/HugeOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>

using namespace mlir;
using namespace huge;

namespace {
/// batch_norm(conv(x, W, b)) -> conv(x, W * s, (b - mean) * s + beta) with
/// s = scale / sqrt(variance + epsilon), when every parameter is constant and
/// the convolution has no other user.
struct FoldBatchNormIntoConv : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(BatchNormOp bn,
                                PatternRewriter &rewriter) const override {
    Operation *conv = bn.getInput().getDefiningOp();
    if (!conv || !isa<Conv2dOp, ConvTranspose2dOp>(conv) ||
        !conv->getResult(0).hasOneUse())
      return rewriter.notifyMatchFailure(bn, "input is not a single-use conv");
    bool transposed = isa<ConvTranspose2dOp>(conv);
    Value weight = conv->getOperand(1);
    Value bias = conv->getNumOperands() > 2 ? conv->getOperand(2) : Value();
    auto w = getConstantFloats(weight);
    auto scale = getConstantFloats(bn.getScale());
    auto beta = getConstantFloats(bn.getBias());
    auto mean = getConstantFloats(bn.getMean());
    auto var = getConstantFloats(bn.getVariance());
    std::optional<std::vector<float>> b =
        bias ? getConstantFloats(bias) : std::optional<std::vector<float>>();
    if (!w || !scale || !beta || !mean || !var || (bias && !b))
      return rewriter.notifyMatchFailure(bn, "parameters are not constant");

    size_t channels = scale->size();
    float eps = bn.getEpsilon().convertToFloat();
    std::vector<float> s(channels), newBias(channels);
    for (size_t c = 0; c < channels; ++c) {
      s[c] = (*scale)[c] / std::sqrt((*var)[c] + eps);
      float b0 = b ? (*b)[c] : 0.0f;
      newBias[c] = (b0 - (*mean)[c]) * s[c] + (*beta)[c];
    }

    // Scale every weight by the factor of the output channel it feeds.
    ArrayRef<int64_t> ws = cast<ShapedType>(weight.getType()).getShape();
    int64_t taps = ws[2] * ws[3];
    int64_t groups = conv->getAttrOfType<IntegerAttr>("groups").getInt();
    for (int64_t i = 0; i < ws[0]; ++i)
      for (int64_t j = 0; j < ws[1]; ++j) {
        // conv2d: [Cout, Cin/g, kh, kw]; transposed: [Cin, Cout/g, kh, kw].
        int64_t co = transposed ? (i / (ws[0] / groups)) * ws[1] + j : i;
        float *p = w->data() + (i * ws[1] + j) * taps;
        for (int64_t t = 0; t < taps; ++t)
          p[t] *= s[co];
      }

    Location loc = bn.getLoc();
    auto wType = cast<RankedTensorType>(weight.getType());
    auto bType = RankedTensorType::get({static_cast<int64_t>(channels)},
                                       rewriter.getF32Type());
    Value newWeight = createF32Constant(rewriter, loc, wType.getShape(), *w);
    Value newBiasValue =
        createF32Constant(rewriter, loc, bType.getShape(), newBias);
    Operation *fused = rewriter.clone(*conv);
    fused->setOperand(1, newWeight);
    if (bias)
      fused->setOperand(2, newBiasValue);
    else
      fused->insertOperands(2, newBiasValue);
    fused->setLoc(rewriter.getFusedLoc({conv->getLoc(), loc}));
    rewriter.replaceOp(bn, fused->getResults());
    rewriter.eraseOp(conv);
    return success();
  }
};

/// reshape(reshape(x)) -> reshape(x).
struct CollapseReshapes : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    auto producer = op.getInput().getDefiningOp<ReshapeOp>();
    if (!producer)
      return failure();
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, op.getType(),
                                           producer.getInput());
    return success();
  }
};
/// gemm(A, B^T) with a constant B (a Linear layer, as PyTorch exports it)
/// -> gemm(A, B') with B' = B^T stored transposed: the kernel then streams
/// rows of B' into vectors of outputs instead of reducing dot products, and
/// each output still sums its products in the same order.
struct UntransposeGemmWeights : OpRewritePattern<GemmOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(GemmOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.getTransB())
      return failure();
    auto b = getConstantFloats(op.getB());
    if (!b)
      return rewriter.notifyMatchFailure(op, "B is not constant");
    ArrayRef<int64_t> bs = cast<ShapedType>(op.getB().getType()).getShape();
    int64_t n = bs[0], k = bs[1];
    std::vector<float> t(b->size());
    for (int64_t j = 0; j < n; ++j)
      for (int64_t i = 0; i < k; ++i)
        t[i * n + j] = (*b)[j * k + i];
    Value bt = createF32Constant(rewriter, op.getB().getLoc(), {k, n}, t);
    rewriter.modifyOpInPlace(op, [&] {
      op.getBMutable().assign(bt);
      op.setTransB(false);
    });
    return success();
  }
};
} // namespace

void GemmOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                         MLIRContext *context) {
  results.add<UntransposeGemmWeights>(context);
}

void BatchNormOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<FoldBatchNormIntoConv>(context);
}

void ReshapeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<CollapseReshapes>(context);
}
