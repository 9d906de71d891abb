//===- HugeDialect.h - huge dialect -----------------------------*- C++ -*-===//
//
// Declares the huge dialect, its enums, attributes and operations.
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_DIALECT_HUGE_IR_HUGEDIALECT_H
#define HUGE_DIALECT_HUGE_IR_HUGEDIALECT_H

#include "mlir/IR/Dialect.h"

#include "huge/Dialect/Huge/IR/HugeOpsDialect.h.inc"

#endif // HUGE_DIALECT_HUGE_IR_HUGEDIALECT_H
