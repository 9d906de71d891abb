//===- Limits.h - what a model may claim ------------------------*- C++ -*-===//
//
// huge reads models it did not write. Every quantity a model declares that
// would make the compiler allocate, or the generated code index, is checked
// against these limits before anything is allocated or printed; a model
// beyond one is an error naming the limit and the option that raises it.
// The defaults are far above any network huge is built for.
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_SUPPORT_LIMITS_H
#define HUGE_SUPPORT_LIMITS_H

#include <cstdint>

namespace huge {

struct ModelLimits {
  /// Largest model file (`--max-model-size`). ONNX's protobuf encoding
  /// cannot exceed 2 GiB; larger weights belong in external data.
  int64_t maxModelBytes = (int64_t(1) << 31) - 1;
  /// Constant data of the whole model (`--max-weights`): initializers,
  /// inline or external, plus the constants computed at import, counted at
  /// 4 bytes per element.
  int64_t maxWeightBytes = int64_t(1) << 30;
  /// Largest single tensor, weights or activations (`--max-tensor-size`),
  /// at 4 bytes per element. The generated code indexes with `int`, so no
  /// setting admits more than 2^31-1 elements.
  int64_t maxTensorBytes = int64_t(2) << 30;
  /// Largest arena the memory plan may need (`--max-arena-size`).
  int64_t maxArenaBytes = int64_t(4) << 30;
};

} // namespace huge

#endif // HUGE_SUPPORT_LIMITS_H
