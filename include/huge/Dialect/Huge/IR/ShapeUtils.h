//===- ShapeUtils.h - shape rules shared by the dialect and import -*- C++
//-*-===//

#ifndef HUGE_DIALECT_HUGE_IR_SHAPEUTILS_H
#define HUGE_DIALECT_HUGE_IR_SHAPEUTILS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace huge {

/// The numpy (ONNX multidirectional) broadcast of two shapes, or
/// std::nullopt if they are incompatible.
std::optional<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b);

} // namespace huge

#endif // HUGE_DIALECT_HUGE_IR_SHAPEUTILS_H
