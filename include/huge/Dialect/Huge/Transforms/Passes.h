//===- Passes.h - huge transformation passes --------------------*- C++ -*-===//

#ifndef HUGE_DIALECT_HUGE_TRANSFORMS_PASSES_H
#define HUGE_DIALECT_HUGE_TRANSFORMS_PASSES_H

#include "huge/Dialect/Huge/IR/HugeOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassOptions.h"

namespace huge {

#define GEN_PASS_DECL
#include "huge/Dialect/Huge/Transforms/Passes.h.inc"

/// How transposed (and dilated) convolutions are lowered.
enum class UntangleMode {
  Phases, // HUGE2 phases; dilated convs polyphase or per-tap
  Split,  // split deconvolution; dilated convs as in Phases
  None,   // zero insertion and zero-dilated kernels (the baseline)
};

void populateFuseEpiloguePatterns(mlir::RewritePatternSet &patterns);
void populateUntangleTransposedConvPatterns(mlir::RewritePatternSet &patterns,
                                            bool splitForm,
                                            bool outputOrder = true);
void populateUntangleDilatedConvPatterns(mlir::RewritePatternSet &patterns,
                                         double maxPaddingOverhead,
                                         bool preferPerTap = false);
void populateZeroInsertionPatterns(mlir::RewritePatternSet &patterns);
void populatePackGroupedConvPatterns(mlir::RewritePatternSet &patterns,
                                     int64_t block);

struct CPipelineOptions : public mlir::PassPipelineOptions<CPipelineOptions> {
  Option<std::string> untangle{
      *this, "untangle",
      llvm::cl::desc("phases (HUGE2), split (split deconvolution) or none "
                     "(zero insertion, the baseline)"),
      llvm::cl::init("phases")};
  Option<std::string> target{*this, "target",
                             llvm::cl::desc("backend the code is for (c)"),
                             llvm::cl::init("c")};
};

/// Parses "phases", "split" or "none".
std::optional<UntangleMode> parseUntangleMode(llvm::StringRef text);

/// The pipeline huge-compile runs before emitting code: set the target,
/// canonicalize (batch norm folding), fuse epilogues, untangle, pack,
/// canonicalize, CSE, huge-tile-fuse with `tiling` if given, and
/// huge-prepare-for-emission.
void buildCPipeline(mlir::OpPassManager &pm, UntangleMode mode,
                    const HugeTileFusePassOptions *tiling = nullptr,
                    llvm::StringRef target = "c");

/// Registers every pass and the huge-c-pipeline pipeline.
/// huge-prepare-for-emission: the decisions a printer would otherwise take,
/// recorded in the IR: the memory plan (huge-plan-memory), then weight
/// blocks and activation layouts (huge-assign-layouts). The last step of
/// huge-c-pipeline.
void buildPrepareForEmission(mlir::OpPassManager &pm);

void registerHugePassesAndPipelines();

#define GEN_PASS_REGISTRATION
#include "huge/Dialect/Huge/Transforms/Passes.h.inc"

} // namespace huge

#endif // HUGE_DIALECT_HUGE_TRANSFORMS_PASSES_H
