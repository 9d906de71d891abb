#!/usr/bin/python3
"""Cycles per inner-loop iteration and share of the FMA issue peak of the
runtime's hot convolution tiles on AArch64 cores, by llvm-mca.

bench/neon_mca_kernels.c exports each hot tile with its shape as constants
(the by-channel tile, the by-column tiles, the depthwise tiles). It is
compiled for AArch64 as the generated code is (aarch64-linux-gnu-gcc -O3,
the runtime with every tile variant) to assembly, once per core with
-mcpu=<core> as a firmware build for that core would be. In each tile's function
the innermost loops (a label and the backward branch to it, containing no
other loop) that run vector FMAs are found; the hot loop is the one with the
most `fmla` (and, among those, the fewest instructions: the whole-vector
path rather than a border path). llvm-mca-19 simulates 500 iterations of
its body on each core model; cycles per iteration = total cycles /
iterations, so loop-carried latencies count.

The FMA issue peak is measured the same way: llvm-mca's throughput for a
block of 24 independent 128-bit `fmla` on that core model (Neoverse N1: 2
per cycle; Cortex-A55: also 2 per cycle in LLVM 19's model). The share of peak
is (fmla per iteration / cycles per iteration) / peak.

Limits, stated plainly: llvm-mca models one loop body in isolation with
every load hitting L1, and runs every instruction of the body each
iteration (a forward branch inside it, e.g. a skipped tap, is counted as
taken-through). It measures the schedule of the code, not the memory
system; the instruction counts under qemu (neon_bench.py) measure the work.

usage: neon_mca.py [--runtime build/runtime/huge_runtime.c] [--out build/bench-neon-mca] [--cpus neoverse-n1,cortex-a55]
                   [--json FILE]
"""
import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CC = "aarch64-linux-gnu-gcc"
MCA = "llvm-mca-19"
ITERATIONS = 500
CONDITIONS = "eq|ne|cs|hs|cc|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al"
BRANCH = re.compile(rf"^\s*(b\.?({CONDITIONS})?|cbn?z|tbn?z)\s+(.*,\s*)?(\.L\w+)\s*$")
LABEL = re.compile(r"^(\.L\w+):")


def functions(asm):
    """{name: [lines]} of the exported mca_* functions."""
    funcs, name = {}, None
    for line in asm.splitlines():
        m = re.match(r"^(mca_\w+):", line)
        if m:
            name = m.group(1)
            funcs[name] = []
        elif name and line.strip().startswith(".size"):
            name = None
        elif name:
            funcs[name].append(line)
    return funcs


def instructions(lines):
    return [ln.strip() for ln in lines
            if ln.strip() and not ln.strip().startswith((".", "//")) and not LABEL.match(ln.strip())]


def innermost_loops(lines):
    """(start, end) line ranges of loops with no other loop inside."""
    labels = {}
    loops = []
    for i, ln in enumerate(lines):
        m = LABEL.match(ln.strip())
        if m:
            labels[m.group(1)] = i
        b = BRANCH.match(ln)
        if b and b.group(4) in labels:
            loops.append((labels[b.group(4)], i))
    return [(s, e) for s, e in loops
            if not any((s2, e2) != (s, e) and s <= s2 and e2 <= e for s2, e2 in loops)]


def hot_loop(lines):
    """(fmla count, instructions) of the innermost loop with the most vector
    FMAs and, among those, the fewest instructions; None if none has any."""
    best = None
    for s, e in innermost_loops(lines):
        body = instructions(lines[s:e + 1])
        n = fmla_count(body)
        if n and (best is None or (n, -len(body)) > (best[0], -len(best[1]))):
            best = (n, body)
    return best


def fmla_count(body):
    return sum(1 for ins in body if ins.startswith("fmla") and ".4s" in ins)


def mca_cycles(body, cpu, work, tag):
    """Cycles per iteration of body on cpu, by llvm-mca."""
    path = os.path.join(work, f"{tag}.{cpu}.s")
    with open(path, "w") as f:
        f.write("\n".join(body) + "\n")
    p = subprocess.run([MCA, "-mtriple=aarch64-linux-gnu", f"-mcpu={cpu}",
                        f"-iterations={ITERATIONS}", path], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"llvm-mca failed on {path}:\n{p.stderr}")
    total = int(re.search(r"Total Cycles:\s+(\d+)", p.stdout).group(1))
    return total / ITERATIONS


def fma_peak(cpu, work):
    """128-bit fmla issued per cycle on cpu, for independent accumulators."""
    body = [f"fmla v{i}.4s, v30.4s, v31.4s" for i in range(24)]
    return len(body) / mca_cycles(body, cpu, work, "peak")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "bench-neon-mca"))
    ap.add_argument("--runtime", default=os.path.join(ROOT, "build", "runtime", "huge_runtime.c"),
                    help="the amalgamated runtime (the build writes it)")
    ap.add_argument("--cpus", default="neoverse-n1,cortex-a55")
    ap.add_argument("--json", default="")
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    cpus = args.cpus.split(",")
    if not os.path.exists(args.runtime):
        sys.exit(f"error: {args.runtime} not found (scripts/build.sh writes it)")
    # Each core's figures are for the code compiled for it (-mcpu), as a
    # firmware build for that core would be.
    funcs = {}
    for cpu in cpus:
        asm_path = os.path.join(out, f"kernels.{cpu}.s")
        subprocess.run([CC, "-std=c99", "-O3", f"-mcpu={cpu}", "-DHUGE_NO_CONFIG",
                        "-I", os.path.dirname(os.path.abspath(args.runtime)),
                        "-I", os.path.join(ROOT, "runtime"), "-S",
                        os.path.join(HERE, "neon_mca_kernels.c"), "-o", asm_path], check=True)
        with open(asm_path) as f:
            funcs[cpu] = functions(f.read())
    peaks = {cpu: fma_peak(cpu, out) for cpu in cpus}
    print("FMA issue peak (128-bit fmla per cycle): " +
          ", ".join(f"{cpu} {peaks[cpu]:.2f}" for cpu in cpus))
    print(f"{'':22}" + "".join(f" {cpu:^38}" for cpu in cpus))
    print(f"{'tile':22}" + f" {'instr':>5} {'fmla':>4} {'MAC/instr':>9} {'cyc/iter':>8} {'% peak':>7}"
          * len(cpus))
    rows = []
    for name in funcs[cpus[0]]:
        row, line = {"tile": name[4:]}, f"{name[4:]:22}"
        for cpu in cpus:
            best = hot_loop(funcs[cpu][name])
            if best is None:
                line += f" {'no vector FMA loop':>38}"
                continue
            n, body = best
            cyc = mca_cycles(body, cpu, out, name)
            pct = 100 * n / cyc / peaks[cpu]
            row[cpu] = {"instructions": len(body), "fmla": n, "cycles_per_iteration": cyc,
                        "percent_of_fma_peak": pct}
            line += f" {len(body):5d} {n:4d} {4 * n / len(body):9.2f} {cyc:8.2f} {pct:6.1f}%"
        print(line)
        rows.append(row)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"peaks": peaks, "iterations": ITERATIONS, "tiles": rows}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
