//===- FuzzCommon.h - what both fuzz targets share --------------*- C++ -*-===//
//
// Each input is compiled in memory through the whole pipeline, emission
// included, with compile options drawn from the input's hash. Beyond the
// sanitizers' and libFuzzer's own checks (crash, leak, timeout, memory), an
// input fails if the compilation succeeds after an error was reported, or
// fails without reporting one.
//
//===----------------------------------------------------------------------===//

#ifndef HUGE_FUZZ_FUZZCOMMON_H
#define HUGE_FUZZ_FUZZCOMMON_H

#include "huge/Compiler/Compiler.h"
#include "huge/Dialect/Huge/IR/HugeDialect.h"
#include "huge/Support/SanitizerOptions.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace huge::fuzz {

/// Limits far below the defaults, so that the memory limit scripts/fuzz.sh
/// gives libFuzzer (2.5 GB) is met by every input the limits admit.
inline ModelLimits fuzzLimits() {
  ModelLimits limits;
  limits.maxModelBytes = 16 << 20;
  limits.maxWeightBytes = 16 << 20;
  limits.maxTensorBytes = 16 << 20;
  limits.maxArenaBytes = 64 << 20;
  return limits;
}

inline uint32_t hashOf(const uint8_t *data, size_t size) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < size; ++i)
    h = (h ^ data[i]) * 16777619u;
  return h;
}

/// Compiles `data` as the model at `path`; aborts on a broken promise.
inline int compileOne(const uint8_t *data, size_t size, bool onnx,
                      const std::string &path) {
  static const char *const kModes[] = {"phases", "split", "none"};
  uint32_t h = hashOf(data, size);
  CompileOptions options;
  options.limits = fuzzLimits();
  options.untangle = kModes[h % 3];
  // One input in four under a memory budget: the tiling search meets every
  // graph shape the mutator makes.
  // The others build the report (in memory, never written); with a budget
  // it would search a second time, for the smallest arena.
  if ((h >> 2) % 4 == 0)
    options.memoryBudget = int64_t(256) << ((h >> 4) % 10);
  else
    options.report = "report.json";

  mlir::DialectRegistry registry;
  registry.insert<HugeDialect, mlir::func::FuncDialect>();
  mlir::MLIRContext context(registry, mlir::MLIRContext::Threading::DISABLED);
  context.loadAllAvailableDialects();
  context.printOpOnDiagnostic(false);
  int errors = 0;
  std::string first;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &d) {
    if (d.getSeverity() == mlir::DiagnosticSeverity::Error && !errors++)
      first = d.str();
    return mlir::success();
  });
  auto buffer = llvm::MemoryBuffer::getMemBuffer(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), path,
      /*RequiresNullTerminator=*/false);
  CompileOutput out;
  bool ok = mlir::succeeded(
      compileBuffer(*buffer, path, onnx, options, context, out));
  if (ok && errors) {
    std::fprintf(stderr,
                 "huge-fuzz: compilation succeeded after an error: %s\n",
                 first.c_str());
    std::abort();
  }
  if (!ok && !errors) {
    std::fprintf(stderr, "huge-fuzz: compilation failed without an error\n");
    std::abort();
  }
  if (ok && out.files.empty()) {
    std::fprintf(stderr, "huge-fuzz: compilation succeeded with no files\n");
    std::abort();
  }
  return 0;
}

} // namespace huge::fuzz

#endif // HUGE_FUZZ_FUZZCOMMON_H
