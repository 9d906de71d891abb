#!/usr/bin/python3
"""Benchmark: huge's generated C against XNNPACK, oneDNN and PyTorch.

For each layer of bench/layers.json (real layer shapes of DCGAN, pix2pix,
FCN-8s, FSRCNN, DeepLabv3, ERFNet, ResNeXt, ShuffleNet, MobileNetV2), in one
run on one pinned core, single thread:
  * huge: the layer exported from PyTorch to ONNX, compiled with huge-compile
    (default untangling), built with -O3 -march=native, median of REPS runs;
  * huge-zero: the same with --untangle=none (zero insertion, the baseline);
  * XNNPACK and oneDNN (huge-bench-peers), PyTorch (torch, 1 thread);
every output checked against PyTorch (max|out - ref| / max|ref| <= 1e-4).
The core's peak is measured in the same run (oneDNN sgemm 1024^3).

Prints a table (ms, GFLOP/s, % of peak, huge / best peer), the geomean of
huge / best peer over the transposed, dilated and grouped layers, and writes
bench-results.json, bench-results.md and bench-results.svg into --out.

Then the whole networks (--networks, default DCGAN-64 and the pix2pix U-Net):
huge and PyTorch run the network, the peers each of its convolution layers
(each output checked); the table compares huge's network time with the sum
of the best peer's per-layer times, which leaves out everything between the
convolutions (batch norm, activations, concatenation) in the peers' favour.

usage: run_bench.py [--huge-compile build/bin/huge-compile]
                    [--peers build/bin/huge-bench-peers] [--out build/bench]
                    [--reps 10] [--only NAME,NAME] [--cpu 0]
                    [--networks dcgan,pix2pix] [--baseline OLD/huge-compile]

With --baseline, every layer and network is also compiled by that compiler
(default untangling), timed right after the current build, and the current
build is timed a second time: the report gives the geomean of current /
baseline beside the geomean spread of the repeat (the noise), and both
builds' huge / peer ratios.
"""
import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "examples"))
import harness  # noqa: E402

TOLERANCE = 1e-4


def useful_macs(L):
    k, g = L["kernel"], L["groups"]
    if L["kind"] == "tconv":
        return L["Cin"] * L["H"] * L["W"] * (L["Cout"] // g) * k * k
    oh, ow = out_hw(L)
    return L["Cout"] * oh * ow * (L["Cin"] // g) * k * k


def out_hw(L):
    k, s, p, d = L["kernel"], L["stride"], L["pad"], L["dilation"]
    ext = d * (k - 1) + 1
    if L["kind"] == "tconv":
        f = lambda x: (x - 1) * s - 2 * p + ext + L["output_padding"]
    else:
        f = lambda x: (x + 2 * p - ext) // s + 1
    return f(L["H"]), f(L["W"])


def module(L, torch):
    nn = torch.nn
    if L["kind"] == "tconv":
        return nn.ConvTranspose2d(L["Cin"], L["Cout"], L["kernel"], L["stride"], L["pad"],
                                  output_padding=L["output_padding"], groups=L["groups"],
                                  dilation=L["dilation"])
    return nn.Conv2d(L["Cin"], L["Cout"], L["kernel"], L["stride"], L["pad"],
                     dilation=L["dilation"], groups=L["groups"])


def prepare_layer(L, work, torch):
    """The layer with seeded random weights, its input and PyTorch's output;
    input.bin, weight.bin, bias.bin and layer.onnx written into `work`.
    Returns (module, input, flat reference output, ONNX path)."""
    torch.manual_seed(0)
    m = module(L, torch).eval()
    x = torch.randn(1, L["Cin"], L["H"], L["W"])
    with torch.no_grad():
        ref = m(x).numpy().ravel()
    x.numpy().astype("<f4").tofile(os.path.join(work, "input.bin"))
    m.weight.detach().numpy().astype("<f4").tofile(os.path.join(work, "weight.bin"))
    m.bias.detach().numpy().astype("<f4").tofile(os.path.join(work, "bias.bin"))
    onnx_path = os.path.join(work, "layer.onnx")
    torch.onnx.export(m, x, onnx_path, opset_version=13)
    return m, x, ref, onnx_path


def rel_err(out, ref):
    return float(np.max(np.abs(out - ref)) / max(np.max(np.abs(ref)), 1e-30))


CFLAGS = ["-std=c99", "-O3", "-march=native"]


def runtime_object(gen, out):
    """huge_runtime.c built as the model configures it (its huge_config.h,
    where the compiler writes one), once per content of both."""
    source = os.path.join(gen, "huge_runtime.c")
    h = hashlib.sha256()
    for name in ("huge_runtime.c", "huge_config.h"):
        path = os.path.join(gen, name)
        if os.path.exists(path):
            with open(path, "rb") as f:
                h.update(f.read())
    digest = h.hexdigest()[:16]
    obj = os.path.join(out, f"huge_runtime-{digest}.o")
    if not os.path.exists(obj):
        subprocess.run(["gcc", *CFLAGS, "-I", gen, "-c", source, "-o", obj], check=True)
    return obj


def time_huge(L, onnx_path, ref, work, mode, args, input_size=None, compiler=None,
              tag=""):
    """Compiles with `compiler` (default --huge-compile), builds and times;
    returns (median ms, error against ref, compile seconds)."""
    gen = os.path.join(work, f"gen-{mode}{tag}")
    t0 = time.time()
    subprocess.run([compiler or args.huge_compile, onnx_path, "-o", gen, "--name", "layer",
                    "--untangle", mode], check=True)
    compile_s = time.time() - t0
    with open(os.path.join(work, "main.c"), "w") as f:
        f.write(harness.harness_source(
            "layer", [input_size or L["Cin"] * L["H"] * L["W"]], [ref.size]))
    exe = os.path.join(work, f"run-{mode}{tag}")
    sources = [os.path.join(gen, s) for s in sorted(os.listdir(gen))
               if s.endswith(".c") and s != "huge_runtime.c"]
    subprocess.run(["gcc", *CFLAGS, "-I", gen, *sources, runtime_object(gen, args.out),
                    os.path.join(work, "main.c"), "-o", exe, "-lm"], check=True)
    out = os.path.join(work, f"out-{mode}{tag}.bin")
    ms = run_timed(exe, work, out, args)
    return ms, rel_err(np.fromfile(out, dtype="<f4"), ref), compile_s


def run_timed(exe, work, out, args):
    """Median milliseconds of a built harness on the pinned core."""
    p = subprocess.run(["taskset", "-c", str(args.cpu), exe, os.path.join(work, "input.bin"),
                        out, str(args.reps)], check=True, capture_output=True, text=True)
    return float(p.stdout.split()[-1])


def against_baseline(row, L, onnx_path, ref, work, args, input_size=None):
    """With --baseline: the same model compiled by the baseline compiler, timed
    right after the current one, and the current build timed once more (its
    repeat measures the noise of the comparison)."""
    if not args.baseline:
        return
    row["base_ms"], row["errors"]["baseline"], _ = time_huge(
        L, onnx_path, ref, work, "phases", args, input_size, args.baseline, "-base")
    row["repeat_ms"] = run_timed(os.path.join(work, "run-phases"), work,
                                 os.path.join(work, "out-repeat.bin"), args)
    if not row["errors"]["baseline"] <= TOLERANCE:
        row.setdefault("checks_failed", []).append("baseline")
    row["over_base"] = row["huge_ms"] / row["base_ms"]
    row["noise"] = row["repeat_ms"] / row["huge_ms"]


def geomean(values):
    values = list(values)
    return math.exp(sum(map(math.log, values)) / len(values)) if values else float("nan")


def report_baseline(rows, nets):
    """The comparison with the baseline compiler, and the noise it sits in."""
    if not rows and not nets:
        return
    timed = rows + nets
    over = [r["over_base"] for r in timed]
    noise = [r["noise"] for r in timed]
    spread = geomean(math.exp(abs(math.log(n))) for n in noise)
    print(f"\nagainst the baseline compiler ({len(timed)} layers and networks): "
          f"geomean time(current) / time(baseline) = {geomean(over):.3f} "
          f"(range {min(over):.3f} .. {max(over):.3f})")
    print(f"noise, the current build timed twice: geomean |repeat / first| = {spread:.3f} "
          f"(range {min(noise):.3f} .. {max(noise):.3f})")
    special = [r for r in rows if r["kind"] in ("tconv", "dilated", "grouped")]
    if special:
        print(f"geomean huge / best peer over {len(special)} layers: current "
              f"{geomean(r['ratio'] for r in special):.2f}, baseline "
              f"{geomean(r['base_ms'] / r['best_peer_ms'] for r in special):.2f}")
    for r in nets:
        print(f"network {r['name']}: huge / peers current {r['ratio']:.2f}, baseline "
              f"{r['base_ms'] / r['best_peer_sum_ms']:.2f}")


# Whole networks: real DCGAN-64 (ngf 64) and the pix2pix U-Net (ngf 64, five
# levels, 64x64 input) from examples/networks.py.
NETWORKS = {
    "dcgan": (lambda networks: networks.DCGANGenerator(ngf=64), (1, 100, 1, 1)),
    "pix2pix": (lambda networks: networks.UNetGenerator(ngf=64), (1, 3, 64, 64)),
}


def time_torch(model, x, reps):
    """Median milliseconds of model(x) over reps runs after one warm-up."""
    import torch
    with torch.no_grad():
        model(x)
        t = []
        for _ in range(reps):
            t0 = time.perf_counter()
            model(x)
            t.append((time.perf_counter() - t0) * 1e3)
    return sorted(t)[len(t) // 2]


def layer_peers(L, work, args):
    """XNNPACK's and oneDNN's times on layer L from huge-bench-peers (their
    outputs written to work), or None where it failed."""
    p = subprocess.run(["taskset", "-c", str(args.cpu), args.peers, L["kind"], *[str(L[k]) for k in (
        "Cin", "Cout", "H", "W", "kernel", "stride", "pad", "output_padding", "dilation", "groups")],
        str(args.reps), work], capture_output=True, text=True)
    return json.loads(p.stdout) if p.returncode == 0 else None


def peer_layer(m, x, y, work, args):
    """Best of XNNPACK and oneDNN on one conv layer of a network, given the
    layer's module, its input and output (checked against the output)."""
    import torch
    transposed = isinstance(m, torch.nn.ConvTranspose2d)
    os.makedirs(work, exist_ok=True)
    x.numpy().astype("<f4").tofile(os.path.join(work, "input.bin"))
    m.weight.detach().numpy().astype("<f4").tofile(os.path.join(work, "weight.bin"))
    bias = m.bias.detach() if m.bias is not None else torch.zeros(m.out_channels)
    bias.numpy().astype("<f4").tofile(os.path.join(work, "bias.bin"))
    fields = [m.in_channels, m.out_channels, x.shape[2], x.shape[3], m.kernel_size[0],
              m.stride[0], m.padding[0], m.output_padding[0] if transposed else 0,
              m.dilation[0], m.groups]
    p = subprocess.run(["taskset", "-c", str(args.cpu), args.peers,
                        "tconv" if transposed else "conv", *map(str, fields), str(args.reps), work],
                       check=True, capture_output=True, text=True)
    peers = json.loads(p.stdout)
    ref = y.numpy().ravel()
    best, ok = None, True
    for name in ("xnnpack", "onednn"):
        ms = peers[f"{name}_ms"]
        path = os.path.join(work, f"{name}.bin")
        if ms > 0 and os.path.exists(path):
            ok &= rel_err(np.fromfile(path, dtype="<f4"), ref) <= TOLERANCE
            best = ms if best is None else min(best, ms)
    return best, ok


def bench_network(name, args):
    """Times the whole network in huge and PyTorch against the sum of the
    best peer's times of its convolution layers."""
    import torch
    import networks
    ctor, shape = NETWORKS[name]
    torch.manual_seed(0)
    model = ctor(networks)
    networks._randomize_batch_norms(model, torch.Generator().manual_seed(1))
    model.eval()
    x = torch.randn(*shape, generator=torch.Generator().manual_seed(2))
    work = os.path.join(args.out, "net-" + name)
    os.makedirs(work, exist_ok=True)
    convs = []
    hooks = [m.register_forward_hook(lambda m, i, o: convs.append((m, i[0].detach(), o.detach())))
             for m in model.modules() if isinstance(m, (torch.nn.Conv2d, torch.nn.ConvTranspose2d))]
    with torch.no_grad():
        ref = model(x).numpy().ravel()
    for h in hooks:
        h.remove()
    x.numpy().astype("<f4").tofile(os.path.join(work, "input.bin"))
    onnx_path = os.path.join(work, "net.onnx")
    torch.onnx.export(model, x, onnx_path, opset_version=13)
    torch_ms = time_torch(model, x, args.reps)
    huge_ms, err, compile_s = time_huge(None, onnx_path, ref, work, "phases", args,
                                        input_size=x.numel())
    # the same build with a two-thread parallel-for, on two cores
    gen = os.path.join(work, "gen-phases")
    sources = [os.path.join(gen, f) for f in sorted(os.listdir(gen)) if f.endswith(".c")]
    exe = os.path.join(work, "run-threads")
    subprocess.run(["gcc", *CFLAGS, "-DHUGE_HARNESS_THREADS=2", "-pthread", "-I", gen,
                    *sources, os.path.join(work, "main.c"), "-o", exe, "-lm"], check=True)
    out = os.path.join(work, "out-threads.bin")
    cpus = f"{args.cpu},{1 - args.cpu}" if args.cpu in (0, 1) else str(args.cpu)
    p = subprocess.run(["taskset", "-c", cpus, exe, os.path.join(work, "input.bin"), out,
                        str(args.reps)], check=True, capture_output=True, text=True)
    threads_ms = float(p.stdout.split()[-1])
    err = max(err, rel_err(np.fromfile(out, dtype="<f4"), ref))
    peer_sum, peers_ok, peer_layers = 0.0, True, []
    for i, (m, xi, yi) in enumerate(convs):
        best, ok = peer_layer(m, xi, yi, os.path.join(work, f"layer{i}"), args)
        peer_sum += best
        peers_ok &= ok
        peer_layers.append({"kind": type(m).__name__, "input": list(xi.shape),
                            "output": list(yi.shape), "kernel": list(m.kernel_size),
                            "stride": list(m.stride), "best_peer_ms": best})
    row = {"name": name, "huge_ms": huge_ms, "pytorch_ms": torch_ms, "conv_layers": len(convs),
           "best_peer_sum_ms": peer_sum, "ratio": huge_ms / peer_sum, "huge_error": err,
           "peers_checked": peers_ok, "compile_s": compile_s, "two_threads_ms": threads_ms,
           "peer_layers": peer_layers, "errors": {}}
    against_baseline(row, None, onnx_path, ref, work, args, input_size=x.numel())
    if "baseline" in row["errors"]:
        row["huge_error"] = max(err, row["errors"]["baseline"])
    return row


def write_markdown(rows, nets, peak, geo, path):
    """The tables of docs/benchmark.md."""
    out = [f"Peak measured in the same run (oneDNN sgemm 1024³): **{peak:.1f} GFLOP/s**.", "",
           "| layer | kind | MFLOP | huge ms | huge zero-insertion ms | XNNPACK ms | oneDNN ms | "
           "PyTorch ms | huge GFLOP/s | % of peak | huge / best peer | zero-insertion / huge |",
           "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for r in rows:
        out.append(f"| {r['name']} | {r['kind']} | {r['mflop']:.1f} | {r['huge_ms']:.3f} | "
                   f"{r['zero_ms']:.3f} | {r['xnnpack_ms']:.3f} | {r['onednn_ms']:.3f} | "
                   f"{r['pytorch_ms']:.3f} | {r['huge_gflops']:.1f} | {r['pct_peak']:.0f}% | "
                   f"{r['ratio']:.2f} | {r['zero_over_huge']:.2f} |")
    out += ["", f"Geomean of time(huge) / time(best of XNNPACK, oneDNN) over the transposed, "
            f"dilated and grouped layers: **{geo:.2f}**."]
    if nets:
        out += ["", "| network | huge ms | PyTorch ms | conv layers | sum of best peer per conv layer, ms | "
                "huge / that sum | huge, 2 threads, ms | speed-up |", "|---|--:|--:|--:|--:|--:|--:|--:|"]
        for r in nets:
            out.append(f"| {r['name']} | {r['huge_ms']:.3f} | {r['pytorch_ms']:.3f} | {r['conv_layers']} | "
                       f"{r['best_peer_sum_ms']:.3f} | {r['ratio']:.2f} | {r['two_threads_ms']:.3f} | "
                       f"{r['huge_ms'] / r['two_threads_ms']:.2f} |")
    open(path, "w").write("\n".join(out) + "\n")


def svg_chart(rows, path):
    """Bar chart of huge / best peer per layer (log scale), 1.0 marked."""
    w, bar, left, top = 900, 18, 190, 30
    h = top + bar * len(rows) + 40
    lo, hi = math.log10(0.1), math.log10(1000)
    x = lambda v: left + (math.log10(min(max(v, 0.1), 1000)) - lo) / (hi - lo) * (w - left - 20)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="11">',
           f'<text x="{left}" y="18" font-size="13">time(huge) / time(best of XNNPACK, oneDNN), log scale; &lt; 1 is faster</text>']
    for tick in (0.1, 1, 10, 100, 1000):
        out.append(f'<line x1="{x(tick):.1f}" y1="{top}" x2="{x(tick):.1f}" y2="{h - 30}" stroke="#ccc"/>'
                   f'<text x="{x(tick):.1f}" y="{h - 15}" text-anchor="middle">{tick:g}</text>')
    for i, r in enumerate(rows):
        y = top + i * bar
        ratio = r.get("ratio")
        out.append(f'<text x="{left - 6}" y="{y + 13}" text-anchor="end">{r["name"]}</text>')
        if ratio:
            color = "#2a7" if ratio <= 1.5 else "#d73"
            out.append(f'<rect x="{x(0.1):.1f}" y="{y + 3}" width="{x(ratio) - x(0.1):.1f}" height="{bar - 6}" fill="{color}"/>'
                       f'<text x="{x(ratio) + 4:.1f}" y="{y + 13}">{ratio:.2f}</text>')
    out.append(f'<line x1="{x(1):.1f}" y1="{top}" x2="{x(1):.1f}" y2="{h - 30}" stroke="#000"/></svg>')
    open(path, "w").write("\n".join(out))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--huge-compile", default=os.path.join(ROOT, "build/bin/huge-compile"))
    ap.add_argument("--peers", default=os.path.join(ROOT, "build/bin/huge-bench-peers"))
    ap.add_argument("--layers", default=os.path.join(ROOT, "bench/layers.json"))
    ap.add_argument("--out", default=os.path.join(ROOT, "build/bench"))
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--only", default="")
    ap.add_argument("--cpu", type=int, default=0)
    ap.add_argument("--networks", default="dcgan,pix2pix",
                    help="whole networks to time (comma-separated, empty for none)")
    ap.add_argument("--baseline", default="",
                    help="another huge-compile (an older build) to time against the current "
                         "one on every layer and network, with the noise of the comparison")
    args = ap.parse_args()
    import warnings
    warnings.filterwarnings("ignore")
    import torch
    torch.set_num_threads(1)
    os.sched_setaffinity(0, {args.cpu})
    os.makedirs(args.out, exist_ok=True)

    peak = json.loads(subprocess.run(["taskset", "-c", str(args.cpu), args.peers, "peak"],
                                     check=True, capture_output=True, text=True).stdout)
    print(f"peak (oneDNN sgemm 1024^3, 1 thread, cpu {args.cpu}): {peak['sgemm_gflops']:.1f} GFLOP/s\n")
    layers = json.load(open(args.layers))["layers"]
    only = [o for o in args.only.split(",") if o]
    rows = []
    header = (f"{'layer':22s} {'kind':7s} {'MFLOP':>8} {'huge':>9} {'zero-ins':>9} {'XNNPACK':>9} "
              f"{'oneDNN':>9} {'PyTorch':>9} {'huge GF/s':>9} {'%peak':>6} {'huge/best':>9} {'zero/huge':>9}")
    print(header)
    for L in layers:
        if only and L["name"] not in only:
            continue
        work = os.path.join(args.out, L["name"])
        os.makedirs(work, exist_ok=True)
        m, x, ref, onnx_path = prepare_layer(L, work, torch)
        row = {"name": L["name"], "kind": L["kind"], "mflop": 2 * useful_macs(L) / 1e6, "errors": {}}
        # PyTorch
        row["pytorch_ms"] = time_torch(m, x, args.reps)
        # huge, both modes
        row["huge_ms"], row["errors"]["huge"], row["compile_s"] = time_huge(L, onnx_path, ref, work, "phases", args)
        row["zero_ms"], row["errors"]["zero"], _ = time_huge(L, onnx_path, ref, work, "none", args)
        # peers
        peers = layer_peers(L, work, args)
        if peers is None:
            sys.exit(f"error: huge-bench-peers failed on {L['name']}")
        row["xnnpack_ms"], row["onednn_ms"] = peers["xnnpack_ms"], peers["onednn_ms"]
        row["onednn_impl"] = peers["onednn_impl"]
        for name in ("xnnpack", "onednn"):
            path = os.path.join(work, f"{name}.bin")
            row["errors"][name] = rel_err(np.fromfile(path, dtype="<f4"), ref) if os.path.exists(path) else None
        bad = [k for k, e in row["errors"].items() if e is None or not e <= TOLERANCE]
        row["checks_failed"] = bad
        best = min(v for v in (row["xnnpack_ms"], row["onednn_ms"]) if v > 0)
        row["best_peer_ms"] = best
        row["ratio"] = row["huge_ms"] / best
        against_baseline(row, L, onnx_path, ref, work, args)
        row["huge_gflops"] = row["mflop"] / row["huge_ms"]  # MFLOP/ms = GFLOP/s
        row["pct_peak"] = 100 * row["huge_gflops"] / peak["sgemm_gflops"]
        row["zero_over_huge"] = row["zero_ms"] / row["huge_ms"]
        rows.append(row)
        print(f"{row['name']:22s} {row['kind']:7s} {row['mflop']:8.1f} {row['huge_ms']:9.3f} {row['zero_ms']:9.3f} "
              f"{row['xnnpack_ms']:9.3f} {row['onednn_ms']:9.3f} {row['pytorch_ms']:9.3f} "
              f"{row['huge_gflops']:9.1f} {row['pct_peak']:5.0f}% {row['ratio']:9.2f} {row['zero_over_huge']:9.2f}"
              + (f"  CHECK FAILED: {bad}" if bad else ""), flush=True)
    special = [r["ratio"] for r in rows if r["kind"] in ("tconv", "dilated", "grouped")]
    geo = math.exp(sum(map(math.log, special)) / len(special)) if special else float("nan")
    print(f"\ngeomean time(huge) / time(best of XNNPACK, oneDNN) over {len(special)} transposed, "
          f"dilated and grouped layers: {geo:.2f}")
    nets = []
    wanted = [n for n in args.networks.split(",") if n]
    if wanted:
        print(f"\n{'network':10s} {'huge ms':>9} {'PyTorch':>9} {'sum of best peer per conv layer':>32} "
              f"{'huge/peers':>10} {'huge 2 threads':>15} {'speed-up':>8}")
    for name in wanted:
        r = bench_network(name, args)
        nets.append(r)
        bad = "" if r["huge_error"] <= TOLERANCE and r["peers_checked"] else "  CHECK FAILED"
        print(f"{name:10s} {r['huge_ms']:9.3f} {r['pytorch_ms']:9.3f} "
              f"{r['best_peer_sum_ms']:22.3f} ({r['conv_layers']:2d} layers) {r['ratio']:10.2f} "
              f"{r['two_threads_ms']:15.3f} {r['huge_ms'] / r['two_threads_ms']:8.2f}{bad}",
              flush=True)
    if args.baseline:
        report_baseline(rows, nets)
    json.dump({"peak_gflops": peak["sgemm_gflops"], "geomean_ratio": geo, "layers": rows,
               "networks": nets},
              open(os.path.join(args.out, "bench-results.json"), "w"), indent=2)
    svg_chart(rows, os.path.join(args.out, "bench-results.svg"))
    write_markdown(rows, nets, peak["sgemm_gflops"], geo, os.path.join(args.out, "bench-results.md"))
    failed = sum(1 for r in rows if r["checks_failed"])
    failed += sum(1 for r in nets if not (r["huge_error"] <= TOLERANCE and r["peers_checked"]))
    print(f"outputs checked: {len(rows) + len(nets) - failed} layers and networks passed, "
          f"{failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
