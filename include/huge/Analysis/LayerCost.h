//===- LayerCost.h - work done by one layer ---------------------*- C++ -*-===//

#ifndef HUGE_ANALYSIS_LAYERCOST_H
#define HUGE_ANALYSIS_LAYERCOST_H

#include "mlir/IR/Operation.h"

namespace huge {

/// Multiply-adds the generated code executes for `op`: the taps that land
/// inside the input (convolutions skip padding), M*N*K for matrix products,
/// one per element for batch norm, and 0 for ops that do no multiply-adds.
int64_t executedMacs(mlir::Operation *op);

/// Multiply-adds of `op` counted the way frameworks do (every tap of every
/// output, padding included).
int64_t nominalMacs(mlir::Operation *op);

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
