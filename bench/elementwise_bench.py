#!/usr/bin/python3
"""Element-wise kernels against the machine's copy bandwidth.

Builds bench/elementwise_bench.c against the runtime huge-compile ships (from
a one-node model, with every kernel variant: -DHUGE_NO_CONFIG) with
`cc -O3 -march=native`, runs it on one pinned core, and prints, per kernel, the median time, the
effective bandwidth (bytes the operation must read and write over the time)
and its share of memcpy's in the same run, at three tensor sizes: 4 MB (an
activation that stays in cache), 64 MB and 1 GB (DRAM). Memory-bound kernels (add, the
broadcasts, relu, clip, hard_swish) should reach >= 0.70 of memcpy; the
transcendental ones (sigmoid, SiLU, tanh, exp) are bound by arithmetic and
are reported for reference. Writes the table as JSON with --json.

usage: elementwise_bench.py [--huge-compile PATH] [--out DIR] [--elements N,...]
                            [--reps N] [--cpu N] [--json FILE]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MEMORY_BOUND = ("add", "add_in_place", "mul_per_channel", "mul_per_pixel", "sub_scalar",
                "relu", "relu_in_place", "clip", "hard_swish", "unary_abs")
GOAL = 0.70


def shipped_runtime(huge_compile, out):
    """The runtime folder huge-compile writes beside a model."""
    import onnx
    from onnx import TensorProto, helper
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])
    graph = helper.make_graph([helper.make_node("Relu", ["x"], ["y"])], "relu", [x], [y])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    path = os.path.join(out, "relu.onnx")
    onnx.save(model, path)
    gen = os.path.join(out, "gen")
    shutil.rmtree(gen, ignore_errors=True)
    subprocess.run([huge_compile, path, "-o", gen, "--name", "relu"], check=True)
    return gen


def run_size(exe, elements, args):
    cmd = [exe, str(elements), str(args.reps)]
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", str(args.cpu), *cmd]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    rows = []
    print(out.splitlines()[0])
    print(f"{'kernel':16} {'ms':>9} {'GB/s':>7} {'/memcpy':>8}  bound")
    for line in out.splitlines()[1:]:
        name, ms, _, gbs, _, share = line.split()
        bound = "memory" if name in MEMORY_BOUND else ("-" if name == "memcpy" else "arithmetic")
        rows.append({"kernel": name, "ms": float(ms), "gb_per_s": float(gbs),
                     "share_of_memcpy": float(share), "bound": bound})
        print(f"{name:16} {float(ms):9.3f} {float(gbs):7.2f} {float(share):8.2f}  {bound}")
    memory = [r for r in rows if r["bound"] == "memory"]
    worst = min(memory, key=lambda r: r["share_of_memcpy"])
    print(f"memory-bound kernels: lowest share of memcpy {worst['share_of_memcpy']:.2f} "
          f"({worst['kernel']}); goal >= {GOAL:.2f}: "
          f"{'met' if worst['share_of_memcpy'] >= GOAL else 'NOT met'}\n")
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--huge-compile", default=os.path.join(ROOT, "build/bin/huge-compile"))
    ap.add_argument("--out", default=os.path.join(ROOT, "build/bench-elementwise"))
    ap.add_argument("--elements", type=lambda t: [int(v) for v in t.split(",")],
                    default=[1 << 20, 1 << 24, 1 << 28],
                    help="tensor sizes to run, comma-separated (default: 4 MB, 64 MB and "
                         "1 GB per tensor)")
    ap.add_argument("--reps", type=int, default=9)
    ap.add_argument("--cpu", type=int, default=0)
    ap.add_argument("--json", default="")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    gen = shipped_runtime(args.huge_compile, args.out)
    exe = os.path.join(args.out, "elementwise_bench")
    subprocess.run(["cc", "-std=c99", "-O3", "-march=native", "-DHUGE_NO_CONFIG", "-I", gen,
                    os.path.join(HERE, "elementwise_bench.c"), os.path.join(gen, "huge_runtime.c"),
                    "-o", exe, "-lm"], check=True)
    results = []
    for elements in args.elements:
        rows = run_size(exe, elements, args)
        results.append({"elements": elements, "kernels": rows})
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"reps": args.reps, "sizes": results}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
