//===- Compiler.h - the huge-compile pipeline -------------------*- C++ -*-===//
//
// Model file in, output folder of C sources out: import (ONNX or MLIR),
// canonicalize, plan memory, emit, report.
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_COMPILER_COMPILER_H
#define HUGE_COMPILER_COMPILER_H

#include "huge/Support/Limits.h"
#include "huge/Target/C/CEmitter.h" // EmittedFile

#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/LogicalResult.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace huge {

struct CompileOptions {
  std::string input;     // .onnx or .mlir
  std::string outputDir; // created if missing
  std::string name;      // symbol prefix; defaults to the input's stem
  std::string target = "c";
  std::string untangle = "phases";    // phases | split | none
  std::string emitMlir;               // write the final IR here if set
  std::string report;                 // write the JSON report here if set
  std::string weightFormat = "bytes"; // bytes | decimal
  std::string optimize = "speed";     // speed | size (the runtime's variants)
  int64_t memoryBudget = -1;          // bytes; -1: none
  std::string tileGroups;             // explicit huge-tile-fuse groups
  bool verbose = false;
  bool timePasses = false;
  ModelLimits limits; // what a model may claim
};

/// Parses a byte count: "65536", "64KiB", "64K", "2MiB", "2M", "1GiB", "1G".
std::optional<int64_t> parseByteSize(llvm::StringRef text);

/// What a compilation produces, in memory.
struct CompileOutput {
  std::vector<EmittedFile> files; // the output folder's files
  std::string report;             // when options.report is set
  std::string mlir;               // when options.emitMlir is set
};

/// Compiles the model held in `buffer`: ONNX if `onnx`, else huge-dialect
/// MLIR text. `path` names it in diagnostics and locates ONNX external
/// data; `options.input` and `outputDir` are not read. Reports
/// through `context`'s diagnostic handlers and fails if any error was
/// reported, by any step. Reads nothing but the model's external data and
/// writes nothing.
mlir::LogicalResult compileBuffer(const llvm::MemoryBuffer &buffer,
                                  llvm::StringRef path, bool onnx,
                                  const CompileOptions &options,
                                  mlir::MLIRContext &context,
                                  CompileOutput &out);

/// Runs the whole compilation, printing `error:` lines on failure. Nothing
/// is written unless compilation succeeds. Returns the process exit code.
int compile(const CompileOptions &options);

} // namespace huge

#endif // HUGE_COMPILER_COMPILER_H
