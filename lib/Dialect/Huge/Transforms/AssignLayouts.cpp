//===- AssignLayouts.cpp - weight blocks and activation layouts as IR -----===//
//
// See HugeAssignLayoutsPass in Passes.td and huge/Dialect/Huge/IR/Layout.h.
//
//===----------------------------------------------------------------------===//

#include "huge/Analysis/MemoryPlan.h"
#include "huge/Dialect/Huge/IR/HugeOps.h"
#include "huge/Dialect/Huge/IR/Layout.h"
#include "huge/Dialect/Huge/IR/LayerInfo.h"
#include "huge/Dialect/Huge/IR/ShapeUtils.h"
#include "huge/Dialect/Huge/IR/Target.h"
#include "huge/Dialect/Huge/Transforms/Passes.h"
#include "huge/Dialect/Huge/Utils/ConvPacking.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/TypeSwitch.h"

#include <functional>
#include <set>

namespace huge {
#define GEN_PASS_DEF_HUGEASSIGNLAYOUTSPASS
#include "huge/Dialect/Huge/Transforms/Passes.h.inc"
} // namespace huge

using namespace mlir;
using namespace huge;

namespace {

/// The packed-weight block of every conv2d: the phases of one layer share
/// their leader's, convolutions sharing weights the first one's.
static llvm::DenseMap<Operation *, int64_t>
chooseBlocks(func::FuncOp func, const MemoryPlan &plan, int64_t vectorWidth) {
  llvm::DenseMap<Operation *, int64_t> blocks;
  Block &body = func.getBody().front();
  for (Operation &op : body) {
    auto conv = dyn_cast<Conv2dOp>(op);
    if (!conv || (plan.isGroupedPhase(conv) && plan.phaseGroup(conv).empty()))
      continue;
    ArrayRef<int64_t> w = shapeOf(conv.getWeight());
    int64_t cog = w[0] / conv.getGroupsAttr().getInt();
    int64_t blk =
        chooseConvBlock(cog, w[1] * w[2] * w[3], shapeOf(conv.getResult())[3],
                        conv.getStrides()[1], vectorWidth);
    blocks[conv] = blk;
    for (Operation *phase : plan.phaseGroup(conv))
      blocks[phase] = blk;
  }
  // Weights are packed once: every user of a constant reads the first
  // user's block.
  llvm::DenseMap<Operation *, int64_t> packedAs;
  for (Operation &op : body)
    if (auto conv = dyn_cast<Conv2dOp>(op)) {
      Operation *def = plan.rootOf(conv.getWeight()).getDefiningOp();
      if (!def)
        continue;
      auto [it, inserted] = packedAs.try_emplace(def, blocks[conv]);
      blocks[conv] = it->second;
    }
  return blocks;
}

/// The storage roots of the activations kept channel-blocked.
static llvm::DenseSet<Value>
chooseBlocked(func::FuncOp func, const MemoryPlan &plan,
              const llvm::DenseMap<Operation *, int64_t> &blocks,
              int64_t channelBlock) {
  llvm::DenseSet<Value> blockedRoots;
  if (channelBlock == 0)
    return blockedRoots; // the target keeps every activation planar
  // Union-find over storage roots: tensors that share storage, or that a
  // layout-agnostic op maps element for element, are one class.
  llvm::DenseMap<Value, Value> parent;
  std::function<Value(Value)> find = [&](Value v) -> Value {
    v = plan.rootOf(v);
    auto it = parent.find(v);
    if (it == parent.end() || it->second == v)
      return v;
    Value r = find(it->second);
    parent[v] = r;
    return r;
  };
  auto unite = [&](Value a, Value b) {
    Value ra = find(a), rb = find(b);
    if (ra != rb)
      parent[ra] = rb;
  };
  SmallVector<Value> planar;
  // A dense convolution run by channel reads and writes the blocked layout.
  // Its block is huge.block before huge-pack-conv-weights, and in the
  // packed weights' shape after: the decision is the same either way.
  auto byChannel = [&](Operation *op) {
    if (auto conv = dyn_cast<Conv2dOp>(op))
      return conv.getGroupsAttr().getInt() == 1 &&
             blocks.lookup(conv) % channelBlock == 0;
    if (auto conv = dyn_cast<PackedConv2dOp>(op))
      return conv.getGroupsAttr().getInt() == 1 &&
             shapeOf(conv.getPackedWeight())[5] % channelBlock == 0;
    return false;
  };
  auto inputChannels = [](Operation *op) {
    if (auto conv = dyn_cast<Conv2dOp>(op))
      return shapeOf(conv.getWeight())[1];
    return shapeOf(cast<PackedConv2dOp>(op).getPackedWeight())[4];
  };
  auto allPlanar = [&](Operation *op) {
    for (Value v : op->getOperands())
      planar.push_back(v);
    for (Value v : op->getResults())
      planar.push_back(v);
  };
  for (BlockArgument arg : func.getArguments())
    planar.push_back(arg);
  Block &body = func.getBody().front();
  for (Operation &op : body) {
    if (isa<ConstantOp>(op))
      continue;
    // Element for element (LayerOpInterface): every operand and the result
    // are one class.
    if (isLayoutAgnostic(&op)) {
      for (Value operand : op.getOperands())
        unite(operand, op.getResult(0));
      continue;
    }
    llvm::TypeSwitch<Operation *>(&op)
        .Case<Conv2dOp, PackedConv2dOp>([&](Operation *c) {
          if (!byChannel(c) || inputChannels(c) % channelBlock != 0)
            planar.push_back(c->getOperand(0));
          if (!byChannel(c))
            planar.push_back(c->getResult(0));
          // The residual is read at the output's offsets: one layout.
          if (Value residual = convResidual(c))
            unite(residual, c->getResult(0));
        })
        .Case([&](InterleaveOp il) {
          // Only phases written in place through their views, covering
          // every position.
          ArrayRef<int64_t> y = shapeOf(il.getResult());
          ArrayRef<int64_t> st = il.getStrides(), phases = il.getPhases();
          std::set<std::pair<int64_t, int64_t>> covered;
          for (size_t i = 0; i < phases.size(); i += 2)
            covered.insert({phases[i], phases[i + 1]});
          bool inPlace =
              covered.size() == static_cast<size_t>(std::min(st[0], y[2]) *
                                                    std::min(st[1], y[3])) &&
              llvm::all_of(il.getPhaseValues(),
                           [&](Value v) { return plan.viewOf(v).has_value(); });
          if (!inPlace)
            return allPlanar(il);
          for (Value phase : il.getPhaseValues())
            unite(phase, il.getResult());
        })
        .Default([&](Operation *other) { allPlanar(other); });
  }
  // Classes with a planar member, or a member the layout cannot hold.
  llvm::DenseSet<Value> planarClasses;
  auto eligible = [&](Value v) {
    auto type = dyn_cast<RankedTensorType>(v.getType());
    return type && type.getRank() == 4 && !v.getDefiningOp<EmptyOp>() &&
           type.getDimSize(1) % channelBlock == 0 &&
           plan.storageOf(v).kind == Storage::Kind::Arena;
  };
  for (Value v : planar)
    if (!isa<BlockArgument>(v) &&
        isa_and_nonnull<ConstantOp>(plan.rootOf(v).getDefiningOp()))
      continue; // weights and biases are not activations
    else
      planarClasses.insert(find(v));
  SmallVector<Value> values;
  for (Operation &op : body)
    if (!isa<ConstantOp>(op))
      for (Value v : op.getResults())
        values.push_back(v);
  for (Value v : values)
    if (!eligible(v))
      planarClasses.insert(find(v));
  for (Value v : values)
    if (!planarClasses.contains(find(v)))
      blockedRoots.insert(plan.rootOf(v));
  return blockedRoots;
}

struct AssignLayoutsPass
    : huge::impl::HugeAssignLayoutsPassBase<AssignLayoutsPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    // Decide afresh.
    func.walk([](Operation *op) {
      op->removeAttr(kBlockAttrName);
      op->removeAttr(kLayoutAttrName);
    });
    if (func.getBody().getBlocks().size() != 1)
      return; // not a model function: nothing is emitted from it
    auto plan = MemoryPlan::build(func);
    if (failed(plan))
      return signalPassFailure();
    TargetAttr target = getTarget(func);
    // Targets that generate their own kernels keep every tensor planar.
    if (!packsWeights(target))
      return;
    auto blocks = chooseBlocks(func, *plan, target.getVectorWidth());
    auto blocked =
        chooseBlocked(func, *plan, blocks, target.getChannelBlock());
    Builder b(&getContext());
    for (Operation &op : func.getBody().front()) {
      if (auto it = blocks.find(&op); it != blocks.end())
        op.setAttr(kBlockAttrName, b.getI64IntegerAttr(it->second));
      if (op.getNumResults() == 1 && blocked.contains(plan->rootOf(op.getResult(0))))
        op.setAttr(kLayoutAttrName, b.getStringAttr(kBlockedLayout));
    }
  }
};

} // namespace
