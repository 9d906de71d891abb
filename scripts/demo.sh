#!/usr/bin/env bash
# Quick start, step 1: installs what is missing, builds huge, then compiles
# the DCGAN generator example to C, builds and runs it, checks it against
# PyTorch and prints latency, arena and weight bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
/usr/bin/python3 examples/demo.py --huge-compile build/bin/huge-compile --work build/demo
