//===- HostTensor.h - constant tensors evaluated at import ------*- C++ -*-===//
//
// ONNX exporters emit small subgraphs that compute shapes (Shape, Gather,
// Concat, ...). The importer evaluates them on the host with these tensors;
// they are also the decoded form of initializers.
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_LIB_IMPORT_HOSTTENSOR_H
#define HUGE_LIB_IMPORT_HOSTTENSOR_H

#include "huge/Dialect/Huge/IR/ShapeUtils.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <string>
#include <vector>

namespace huge {

/// A dense tensor held by the importer. Values are stored as double, which
/// holds every float and every integer below 2^53 exactly.
struct HostTensor {
  enum class Kind { Float, Int, Bool };
  Kind kind = Kind::Float;
  llvm::SmallVector<int64_t> shape;
  std::vector<double> data;

  int64_t numElements() const;
  bool isScalar() const { return shape.empty(); }
  std::vector<int64_t> asInts() const;
};

/// `v` rounded toward zero, saturated to the int64 range (NaN: INT64_MIN),
/// so that a value from a hostile model never converts with undefined
/// behaviour.
int64_t saturatingInt(double v);

/// Product of `shape`, or -1 if a dim is negative or the product exceeds
/// kMaxTensorElements.
int64_t checkedElementCount(llvm::ArrayRef<int64_t> shape);

/// Evaluates the ONNX op `opType` on constant inputs. Returns false and sets
/// `error` when the op is not foldable or its inputs are invalid; `handled`
/// says whether the op is one of the foldable kinds at all.
struct FoldAttrs {
  // The subset of node attributes folding needs, decoded by the importer.
  int64_t axis = 0;
  bool hasAxis = false;
  std::vector<int64_t> axes, perm;
  bool hasAxes = false, hasPerm = false;
  int64_t to = 1;
  HostTensor value; // ConstantOfShape
  bool hasValue = false;
  int64_t start = 0, end = INT64_MAX; // Shape (opset 15)
  /// Largest result (in elements) the evaluation may allocate.
  int64_t maxElements = kMaxTensorElements;
};

bool foldOnnxOp(const std::string &opType,
                const std::vector<const HostTensor *> &inputs,
                const FoldAttrs &attrs, int opset,
                std::vector<HostTensor> &results, std::string &error);

/// True if `opType` can be folded when all its inputs are constant.
bool isFoldableOp(const std::string &opType);

} // namespace huge

#endif // HUGE_LIB_IMPORT_HOSTTENSOR_H
