#!/usr/bin/python3
"""Code size of every example on a Cortex-M7, as firmware links it.

Each network of examples/networks.py is exported to ONNX, compiled by
huge-compile twice (default, and --optimize=size), and linked for a
Cortex-M7 with Debian's arm-none-eabi-gcc:

    -mcpu=cortex-m7 -mthumb -mfpu=fpv5-sp-d16 -mfloat-abi=hard -std=c99 -Os
    -ffunction-sections -fdata-sections -Wl,--gc-sections (newlib, nosys)

with a main() that calls NAME_run once. The code is the image's .text (the
model, the runtime kernels it links, and what it takes from newlib's libm
and libc); the weights are the model's NAME_WEIGHT_BYTES, in .rodata.

Prints a table, writes code-size.md and code-size.json into --work, and
with --limit NAME=CODE_KB/SIZE_KB fails (exit status 1) if that example's
code exceeds either figure.

usage: code_size.py [--huge-compile build/bin/huge-compile] [--work DIR]
                    [--only NAME,NAME] [--limit dcgan_generator=128/48]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "examples"))

CC = "arm-none-eabi-gcc"
CFLAGS = ["-mcpu=cortex-m7", "-mthumb", "-mfpu=fpv5-sp-d16", "-mfloat-abi=hard",
          "-std=c99", "-Os", "-ffunction-sections", "-fdata-sections"]
LDFLAGS = ["-Wl,--gc-sections", "-specs=nosys.specs"]

MAIN = """#include "{name}.h"
static unsigned char arena[{upper}_ARENA_SIZE]
    __attribute__((aligned({upper}_ARENA_ALIGN)));
static const float *const inputs[64];
static float *const outputs[64];
int main(void) {{ return {name}_run(inputs, outputs, arena); }}
"""


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"error: {' '.join(cmd[:3])} ... failed:\n{p.stdout}{p.stderr}")
    return p.stdout


def sections(elf):
    """Sizes of the ELF's sections by name (arm-none-eabi-size -A)."""
    out = {}
    for line in run(["arm-none-eabi-size", "-A", elf]).splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0].startswith(".") and parts[1].isdigit():
            out[parts[0]] = int(parts[1])
    return out


def define(header, key):
    with open(header) as f:
        m = re.search(rf"#define \w+_{key} (\d+)", f.read())
    return int(m.group(1))


def measure(onnx_path, work, optimize, huge_compile):
    gen = os.path.join(work, f"gen-{optimize}")
    shutil.rmtree(gen, ignore_errors=True)
    run([huge_compile, onnx_path, "-o", gen, "--name", "net", "--optimize", optimize])
    with open(os.path.join(gen, "main.c"), "w") as f:
        f.write(MAIN.format(name="net", upper="NET"))
    elf = os.path.join(work, f"net-{optimize}.elf")
    sources = sorted(os.path.join(gen, s) for s in os.listdir(gen) if s.endswith(".c"))
    run([CC, *CFLAGS, "-I", gen, *sources, *LDFLAGS, "-lm", "-o", elf])
    s = sections(elf)
    return {"code": s.get(".text", 0), "rodata": s.get(".rodata", 0),
            "weights": define(os.path.join(gen, "net.h"), "WEIGHT_BYTES"),
            "arena": define(os.path.join(gen, "net.h"), "ARENA_SIZE")}


def kb(n):
    return f"{n / 1024:.1f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--huge-compile", default=os.path.join(ROOT, "build/bin/huge-compile"))
    ap.add_argument("--work", default=os.path.join(ROOT, "build/code-size"))
    ap.add_argument("--only", default="")
    ap.add_argument("--limit", action="append", default=[],
                    help="NAME=CODE_KB/SIZE_KB: the most code (KiB) by default and "
                         "with --optimize=size")
    args = ap.parse_args()
    if shutil.which(CC) is None:
        sys.exit(f"error: {CC} not found (scripts/install-deps.sh installs "
                 "gcc-arm-none-eabi and libnewlib-arm-none-eabi)")
    limits = {}
    for item in args.limit:
        m = re.fullmatch(r"(\w+)=(\d+)/(\d+)", item)
        if not m:
            sys.exit(f"error: --limit '{item}': expected NAME=CODE_KB/SIZE_KB")
        limits[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    import warnings
    warnings.filterwarnings("ignore")
    import export_onnx
    import networks
    names = [n for n in args.only.split(",") if n] or list(networks.NETWORKS)
    for name in list(limits) + names:
        if name not in networks.NETWORKS:
            sys.exit(f"error: no example '{name}'")
    os.makedirs(args.work, exist_ok=True)
    print(f"{'example':22s} {'code KiB':>9} {'size-opt KiB':>12} {'weights KiB':>12} "
          f"{'arena KiB':>10}")
    rows, failed = [], []
    for name in names:
        work = os.path.join(args.work, name)
        os.makedirs(work, exist_ok=True)
        model, x = networks.build(name)
        onnx_path = os.path.join(work, "model.onnx")
        export_onnx.export(model, x, onnx_path)
        speed = measure(onnx_path, work, "speed", args.huge_compile)
        size = measure(onnx_path, work, "size", args.huge_compile)
        row = {"name": name, "code": speed["code"], "size_code": size["code"],
               "weights": speed["weights"], "arena": speed["arena"],
               "rodata": speed["rodata"]}
        rows.append(row)
        note = ""
        if name in limits:
            most, most_size = limits[name]
            ok = row["code"] <= most * 1024 and row["size_code"] <= most_size * 1024
            note = f"  limit {most}/{most_size} KiB: {'ok' if ok else 'EXCEEDED'}"
            if not ok:
                failed.append(name)
        print(f"{name:22s} {kb(row['code']):>9} {kb(row['size_code']):>12} "
              f"{kb(row['weights']):>12} {kb(row['arena']):>10}{note}", flush=True)
    with open(os.path.join(args.work, "code-size.json"), "w") as f:
        json.dump(rows, f, indent=2)
    with open(os.path.join(args.work, "code-size.md"), "w") as f:
        f.write("| example | code KiB | code KiB, `--optimize=size` | weights KiB | "
                "arena KiB |\n|---|---:|---:|---:|---:|\n")
        for r in rows:
            f.write(f"| {r['name']} | {kb(r['code'])} | {kb(r['size_code'])} | "
                    f"{kb(r['weights'])} | {kb(r['arena'])} |\n")
    print(f"{len(rows) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
