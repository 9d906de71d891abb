#!/usr/bin/env bash
# Installs the Debian 12 packages huge needs to build, test and benchmark.
# Usage: scripts/install-deps.sh [--bench] [--neon-bench]
#   (default)  toolchain, MLIR 19, ONNX, PyTorch and torchvision (the
#              real-architectures tests), sanitizer runtimes, the aarch64
#              cross compiler and qemu-user (the NEON runtime tests), the
#              Cortex-M toolchain (the code-size test), PoCL with the OpenCL
#              headers and ICD loader (the OpenCL target's tests)
#   --bench    also the peers the benchmarks run (XNNPACK, oneDNN; CLBlast,
#              OpenCV's DNN module and clpeak for bench/opencl_bench.py)
#   --neon-bench  also what bench/neon_bench.py needs: llvm-mca and the arm64
#              architecture in dpkg's list, so that apt can fetch the arm64
#              XNNPACK packages (the benchmark unpacks them in its own folder;
#              Debian's arm64 and amd64 XNNPACK cannot be installed together)
set -euo pipefail

bench=0
neon_bench=0
for arg in "$@"; do
  case "$arg" in
  --bench) bench=1 ;;
  --neon-bench) neon_bench=1 ;;
  *)
    echo "install-deps: error: unknown option '$arg' (expected --bench or" \
      "--neon-bench)" >&2
    exit 1
    ;;
  esac
done

packages=(
  cmake ninja-build ccache g++ clang lld libgtest-dev
  llvm-19-dev libmlir-19-dev mlir-19-tools llvm-19-tools
  nlohmann-json3-dev libfmt-dev
  libonnx-dev libprotobuf-dev protobuf-compiler
  python3-torch python3-torchvision python3-onnx python3-numpy
  libclang-rt-14-dev
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user
  gcc-arm-none-eabi libnewlib-arm-none-eabi
  pocl-opencl-icd ocl-icd-opencl-dev opencl-headers clinfo
)
if ((bench)); then
  packages+=(libxnnpack-dev libpthreadpool-dev libdnnl-dev
    libclblast-dev python3-opencv clpeak)
fi
if ((neon_bench)); then
  packages+=(llvm-19)
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null; then
  sudo_cmd=(sudo)
fi
if ((neon_bench)) && ! dpkg --print-foreign-architectures | grep -qx arm64; then
  if [[ $(id -u) -ne 0 ]] && ((${#sudo_cmd[@]} == 0)); then
    echo "install-deps: error: adding the arm64 architecture needs root or" \
      "sudo" >&2
    exit 1
  fi
  echo "install-deps: adding the arm64 architecture (package lists only)"
  "${sudo_cmd[@]}" dpkg --add-architecture arm64
  "${sudo_cmd[@]}" apt-get update -q
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

if [[ $(id -u) -ne 0 ]] && ((${#sudo_cmd[@]} == 0)); then
  echo "install-deps: error: missing packages (${missing[*]}); run this as" \
    "root, or install sudo, to install them" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
