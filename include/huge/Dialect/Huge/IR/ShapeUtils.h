//===- ShapeUtils.h - shape rules shared by the dialect and import -*- C++
//-*-===//

#ifndef HUGE_DIALECT_HUGE_IR_SHAPEUTILS_H
#define HUGE_DIALECT_HUGE_IR_SHAPEUTILS_H

#include "mlir/IR/BuiltinTypeInterfaces.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace huge {

/// Largest stride, dilation, pad, pooling window or block size huge accepts
/// (in magnitude). Far beyond any real network, and small enough that every
/// extent and index derived from them stays within the 32-bit `int` fields
/// of the generated code and the 64-bit arithmetic of shape inference.
constexpr int64_t kMaxWindowParam = int64_t(1) << 16;

/// Floats of input rows huge_conv_transpose_rows stages on its stack
/// (HUGE_ROWS_STAGE in runtime/src/conv/transpose.c): a
/// huge.conv_transpose_rows column window must fit in it.
constexpr int64_t kRowsStageFloats = 1024;

/// Whether the column window of a huge.conv_transpose_rows with kernel width
/// `kw` and column stride `sw` fits the staged rows: a block of sw *
/// floor(L / sw) columns (L = 16 * ceil(sw / 16) lanes), the column taps
/// before it and one vector.
inline bool transposeRowsWindowFits(int64_t kw, int64_t sw) {
  int64_t lanes = 16 * ((sw + 15) / 16), taps = (kw + sw - 1) / sw;
  return sw * (lanes / sw) + (taps - 1) * sw + 16 <= kRowsStageFloats;
}

/// Largest element count huge accepts for one tensor (the generated code
/// indexes with int).
constexpr int64_t kMaxTensorElements = (int64_t(1) << 31) - 1;

/// Largest extent of any tensor axis, and of any padded extent: the
/// generated code indexes with `int`.
constexpr int64_t kMaxExtent = (int64_t(1) << 31) - 1;

/// The numpy (ONNX multidirectional) broadcast of two shapes, or
/// std::nullopt if they are incompatible.
std::optional<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b);

/// Element strides of `operand` broadcast to `shape` (0 on broadcast axes).
llvm::SmallVector<int64_t> broadcastStrides(llvm::ArrayRef<int64_t> operand,
                                            llvm::ArrayRef<int64_t> shape);

/// The static shape of a shaped value.
inline llvm::ArrayRef<int64_t> shapeOf(mlir::Value v) {
  return llvm::cast<mlir::ShapedType>(v.getType()).getShape();
}

/// Product of `shape`, or -1 if a dim is negative or the product exceeds
/// `limit`; never overflows.
inline int64_t checkedElementCount(llvm::ArrayRef<int64_t> shape,
                                   int64_t limit = kMaxTensorElements) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0 || (d != 0 && n > limit / d))
      return -1;
    n *= d;
  }
  return n <= limit ? n : -1;
}

/// The product of `dims` (an element count).
inline int64_t product(llvm::ArrayRef<int64_t> dims) {
  int64_t p = 1;
  for (int64_t d : dims)
    p *= d;
  return p;
}

} // namespace huge

#endif // HUGE_DIALECT_HUGE_IR_SHAPEUTILS_H
