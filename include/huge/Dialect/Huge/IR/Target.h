//===- Target.h - the target a module is compiled for -----------*- C++ -*-===//
//
// The `#huge.target` attribute on a module says what the emitted code may
// assume of its backend (alignment, channel-blocked layout, strided and
// in-place kernel forms). Passes read it through getTarget(); the backends
// huge knows are described here, so that a pipeline can set one by name.
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_DIALECT_HUGE_IR_TARGET_H
#define HUGE_DIALECT_HUGE_IR_TARGET_H

#include "huge/Dialect/Huge/IR/HugeOps.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace huge {

/// Name of the module attribute holding the target.
constexpr llvm::StringLiteral kTargetAttrName = "huge.target";

/// One backend huge can emit code for.
struct TargetDescription {
  llvm::StringLiteral name;
  llvm::StringLiteral summary;
  int64_t alignment;
  int64_t channelBlock;
  int64_t vectorWidth;
  bool stridedOutputs;
  bool inPlace;
  /// The runtime's convolution kernels, reading packed weights; false: the
  /// backend generates each layer's kernel from plain weights.
  bool packedWeights = true;
};

/// The backends, in the order help texts list them.
llvm::ArrayRef<TargetDescription> targetDescriptions();

/// "c" (or "c, neon, ..."): the backend names for messages.
std::string targetNameList();

/// The attribute describing backend `name`, or null if there is none.
TargetAttr describeTarget(mlir::MLIRContext *context, llvm::StringRef name);

/// Whether `target`'s convolutions read weights packed in blocks (the
/// runtime kernels of the C target) rather than plain OIHW weights.
bool packsWeights(TargetAttr target);

/// The target `op`'s module is compiled for: its `huge.target`, or the C
/// target when the module carries none.
TargetAttr getTarget(mlir::Operation *op);

} // namespace huge

#endif // HUGE_DIALECT_HUGE_IR_TARGET_H
