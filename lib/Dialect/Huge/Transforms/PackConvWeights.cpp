//===- PackConvWeights.cpp - packed convolution weights as IR -------------===//
//
// See HugePackConvWeightsPass in Passes.td and ConvPacking.h for the layout.
//
//===----------------------------------------------------------------------===//

#include "huge/Dialect/Huge/IR/ConstantUtils.h"
#include "huge/Dialect/Huge/IR/HugeOps.h"
#include "huge/Dialect/Huge/IR/Layout.h"
#include "huge/Dialect/Huge/IR/ShapeUtils.h"
#include "huge/Dialect/Huge/IR/Target.h"
#include "huge/Dialect/Huge/Transforms/Passes.h"
#include "huge/Dialect/Huge/Utils/ConvPacking.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <map>
#include <tuple>

namespace huge {
#define GEN_PASS_DEF_HUGEPACKCONVWEIGHTSPASS
#include "huge/Dialect/Huge/Transforms/Passes.h.inc"
} // namespace huge

using namespace mlir;
using namespace huge;

namespace {

/// The constant a weight operand reads, through reshapes.
static ConstantOp weightConstant(Value v) {
  while (auto reshape = v.getDefiningOp<ReshapeOp>())
    v = reshape.getInput();
  return v.getDefiningOp<ConstantOp>();
}

struct PackConvWeightsPass
    : huge::impl::HugePackConvWeightsPassBase<PackConvWeightsPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    // Targets that generate their own kernels read plain weights.
    if (!packsWeights(getTarget(func)))
      return;
    SmallVector<Conv2dOp> convs;
    func.walk([&](Conv2dOp conv) { convs.push_back(conv); });
    // One packed constant per (weights, shape read as, groups, block).
    std::map<std::tuple<Operation *, int64_t, int64_t, int64_t, int64_t,
                        int64_t, int64_t>,
             Value>
        packed;
    SmallVector<ConstantOp> originals;
    llvm::DenseMap<Operation *, Operation *> lastCopy;
    for (Conv2dOp conv : convs) {
      std::optional<int64_t> blk = getConvBlock(conv);
      if (!blk) {
        conv.emitError("huge-pack-conv-weights: no huge.block (run "
                       "huge-assign-layouts first)");
        return signalPassFailure();
      }
      ConstantOp constant = weightConstant(conv.getWeight());
      std::optional<std::vector<float>> data =
          constant ? getConstantFloats(constant.getResult()) : std::nullopt;
      if (!data) {
        conv.emitError("huge-pack-conv-weights: the weights are not a "
                       "constant (they are packed at compile time)");
        return signalPassFailure();
      }
      ArrayRef<int64_t> w = shapeOf(conv.getWeight());
      int64_t groups = conv.getGroupsAttr().getInt();
      Value &weights = packed[{constant, w[0], w[1], w[2], w[3], groups, *blk}];
      if (!weights) {
        // After the constant, and after its earlier packed copies.
        Operation *&last = lastCopy[constant];
        if (!last) {
          last = constant;
          originals.push_back(constant);
        }
        OpBuilder b(constant);
        b.setInsertionPointAfter(last);
        int64_t blocks = (w[0] / groups + *blk - 1) / *blk;
        weights = createF32Constant(
            b, constant.getLoc(), {groups, blocks, w[2], w[3], w[1], *blk},
            packConvWeights(*data, w[0], w[1], w[2], w[3], groups, *blk));
        last = weights.getDefiningOp();
      }
      OpBuilder b(conv);
      auto packedConv = b.create<PackedConv2dOp>(
          conv.getLoc(), conv.getType(), conv.getInput(), weights,
          conv.getEpilogueOperands(), conv.getStridesAttr(), conv.getPadsAttr(),
          conv.getDilationsAttr(), conv.getGroupsAttr(),
          conv.getActivationAttr(), conv.getActivationParamsAttr());
      // The plan and layout recorded on the op describe the same result.
      for (NamedAttribute attr : conv->getDiscardableAttrs())
        if (attr.getName() != kBlockAttrName)
          packedConv->setAttr(attr.getName(), attr.getValue());
      conv.replaceAllUsesWith(packedConv.getResult());
      conv.erase();
    }
    // Constants nothing reads as they are any more.
    for (ConstantOp constant : originals)
      if (constant->use_empty())
        constant.erase();
  }
};

} // namespace
