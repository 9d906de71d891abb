//===- huge-opt.cpp - mlir-opt for the huge dialect -----------------------===//

#include "huge/Dialect/Huge/IR/HugeDialect.h"
#include "huge/Dialect/Huge/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::registerTransformsPasses();
  huge::registerHugePassesAndPipelines();
  mlir::DialectRegistry registry;
  registry.insert<huge::HugeDialect, mlir::func::FuncDialect>();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "huge optimizer driver\n", registry));
}
