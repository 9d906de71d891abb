#!/usr/bin/python3
"""Benchmark: huge's OpenCL target against the classic OpenCL paths.

For each layer of bench/layers.json, in one run on the machine's OpenCL
device (PoCL on the CPU cores here; a GPU where there is one):
  * huge: the layer compiled with huge-compile --target opencl (default
    untangling), run through the generated host code; time = the device time
    from the start of its first kernel to the end of its last (event
    profiling), median of REPS runs after a warm-up;
  * huge-zero: the same with --untangle=none (zero insertion, the baseline
    HUGE2 measures against); the two run alternately for ROUNDS rounds and
    each one's fastest round counts, so that a slow spell of the machine
    does not fall on one of them only;
  * CLBlast (bench/clblast_layer.c): convolutions as Sconvgemm and as
    Sim2col + Sgemm; transposed convolutions as zero insertion + Sconvgemm
    and as Sgemm + Scol2im; each + a bias kernel, device time between
    markers enqueued before and after the calls; the faster path counts;
  * OpenCV DNN (python3-opencv) with DNN_TARGET_OPENCL on the same device
    (OPENCV_DNN_OPENCL_ALLOW_ALL_DEVICES=1): it offers no event times, so it
    is compared by wall-clock time of net.forward() against huge's
    wall-clock time of huge_cl_run (both with the input and output
    transfers);
  * huge's C target on the same cores: -O3 -march=native with a 2-thread
    pool (the harness's), wall-clock median;
every output checked against PyTorch (max|out - ref| / max|ref| <= 1e-4).
The device's ceiling is clpeak's single-precision figure, measured in the
same run.

Prints a table (ms, GFLOP/s, % of clpeak, ratios), the geomean of huge /
best CLBlast path (and / OpenCV, and against the faster of the two) over the
transposed and dilated layers, and for every transposed layer the ratio of
huge-zero's to huge's time beside the ratio of the multiply-adds they
execute (their --report counts); writes opencl-results.json into --out.

With --local-tiles it also times huge with its convolutions in their
local-memory form (HUGE_CL_LOCAL_TILES=1, what devices with dedicated local
memory build by default), alternating with the default form.

usage: opencl_bench.py [--huge-compile build/bin/huge-compile] [--out DIR]
                       [--reps 10] [--rounds 3] [--only NAME,NAME] [--local-tiles]
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "examples"))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import harness  # noqa: E402
from run_bench import prepare_layer, rel_err, useful_macs  # noqa: E402

TOLERANCE = 1e-4
CFLAGS = ["-std=c99", "-O2"]


def build_cl(gen, work, name, n_in, n_out):
    main = os.path.join(work, f"main_cl_{name}.c")
    with open(main, "w") as f:
        f.write(harness.cl_harness_source("layer", [n_in], [n_out]))
    exe = os.path.join(work, f"run_cl_{name}")
    subprocess.run(["gcc", *CFLAGS, "-I", gen, os.path.join(gen, "layer.c"),
                    os.path.join(gen, "huge_cl_runtime.c"), main, "-o", exe, "-lOpenCL", "-lm"],
                   check=True)
    return exe


def time_opencv(onnx_path, x, ref, reps):
    """(median wall ms of OpenCV DNN's forward on its OpenCL target, error);
    (nan, nan) where OpenCV is missing or refuses the layer."""
    try:
        import cv2
        cv2.ocl.setUseOpenCL(True)
        if not cv2.ocl.useOpenCL():  # it would run its CPU code
            return float("nan"), float("nan")
        net = cv2.dnn.readNetFromONNX(onnx_path)
        net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
        net.setPreferableTarget(cv2.dnn.DNN_TARGET_OPENCL)
        net.setInput(x)
        out = net.forward()  # warm-up: builds the kernels
        times = []
        for _ in range(reps):
            t0 = time.perf_counter()
            net.setInput(x)
            out = net.forward()
            times.append((time.perf_counter() - t0) * 1e3)
        return sorted(times)[len(times) // 2], rel_err(out.ravel(), ref)
    except Exception:  # no cv2, or a layer it cannot run
        return float("nan"), float("nan")


def build_huge_cl(L, onnx_path, ref, work, mode, args):
    """(executable, multiply-adds) of the layer compiled for the OpenCL target
    with --untangle=mode."""
    gen = os.path.join(work, f"gen-cl-{mode}")
    report = os.path.join(work, f"report-{mode}.json")
    subprocess.run([args.huge_compile, onnx_path, "-o", gen, "--name", "layer", "--target",
                    "opencl", "--untangle", mode, "--report", report], check=True)
    macs = json.load(open(report))["totals"]["macs"]
    return build_cl(gen, work, mode, L["Cin"] * L["H"] * L["W"], ref.size), macs


def run_huge_cl(exe, ref, work, mode, args, env=None):
    """(device ms, wall ms, error): medians of one run of REPS."""
    out = os.path.join(work, f"out-cl-{mode}.bin")
    p = subprocess.run([exe, os.path.join(work, "input.bin"), out, str(args.reps)], check=True,
                       capture_output=True, text=True, env=env)
    kernel_ms = float(re.search(r"kernel_ms (\S+)", p.stdout).group(1))
    wall_ms = float(re.search(r"median_ms (\S+)", p.stdout).group(1))
    return kernel_ms, wall_ms, rel_err(np.fromfile(out, dtype="<f4"), ref)


def time_huge_modes(L, onnx_path, ref, work, args):
    """{mode: (device ms, wall ms, error, multiply-adds)} for huge (phases)
    and huge-zero (none): ROUNDS rounds that alternate the two, each a
    median of REPS; the fastest round of each counts, so that a slow spell
    of the machine does not fall on one mode only (their ratio is a goal)."""
    built = {m: build_huge_cl(L, onnx_path, ref, work, m, args) for m in ("phases", "none")}
    default = {k: v for k, v in os.environ.items() if k != "HUGE_CL_LOCAL_TILES"}
    envs = {"phases": default, "none": default}  # the device's default form
    if args.local_tiles:
        # The same build, its convolutions in their local-memory form
        # (already the default on devices with dedicated local memory).
        built["local"] = built["phases"]
        envs["local"] = dict(os.environ, HUGE_CL_LOCAL_TILES="1")
    best = {}
    for _ in range(args.rounds):
        for mode, (exe, macs) in built.items():
            kernel_ms, wall_ms, err = run_huge_cl(exe, ref, work, mode, args, envs[mode])
            if mode not in best or kernel_ms < best[mode][0]:
                best[mode] = (kernel_ms, wall_ms, err, macs)
    return best


def time_huge_c(L, onnx_path, ref, work, args):
    gen = os.path.join(work, "gen-c")
    subprocess.run([args.huge_compile, onnx_path, "-o", gen, "--name", "layer"], check=True)
    main = os.path.join(work, "main_c.c")
    with open(main, "w") as f:
        f.write(harness.harness_source("layer", [L["Cin"] * L["H"] * L["W"]], [ref.size]))
    exe = os.path.join(work, "run_c")
    sources = [os.path.join(gen, s) for s in sorted(os.listdir(gen)) if s.endswith(".c")]
    subprocess.run(["gcc", "-std=c99", "-O3", "-march=native", "-DHUGE_HARNESS_THREADS=2",
                    "-pthread", "-I", gen, *sources, main, "-o", exe, "-lm"], check=True)
    out = os.path.join(work, "out-c.bin")
    p = subprocess.run([exe, os.path.join(work, "input.bin"), out, str(args.reps)], check=True,
                       capture_output=True, text=True)
    return float(p.stdout.split()[-1]), rel_err(np.fromfile(out, dtype="<f4"), ref)


def clpeak_gflops():
    """clpeak's best single-precision compute figure (GFLOP/s)."""
    p = subprocess.run(["clpeak", "--compute-sp"], capture_output=True, text=True)
    figures = [float(v) for v in re.findall(r"float\d*\s*:\s*([\d.]+)", p.stdout)]
    return max(figures) if figures else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--huge-compile", default=os.path.join(ROOT, "build/bin/huge-compile"))
    ap.add_argument("--layers", default=os.path.join(ROOT, "bench/layers.json"))
    ap.add_argument("--out", default=os.path.join(ROOT, "build/bench-opencl"))
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=3,
                    help="rounds alternating huge and huge-zero; the fastest counts")
    ap.add_argument("--only", default="")
    ap.add_argument("--local-tiles", action="store_true",
                    help="also time huge with its convolutions in their local-memory form "
                         "(HUGE_CL_LOCAL_TILES=1), alternating with the default form")
    args = ap.parse_args()
    import warnings
    warnings.filterwarnings("ignore")
    import torch
    os.makedirs(args.out, exist_ok=True)
    os.environ.setdefault("POCL_CACHE_DIR", os.path.join(args.out, "pocl-cache"))
    # OpenCV runs its OpenCL target on non-Intel devices only when told to,
    # and looks for a GPU unless told which device type to use: without
    # these it silently runs its CPU code.
    os.environ.setdefault("OPENCV_DNN_OPENCL_ALLOW_ALL_DEVICES", "1")
    os.environ.setdefault("OPENCV_OPENCL_DEVICE", ":CPU:" if "GPU" not in subprocess.run(
        ["clinfo", "--list"], capture_output=True, text=True).stdout else ":GPU:")
    peer = os.path.join(args.out, "clblast_layer")
    subprocess.run(["gcc", *CFLAGS, "-I", os.path.join(ROOT, "runtime/opencl"),
                    os.path.join(ROOT, "bench/clblast_layer.c"),
                    os.path.join(ROOT, "runtime/opencl/huge_cl_runtime.c"), "-o", peer,
                    "-lclblast", "-lOpenCL"], check=True)
    peak = clpeak_gflops()
    device = subprocess.run(["clinfo", "--list"], capture_output=True, text=True).stdout.strip()
    print(f"device: {device}\nclpeak single precision: {peak:.1f} GFLOP/s")
    try:
        import cv2
        cv2.ocl.setUseOpenCL(True)
        print(f"OpenCV {cv2.__version__} OpenCL device: "
              f"{cv2.ocl.Device.getDefault().name() if cv2.ocl.useOpenCL() else 'none'}\n")
    except ImportError:
        print("OpenCV: not installed\n")
    layers = json.load(open(args.layers))["layers"]
    only = [o for o in args.only.split(",") if o]
    rows = []
    print("device times (OpenCL event profiling): huge, huge-zero, CLBlast; wall-clock: "
          "huge run, OpenCV DNN, huge's C target (2 threads)")
    print(f"{'layer':22s} {'kind':7s} {'MFLOP':>8} {'huge':>9} {'zero-ins':>9} {'CLBlast':>9} "
          f"{'huge wall':>9} {'OpenCV':>9} {'C target':>9} {'GF/s':>7} {'%peak':>6} "
          f"{'huge/CLB':>8} {'huge/CV':>7} {'zero/huge':>9} {'MAC ratio':>9} {'CL/C':>6}")
    for L in layers:
        if only and L["name"] not in only:
            continue
        work = os.path.join(args.out, L["name"])
        os.makedirs(work, exist_ok=True)
        m, x, ref, onnx_path = prepare_layer(L, work, torch)
        row = {"name": L["name"], "kind": L["kind"], "mflop": 2 * useful_macs(L) / 1e6,
               "errors": {}}
        modes = time_huge_modes(L, onnx_path, ref, work, args)
        row["huge_ms"], row["huge_wall_ms"], row["errors"]["huge"], row["macs"] = modes["phases"]
        row["zero_ms"], _, row["errors"]["zero"], row["zero_macs"] = modes["none"]
        if "local" in modes:
            row["local_ms"], _, row["errors"]["local"], _ = modes["local"]
        row["opencv_ms"], cv_err = time_opencv(onnx_path, x.numpy(), ref, args.reps)
        if not math.isnan(cv_err):
            row["errors"]["opencv"] = cv_err
        row["opencv_ratio"] = row["huge_wall_ms"] / row["opencv_ms"]
        row["c_ms"], row["errors"]["c"] = time_huge_c(L, onnx_path, ref, work, args)
        kind = "tconv" if L["kind"] == "tconv" else "conv"
        p = subprocess.run([peer, kind, *[str(L[k]) for k in (
            "Cin", "Cout", "H", "W", "kernel", "stride", "pad", "output_padding", "dilation",
            "groups")], str(args.reps), work], check=True, capture_output=True, text=True)
        paths = json.loads(p.stdout)
        row["clblast"] = paths
        best = None
        for key, ms in paths.items():
            name = key[:-3]
            err = rel_err(np.fromfile(os.path.join(work, f"clblast_{name}.bin"), dtype="<f4"), ref)
            row["errors"][f"clblast_{name}"] = err
            if err <= TOLERANCE and (best is None or ms < best[1]):
                best = (name, ms)
        row["clblast_path"], row["clblast_ms"] = best if best else ("none", float("nan"))
        row["checks_failed"] = [k for k, e in row["errors"].items() if not e <= TOLERANCE]
        row["ratio"] = row["huge_ms"] / row["clblast_ms"]
        # Against the faster peer: each peer measured its own way (CLBlast
        # by events, OpenCV by wall clock), the harder of the two ratios.
        row["best_ratio"] = max(v for v in (row["ratio"], row["opencv_ratio"])
                                if not math.isnan(v))
        row["gflops"] = row["mflop"] / row["huge_ms"]
        row["pct_peak"] = 100 * row["gflops"] / peak
        row["zero_over_huge"] = row["zero_ms"] / row["huge_ms"]
        # Multiply-adds each mode executes (the reports' counts: taps that
        # land inside the, for huge-zero zero-inserted, input).
        row["mac_ratio"] = (row["zero_macs"] / row["macs"]
                            if L["kind"] == "tconv" else float("nan"))
        row["cl_over_c"] = row["huge_ms"] / row["c_ms"]
        rows.append(row)
        bad = row["checks_failed"]
        print(f"{row['name']:22s} {row['kind']:7s} {row['mflop']:8.1f} {row['huge_ms']:9.3f} "
              f"{row['zero_ms']:9.3f} {row['clblast_ms']:9.3f} {row['huge_wall_ms']:9.3f} "
              f"{row['opencv_ms']:9.3f} {row['c_ms']:9.3f} "
              f"{row['gflops']:7.1f} {row['pct_peak']:5.0f}% {row['ratio']:8.2f} "
              f"{row['opencv_ratio']:7.2f} "
              f"{row['zero_over_huge']:9.2f} {row['mac_ratio']:9.2f} {row['cl_over_c']:6.2f}"
              + (f"  local/huge {row['local_ms'] / row['huge_ms']:.2f}"
                 if "local_ms" in row else "")
              + (f"  CHECK FAILED: {bad}" if bad else ""), flush=True)

    def geomean(v):
        return math.exp(sum(map(math.log, v)) / len(v)) if v else float("nan")
    special = [r["best_ratio"] for r in rows if r["kind"] in ("tconv", "dilated")]
    tconv = [r for r in rows if r["kind"] == "tconv"]
    geo = geomean(special)
    clb = [r["ratio"] for r in rows if r["kind"] in ("tconv", "dilated")]
    print(f"\ngeomean time(huge OpenCL) / time(best CLBlast path) over {len(clb)} transposed "
          f"and dilated layers: {geomean(clb):.2f}")
    print(f"geomean over all {len(rows)} layers: {geomean([r['ratio'] for r in rows]):.2f}")
    cv = [r["opencv_ratio"] for r in rows
          if r["kind"] in ("tconv", "dilated") and not math.isnan(r["opencv_ratio"])]
    print(f"geomean wall time(huge OpenCL) / wall time(OpenCV DNN OpenCL) over {len(cv)} "
          f"transposed and dilated layers: {geomean(cv):.2f}")
    print(f"geomean against the faster peer (the larger of the two ratios) over "
          f"{len(special)} transposed and dilated layers: {geo:.2f}")
    print(f"geomean time(huge OpenCL) / time(huge C, 2 threads): "
          f"{geomean([r['cl_over_c'] for r in rows]):.2f}")
    if args.local_tiles:
        print(f"geomean time(huge, local-memory form) / time(huge): "
              f"{geomean([r['local_ms'] / r['huge_ms'] for r in rows]):.2f}")
    effs = [r["zero_over_huge"] / r["mac_ratio"] for r in tconv]
    print(f"transposed layers, (zero-insertion time / huge time) / (their MAC ratio): "
          f"min {min(effs) if effs else float('nan'):.2f}, geomean {geomean(effs):.2f}")
    with open(os.path.join(args.out, "opencl-results.json"), "w") as f:
        json.dump({"device": device, "clpeak_gflops": peak, "layers": rows,
                   "geomean_special": geo}, f, indent=1)
    return 1 if any(r["checks_failed"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
