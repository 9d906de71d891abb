#!/usr/bin/python3
"""The quick-start demo: the DCGAN generator from PyTorch to running C.

Exports the example generator to ONNX, compiles it with huge-compile, builds
the generated C with the small runner of harness.py (-O2), runs it, checks
the image against PyTorch and prints latency, arena bytes and weight bytes.
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export_onnx  # noqa: E402
import harness  # noqa: E402
import networks  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--huge-compile", default="build/bin/huge-compile")
    p.add_argument("--work", default="build/demo")
    p.add_argument("--network", default="dcgan_generator", choices=sorted(networks.NETWORKS))
    a = p.parse_args()
    os.makedirs(a.work, exist_ok=True)
    import warnings
    warnings.filterwarnings("ignore")

    model, x = networks.build(a.network)
    export_onnx.write_case(model, x, a.work, "model")
    onnx_path = os.path.join(a.work, "model.onnx")
    gen = os.path.join(a.work, "generated")
    report = os.path.join(a.work, "report.json")
    print(f"1. exported {a.network} to {onnx_path}")
    subprocess.run([a.huge_compile, onnx_path, "-o", gen, "--name", "generator",
                    "--report", report], check=True)
    print(f"2. huge-compile wrote {', '.join(sorted(os.listdir(gen)))} to {gen}/")

    ref = np.fromfile(os.path.join(a.work, "model.expected0.bin"), dtype="<f4")
    main_c = os.path.join(a.work, "main.c")
    with open(main_c, "w") as f:
        f.write(harness.harness_source("generator", [x.numel()], [ref.size]))
    exe = os.path.join(a.work, "generator")
    sources = [os.path.join(gen, s) for s in sorted(os.listdir(gen)) if s.endswith(".c")]
    subprocess.run(["cc", "-std=c99", "-O2", "-Wall", "-Wextra", "-Werror", "-pedantic", "-Wvla",
                    "-I", gen, *sources, main_c, "-o", exe, "-lm"], check=True)
    print(f"3. built {exe} with cc -std=c99 -O2")

    out_path = os.path.join(a.work, "out.bin")
    run = subprocess.run([exe, os.path.join(a.work, "model.input0.bin"), out_path, "20"],
                         check=True, capture_output=True, text=True)
    latency = float(run.stdout.split()[-1])
    out = np.fromfile(out_path, dtype="<f4")
    err = float(np.max(np.abs(out - ref)) / np.max(np.abs(ref)))
    totals = json.load(open(report))["totals"]
    ok = err <= 1e-4
    print(f"4. ran it: output {tuple(model(x).shape)}, max|out - torch| / max|torch| = {err:.2e} "
          f"({'matches' if ok else 'DOES NOT MATCH'} PyTorch within 1e-4)")
    print(f"\n   latency (median of 20 runs): {latency:.3f} ms")
    print(f"   arena:   {totals['arena_bytes']} bytes")
    print(f"   weights: {totals['weight_bytes']} bytes")
    print(f"   multiply-adds: {totals['macs']}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
