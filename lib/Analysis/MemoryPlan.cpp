//===- MemoryPlan.cpp - lifetimes and arena offsets -----------------------===//
//
// Storage classes: reshapes share their input's storage; a single-use
// convolution phase of huge.interleave is a strided view of its result; an
// element-wise op whose operand dies at that op overwrites it in place.
//
// Offsets: each buffer, in a given order, goes to the best-fitting gap among
// the buffers already placed that are alive at the same time (or, as a
// second try per order, the lowest gap that fits). Four orders are tried
// (largest first; longest-lived first; largest area size x lifetime first;
// earliest first) and the smallest arena wins, ties to the earlier order. If
// that is above the lower bound, a local search moves single buffers to the
// front of the best order while the arena shrinks. The result is validated: no
// two buffers alive at one step overlap.
//
//===----------------------------------------------------------------------===//

#include "huge/Analysis/MemoryPlan.h"

#include "huge/Dialect/Huge/IR/Target.h"

#include "huge/Dialect/Huge/IR/HugeOps.h"

#include "mlir/IR/Diagnostics.h"

#include "llvm/ADT/STLExtras.h"

#include <functional>
#include <optional>
#include <set>
#include <tuple>

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
    if (auto it = inPlace.find(v); it != inPlace.end()) {
      v = it->second;
      continue;
    }
    auto view = views.find(v);
    if (view == views.end())
      return v;
    v = view->second.owner;
  }
}

/// The operand an element-wise op may overwrite (LayerOpInterface).
static Value inPlaceCandidate(Operation *op) {
  std::optional<unsigned> i = inPlaceOperand(op);
  return i ? op->getOperand(*i) : Value();
}

/// Places buffers in `order`, each in the best-fitting (or, with
/// `firstFit`, the lowest) gap among placed buffers with intersecting
/// lifetimes; returns the arena size.
static int64_t placeInOrder(MutableArrayRef<ArenaBuffer> buffers,
                            ArrayRef<size_t> order, bool firstFit = false) {
  int64_t arena = 0;
  SmallVector<size_t> placed;
  for (size_t i : order) {
    ArenaBuffer &buf = buffers[i];
    SmallVector<std::pair<int64_t, int64_t>> taken;
    for (size_t j : placed) {
      const ArenaBuffer &o = buffers[j];
      if (o.begin <= buf.end && buf.begin <= o.end)
        taken.push_back({o.offset, o.offset + o.size});
    }
    llvm::sort(taken);
    int64_t cursor = 0, best = -1, bestGap = INT64_MAX;
    for (auto [lo, hi] : taken) {
      if (lo - cursor >= buf.size && lo - cursor < bestGap &&
          !(firstFit && best >= 0)) {
        best = cursor;
        bestGap = lo - cursor;
      }
      cursor = std::max(cursor, hi);
    }
    buf.offset = best >= 0 ? best : cursor;
    arena = std::max(arena, buf.offset + buf.size);
    placed.push_back(i);
  }
  return arena;
}

std::optional<StridedView> MemoryPlan::viewOf(Value v) const {
  auto it = views.find(v);
  if (it == views.end())
    return std::nullopt;
  return it->second;
}

/// Phases of huge.interleave that a convolution computes for it alone are
/// written straight into the interleaved result, and a single-use convolution
/// feeding a channel concatenation into its channels. A band of rows that
/// only convolutions read is read straight from the tensor it is cut from. The
/// band an in-place huge.insert_rows copies is written straight into the
/// assembled tensor when a convolution or a resize computes it, or an
/// interleave whose phases all are views and cover every position (their
/// views are then re-based).
static void collectViews(Block &body, DenseMap<Value, StridedView> &views,
                         const DenseMap<Value, Value> &inPlace,
                         bool concatViews, bool &concatCandidates) {
  // Only kernels that write and read through strided views allow them.
  if (!getTarget(body.getParentOp()).getStridedOutputs().getValue())
    return;
  for (auto interleave : body.getOps<InterleaveOp>()) {
    ArrayRef<int64_t> out = cast<ShapedType>(interleave.getType()).getShape();
    ArrayRef<int64_t> strides = interleave.getStrides();
    ArrayRef<int64_t> phases = interleave.getPhases();
    for (auto [i, phase] : llvm::enumerate(interleave.getPhaseValues())) {
      Operation *producer = phase.getDefiningOp();
      if (!isa_and_nonnull<Conv2dOp, PackedConv2dOp, DepthwiseConv2dOp>(
              producer) ||
          // a residual is read at the output's own offsets: dense output
          !phase.hasOneUse() || convResidual(producer))
        continue;
      views[phase] = StridedView{
          interleave.getResult(), phases[2 * i] * out[3] + phases[2 * i + 1],
          out[2] * out[3], strides[0] * out[3], strides[1]};
    }
  }
  // A band of rows of a rank-4 tensor that only convolutions read (as
  // their input) is read in place: the kernels take a channel stride.
  for (auto slice : body.getOps<SliceOp>()) {
    ArrayRef<int64_t> in =
        cast<ShapedType>(slice.getInput().getType()).getShape();
    ArrayRef<int64_t> out = cast<ShapedType>(slice.getType()).getShape();
    bool band =
        in.size() == 4 && in[0] == out[0] && in[1] == out[1] &&
        in[3] == out[3] &&
        llvm::all_of(slice.getSteps(), [](int64_t s) { return s == 1; });
    bool convsOnly =
        !slice.getResult().use_empty() &&
        llvm::all_of(slice->getUses(), [](OpOperand &use) {
          return use.getOperandNumber() == 0 &&
                 isa<Conv2dOp, PackedConv2dOp, DepthwiseConv2dOp>(
                     use.getOwner());
        });
    if (band && convsOnly)
      views[slice.getResult()] =
          StridedView{slice.getInput(), slice.getOffsets()[2] * in[3],
                      in[2] * in[3], in[3], 1};
  }
  // A single-use convolution feeding a channel concatenation (batch 1)
  // writes its channels straight into the concatenated result.
  for (auto concat : body.getOps<ConcatOp>()) {
    ArrayRef<int64_t> out = cast<ShapedType>(concat.getType()).getShape();
    if (concat.getAxis() != 1 || out.size() != 4 || out[0] != 1)
      continue;
    int64_t channel = 0;
    for (Value input : concat.getInputs()) {
      int64_t channels = cast<ShapedType>(input.getType()).getShape()[1];
      if (isa_and_nonnull<Conv2dOp, PackedConv2dOp, DepthwiseConv2dOp>(
              input.getDefiningOp()) &&
          input.hasOneUse() && !views.count(input) &&
          !convResidual(input.getDefiningOp())) {
        concatCandidates = true;
        if (concatViews)
          views[input] =
              StridedView{concat.getResult(), channel * out[2] * out[3],
                          out[2] * out[3], out[3], 1};
      }
      channel += channels;
    }
  }
  // A slice that takes whole planes (a range of channels or of batches,
  // unit steps) is one contiguous run of its input: every reader reads it
  // there, densely, with no copy. Not when it is returned (the caller's
  // output is its own buffer), nor of a tensor that is itself a view.
  std::function<bool(Value)> returned = [&](Value v) {
    return llvm::any_of(v.getUsers(), [&](Operation *user) {
      auto reshape = dyn_cast<ReshapeOp>(user);
      return isa<func::ReturnOp>(user) ||
             (reshape && returned(reshape.getResult()));
    });
  };
  for (auto slice : body.getOps<SliceOp>()) {
    Value input = slice.getInput();
    ArrayRef<int64_t> in = cast<ShapedType>(input.getType()).getShape();
    ArrayRef<int64_t> out = cast<ShapedType>(slice.getType()).getShape();
    ArrayRef<int64_t> offsets = slice.getOffsets(), steps = slice.getSteps();
    if (in.size() != 4 || views.count(slice.getResult()) ||
        views.count(input) || returned(slice.getResult()))
      continue;
    bool planes = out[2] == in[2] && out[3] == in[3] &&
                  (out[0] == 1 || (out[1] == in[1] && steps[0] == 1)) &&
                  (out[1] == 1 || steps[1] == 1);
    if (!planes)
      continue;
    int64_t plane = in[2] * in[3];
    views[slice.getResult()] =
        StridedView{input, (offsets[0] * in[1] + offsets[1]) * plane, plane,
                    in[3], 1};
  }
  for (auto insert : body.getOps<InsertRowsOp>()) {
    Value tile = insert.getTile();
    if (!inPlace.count(insert.getResult()) || !tile.hasOneUse() ||
        views.count(tile))
      continue;
    Operation *producer = tile.getDefiningOp();
    auto interleave = dyn_cast_or_null<InterleaveOp>(producer);
    if (interleave) {
      // Every phase a view, and every position some phase's.
      ArrayRef<int64_t> out = cast<ShapedType>(tile.getType()).getShape();
      ArrayRef<int64_t> st = interleave.getStrides(),
                        phases = interleave.getPhases();
      std::set<std::pair<int64_t, int64_t>> covered;
      for (size_t i = 0; i < phases.size(); i += 2)
        covered.insert({phases[i], phases[i + 1]});
      bool allViews = llvm::all_of(interleave.getPhaseValues(),
                                   [&](Value v) { return views.count(v); });
      if (!allViews ||
          covered.size() != static_cast<size_t>(std::min(st[0], out[2]) *
                                                std::min(st[1], out[3])))
        continue;
    } else if (!isa_and_nonnull<Conv2dOp, PackedConv2dOp, DepthwiseConv2dOp,
                                ResizeOp>(producer)) {
      continue;
    }
    ArrayRef<int64_t> dest = cast<ShapedType>(insert.getType()).getShape();
    // A resize writes whole rows of its own width: only a band of rows.
    if (isa<ResizeOp>(producer) &&
        cast<ShapedType>(tile.getType()).getShape()[3] != dest[3])
      continue;
    // A tile of a 2-D grid keeps the rows of dest: its row stride is
    // dest's width.
    int64_t at = static_cast<int64_t>(insert.getRow()) * dest[3] +
                 insert.getColumn();
    StridedView band{insert.getResult(), at, dest[2] * dest[3], dest[3], 1};
    views[tile] = band;
    if (interleave) {
      ArrayRef<int64_t> st = interleave.getStrides(),
                        phases = interleave.getPhases();
      for (auto [i, phase] : llvm::enumerate(interleave.getPhaseValues()))
        views[phase] = StridedView{
            band.owner,
            band.offset + phases[2 * i] * dest[3] + phases[2 * i + 1],
            band.channelStride, st[0] * dest[3], st[1]};
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

/// The IR form of a view (huge.view).
static ViewAttr viewAttr(MLIRContext *ctx, const StridedView &v) {
  return ViewAttr::get(ctx, v.offset, v.channelStride, v.rowStride,
                       v.colStride);
}

FailureOr<MemoryPlan> MemoryPlan::build(func::FuncOp func, bool localSearch,
                                        int64_t placeUpTo) {
  // Writing a concatenation's inputs in place saves copies but keeps the
  // whole concatenation alive from its first input on, which can cost more
  // memory than it saves: both plans are made and the smaller arena wins
  // (ties keep the in-place one).
  // A plan written in the IR matches one of the two: that one is the plan.
  // The in-place form is tried first, quietly; only when it does not match
  // is the other checked, and its mismatch reported.
  bool candidates = false;
  if (func->hasAttr("huge.arena_size")) {
    FailureOr<MemoryPlan> plan = failure();
    {
      ScopedDiagnosticHandler quiet(func.getContext(),
                                    [](Diagnostic &) { return success(); });
      plan = buildOnce(func, localSearch, true, candidates, placeUpTo);
    }
    if (succeeded(plan))
      return plan;
    return buildOnce(func, localSearch, false, candidates, placeUpTo);
  }
  FailureOr<MemoryPlan> plan =
      buildOnce(func, localSearch, true, candidates, placeUpTo);
  if (failed(plan) || !candidates)
    return plan;
  FailureOr<MemoryPlan> copies =
      buildOnce(func, localSearch, false, candidates, placeUpTo);
  if (failed(copies))
    return plan;
  // Where one of the two stopped at its bound, the other's arena counts only
  // if it is within placeUpTo too: else both exceed it.
  if (plan->isPlaced() != copies->isPlaced()) {
    FailureOr<MemoryPlan> &placed = plan->isPlaced() ? plan : copies;
    FailureOr<MemoryPlan> &unplaced = plan->isPlaced() ? copies : plan;
    return placed->arenaSize() <= placeUpTo ? placed : unplaced;
  }
  if (copies->arenaSize() < plan->arenaSize())
    return copies;
  return plan;
}

FailureOr<MemoryPlan> MemoryPlan::buildOnce(func::FuncOp func, bool localSearch,
                                            bool concatViews,
                                            bool &concatCandidates,
                                            int64_t placeUpTo) {
  MemoryPlan plan;
  Block &body = func.getBody().front();
  TargetAttr target = getTarget(func);
  plan.align = target.getAlignment();
  bool elementwiseInPlace = target.getInPlace().getValue();
  for (BlockArgument arg : body.getArguments())
    plan.storage[arg] = Storage{Storage::Kind::Input, arg.getArgNumber()};

  int64_t step = 0;
  for (Operation &op : body)
    if (!isa<ConstantOp>(op))
      plan.steps[&op] = step++;
  // A chain of insert_rows fills one buffer: an insert whose dest has no
  // other use writes its band in place (never into a caller's input).
  for (auto insert : body.getOps<InsertRowsOp>()) {
    Value dest = insert.getDest(), root = plan.rootOf(dest);
    if (dest.hasOneUse() && !isa<BlockArgument>(root) &&
        !root.getDefiningOp<ConstantOp>())
      plan.inPlace[insert.getResult()] = dest;
  }

  collectViews(body, plan.views, plan.inPlace, concatViews, concatCandidates);
  // Groups of phases computed in one pass: every phase of an interleave is
  // a view written by a convolution (packed or not yet) of the same input,
  // bias and groups.
  auto convFields = [](Operation *op) -> std::optional<std::tuple<Value, Value, int64_t>> {
    if (auto c = dyn_cast_or_null<Conv2dOp>(op))
      return std::make_tuple(c.getInput(), c.getBias(),
                             c.getGroupsAttr().getInt());
    if (auto c = dyn_cast_or_null<PackedConv2dOp>(op))
      return std::make_tuple(c.getInput(), c.getBias(),
                             c.getGroupsAttr().getInt());
    return std::nullopt;
  };
  for (auto interleave : body.getOps<InterleaveOp>()) {
    SmallVector<Operation *> convs;
    for (Value phase : interleave.getPhaseValues())
      if (plan.views.count(phase) && convFields(phase.getDefiningOp()))
        convs.push_back(phase.getDefiningOp());
    if (convs.size() < 2 || convs.size() != interleave.getPhaseValues().size())
      continue;
    auto first = convFields(convs.front());
    bool shared = llvm::all_of(
        convs, [&](Operation *op) { return convFields(op) == first; });
    if (!shared)
      continue;
    llvm::sort(convs, [&](Operation *a, Operation *b) {
      return plan.steps[a] < plan.steps[b];
    });
    for (Operation *op : convs)
      plan.groupedPhases.insert(op);
    plan.phaseGroups[convs.front()] = convs;
    plan.onePass.insert(interleave);
  }

  // Outputs: the first returned value of each storage class is computed
  // straight into the caller's output buffer; the emitter copies the rest.
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
    Value root = plan.rootOf(v);
    if (isa<BlockArgument>(root) || root.getDefiningOp<ConstantOp>() ||
        plan.storage.count(root))
      continue;
    plan.storage[root] =
        Storage{Storage::Kind::Output, static_cast<int64_t>(i)};
  }

  // The last step at which each value is used.
  DenseMap<Value, int64_t> lastUse;
  for (Operation &op : body)
    if (!isa<ConstantOp>(op))
      for (Value operand : op.getOperands())
        lastUse[operand] = std::max(lastUse.lookup(operand), plan.steps[&op]);

  // Arena buffers with their lifetimes.
  llvm::DenseMap<Value, size_t> bufferOf;
  DenseMap<Value, int64_t> classLastUse; // root -> last use of any member
  for (Operation &op : body) {
    if (isa<ConstantOp>(op)) {
      plan.storage[op.getResult(0)] = Storage{Storage::Kind::Constant, 0};
      continue;
    }
    int64_t here = plan.steps[&op];
    // In place: the operand's whole storage class dies here, lives in the
    // arena, and the result is not the start of an output.
    if (Value operand = elementwiseInPlace ? inPlaceCandidate(&op) : Value()) {
      Value root = plan.rootOf(operand);
      Value result = op.getResult(0);
      if (bufferOf.count(root) && !plan.views.count(result) &&
          !plan.storage.count(result) &&
          std::max(classLastUse.lookup(root), lastUse.lookup(operand)) == here)
        plan.inPlace[result] = operand;
    }
    for (Value result : op.getResults()) {
      // A view's owner comes alive when its first phase is written.
      Value root = plan.rootOf(result);
      classLastUse[root] =
          std::max(classLastUse.lookup(root), lastUse.lookup(result));
      if (isa<ReshapeOp>(op) || plan.storage.count(root))
        continue;
      size_t index = plan.arenaBuffers.size();
      plan.storage[root] =
          Storage{Storage::Kind::Arena, static_cast<int64_t>(index)};
      bufferOf[root] = index;
      plan.arenaBuffers.push_back(ArenaBuffer{
          root, here, here, alignUp(byteSize(root), plan.align), 0});
    }
    for (Value operand : op.getOperands()) {
      auto it = bufferOf.find(plan.rootOf(operand));
      if (it != bufferOf.end())
        plan.arenaBuffers[it->second].end = here;
    }
  }

  // The most bytes alive at one step: a sweep over lifetime ends.
  {
    SmallVector<std::pair<int64_t, int64_t>> events; // (step, +-size)
    for (const ArenaBuffer &buf : plan.arenaBuffers) {
      events.push_back({buf.begin, buf.size});
      events.push_back({buf.end + 1, -buf.size});
    }
    llvm::sort(events); // at one step, ends (negative) before starts
    int64_t live = 0;
    for (auto [s, delta] : events) {
      live += delta;
      plan.bound = std::max(plan.bound, live);
    }
  }

  // Offsets written in the IR (huge-plan-memory ran before) are the plan.
  auto planned = func->getAttrOfType<IntegerAttr>("huge.arena_size");
  if (!planned && plan.bound > placeUpTo) {
    plan.size = plan.bound;
    plan.placed = false;
    return plan;
  }
  if (planned) {
    plan.size = planned.getInt();
    for (ArenaBuffer &buf : plan.arenaBuffers) {
      Operation *owner = buf.root.getDefiningOp();
      auto attr = owner ? owner->getAttrOfType<BufferAttr>("huge.buffer")
                        : BufferAttr();
      if (!attr || attr.getSize() != buf.size || attr.getFirst() != buf.begin ||
          attr.getLast() != buf.end)
        return owner->emitError("memory plan: expected huge.buffer with size ")
               << buf.size << " alive over [" << buf.begin << ", " << buf.end
               << "]; run huge-plan-memory again after changing the IR";
      buf.offset = attr.getOffset();
    }
    // ... and so are its views.
    for (Operation &op : func.getBody().front()) {
      if (op.getNumResults() != 1)
        continue;
      auto written = op.getAttrOfType<ViewAttr>("huge.view");
      auto view = plan.views.find(op.getResult(0));
      ViewAttr expected = view == plan.views.end()
                              ? ViewAttr()
                              : viewAttr(func.getContext(), view->second);
      if (written != expected)
        return op.emitError("memory plan: ")
               << (view == plan.views.end()
                       ? std::string("expected no huge.view")
                       : "expected huge.view with offset " +
                             std::to_string(view->second.offset))
               << "; run huge-plan-memory again after changing the IR";
    }
    // ... and so are its phase groups.
    for (auto interleave : func.getBody().front().getOps<InterleaveOp>())
      if (interleave->hasAttr(kOnePassAttrName) !=
          plan.onePass.contains(interleave))
        return interleave.emitError("memory plan: expected ")
               << (plan.onePass.contains(interleave) ? "" : "no ")
               << kOnePassAttrName.str()
               << "; run huge-plan-memory again after changing the IR";
  } else {
    // The best of several greedy orders; ties keep the earlier order.
    auto area = [](const ArenaBuffer &b) {
      return b.size * (b.end - b.begin + 1);
    };
    using Key = std::function<bool(const ArenaBuffer &, const ArenaBuffer &)>;
    Key keys[] = {
        [](const ArenaBuffer &x, const ArenaBuffer &y) {
          return x.size > y.size;
        },
        [](const ArenaBuffer &x, const ArenaBuffer &y) {
          return x.end - x.begin > y.end - y.begin;
        },
        [&](const ArenaBuffer &x, const ArenaBuffer &y) {
          return area(x) > area(y);
        },
        [](const ArenaBuffer &x, const ArenaBuffer &y) {
          return x.begin < y.begin;
        },
    };
    SmallVector<int64_t> bestOffsets;
    SmallVector<size_t> bestOrder;
    int64_t bestSize = INT64_MAX;
    auto consider = [&](ArrayRef<size_t> order, bool firstFit = false) {
      int64_t arena = placeInOrder(plan.arenaBuffers, order, firstFit);
      if (arena >= bestSize)
        return false;
      bestSize = arena;
      bestOrder.assign(order.begin(), order.end());
      bestOffsets.clear();
      for (const ArenaBuffer &b : plan.arenaBuffers)
        bestOffsets.push_back(b.offset);
      return true;
    };
    for (const Key &key : keys) {
      SmallVector<size_t> order(plan.arenaBuffers.size());
      for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
      llvm::stable_sort(order, [&](size_t a, size_t b) {
        return key(plan.arenaBuffers[a], plan.arenaBuffers[b]);
      });
      consider(order);
      if (bestSize > plan.bound)
        consider(order, /*firstFit=*/true);
    }
    // Local search above the lower bound: move one buffer to the front of
    // the best order; keep any move that shrinks the arena.
    for (int round = 0; localSearch && round < 3 && bestSize > plan.bound;
         ++round) {
      bool improved = false;
      for (size_t i = 1; i < bestOrder.size() && bestSize > plan.bound; ++i) {
        SmallVector<size_t> order = bestOrder;
        std::rotate(order.begin(), order.begin() + i, order.begin() + i + 1);
        improved |= consider(order);
      }
      if (!improved)
        break;
    }
    for (auto [buf, offset] : llvm::zip(plan.arenaBuffers, bestOffsets))
      buf.offset = offset;
    plan.size = plan.arenaBuffers.empty() ? 0 : bestSize;
  }

  if (failed(plan.validate(func)))
    return failure();
  return plan;
}

void MemoryPlan::annotate(func::FuncOp func) const {
  MLIRContext *ctx = func.getContext();
  func->setAttr("huge.arena_size",
                IntegerAttr::get(IntegerType::get(ctx, 64), size));
  for (Operation &op : func.getBody().front()) {
    if (op.getNumResults() != 1 || isa<ConstantOp>(op))
      continue;
    Value result = op.getResult(0);
    const Storage &s = storageOf(result);
    if (s.kind != Storage::Kind::Arena) {
      op.removeAttr("huge.buffer");
      continue;
    }
    const ArenaBuffer &b = arenaBuffers[s.index];
    op.setAttr("huge.buffer",
               BufferAttr::get(ctx, b.offset, b.size, b.begin, b.end));
  }
  // Views: where a result lies inside its owner's storage.
  for (Operation &op : func.getBody().front()) {
    if (op.getNumResults() != 1)
      continue;
    auto view = views.find(op.getResult(0));
    if (view == views.end()) {
      op.removeAttr("huge.view");
      continue;
    }
    op.setAttr("huge.view", viewAttr(ctx, view->second));
  }
  // Phase groups: interleaves whose phases one kernel pass computes.
  for (auto interleave : func.getBody().front().getOps<InterleaveOp>()) {
    if (onePass.contains(interleave))
      interleave->setAttr(kOnePassAttrName, UnitAttr::get(ctx));
    else
      interleave->removeAttr(kOnePassAttrName);
  }
}

LogicalResult MemoryPlan::validate(func::FuncOp func) const {
  for (auto [i, a] : llvm::enumerate(arenaBuffers)) {
    if (a.offset < 0 || a.offset % align != 0 || a.offset + a.size > size)
      return func.emitError("memory plan: buffer ")
             << i << " [" << a.offset << ", " << a.offset + a.size
             << ") is misaligned or outside the arena of " << size << " bytes";
    for (size_t j = i + 1; j < arenaBuffers.size(); ++j) {
      const ArenaBuffer &b = arenaBuffers[j];
      bool liveTogether = a.begin <= b.end && b.begin <= a.end;
      bool overlap =
          a.offset < b.offset + b.size && b.offset < a.offset + a.size;
      if (liveTogether && overlap)
        return func.emitError("memory plan: buffers ")
               << i << " and " << j << " are alive together but overlap";
    }
  }
  return success();
}
