#!/usr/bin/env bash
# Quick start, step 2: installs what is missing, builds huge and runs the
# whole test suite (lit, runtime unit tests, end-to-end comparisons with
# PyTorch, robustness) through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
