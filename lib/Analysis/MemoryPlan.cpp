//===- MemoryPlan.cpp - lifetimes and arena offsets -----------------------===//
//
// Offsets are assigned greedily, largest buffer first, each at the lowest
// offset that does not overlap a placed buffer with an intersecting lifetime
// (best fit over the gaps). Reshapes share their input's storage.
//
//===----------------------------------------------------------------------===//

#include "huge/Analysis/MemoryPlan.h"

#include "huge/Dialect/Huge/IR/HugeOps.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace huge;

static int64_t alignUp(int64_t v, int64_t a) { return (v + a - 1) / a * a; }

static int64_t byteSize(Value v) {
  auto type = cast<ShapedType>(v.getType());
  return type.getNumElements() * static_cast<int64_t>(sizeof(float));
}

Value MemoryPlan::rootOf(Value v) const {
  while (true) {
    if (auto reshape = v.getDefiningOp<ReshapeOp>()) {
      v = reshape.getInput();
      continue;
    }
    auto view = views.find(v);
    if (view == views.end())
      return v;
    v = view->second.owner;
  }
}

std::optional<StridedView> MemoryPlan::viewOf(Value v) const {
  auto it = views.find(v);
  if (it == views.end())
    return std::nullopt;
  return it->second;
}

/// Phases of huge.interleave that a convolution computes for it alone are
/// written straight into the interleaved result.
static void collectViews(Block &body, DenseMap<Value, StridedView> &views) {
  for (auto interleave : body.getOps<InterleaveOp>()) {
    ArrayRef<int64_t> out =
        cast<ShapedType>(interleave.getType()).getShape();
    ArrayRef<int64_t> strides = interleave.getStrides();
    ArrayRef<int64_t> phases = interleave.getPhases();
    for (auto [i, phase] : llvm::enumerate(interleave.getPhaseValues())) {
      Operation *producer = phase.getDefiningOp();
      if (!isa_and_nonnull<Conv2dOp, PackedGroupedConv2dOp, DepthwiseConv2dOp>(
              producer) ||
          !phase.hasOneUse())
        continue;
      views[phase] = StridedView{interleave.getResult(),
                                 phases[2 * i] * out[3] + phases[2 * i + 1],
                                 out[2] * out[3], strides[0] * out[3],
                                 strides[1]};
    }
  }
}

ArrayRef<Operation *> MemoryPlan::phaseGroup(Operation *leader) const {
  auto it = phaseGroups.find(leader);
  if (it == phaseGroups.end())
    return {};
  return it->second;
}

const Storage &MemoryPlan::storageOf(Value v) const {
  auto it = storage.find(rootOf(v));
  assert(it != storage.end() && "value was not planned");
  return it->second;
}

FailureOr<MemoryPlan> MemoryPlan::build(func::FuncOp func) {
  MemoryPlan plan;
  Block &body = func.getBody().front();
  for (BlockArgument arg : body.getArguments())
    plan.storage[arg] = Storage{Storage::Kind::Input, arg.getArgNumber()};

  int64_t step = 0;
  for (Operation &op : body)
    plan.steps[&op] = step++;
  collectViews(body, plan.views);
  // Groups of phases computed in one pass: every phase of an interleave is
  // a view written by a conv2d of the same input and bias.
  for (auto interleave : body.getOps<InterleaveOp>()) {
    SmallVector<Operation *> convs;
    for (Value phase : interleave.getPhaseValues())
      if (plan.views.count(phase) && phase.getDefiningOp<Conv2dOp>())
        convs.push_back(phase.getDefiningOp());
    if (convs.size() < 2 || convs.size() != interleave.getPhaseValues().size())
      continue;
    auto first = cast<Conv2dOp>(convs.front());
    bool shared = llvm::all_of(convs, [&](Operation *op) {
      auto conv = cast<Conv2dOp>(op);
      return conv.getInput() == first.getInput() &&
             conv.getBias() == first.getBias() &&
             conv.getGroups() == first.getGroups();
    });
    if (!shared)
      continue;
    llvm::sort(convs, [&](Operation *a, Operation *b) {
      return plan.steps[a] < plan.steps[b];
    });
    for (Operation *op : convs)
      plan.groupedPhases.insert(op);
    plan.phaseGroups[convs.front()] = convs;
  }

  // Outputs: the first returned value of each storage class is computed
  // straight into the caller's output buffer; the emitter copies the rest.
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
    Value root = plan.rootOf(v);
    if (isa<BlockArgument>(root) || root.getDefiningOp<ConstantOp>() ||
        plan.storage.count(root))
      continue;
    plan.storage[root] = Storage{Storage::Kind::Output, static_cast<int64_t>(i)};
  }

  // Arena buffers with their lifetimes.
  llvm::DenseMap<Value, size_t> bufferOf;
  for (Operation &op : body) {
    if (isa<ConstantOp>(op)) {
      plan.storage[op.getResult(0)] = Storage{Storage::Kind::Constant, 0};
      continue;
    }
    for (Value result : op.getResults()) {
      // A view's owner comes alive when its first phase is written.
      Value root = plan.rootOf(result);
      if (isa<ReshapeOp>(op) || plan.storage.count(root))
        continue;
      size_t index = plan.arenaBuffers.size();
      plan.storage[root] =
          Storage{Storage::Kind::Arena, static_cast<int64_t>(index)};
      bufferOf[root] = index;
      int64_t s = plan.steps[&op];
      plan.arenaBuffers.push_back(
          ArenaBuffer{root, s, s, alignUp(byteSize(root), kArenaAlignment), 0});
    }
    for (Value operand : op.getOperands()) {
      auto it = bufferOf.find(plan.rootOf(operand));
      if (it != bufferOf.end())
        plan.arenaBuffers[it->second].end = plan.steps[&op];
    }
  }

  // Greedy placement, largest first (ties: earlier definition first, so the
  // plan is deterministic).
  SmallVector<size_t> order(plan.arenaBuffers.size());
  for (size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  llvm::stable_sort(order, [&](size_t a, size_t b) {
    const ArenaBuffer &x = plan.arenaBuffers[a], &y = plan.arenaBuffers[b];
    return x.size != y.size ? x.size > y.size : x.begin < y.begin;
  });
  SmallVector<size_t> placed;
  for (size_t i : order) {
    ArenaBuffer &buf = plan.arenaBuffers[i];
    SmallVector<std::pair<int64_t, int64_t>> taken;
    for (size_t j : placed) {
      const ArenaBuffer &o = plan.arenaBuffers[j];
      if (o.begin <= buf.end && buf.begin <= o.end)
        taken.push_back({o.offset, o.offset + o.size});
    }
    llvm::sort(taken);
    // Best fit: the smallest gap that holds the buffer, else the end.
    int64_t cursor = 0, best = -1, bestGap = INT64_MAX;
    for (auto [lo, hi] : taken) {
      if (lo - cursor >= buf.size && lo - cursor < bestGap) {
        best = cursor;
        bestGap = lo - cursor;
      }
      cursor = std::max(cursor, hi);
    }
    buf.offset = best >= 0 ? best : cursor;
    plan.size = std::max(plan.size, buf.offset + buf.size);
    placed.push_back(i);
  }

  for (int64_t s = 0; s < step; ++s) {
    int64_t live = 0;
    for (const ArenaBuffer &buf : plan.arenaBuffers)
      if (buf.begin <= s && s <= buf.end)
        live += buf.size;
    plan.bound = std::max(plan.bound, live);
  }
  if (failed(plan.validate(func)))
    return failure();
  return plan;
}

LogicalResult MemoryPlan::validate(func::FuncOp func) const {
  for (auto [i, a] : llvm::enumerate(arenaBuffers)) {
    if (a.offset < 0 || a.offset % kArenaAlignment != 0 ||
        a.offset + a.size > size)
      return func.emitError("memory plan: buffer ")
             << i << " [" << a.offset << ", " << a.offset + a.size
             << ") is misaligned or outside the arena of " << size << " bytes";
    for (size_t j = i + 1; j < arenaBuffers.size(); ++j) {
      const ArenaBuffer &b = arenaBuffers[j];
      bool liveTogether = a.begin <= b.end && b.begin <= a.end;
      bool overlap = a.offset < b.offset + b.size && b.offset < a.offset + a.size;
      if (liveTogether && overlap)
        return func.emitError("memory plan: buffers ")
               << i << " and " << j << " are alive together but overlap";
    }
  }
  return success();
}
