//===- huge-translate.cpp - ONNX import and C emission --------------------===//

#include "huge/Import/OnnxImport.h"
#include "huge/Support/SanitizerOptions.h"
#include "huge/Target/C/CEmitter.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  huge::registerOnnxImportTranslation();
  huge::registerCTranslation();
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv, "huge translation driver\n"));
}
