#!/usr/bin/python3
"""AArch64 instructions per useful multiply-add: huge against XNNPACK.

Without ARM hardware, this counts what each engine executes: every layer of
bench/layers.json that is transposed, dilated or grouped runs under
qemu-aarch64 (-cpu neoverse-n1), once built by huge (huge-compile --target neon,
the generated C with the runtime's NEON kernels, aarch64-linux-gnu-gcc -O3) and
once by XNNPACK (Debian's arm64 libxnnpack, its NEON micro-kernels chosen at
run time, bench/xnnpack_layer.c). qemu logs each translated block's
instructions (-d in_asm) and each block executed (-d exec,nochain); the
instructions of one run of the layer are those of a program running it twice
less those of the same program running it once, so loading, weight packing
(XNNPACK packs at operator creation) and layout conversions are left out.
Both outputs are checked against PyTorch (relative error <= 1e-4).

Layers are reduced where counting under qemu would be slow, to at most
--max-macs useful multiply-adds: kernel, stride, padding, dilation and
groups are kept; the spatial extent is scaled down, but not below 8 nor
below the dilated kernel's extent; then a dense layer's input and output
channels are halved while both are at least 32. Each row gives the shape
counted. Useful multiply-adds are the products of
an input pixel and a tap that land inside the output (transposed) or of an
in-range tap (direct), counted by brute force.

This is a count of instructions, not a time: it says how much work each
engine's code does per multiply-add, not how fast a given core retires it
(see the llvm-mca figures in docs/benchmark.md for that).

The arm64 libraries are not installed (Debian's arm64 and amd64 XNNPACK
packages cannot be installed side by side): `apt-get download` fetches
them into --out and they are unpacked there, which needs the arm64
architecture in dpkg's list (scripts/install-deps.sh --neon-bench adds it).

usage: neon_bench.py [--huge-compile build/bin/huge-compile]
                     [--out build/bench-neon] [--only NAME,NAME]
                     [--max-macs 8000000] [--json FILE]
"""
import argparse
import glob
import json
import math
import os
import shutil
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "examples"))
sys.path.insert(0, HERE)
import harness  # noqa: E402
from run_bench import module, out_hw, rel_err  # noqa: E402

CC = "aarch64-linux-gnu-gcc"
CPU = "neoverse-n1"
ARM64_PACKAGES = ["libxnnpack0:arm64", "libxnnpack-dev:arm64", "libpthreadpool0:arm64",
                  "libpthreadpool-dev:arm64", "libcpuinfo0:arm64"]
TOLERANCE = 1e-4


def sysroot(out):
    """The arm64 XNNPACK, pthreadpool and cpuinfo packages unpacked in out."""
    root = os.path.join(out, "arm64-root")
    if os.path.exists(os.path.join(root, "usr", "include", "xnnpack.h")):
        return root
    debs = os.path.join(out, "arm64-debs")
    os.makedirs(debs, exist_ok=True)
    p = subprocess.run(["apt-get", "download", *ARM64_PACKAGES], cwd=debs,
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("error: cannot download the arm64 XNNPACK packages (is arm64 in "
                 "`dpkg --print-foreign-architectures`? scripts/install-deps.sh "
                 f"--neon-bench adds it):\n{p.stderr}")
    for deb in glob.glob(os.path.join(debs, "*.deb")):
        subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
    return root


def count_instructions(cmd, env=None):
    """Guest instructions `cmd` executes under qemu-aarch64."""
    p = subprocess.Popen(["qemu-aarch64", "-cpu", CPU, "-d", "in_asm,exec,nochain", *cmd],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                         env=env, bufsize=1 << 20)
    sizes, executed, pc, n = {}, 0, None, 0
    for line in p.stderr:
        if line.startswith("Trace "):
            executed += sizes[int(line.split("[", 1)[1].split("/")[1], 16)]
        elif line.startswith("IN:"):
            pc, n = None, 0
        elif line.startswith("0x") and ":  " in line:
            if pc is None:
                pc = int(line.split(":", 1)[0], 16)
            n += 1
            sizes[pc] = n
    if p.wait() != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}")
    return executed


def one_run(once_cmd, twice_cmd, output, ref, env=None):
    """Instructions of one run of a layer: a program running it twice less
    the same program running it once (loading, packing and conversions drop
    out), and the relative error of the output it wrote."""
    once = count_instructions(once_cmd, env)
    err = rel_err(np.fromfile(output, dtype="<f4"), ref)
    return count_instructions(twice_cmd, env) - once, err


def reduce(L, max_macs):
    """L with at most max_macs useful multiply-adds: the spatial extent
    scaled down, but not below 8 nor below the kernel's dilated extent (so a
    dilated kernel still spans the map as it does at full size); then, for
    dense layers, input and output channels halved while both are >= 32."""
    R = dict(L)
    floor = min(L["H"], max(8, (L["kernel"] - 1) * L["dilation"] + 1))
    while useful(R) > max_macs and R["H"] > floor:
        f = math.sqrt(max_macs / useful(R))
        R["H"] = max(floor, min(R["H"] - 1, int(R["H"] * f)))
        R["W"] = max(floor, min(R["W"] - 1, int(R["W"] * f)))
    while useful(R) > max_macs and R["groups"] == 1 and R["Cin"] >= 32 and R["Cout"] >= 32:
        R["Cin"] //= 2
        R["Cout"] //= 2
    return R


def axis_taps(L, extent, out_extent):
    k, s, p, d = L["kernel"], L["stride"], L["pad"], L["dilation"]
    if L["kind"] == "tconv":
        return sum(1 for i in range(extent) for t in range(k)
                   if 0 <= i * s - p + t * d < out_extent)
    return sum(1 for o in range(out_extent) for t in range(k)
               if 0 <= o * s - p + t * d < extent)


def useful(L):
    oh, ow = out_hw(L)
    if oh < 1 or ow < 1:
        return 0
    per = (L["Cin"] // L["groups"]) * L["Cout"] if L["kind"] == "tconv" else \
        L["Cout"] * (L["Cin"] // L["groups"])
    return per * axis_taps(L, L["H"], oh) * axis_taps(L, L["W"], ow)


def bench_layer(L, args, root, xnn):
    import torch
    work = os.path.join(args.out, L["name"])
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    torch.manual_seed(0)
    m = module(L, torch).eval()
    x = torch.randn(1, L["Cin"], L["H"], L["W"])
    with torch.no_grad():
        ref = m(x).numpy().ravel()
    onnx_path = os.path.join(work, "layer.onnx")
    torch.onnx.export(m, x, onnx_path, opset_version=13)
    x.numpy().astype("<f4").tofile(os.path.join(work, "input.bin"))
    m.weight.detach().numpy().astype("<f4").tofile(os.path.join(work, "weight.bin"))
    m.bias.detach().numpy().astype("<f4").tofile(os.path.join(work, "bias.bin"))
    # huge: the generated C and its runtime, for AArch64.
    gen = os.path.join(work, "gen")
    subprocess.run([args.huge_compile, onnx_path, "-o", gen, "--name", "net",
                    "--target", "neon"], check=True)
    with open(os.path.join(work, "main.c"), "w") as f:
        f.write(harness.harness_source("net", [x.numel()], [ref.size]))
    exe = os.path.join(work, "huge")
    sources = sorted(glob.glob(os.path.join(gen, "*.c")))
    subprocess.run([CC, "-std=c99", "-O3", "-static", "-I", gen, *sources,
                    os.path.join(work, "main.c"), "-o", exe, "-lm"], check=True)
    out = os.path.join(work, "huge.bin")
    inp = os.path.join(work, "input.bin")
    huge_instr, huge_err = one_run([exe, inp, out, "0"], [exe, inp, out, "1"], out, ref)
    # XNNPACK.
    env = dict(os.environ, QEMU_LD_PREFIX="/usr/aarch64-linux-gnu",
               LD_LIBRARY_PATH=os.path.join(root, "usr", "lib", "aarch64-linux-gnu"))
    shape = [L["Cin"], L["Cout"], L["H"], L["W"], L["kernel"], L["stride"], L["pad"],
             L["output_padding"], L["dilation"], L["groups"]]
    kind = "tconv" if L["kind"] == "tconv" else "conv"
    xnn_cmd = [xnn, kind, *map(str, shape)]
    xnn_instr, xnn_err = one_run([*xnn_cmd, "1", work], [*xnn_cmd, "2", work],
                                 os.path.join(work, "xnnpack.bin"), ref, env)
    macs = useful(L)
    row = {"name": L["name"], "kind": L["kind"], "H": L["H"], "W": L["W"],
           "useful_macs": macs, "huge_instructions": huge_instr,
           "xnnpack_instructions": xnn_instr,
           "huge_per_mac": huge_instr / macs, "xnnpack_per_mac": xnn_instr / macs,
           "ratio": huge_instr / xnn_instr, "huge_err": huge_err, "xnnpack_err": xnn_err}
    if not huge_err <= TOLERANCE or not xnn_err <= TOLERANCE:
        row["error"] = f"output differs from PyTorch (huge {huge_err:.2e}, XNNPACK {xnn_err:.2e})"
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--huge-compile", default=os.path.join(ROOT, "build/bin/huge-compile"))
    ap.add_argument("--out", default=os.path.join(ROOT, "build/bench-neon"))
    ap.add_argument("--only", default="")
    ap.add_argument("--max-macs", type=float, default=8e6)
    ap.add_argument("--json", default="")
    args = ap.parse_args()
    args.out = os.path.abspath(args.out)
    os.makedirs(args.out, exist_ok=True)
    root = sysroot(args.out)
    xnn = os.path.join(args.out, "xnnpack_layer")
    lib = os.path.join(root, "usr", "lib", "aarch64-linux-gnu")
    subprocess.run([CC, "-std=c99", "-O2", "-I", os.path.join(root, "usr", "include"),
                    os.path.join(HERE, "xnnpack_layer.c"), "-o", xnn, "-L", lib,
                    f"-Wl,-rpath-link,{lib}", "-lXNNPACK", "-lm"], check=True)
    layers = json.load(open(os.path.join(HERE, "layers.json")))["layers"]
    rows = []
    print(f"{'layer':22} {'kind':8} {'Cin>Cout HxW':>15} {'MACs':>9} {'huge/MAC':>9} "
          f"{'XNN/MAC':>8} {'huge/XNN':>8}")
    for L in layers:
        if L["kind"] not in ("tconv", "dilated", "grouped"):
            continue
        if args.only and L["name"] not in args.only.split(","):
            continue
        R = reduce(L, args.max_macs)
        row = bench_layer(R, args, root, xnn)
        rows.append(row)
        shape = f"{R['Cin']}>{R['Cout']} {R['H']}x{R['W']}"
        row.update(Cin=R["Cin"], Cout=R["Cout"])
        print(f"{row['name']:22} {row['kind']:8} {shape:>15} {row['useful_macs']:9d} "
              f"{row['huge_per_mac']:9.3f} {row['xnnpack_per_mac']:8.3f} {row['ratio']:8.2f}"
              f"{'  ' + row['error'] if 'error' in row else ''}", flush=True)
    ratios = [r["ratio"] for r in rows]
    geo = math.exp(sum(math.log(v) for v in ratios) / len(ratios))
    worst = max(rows, key=lambda r: r["ratio"])
    for kind in ("tconv", "dilated", "grouped"):
        sub = [r["ratio"] for r in rows if r["kind"] == kind]
        if sub:
            print(f"geomean huge / XNNPACK, {kind}: "
                  f"{math.exp(sum(math.log(v) for v in sub) / len(sub)):.2f}")
    print(f"geomean huge / XNNPACK instructions per useful multiply-add: {geo:.2f} over "
          f"{len(rows)} layers; worst {worst['ratio']:.2f} ({worst['name']})")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"cpu": CPU, "max_macs": args.max_macs, "geomean": geo, "layers": rows},
                      f, indent=1)
    return 1 if any("error" in r for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
