#!/usr/bin/python3
"""Shape-general benchmark: huge's generated C against XNNPACK and oneDNN on
layers drawn from a seed, plus the real-layer suite (bench/layers.json).

The real-layer suite holds the shapes of a dozen well-known networks; a user's
network has others. This script draws --count layers (default 64) from a
seeded generator that covers the space of the three special convolutions:

  * transposed: kernels 2-16, 32 and 64, strides 2-32, with and without
    output_padding, pads from 0 to (k-1)/2, channels 1-1024, maps 2-128,
    some depthwise (groups = channels, the bilinear-upsampling form);
  * dilated: dilation 2-24, kernels 3 and 5, "same" padding, maps 8-128,
    some depthwise (DeepLab's MobileNet backbone);
  * grouped: group widths 1 (depthwise), 2, 4, 8, 16, 24, 32 and 64, kernels
    1-7, strides 1 and 2, maps 2-128, channels up to 1024;

each with between 0.2 and 120 million useful multiply-adds, so that one run
stays within minutes. The same seed always gives the same layers (Python's
random.Random, nothing else), and --print writes them as a layers file that
run_bench.py reads with --layers.

Every layer runs as in run_bench.py: exported from PyTorch to ONNX, compiled
with huge-compile (default untangling), built with -O3 -march=native, timed
on one pinned core, single thread, beside XNNPACK and oneDNN
(huge-bench-peers) in the same run, each engine the fastest of --rounds
alternating rounds of a median of --reps runs; every output checked
against PyTorch (max|out - ref| / max|ref| <= 1e-4). A layer that huge or
both peers cannot run is reported as a failure, not left out.

Prints per layer huge / best peer, then for the sweep and for the suite: the
geomean, the distribution (quantiles and a histogram) and the 10 worst
layers; writes shape-sweep.json and shape-sweep.md into --out.

usage: shape_sweep.py [--seed 1] [--count 64] [--reps 10] [--rounds 2] [--cpu 0]
                      [--no-suite] [--only NAME,NAME] [--untangle MODE] [--print]
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from run_bench import (TOLERANCE, geomean, layer_peers, out_hw, prepare_layer,  # noqa: E402
                       rel_err, run_timed, time_huge, useful_macs)

CHANNELS = [1, 2, 3, 4, 8, 12, 16, 21, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024]
MAPS = [2, 3, 4, 5, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 128]
MIN_MACS, MAX_MACS = 0.2e6, 120e6
KINDS = (("tconv", 24), ("dilated", 18), ("grouped", 22))


def layer(kind, cin, cout, hw, k, s, pad, op=0, d=1, g=1):
    return {"kind": kind, "Cin": cin, "Cout": cout, "H": hw, "W": hw, "kernel": k, "stride": s,
            "pad": pad, "output_padding": op, "dilation": d, "groups": g}


def draw_tconv(r):
    s = r.choice([2, 2, 2, 2, 3, 4, 4, 5, 6, 8, 8, 16, 32])
    k = r.choice(sorted({c for c in (s, 2 * s, s + 1, 2 * s - 1, 3 if s == 2 else s, 4 * s)
                         if 2 <= c <= 64 and (c <= 16 or c in (32, 64))}))
    pad = r.choice([max(0, (k - s) // 2), max(0, (k - s) // 2), r.randint(0, (k - 1) // 2)])
    op = r.randint(1, s - 1) if r.random() < 0.35 else 0
    if s >= 8:  # segmentation upsampling: few classes, small maps
        cin = cout = r.choice([1, 2, 3, 12, 16, 21, 32, 64])
        hw = r.choice([2, 3, 4, 5, 7, 8, 10, 12, 14, 16])
    else:
        cin, cout, hw = r.choice(CHANNELS), r.choice(CHANNELS), r.choice(MAPS)
    g = 1
    if cin == cout and cin > 1 and r.random() < 0.15:
        g = cin
    return layer("tconv", cin, cout, hw, k, s, pad, op, 1, g)


def draw_dilated(r):
    k = r.choice([3, 3, 3, 5])
    d = r.choice([2, 2, 3, 4, 4, 6, 8, 8, 12, 16, 18, 24])
    hw = r.choice([m for m in MAPS if 8 <= m <= 128])
    cin, cout = r.choice(CHANNELS[4:18]), r.choice(CHANNELS[4:18])
    g = 1
    if r.random() < 0.2:
        cout, g = cin, cin
    return layer("dilated", cin, cout, hw, k, 1, d * (k - 1) // 2, 0, d, g)


def draw_grouped(r):
    gw = r.choice([1, 1, 1, 2, 4, 8, 16, 24, 32, 64])
    groups = r.choice([g for g in (2, 3, 4, 8, 16, 24, 32, 48, 64, 96, 128, 256, 384, 512)
                       if 2 <= g and gw * g <= 1024])
    c = gw * groups
    k = r.choice([3, 3, 3, 5, 7] + ([1, 1] if gw > 1 else []))
    s = r.choice([1, 1, 2])
    cout = c * 2 if gw > 1 and r.random() < 0.2 else c
    return layer("grouped", c, cout, r.choice(MAPS), k, s, k // 2, 0, 1, groups)


def draw(seed, count):
    """`count` layers from `seed`: the kinds in KINDS' proportions, each drawn
    until its useful multiply-adds lie in [MIN_MACS, MAX_MACS] and its output
    is at least 1x1."""
    r = random.Random(seed)
    total = sum(n for _, n in KINDS)
    plan = []
    for kind, n in KINDS:
        plan += [kind] * max(1, round(n * count / total))
    plan = plan[:count] + [KINDS[-1][0]] * max(0, count - len(plan))
    drawers = {"tconv": draw_tconv, "dilated": draw_dilated, "grouped": draw_grouped}
    layers, seen = [], set()
    for i, kind in enumerate(plan):
        for _ in range(10000):
            L = drawers[kind](r)
            oh, ow = out_hw(L)
            key = tuple(sorted(L.items()))
            if oh >= 1 and MIN_MACS <= useful_macs(L) <= MAX_MACS and key not in seen:
                break
        else:
            raise SystemExit(f"error: no {kind} layer within the multiply-add bounds")
        seen.add(key)
        tag = {"tconv": f"k{L['kernel']}s{L['stride']}p{L['pad']}" + (f"op{L['output_padding']}" if L["output_padding"] else ""),
               "dilated": f"k{L['kernel']}d{L['dilation']}",
               "grouped": f"k{L['kernel']}s{L['stride']}gw{L['Cin'] // L['groups']}"}[kind]
        if kind != "grouped" and L["groups"] > 1:
            tag += "dw"
        L["name"] = f"s{i:02d}_{kind[0]}_{tag}_{L['Cin']}to{L['Cout']}_{L['H']}"
        L["net"] = f"shape sweep, seed {seed}"
        layers.append(L)
    return layers


def run_peers(L, work, args):
    return layer_peers(L, work, args) or {"xnnpack_ms": -1, "onednn_ms": -1}


def time_layer(L, work, args, torch):
    """One row: huge and both peers on L, outputs checked. Each engine is
    timed in --rounds rounds that alternate the engines (each a median of
    --reps runs) and keeps its fastest round, so that a slow spell of the
    machine does not fall on one engine only."""
    os.makedirs(work, exist_ok=True)
    m, x, ref, onnx_path = prepare_layer(L, work, torch)
    row = {"name": L["name"], "kind": L["kind"], "layer": {k: v for k, v in L.items() if k != "net"},
           "mflop": 2 * useful_macs(L) / 1e6, "errors": {}, "failed": []}
    try:
        row["huge_ms"], row["errors"]["huge"], _ = time_huge(L, onnx_path, ref, work, args.untangle,
                                                             args)
    except subprocess.CalledProcessError as e:
        row["huge_ms"] = float("nan")
        row["failed"].append(f"huge ({e.cmd[0]} exited {e.returncode})")
    peers = run_peers(L, work, args)
    for _ in range(args.rounds - 1):
        if not math.isnan(row["huge_ms"]):
            row["huge_ms"] = min(row["huge_ms"], run_timed(
                os.path.join(work, f"run-{args.untangle}"), work,
                os.path.join(work, "out-again.bin"), args))
        again = run_peers(L, work, args)
        for name in ("xnnpack", "onednn"):
            if again[f"{name}_ms"] > 0 and peers[f"{name}_ms"] > 0:
                peers[f"{name}_ms"] = min(peers[f"{name}_ms"], again[f"{name}_ms"])
    best = None
    for name in ("xnnpack", "onednn"):
        ms = peers[f"{name}_ms"]
        row[f"{name}_ms"] = ms if ms > 0 else float("nan")
        path = os.path.join(work, f"{name}.bin")
        if ms > 0 and os.path.exists(path):
            row["errors"][name] = rel_err(np.fromfile(path, dtype="<f4"), ref)
            if row["errors"][name] <= TOLERANCE:
                best = ms if best is None else min(best, ms)
    for name, e in row["errors"].items():
        if not e <= TOLERANCE:
            row["failed"].append(f"{name} error {e:.2e}")
    if best is None:
        row["failed"].append("no peer ran the layer")
    row["best_peer_ms"] = best if best is not None else float("nan")
    ok = best is not None and "huge" in row["errors"] and row["errors"]["huge"] <= TOLERANCE
    row["ratio"] = row["huge_ms"] / best if ok else float("nan")
    return row


def describe(L):
    t = f"{L['kind']} {L['Cin']}->{L['Cout']} {L['H']}x{L['W']} k{L['kernel']}"
    if L["stride"] > 1:
        t += f" s{L['stride']}"
    t += f" p{L['pad']}"
    if L["output_padding"]:
        t += f" op{L['output_padding']}"
    if L["dilation"] > 1:
        t += f" d{L['dilation']}"
    if L["groups"] > 1:
        t += f" g{L['groups']}"
    return t


def summary(title, rows, lines):
    """Geomean, distribution and the 10 worst of `rows` (those with a ratio)."""
    ok = [r for r in rows if not math.isnan(r["ratio"])]
    if not ok:
        return {}
    ratios = sorted(r["ratio"] for r in ok)
    q = lambda f: float(np.quantile(ratios, f))
    s = {"layers": len(rows), "measured": len(ok), "geomean": geomean(ratios),
         "quantiles": {k: q(v) for k, v in (("min", 0), ("p10", 0.1), ("p25", 0.25), ("median", 0.5),
                                           ("p75", 0.75), ("p90", 0.9), ("max", 1))},
         "by_kind": {}, "histogram": {}}
    for kind in ("tconv", "dilated", "grouped", "conv"):
        k = [r["ratio"] for r in ok if r["kind"] == kind]
        if k:
            s["by_kind"][kind] = {"layers": len(k), "geomean": geomean(k), "max": max(k)}
    edges = [0, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, float("inf")]
    for lo, hi in zip(edges, edges[1:]):
        s["histogram"][f"{lo:g}-{hi:g}"] = sum(1 for v in ratios if lo < v <= hi)
    s["worst"] = [{"name": r["name"], "ratio": r["ratio"], "shape": describe(r["layer"])}
                  for r in sorted(ok, key=lambda r: -r["ratio"])[:10]]
    lines.append(f"\n{title}: {len(ok)} of {len(rows)} layers measured")
    lines.append(f"  geomean huge / best peer: {s['geomean']:.2f}   "
                 + "   ".join(f"{k} {v['geomean']:.2f} (max {v['max']:.2f}, {v['layers']})"
                              for k, v in s["by_kind"].items()))
    lines.append("  quantiles: " + "  ".join(f"{k} {v:.2f}" for k, v in s["quantiles"].items()))
    lines.append("  histogram: " + "  ".join(f"({k}] {v}" for k, v in s["histogram"].items()))
    lines.append(f"  above 1.5: {sum(1 for v in ratios if v > 1.5)}; 10 worst:")
    for w in s["worst"]:
        lines.append(f"    {w['ratio']:5.2f}  {w['name']:34s} {w['shape']}")
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--huge-compile", default=os.path.join(ROOT, "build/bin/huge-compile"))
    ap.add_argument("--peers", default=os.path.join(ROOT, "build/bin/huge-bench-peers"))
    ap.add_argument("--layers", default=os.path.join(ROOT, "bench/layers.json"),
                    help="the real-layer suite run after the sweep")
    ap.add_argument("--out", default=os.path.join(ROOT, "build/shape-sweep"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=64)
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=2,
                    help="alternating rounds per layer; each engine keeps its fastest")
    ap.add_argument("--cpu", type=int, default=0)
    ap.add_argument("--only", default="", help="run only these layers (names, comma-separated)")
    ap.add_argument("--untangle", default="phases",
                    help="huge-compile's --untangle mode for every layer (default: its default, phases)")
    ap.add_argument("--no-suite", action="store_true", help="leave out the real-layer suite")
    ap.add_argument("--print", action="store_true",
                    help="print the drawn layers as a layers file (for run_bench.py --layers) and stop")
    args = ap.parse_args()
    if args.count < 1 or args.rounds < 1:
        ap.error("--count and --rounds must be at least 1")
    sweep = draw(args.seed, args.count)
    if args.print:
        json.dump({"format": f"shape sweep, seed {args.seed}; fields as bench/layers.json",
                   "layers": sweep}, sys.stdout, indent=1)
        print()
        return 0
    suite = [] if args.no_suite else json.load(open(args.layers))["layers"]
    only = {o for o in args.only.split(",") if o}
    import warnings
    warnings.filterwarnings("ignore")
    import torch
    torch.set_num_threads(1)
    os.sched_setaffinity(0, {args.cpu})
    os.makedirs(args.out, exist_ok=True)
    print(f"seed {args.seed}: {len(sweep)} drawn layers + {len(suite)} of the real-layer suite; "
          f"fastest of {args.rounds} rounds, each a median of {args.reps} runs, cpu {args.cpu}, "
          "one thread")
    print(f"{'layer':34s} {'MFLOP':>8} {'huge':>9} {'XNNPACK':>9} {'oneDNN':>9} {'huge/best':>9}  shape")
    rows = {"sweep": [], "suite": []}
    for part, layers in (("sweep", sweep), ("suite", suite)):
        for L in layers:
            if only and L["name"] not in only:
                continue
            row = time_layer(L, os.path.join(args.out, part, L["name"]), args, torch)
            rows[part].append(row)
            print(f"{row['name']:34s} {row['mflop']:8.1f} {row['huge_ms']:9.3f} {row['xnnpack_ms']:9.3f} "
                  f"{row['onednn_ms']:9.3f} {row['ratio']:9.2f}  {describe(row['layer'])}"
                  + (f"  FAILED: {'; '.join(row['failed'])}" if row["failed"] else ""), flush=True)
    lines = []
    result = {"seed": args.seed, "count": args.count, "reps": args.reps, "rows": rows,
              "sweep": summary(f"shape sweep (seed {args.seed})", rows["sweep"], lines),
              "suite": summary("real-layer suite, all layers", rows["suite"], lines)}
    special = [r for r in rows["suite"] if r["kind"] in ("tconv", "dilated", "grouped")]
    if special:
        result["suite_special"] = summary("real-layer suite, transposed, dilated and grouped layers",
                                          special, lines)
    both = rows["sweep"] + rows["suite"]
    if rows["sweep"] and rows["suite"]:
        result["all"] = summary("sweep and suite together", both, lines)
    print("\n".join(lines))
    failed = sum(1 for r in both if r["failed"])
    with open(os.path.join(args.out, "shape-sweep.json"), "w") as f:
        json.dump(result, f, indent=1)
    with open(os.path.join(args.out, "shape-sweep.md"), "w") as f:
        f.write("| layer | shape | MFLOP | huge ms | XNNPACK ms | oneDNN ms | huge / best |\n")
        f.write("|---|---|--:|--:|--:|--:|--:|\n")
        for r in both:
            f.write(f"| {r['name']} | {describe(r['layer'])} | {r['mflop']:.1f} | {r['huge_ms']:.3f} | "
                    f"{r['xnnpack_ms']:.3f} | {r['onednn_ms']:.3f} | {r['ratio']:.2f} |\n")
        f.write("\n```\n" + "\n".join(lines).strip() + "\n```\n")
    print(f"outputs checked: {len(both) - failed} layers passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
