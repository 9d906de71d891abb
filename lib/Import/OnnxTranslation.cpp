//===- OnnxTranslation.cpp - the import-onnx translation ------------------===//

#include "huge/Import/OnnxImport.h"

#include "huge/Dialect/Huge/IR/HugeDialect.h"
#include "huge/Support/ErrorCounter.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

void huge::registerOnnxImportTranslation() {
  TranslateToMLIRRegistration registration(
      "import-onnx", "import an ONNX model into the huge dialect",
      [](llvm::SourceMgr &sourceMgr, MLIRContext *context) {
        const llvm::MemoryBuffer *buffer =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        // Any error reported fails the translation, even one from a step
        // that went on.
        ErrorCounter errors(context);
        OwningOpRef<ModuleOp> module =
            importOnnx(*buffer, buffer->getBufferIdentifier(), context);
        if (errors.count())
          return OwningOpRef<ModuleOp>();
        return module;
      },
      [](DialectRegistry &registry) {
        registry.insert<HugeDialect, func::FuncDialect>();
      });
}
