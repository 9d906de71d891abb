//===- LayerCost.h - work done by one layer ---------------------*- C++ -*-===//

#ifndef HUGE_ANALYSIS_LAYERCOST_H
#define HUGE_ANALYSIS_LAYERCOST_H

#include "huge/Dialect/Huge/IR/LayerInfo.h"

#include "mlir/IR/Operation.h"

namespace huge {

// executedMacs and nominalMacs: see huge/Dialect/Huge/IR/LayerInfo.h.

class MemoryPlan;

/// Activation bytes a layer reads and writes (weights excluded): each
/// activation operand read once, the result written once. Phases written in
/// place through a strided view make their huge.interleave free, except for
/// the positions it fills and the phases it copies; reshapes move nothing.
struct Traffic {
  int64_t read = 0, written = 0;
};
Traffic activationTraffic(mlir::Operation *op, const MemoryPlan &plan);

} // namespace huge

#endif // HUGE_ANALYSIS_LAYERCOST_H
