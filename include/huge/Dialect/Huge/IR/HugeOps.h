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
#include "huge/Dialect/Huge/IR/HugeOps.h.inc"

#endif // HUGE_DIALECT_HUGE_IR_HUGEOPS_H
