//===- mlir_fuzzer.cpp - huge-dialect MLIR through the whole compiler -----===//
//
// A libFuzzer target whose inputs are huge-dialect MLIR text, as
// huge-compile and huge-opt read it: parsed, verified, run through the C
// pipeline (untangling, tiling under a budget, memory planning) and emitted.
// libFuzzer's byte mutations, guided by fuzz/mlir.dict, do the mutating.
//
// Build with -DHUGE_FUZZ=ON (see docs/fuzzing.md).
//
//===----------------------------------------------------------------------===//

#include "FuzzCommon.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return huge::fuzz::compileOne(data, size, /*onnx=*/false, "input.mlir");
}
