#!/usr/bin/python3
"""Memory budgets: huge-tile-fuse's arenas and their cost in time.

For each network -- the darknet-19 front at 320x320, the pix2pix U-Net and
FCN-8s at 128x128, ESPCN (super-resolution) at 160x160, a DeepLabv3-style
segmentation net with ASPP at 128x128 and torchvision's MobileNetV2 backbone
at 128x128 -- in one run on one pinned core:
  * compiles it untiled, with --memory-budget F x the untiled arena for each
    F of --fractions (default 0.5 and 0.25; a budget the search cannot reach
    is reported as such), and at the smallest arena the search reports;
  * builds each -O3 -march=native, checks the output against PyTorch
    (max|out - ref| / max|ref| <= 1e-4) and times it: the median of REPS
    runs, in 5 rounds that interleave the builds, the fastest round kept;
  * prints arenas (untiled, lower bound, budget, tiled, smallest), the halo
    multiply-adds and the time of each tiled build relative to untiled.

With --enumerate NET it also measures a small grid of configurations of
that network exhaustively: every single group [0, LAST] for each valid LAST
with 2, 3, 4, 6 or 8 bands, each whole or split into 2 or 4 columns (a 2-D
grid), recomputing or carrying halos, that fits the budget, plus the
search's pick; it reports how far the pick is from the fastest and how
well the search's cost ranks the times (Spearman's rho). The fastest of
many noisy timings is biased low, so the pick and the --confirm fastest
others are then timed again on their own, and the ratio is reported from
that run too.

Writes tiling-results.json and tiling-results.md into --out, and the memory
picture of each tiled network (examples/plot_memory.py) as
memory-NET-tiled.svg.

usage: tiling_bench.py [--huge-compile build/bin/huge-compile]
                       [--out build/tiling] [--reps 15] [--cpu 1]
                       [--fractions 0.5,0.25] [--only NET,...]
                       [--enumerate yolov2_front [--fraction 0.5] [--confirm 8]]
"""
import argparse
import itertools
import json
import os
import re
import subprocess
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "examples"))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import export_onnx  # noqa: E402
import harness  # noqa: E402
import networks  # noqa: E402
from run_bench import CFLAGS, TOLERANCE, rel_err, runtime_object  # noqa: E402

CASES = [("yolov2_front", None), ("pix2pix_unet", (128, 128)), ("fcn8s", (128, 128)),
         ("espcn", (160, 160)), ("deeplabv3_small", None), ("mobilenet_v2_backbone", None)]


def header_arena(gen):
    with open(os.path.join(gen, "net.h")) as f:
        for line in f:
            if line.startswith("#define NET_ARENA_SIZE "):
                return int(line.split()[2])
    raise RuntimeError("no NET_ARENA_SIZE")


class Net:
    def __init__(self, name, size, args):
        self.args = args
        self.work = os.path.join(args.out, name)
        os.makedirs(self.work, exist_ok=True)
        model, x = networks.build(name, size=size)
        export_onnx.write_case(model, (x,), self.work, "model")
        self.onnx = os.path.join(self.work, "model.onnx")
        self.ref = np.fromfile(os.path.join(self.work, "model.expected0.bin"), dtype="<f4")
        self.input_size = x.numel()
        self.exes = {}

    def compile(self, tag, extra):
        gen = os.path.join(self.work, f"gen-{tag}")
        report = os.path.join(self.work, f"report-{tag}.json")
        subprocess.run([self.args.huge_compile, self.onnx, "-o", gen, "--name", "net",
                        "--report", report, *extra], check=True, capture_output=True)
        return gen, json.load(open(report))

    def build(self, tag, gen):
        """The timing executable of one build, compiled once."""
        exe = os.path.join(self.work, f"run-{tag}")
        if self.exes.get(tag) == gen:
            return exe
        main = os.path.join(self.work, "main.c")
        with open(main, "w") as f:
            f.write(harness.harness_source("net", [self.input_size], [self.ref.size]))
        sources = [os.path.join(gen, s) for s in sorted(os.listdir(gen))
                   if s.endswith(".c") and s != "huge_runtime.c"]
        subprocess.run(["gcc", *CFLAGS, "-I", gen, *sources,
                        runtime_object(gen, self.args.out), main, "-o", exe, "-lm"], check=True)
        self.exes[tag] = gen
        return exe

    def run(self, tag, gen):
        exe = self.build(tag, gen)
        out = os.path.join(self.work, f"out-{tag}.bin")
        p = subprocess.run(["taskset", "-c", str(self.args.cpu), exe,
                            os.path.join(self.work, "model.input0.bin"), out,
                            str(self.args.reps)], check=True, capture_output=True, text=True)
        err = rel_err(np.fromfile(out, dtype="<f4"), self.ref)
        if not err <= TOLERANCE:
            raise RuntimeError(f"{self.work} {tag}: relative error {err:.3g}")
        return float(p.stdout.split()[-1]), err


def measure(net, builds, rounds=5):
    """Per build, the fastest of `rounds` medians, the builds interleaved in
    each round: the minimum filters out rounds slowed by the machine."""
    times = {tag: [] for tag in builds}
    errs = {}
    for _ in range(rounds):
        for tag, gen in builds.items():
            ms, err = net.run(tag, gen)
            times[tag].append(ms)
            errs[tag] = err
    return {tag: min(t) for tag, t in times.items()}, errs


def plot(report_path, svg):
    subprocess.run([sys.executable, os.path.join(ROOT, "examples", "plot_memory.py"),
                    report_path, svg], check=True, capture_output=True)


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--huge-compile", default=os.path.join(ROOT, "build/bin/huge-compile"))
    p.add_argument("--out", default=os.path.join(ROOT, "build/tiling"))
    p.add_argument("--reps", type=int, default=15)
    p.add_argument("--cpu", type=int, default=1)
    p.add_argument("--fractions", default="0.5,0.25")
    p.add_argument("--fraction", type=float, default=0.5,
                   help="the budget of --enumerate, a share of the untiled arena")
    p.add_argument("--enumerate", default="")
    p.add_argument("--only", default="")
    p.add_argument("--confirm", type=int, default=8,
                   help="--enumerate: time the pick and this many of the fastest again")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    import warnings
    warnings.filterwarnings("ignore")

    fractions = [float(f) for f in args.fractions.split(",") if f]
    rows = []
    for name, size in CASES:
        if args.only and name not in args.only.split(","):
            continue
        net = Net(name, size, args)
        gen_u, rep_u = net.compile("untiled", [])
        untiled = header_arena(gen_u)
        builds, reports, budgets = {"untiled": gen_u}, {}, {}
        smallest = None
        for frac in fractions:
            tag = f"budget{round(100 * frac)}"
            budget = int(untiled * frac)
            try:
                gen_t, rep_t = net.compile(tag, ["--memory-budget", str(budget)])
            except subprocess.CalledProcessError as e:
                # A budget below the smallest arena the search reaches is an
                # error that names that arena.
                msg = e.stderr.decode().strip().splitlines()[-1] if e.stderr else str(e)
                print(f"{name}: {round(100 * frac)}% ({budget:,d} B) not reached: {msg}", flush=True)
                budgets[tag] = budget
                found = re.search(r"finds for this model is (\d+) bytes", msg)
                if found:
                    smallest = int(found.group(1))
                continue
            builds[tag], reports[tag], budgets[tag] = gen_t, rep_t["tiling"], budget
            smallest = rep_t["tiling"]["smallest_arena_bytes"]
        if smallest is None:
            raise RuntimeError(f"{name}: no smallest arena reported")
        gen_s, rep_s = net.compile("smallest", ["--memory-budget", str(smallest)])
        builds["smallest"], reports["smallest"] = gen_s, rep_s["tiling"]
        times, errs = measure(net, builds)
        first = next((t for t in reports if t != "smallest"), "smallest")
        plot(os.path.join(net.work, f"report-{first}.json"),
             os.path.join(args.out, f"memory-{name}-tiled.svg"))
        t_any = reports["smallest"]
        row = {
            "network": name, "input": list(size or networks.build(name)[1].shape[2:]),
            "untiled_arena": untiled, "lower_bound": t_any["untiled_lower_bound_bytes"],
            "untiled_macs": t_any["untiled_macs"], "ms_untiled": times["untiled"],
            "smallest_arena": smallest, "max_rel_err": max(errs.values()), "budgets": [],
        }
        line = f"{name:22s} untiled {untiled:>10,d} B {times['untiled']:8.2f} ms"
        for tag in [*budgets, "smallest"]:
            entry = {"tag": tag, "budget": budgets.get(tag, smallest)}
            if tag in builds:
                t = reports[tag]
                entry.update({"groups": t["groups"], "predicted_arena": t["predicted_arena_bytes"],
                              "arena": header_arena(builds[tag]), "halo_macs": t["halo_macs"],
                              "ms": times[tag], "time_ratio": times[tag] / times["untiled"]})
                line += (f" | {tag} {entry['arena']:,d} B ({t['groups']}) x{entry['time_ratio']:.3f}"
                         f" +{100 * t['halo_macs'] / t_any['untiled_macs']:.1f}% MACs")
            else:
                entry["reached"] = False
                line += f" | {tag} not reached"
            row["budgets"].append(entry)
        print(line + f" | {untiled / smallest:.1f}x less at smallest, err {row['max_rel_err']:.1e}",
              flush=True)
        rows.append(row)

    enum = None
    if args.enumerate:
        name, size = next(c for c in CASES if c[0] == args.enumerate)
        net = Net(name, size, args)
        gen_u, _ = net.compile("untiled", [])
        budget = int(header_arena(gen_u) * args.fraction)
        gen_pick, rep_pick = net.compile("budget", ["--memory-budget", str(budget)])
        pick = rep_pick["tiling"]["groups"]
        builds, configs = {"pick": gen_pick}, {"pick": rep_pick["tiling"]}
        nlayers = len(rep_pick["layers"])
        for last in range(nlayers):
            for tiles, cols, carry in itertools.product((2, 3, 4, 6, 8), (1, 2, 4),
                                                        ("", "c")):
                groups = f"0-{last}:{tiles}{f'x{cols}' if cols > 1 else ''}{carry}"
                if groups == pick:
                    continue
                try:
                    gen, rep = net.compile(groups, ["--tile-groups", groups])
                except subprocess.CalledProcessError:
                    continue  # not a valid group, or a band would be empty
                if rep["tiling"]["predicted_arena_bytes"] > budget:
                    continue
                builds[groups] = gen
                configs[groups] = rep["tiling"]
        times, _ = measure(net, builds)
        # The fastest of hundreds of noisy timings is biased low (it is the
        # one whose noise fell lowest): the pick and the --confirm fastest
        # others are timed again, on their own, and compared there.
        first = sorted((k for k in builds if k != "pick"), key=times.get)[:args.confirm]
        again, _ = measure(net, {k: builds[k] for k in ["pick", *first]}, rounds=7)
        fastest_again = min(again, key=again.get)
        fastest = min(times, key=times.get)
        # How well the cost ranks the measured times: Spearman's rho.
        keys = list(builds)
        rank = lambda vals: {k: i for i, k in enumerate(sorted(keys, key=vals))}
        rc, rt = rank(lambda k: configs[k]["cost"]), rank(times.get)
        n = len(keys)
        rho = (1 - 6 * sum((rc[k] - rt[k]) ** 2 for k in keys) / (n * (n * n - 1))
               if n > 1 else 1.0)
        enum = {"network": name, "budget": budget, "pick": pick, "spearman_rho": rho,
                "configurations": [{"groups": configs[k]["groups"], "ms": times[k],
                                    "predicted_arena": configs[k]["predicted_arena_bytes"],
                                    "cost": configs[k]["cost"], "macs": configs[k]["macs"]}
                                   for k in builds],
                "fastest": configs[fastest]["groups"],
                "pick_over_fastest": times["pick"] / times[fastest],
                "confirmed": {configs[k]["groups"]: again[k] for k in again},
                "confirmed_fastest": configs[fastest_again]["groups"],
                "confirmed_pick_over_fastest": again["pick"] / again[fastest_again]}
        print(f"\n{name}: {len(builds)} configurations within {budget:,d} B measured")
        for k in sorted(builds, key=times.get):
            print(f"  {configs[k]['groups']:>12s}{' (pick)' if k == 'pick' else '':7s} "
                  f"{times[k]:8.3f} ms  cost {configs[k]['cost']:>12,d}  "
                  f"arena {configs[k]['predicted_arena_bytes']:>9,d}")
        print(f"pick {pick}: {times['pick']:.3f} ms, fastest {enum['fastest']}: "
              f"{times[fastest]:.3f} ms, pick / fastest = {enum['pick_over_fastest']:.3f}, "
              f"cost ranks times with Spearman rho {rho:.3f}")
        print(f"timed again, the pick and the {len(first)} fastest: pick {again['pick']:.3f} ms, "
              f"fastest {enum['confirmed_fastest']}: {again[fastest_again]:.3f} ms, pick / fastest = "
              f"{enum['confirmed_pick_over_fastest']:.3f}")

    with open(os.path.join(args.out, "tiling-results.json"), "w") as f:
        json.dump({"networks": rows, "enumeration": enum}, f, indent=1)
    with open(os.path.join(args.out, "tiling-results.md"), "w") as f:
        f.write("| network | untiled arena (time) | budget | arena (groups) | time vs untiled "
                "| halo MACs |\n|---|---:|---|---|---:|---:|\n")
        for r in rows:
            head = (f"| {r['network']} {r['input'][0]}x{r['input'][1]} "
                    f"| {r['untiled_arena']:,} B ({r['ms_untiled']:.2f} ms) ")
            for e in r["budgets"]:
                what = (f"smallest found ({r['untiled_arena'] / r['smallest_arena']:.1f}x less)"
                        if e["tag"] == "smallest" else
                        f"{e['tag'][6:]}% = {e['budget']:,} B")
                if e.get("reached", True):
                    f.write(f"{head}| {what} | {e['arena']:,} B (`{e['groups']}`) "
                            f"| {e['time_ratio']:.3f}x | +{100 * e['halo_macs'] / r['untiled_macs']:.1f}% |\n")
                else:
                    f.write(f"{head}| {what} | not reached | | |\n")
                head = "| | "
    return 0


if __name__ == "__main__":
    sys.exit(main())
