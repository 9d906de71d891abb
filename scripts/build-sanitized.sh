#!/usr/bin/env bash
# Builds the compiler under AddressSanitizer and UBSan, with the libFuzzer
# targets, into build/sanitized (or the folder given): bin/huge-compile,
# bin/huge-translate, bin/huge-fuzz-onnx, bin/huge-fuzz-mlir. See
# docs/fuzzing.md.
# Usage: scripts/build-sanitized.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build/sanitized}
if [[ ! -f "$dir/build.ninja" ]]; then
  cmake -G Ninja -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_C_FLAGS_RELEASE="-O1 -g" -DCMAKE_CXX_FLAGS_RELEASE="-O1 -g" \
    -DHUGE_FUZZ=ON -DMLIR_DIR=/usr/lib/llvm-19/lib/cmake/mlir >/dev/null
fi
cmake --build "$dir" --target huge-compile huge-translate huge-fuzz-onnx huge-fuzz-mlir
