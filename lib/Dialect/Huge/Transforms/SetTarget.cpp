//===- SetTarget.cpp - record the backend on the module -------------------===//

#include "huge/Dialect/Huge/IR/Target.h"
#include "huge/Dialect/Huge/Transforms/Passes.h"

namespace huge {
#define GEN_PASS_DEF_HUGESETTARGETPASS
#include "huge/Dialect/Huge/Transforms/Passes.h.inc"
} // namespace huge

using namespace mlir;
using namespace huge;

namespace {
struct SetTargetPass : huge::impl::HugeSetTargetPassBase<SetTargetPass> {
  using Base::Base;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    TargetAttr wanted = describeTarget(&getContext(), target);
    if (!wanted) {
      module.emitError("unknown target '")
          << target << "'; available: " << targetNameList();
      return signalPassFailure();
    }
    if (auto present = module->getAttrOfType<TargetAttr>(kTargetAttrName)) {
      if (present.getName() == wanted.getName())
        return; // kept as written
      module.emitError("the module is compiled for target '")
          << present.getName() << "', not '" << target << "'";
      return signalPassFailure();
    }
    module->setAttr(kTargetAttrName, wanted);
  }
};
} // namespace
