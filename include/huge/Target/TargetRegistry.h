//===- TargetRegistry.h - the backends huge emits code for ------*- C++ -*-===//
//
// One row per backend: the name `--target` takes and the function that emits
// a planned module as the output folder's files. The target's description
// (#huge.target, huge/Dialect/Huge/IR/Target.h) carries the same name; the
// passes read that, the driver picks the emitter here.
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_TARGET_TARGETREGISTRY_H
#define HUGE_TARGET_TARGETREGISTRY_H

#include "huge/Analysis/MemoryPlan.h"
#include "huge/Target/C/CEmitter.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <vector>

namespace huge {

/// What a backend emits for a model.
struct EmittedModel {
  std::vector<EmittedFile> files;
  /// Bytes of weight data in the generated code (NAME_WEIGHT_BYTES).
  int64_t weightBytes = 0;
};

struct TargetBackend {
  llvm::StringLiteral name;
  /// Emits `func`, planned by `plan`; reports failures as located
  /// diagnostics.
  mlir::FailureOr<EmittedModel> (*emit)(mlir::func::FuncOp func,
                                        const MemoryPlan &plan,
                                        const EmitOptions &options);
};

/// Every backend with an emitter.
llvm::ArrayRef<TargetBackend> targetBackends();

/// The backend called `name`, or null.
const TargetBackend *findTargetBackend(llvm::StringRef name);

} // namespace huge

#endif // HUGE_TARGET_TARGETREGISTRY_H
