//===- Epilogue.h - compile-time view of conv epilogues ---------*- C++ -*-===//

#ifndef HUGE_LIB_DIALECT_HUGE_TRANSFORMS_EPILOGUE_H
#define HUGE_LIB_DIALECT_HUGE_TRANSFORMS_EPILOGUE_H

#include "huge/Dialect/Huge/IR/HugeOps.h"

#include <vector>

namespace huge {

/// The activation a convolution applies to its outputs, as data.
struct Epilogue {
  ActivationAttr activation;
  mlir::DenseF32ArrayAttr params;

  template <typename ConvOp>
  static Epilogue of(ConvOp op) {
    return {op.getActivationAttr(), op.getActivationParamsAttr()};
  }
  /// act(v), evaluated at compile time (for outputs that are bias only).
  float apply(float v) const;
  /// act(bias[c]) per channel, or act(0) without bias.
  std::vector<float> applyToBias(const std::optional<std::vector<float>> &bias,
                                 int64_t channels) const;
};

} // namespace huge

#endif // HUGE_LIB_DIALECT_HUGE_TRANSFORMS_EPILOGUE_H
