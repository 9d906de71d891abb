//===- huge-opt.cpp - mlir-opt for the huge dialect -----------------------===//
//
// mlir-opt with the huge dialect and passes, and one promise mlir-opt does
// not make: any error reported (by a pass that went on, say) fails the run,
// as in huge-compile and huge-translate. With -verify-diagnostics the
// expected errors are the test's business and the exit status is
// mlir-opt's.
//
//===----------------------------------------------------------------------===//

#include "huge/Dialect/Huge/IR/HugeDialect.h"
#include "huge/Dialect/Huge/Transforms/Passes.h"
#include "huge/Support/SanitizerOptions.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  mlir::registerTransformsPasses();
  huge::registerHugePassesAndPipelines();
  mlir::DialectRegistry registry;
  registry.insert<huge::HugeDialect, mlir::func::FuncDialect>();
  auto [inputFile, outputFile] = mlir::registerAndParseCLIOptions(
      argc, argv, "huge optimizer driver\n", registry);
  mlir::MlirOptMainConfig config =
      mlir::MlirOptMainConfig::createFromCLOptions();

  // Every context the run makes (one per split of the input) counts the
  // errors reported in it, then passes them on to mlir-opt's handler.
  int errors = 0;
  mlir::MlirOptMainConfig base = config;
  config.setPassPipelineSetupFn([&errors, base](mlir::PassManager &pm) {
    pm.getContext()->getDiagEngine().registerHandler(
        [&errors](mlir::Diagnostic &diag) {
          errors += diag.getSeverity() == mlir::DiagnosticSeverity::Error;
          return mlir::failure();
        });
    return base.setupPassPipeline(pm);
  });

  if (config.shouldShowDialects()) {
    llvm::outs() << "Available Dialects: ";
    llvm::interleave(registry.getDialectNames(), llvm::outs(), ",");
    llvm::outs() << "\n";
    return 0;
  }
  std::string message;
  auto input = mlir::openInputFile(inputFile, &message);
  if (!input) {
    llvm::errs() << "error: " << message << "\n";
    return 1;
  }
  auto output = mlir::openOutputFile(outputFile, &message);
  if (!output) {
    llvm::errs() << "error: " << message << "\n";
    return 1;
  }
  if (mlir::failed(
          mlir::MlirOptMain(output->os(), std::move(input), registry, config)))
    return 1;
  if (errors && !config.shouldVerifyDiagnostics())
    return 1;
  output->keep();
  return 0;
}
