//===- LayerCost.cpp - activation traffic of a layer ----------------------===//
//
// Multiply-add counts are the ops' own (LayerOpInterface, LayerInfo.h).
//
//===----------------------------------------------------------------------===//

#include "huge/Analysis/LayerCost.h"

#include "huge/Analysis/MemoryPlan.h"
#include "huge/Dialect/Huge/IR/HugeOps.h"
#include "huge/Dialect/Huge/IR/ShapeUtils.h"

using namespace mlir;
using namespace huge;

static int64_t bytesOf(Value v) {
  return product(shapeOf(v)) * static_cast<int64_t>(sizeof(float));
}

Traffic huge::activationTraffic(Operation *op, const MemoryPlan &plan) {
  Traffic t;
  if (isa<ReshapeOp, ConstantOp, EmptyOp>(op))
    return t;
  if (isa<SliceOp>(op) && plan.viewOf(op->getResult(0)))
    return t; // read in place by its users
  if (auto insert = dyn_cast<InsertRowsOp>(op)) {
    // In place, only the band moves (nothing if it was written in place);
    // otherwise dest is copied first.
    if (!plan.isWrittenInto(insert.getTile(), insert.getResult()))
      t.read = t.written = bytesOf(insert.getTile());
    if (plan.rootOf(insert.getDest()) != plan.rootOf(insert.getResult())) {
      t.read += bytesOf(insert.getDest());
      t.written += bytesOf(insert.getDest());
    }
    return t;
  }
  if (auto interleave = dyn_cast<InterleaveOp>(op)) {
    int64_t placed = 0;
    for (Value phase : interleave.getPhaseValues()) {
      if (!plan.isWrittenInto(phase, interleave.getResult())) {
        t.read += bytesOf(phase);
        t.written += bytesOf(phase);
      }
      placed += bytesOf(phase);
    }
    t.written += bytesOf(interleave.getResult()) - placed; // filled positions
    return t;
  }
  if (auto concat = dyn_cast<ConcatOp>(op)) {
    // Inputs written in place by their producers move nothing here.
    for (Value input : concat.getInputs())
      if (!plan.isWrittenInto(input, concat.getResult())) {
        t.read += bytesOf(input);
        t.written += bytesOf(input);
      }
    return t;
  }
  // Phases computed in one pass read their shared input once, in the first.
  bool sharesInput = plan.isGroupedPhase(op) && plan.phaseGroup(op).empty();
  for (auto [i, operand] : llvm::enumerate(op->getOperands()))
    if (!operand.getDefiningOp<ConstantOp>() && !(sharesInput && i == 0))
      t.read += bytesOf(operand);
  for (Value result : op->getResults())
    t.written += bytesOf(result);
  return t;
}
