//===- HugeOps.h - huge dialect operations ----------------------*- C++ -*-===//

#ifndef HUGE_DIALECT_HUGE_IR_HUGEOPS_H
#define HUGE_DIALECT_HUGE_IR_HUGEOPS_H

#include "huge/Dialect/Huge/IR/HugeDialect.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "huge/Dialect/Huge/IR/HugeEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "huge/Dialect/Huge/IR/HugeAttrs.h.inc"

#include "huge/Dialect/Huge/IR/LayerInfo.h"

#include "huge/Dialect/Huge/IR/HugeInterfaces.h.inc"

#define GET_OP_CLASSES
namespace huge {
/// A convolution's epilogue operands are its bias ([Cout]) and then its
/// residual (of the result's shape), each optional: these pick them out.
inline mlir::Value epilogueBias(mlir::ValueRange epilogue) {
  if (!epilogue.empty())
    if (auto t = llvm::dyn_cast<mlir::ShapedType>(epilogue[0].getType());
        t && t.getRank() == 1)
      return epilogue[0];
  return {};
}
inline mlir::Value epilogueResidual(mlir::ValueRange epilogue) {
  if (!epilogue.empty())
    if (auto t = llvm::dyn_cast<mlir::ShapedType>(epilogue.back().getType());
        t && t.getRank() != 1)
      return epilogue.back();
  return {};
}
/// Whether `epilogue` is a bias, a residual, both in that order, or empty.
inline bool isEpilogueWellFormed(mlir::ValueRange epilogue) {
  return epilogue.size() <= 2 &&
         epilogue.size() == (epilogueBias(epilogue) ? 1u : 0u) +
                                (epilogueResidual(epilogue) ? 1u : 0u);
}
/// The epilogue operands of a convolution with `bias` and `residual` (either
/// may be null).
inline llvm::SmallVector<mlir::Value, 2> epilogueOperands(mlir::Value bias,
                                                          mlir::Value residual = {}) {
  llvm::SmallVector<mlir::Value, 2> operands;
  if (bias)
    operands.push_back(bias);
  if (residual)
    operands.push_back(residual);
  return operands;
}
} // namespace huge

#include "huge/Dialect/Huge/IR/HugeOps.h.inc"

namespace huge {
/// The residual `op` adds in its epilogue, when it is a convolution with
/// one; null otherwise.
inline mlir::Value convResidual(mlir::Operation *op) {
  if (auto conv = llvm::dyn_cast_or_null<Conv2dOp>(op))
    return conv.getResidual();
  if (auto conv = llvm::dyn_cast_or_null<PackedConv2dOp>(op))
    return conv.getResidual();
  return {};
}
} // namespace huge

#endif // HUGE_DIALECT_HUGE_IR_HUGEOPS_H
