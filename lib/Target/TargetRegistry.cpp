//===- TargetRegistry.cpp - the backends huge emits code for --------------===//

#include "huge/Target/TargetRegistry.h"

#include "huge/Target/OpenCL/OpenCLEmitter.h"

using namespace mlir;
using namespace huge;

/// Emits `func` with the ModelEmitter subclass `Emitter`.
template <typename Emitter>
static FailureOr<EmittedModel> emitWith(func::FuncOp func,
                                        const MemoryPlan &plan,
                                        const EmitOptions &options) {
  Emitter emitter(func, plan, options);
  auto files = emitter.emit();
  if (failed(files))
    return failure();
  return EmittedModel{std::move(*files), emitter.emittedWeightBytes()};
}

ArrayRef<TargetBackend> huge::targetBackends() {
  static const TargetBackend kBackends[] = {
      {"c", emitWith<CEmitter>},
      {"neon", emitWith<CEmitter>},
      {"opencl", emitWith<OpenCLEmitter>},
  };
  return kBackends;
}

const TargetBackend *huge::findTargetBackend(StringRef name) {
  for (const TargetBackend &backend : targetBackends())
    if (backend.name == name)
      return &backend;
  return nullptr;
}
