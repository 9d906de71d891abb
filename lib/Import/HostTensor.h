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
#include "llvm/ADT/StringRef.h"

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

/// The subset of node attributes constant evaluation needs, decoded by the
/// importer.
struct FoldAttrs {
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

/// Evaluates one ONNX node on constant inputs (the shape subgraphs exporters
/// emit). Each method evaluates one family of ops; the importer's operator
/// table names the method of every op it can evaluate.
/// `axis` in [-rank, rank) made non-negative; fails with a message
/// otherwise.
bool normalizeAxis(int64_t &axis, int64_t rank, std::string &error);

/// Where ONNX Slice reads along each axis of a tensor of `shape`: the
/// first element, the step (negative: backwards) and the extent.
struct SliceWindow {
  llvm::SmallVector<int64_t> start, step, shape;
};
/// Slice's window for `starts`, `ends`, `axes` and `steps` (axes empty: the
/// first axes in order; steps empty: all 1), clamped as ONNX specifies.
/// Fails with a message when they are inconsistent.
bool sliceWindow(llvm::ArrayRef<int64_t> shape, llvm::ArrayRef<int64_t> starts,
                 llvm::ArrayRef<int64_t> ends, llvm::ArrayRef<int64_t> axes,
                 llvm::ArrayRef<int64_t> steps, SliceWindow &window,
                 std::string &error);

class Fold {
public:
  using Method = bool (Fold::*)();

  Fold(llvm::StringRef op, const std::vector<const HostTensor *> &inputs,
       const FoldAttrs &attrs, int opset, std::string &error);

  /// Runs `method`. Returns false and sets the error when the inputs are
  /// invalid or the result would exceed `attrs.maxElements`.
  bool run(Method method, HostTensor &result);

  bool identity();
  bool cast();
  bool unaryMath(); // Floor, Ceil, Neg, Sqrt
  bool binary();    // Add, Sub, Mul, Div, Equal (broadcasting)
  bool where();
  bool gather();
  bool slice();
  bool concat();
  bool squeeze(); // Squeeze, Unsqueeze
  bool constantOfShape();
  bool expand();
  bool reshape(); // Reshape, Flatten
  bool range();
  bool transpose();

private:
  bool need(size_t n);
  bool fits(llvm::ArrayRef<int64_t> shape);

  llvm::StringRef op;
  const std::vector<const HostTensor *> &in;
  const FoldAttrs &attrs;
  int opset;
  std::string &error;
  const HostTensor &x; // input 0
  HostTensor r;        // the result
};

} // namespace huge

#endif // HUGE_LIB_IMPORT_HOSTTENSOR_H
