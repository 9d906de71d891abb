//===- TargetRegistry.cpp - the backends huge emits code for --------------===//

#include "huge/Target/TargetRegistry.h"

#include "huge/Target/OpenCL/OpenCLEmitter.h"

using namespace mlir;
using namespace huge;

static FailureOr<EmittedModel> emitWithC(func::FuncOp func,
                                         const MemoryPlan &plan,
                                         const EmitOptions &options) {
  CEmitter emitter(func, plan, options);
  auto files = emitter.emit();
  if (failed(files))
    return failure();
  return EmittedModel{std::move(*files), emitter.emittedWeightBytes()};
}

static FailureOr<EmittedModel> emitWithOpenCL(func::FuncOp func,
                                              const MemoryPlan &plan,
                                              const EmitOptions &options) {
  OpenCLEmitter emitter(func, plan, options);
  auto files = emitter.emit();
  if (failed(files))
    return failure();
  return EmittedModel{std::move(*files), emitter.emittedWeightBytes()};
}

ArrayRef<TargetBackend> huge::targetBackends() {
  static const TargetBackend kBackends[] = {
      {"c", emitWithC},
      {"opencl", emitWithOpenCL},
  };
  return kBackends;
}

const TargetBackend *huge::findTargetBackend(StringRef name) {
  for (const TargetBackend &backend : targetBackends())
    if (backend.name == name)
      return &backend;
  return nullptr;
}
