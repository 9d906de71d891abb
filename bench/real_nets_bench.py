#!/usr/bin/python3
"""Whole real networks, huge against PyTorch, single thread, side by side.

For each network (torchvision architectures with random weights, at the
input size users run them): export to ONNX (opset 13), compile with
huge-compile, build with gcc -O3 -march=native, and time the median of
--reps runs pinned to one core; PyTorch runs the same model frozen and
optimized for inference (torch.jit.trace, torch.jit.freeze,
torch.jit.optimize_for_inference: its oneDNN path) with one thread, timed
the same way in the same run. Outputs are checked against PyTorch (1e-4).

usage: real_nets_bench.py [--only efficientnet_b0,...] [--reps N] [--cpu K]
                          [--huge-compile PATH] [--out DIR]
Prints one line per network and the ratios huge / PyTorch.
"""
import argparse
import os
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "test", "e2e"))
import run_bench  # noqa: E402

NETWORKS = {
    # name: (constructor of torchvision.models, input size)
    "efficientnet_b0": (lambda m: m.efficientnet_b0(weights=None), 224),
    "mobilenet_v3_large": (lambda m: m.mobilenet_v3_large(weights=None), 224),
    "shufflenet_v2_x1_0": (lambda m: m.shufflenet_v2_x1_0(weights=None), 224),
    "resnet18": (lambda m: m.resnet18(weights=None), 224),
}


def time_pytorch(model, x, reps):
    import torch
    torch.set_num_threads(1)
    with torch.no_grad():
        traced = torch.jit.optimize_for_inference(torch.jit.freeze(torch.jit.trace(model, x)))
        for _ in range(3):
            traced(x)
        t = []
        for _ in range(reps):
            t0 = time.perf_counter()
            traced(x)
            t.append((time.perf_counter() - t0) * 1e3)
    return sorted(t)[len(t) // 2]


def bench(name, args):
    import torch
    import torchvision.models as tvm
    from real_nets import _randomize_norms
    ctor, size = NETWORKS[name]
    torch.manual_seed(0)
    model = ctor(tvm)
    _randomize_norms(model)
    model.eval()
    x = torch.randn(1, 3, size, size, generator=torch.Generator().manual_seed(1))
    work = os.path.join(args.out, name)
    os.makedirs(work, exist_ok=True)
    with torch.no_grad():
        ref = model(x).numpy().ravel()
    x.numpy().astype("<f4").tofile(os.path.join(work, "input.bin"))
    onnx_path = os.path.join(work, "net.onnx")
    torch.onnx.export(model, x, onnx_path, opset_version=13)
    huge_ms, err, _ = run_bench.time_huge(None, onnx_path, ref, work, "phases", args,
                                          input_size=x.numel())
    # PyTorch in this process, pinned to the same core.
    os.sched_setaffinity(0, {args.cpu})
    torch_ms = time_pytorch(model, x, args.reps)
    return {"name": name, "huge_ms": huge_ms, "torch_ms": torch_ms, "err": err}


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--huge-compile", default=os.path.join(ROOT, "build/bin/huge-compile"))
    ap.add_argument("--out", default=os.path.join(ROOT, "build/bench-real"))
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--cpu", type=int, default=0)
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    import warnings
    warnings.filterwarnings("ignore")
    names = [n for n in args.only.split(",") if n] or list(NETWORKS)
    rows = []
    for name in names:
        r = bench(name, args)
        rows.append(r)
        ok = "ok" if r["err"] <= run_bench.TOLERANCE else f"WRONG (rel err {r['err']:.2e})"
        print(f"{name}: huge {r['huge_ms']:.2f} ms, PyTorch {r['torch_ms']:.2f} ms, "
              f"huge / PyTorch {r['huge_ms'] / r['torch_ms']:.2f} ({ok})", flush=True)
    return 0 if all(r["err"] <= run_bench.TOLERANCE for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
