//===- PlanMemory.cpp - the memory plan as IR -----------------------------===//

#include "huge/Analysis/MemoryPlan.h"
#include "huge/Dialect/Huge/Transforms/Passes.h"

namespace huge {
#define GEN_PASS_DEF_HUGEPLANMEMORYPASS
#include "huge/Dialect/Huge/Transforms/Passes.h.inc"
} // namespace huge

using namespace mlir;
using namespace huge;

namespace {
struct PlanMemoryPass : huge::impl::HugePlanMemoryPassBase<PlanMemoryPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    // Plan afresh: drop a previous plan first.
    func->removeAttr("huge.arena_size");
    func.walk([](Operation *op) {
      op->removeAttr("huge.buffer");
      op->removeAttr("huge.view");
    });
    auto plan = MemoryPlan::build(func);
    if (failed(plan))
      return signalPassFailure();
    plan->annotate(func);
  }
};
} // namespace
