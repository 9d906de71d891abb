//===- OnnxTranslation.cpp - the import-onnx translation ------------------===//

#include "huge/Import/OnnxImport.h"

#include "huge/Dialect/Huge/IR/HugeDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

void huge::registerOnnxImportTranslation() {
  TranslateToMLIRRegistration registration(
      "import-onnx", "import an ONNX model into the huge dialect",
      [](llvm::SourceMgr &sourceMgr, MLIRContext *context) {
        const llvm::MemoryBuffer *buffer =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        return importOnnx(*buffer, buffer->getBufferIdentifier(), context);
      },
      [](DialectRegistry &registry) {
        registry.insert<HugeDialect, func::FuncDialect>();
      });
}
