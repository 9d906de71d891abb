#!/usr/bin/env bash
# Installs the Debian 12 packages huge needs to build, test and benchmark.
# Usage: scripts/install-deps.sh [--bench]
#   (default)  toolchain, MLIR 19, ONNX, PyTorch and torchvision (the
#              real-architectures tests), sanitizer runtimes, the aarch64
#              cross compiler and qemu-user (the NEON runtime tests), the
#              Cortex-M toolchain (the code-size test)
#   --bench    also the peer libraries used by the benchmark (XNNPACK, oneDNN)
set -euo pipefail

packages=(
  cmake ninja-build ccache g++ clang lld libgtest-dev
  llvm-19-dev libmlir-19-dev mlir-19-tools llvm-19-tools
  nlohmann-json3-dev libfmt-dev
  libonnx-dev libprotobuf-dev protobuf-compiler
  python3-torch python3-torchvision python3-onnx python3-numpy
  libclang-rt-14-dev
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user
  gcc-arm-none-eabi libnewlib-arm-none-eabi
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(libxnnpack-dev libpthreadpool-dev libdnnl-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps: error: missing packages (${missing[*]}); run this as" \
      "root, or install sudo, to install them" >&2
    exit 1
  fi
  sudo_cmd=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
