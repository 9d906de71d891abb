//===- OnnxImport.h - ONNX to huge dialect import ---------------*- C++ -*-===//
//
// Translates an ONNX model into a module holding one func.func of huge ops.
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_IMPORT_ONNXIMPORT_H
#define HUGE_IMPORT_ONNXIMPORT_H

#include "huge/Support/Limits.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <vector>

namespace llvm {
class MemoryBuffer;
}

namespace huge {

struct OnnxImportOptions {
  /// Name of the function that holds the model.
  std::string functionName = "main";
  /// What the model may claim: file size, weights, tensor sizes.
  ModelLimits limits;
};

/// Reads, checks (ONNX checker and shape inference) and translates the ONNX
/// model at `path`. External data files are read from the model's folder
/// only, and only if they are regular files. On failure, emits located
/// diagnostics and returns null.
mlir::OwningOpRef<mlir::ModuleOp>
importOnnxFile(llvm::StringRef path, mlir::MLIRContext *context,
               const OnnxImportOptions &options = {});

/// Same, for a model already in memory; `path` locates external data files
/// and names the model in diagnostics.
mlir::OwningOpRef<mlir::ModuleOp>
importOnnx(const llvm::MemoryBuffer &buffer, llvm::StringRef path,
           mlir::MLIRContext *context, const OnnxImportOptions &options = {});

/// The ONNX operator types the importer translates (any other is reported
/// as unsupported before anything is read).
llvm::ArrayRef<const char *> supportedOnnxOperators();

/// One row of the importer's operator table.
struct OnnxOperatorInfo {
  const char *type;
  int sinceOpset, untilOpset;
  /// Translated on runtime tensors (otherwise only evaluated on constants).
  bool runtime;
  /// Evaluated at import time when every input is a constant.
  bool folded;
};

/// The importer's operator table, in its order (an operator may have one row
/// per opset range).
std::vector<OnnxOperatorInfo> onnxOperatorTable();

/// Registers the `import-onnx` translation for huge-translate.
void registerOnnxImportTranslation();

} // namespace huge

#endif // HUGE_IMPORT_ONNXIMPORT_H
