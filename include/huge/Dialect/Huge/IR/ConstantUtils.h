//===- ConstantUtils.h - reading and making huge.constant ops ---*- C++ -*-===//

#ifndef HUGE_DIALECT_HUGE_IR_CONSTANTUTILS_H
#define HUGE_DIALECT_HUGE_IR_CONSTANTUTILS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"

#include <optional>
#include <vector>

namespace huge {

/// The f32 elements of `v` if it is a constant, row-major.
std::optional<std::vector<float>> getConstantFloats(mlir::Value v);

/// A huge.constant of f32 `values` with `shape`.
mlir::Value createF32Constant(mlir::OpBuilder &builder, mlir::Location loc,
                              llvm::ArrayRef<int64_t> shape,
                              llvm::ArrayRef<float> values);

} // namespace huge

#endif // HUGE_DIALECT_HUGE_IR_CONSTANTUTILS_H
