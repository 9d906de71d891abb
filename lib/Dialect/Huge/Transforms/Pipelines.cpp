//===- Pipelines.cpp - the huge-c-pipeline --------------------------------===//

#include "huge/Dialect/Huge/Transforms/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace huge;

std::optional<UntangleMode> huge::parseUntangleMode(llvm::StringRef text) {
  return llvm::StringSwitch<std::optional<UntangleMode>>(text)
      .Case("phases", UntangleMode::Phases)
      .Case("split", UntangleMode::Split)
      .Case("none", UntangleMode::None)
      .Default(std::nullopt);
}

void huge::buildCPipeline(OpPassManager &pm, UntangleMode mode,
                          const HugeTileFusePassOptions *tiling,
                          StringRef target) {
  pm.addPass(createHugeSetTargetPass({target.str()}));
  pm.addPass(createCanonicalizerPass()); // folds batch norm into convolutions
  OpPassManager &fn = pm.nest<func::FuncOp>();
  // Under a budget the tiler bands residual adds as layers of their own.
  fn.addPass(createHugeFuseEpiloguesPass({/*residuals=*/tiling == nullptr}));
  fn.addPass(createHugeFuseElementwiseChainsPass());
  if (mode == UntangleMode::None) {
    fn.addPass(createHugeLowerToZeroInsertionPass());
  } else {
    fn.addPass(createHugeUntangleTransposedConvPass(
        {mode == UntangleMode::Split ? "split" : "phases"}));
    // The C runtime's direct kernel takes dilated taps natively; split mode
    // keeps the polyphase sub-convolutions any dense engine runs.
    HugeUntangleDilatedConvPassOptions dilated;
    dilated.preferPerTap = mode == UntangleMode::Phases;
    fn.addPass(createHugeUntangleDilatedConvPass(dilated));
  }
  // After untangling, whose sub-convolutions keep the groups.
  fn.addPass(createHugePackGroupedConvPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  if (tiling)
    pm.addNestedPass<func::FuncOp>(createHugeTileFusePass(*tiling));
  buildPrepareForEmission(pm);
}

void huge::buildPrepareForEmission(OpPassManager &pm) {
  OpPassManager &fn = pm.nest<func::FuncOp>();
  fn.addPass(createHugePlanMemoryPass());
  fn.addPass(createHugeAssignLayoutsPass());
  fn.addPass(createHugePackConvWeightsPass());
}

void huge::registerHugePassesAndPipelines() {
  registerHugePasses();
  PassPipelineRegistration<CPipelineOptions>(
      "huge-c-pipeline",
      "Everything huge-compile runs before emitting code: set the target "
      "(target=c), canonicalize, fuse epilogues, untangle "
      "(untangle=phases|split|none), pack grouped convolutions, "
      "canonicalize, CSE, then huge-prepare-for-emission",
      [](OpPassManager &pm, const CPipelineOptions &options) {
        // Invalid values are rejected by the option parser callers; fall
        // back to phases so the pipeline is always well formed.
        buildCPipeline(
            pm,
            parseUntangleMode(options.untangle).value_or(UntangleMode::Phases),
            nullptr, options.target);
      });
  PassPipelineRegistration<>(
      "huge-prepare-for-emission",
      "Records every decision the printers need in the IR: the memory plan "
      "(huge-plan-memory), each convolution's weight block and each "
      "activation's layout (huge-assign-layouts), then the weights packed "
      "in those blocks (huge-pack-conv-weights), for the module's target",
      buildPrepareForEmission);
}
