#!/usr/bin/python3
"""Untangling against zero insertion on the DCGAN generator, from the
reports of huge-compile --untangle=phases and --untangle=none.

For every transposed convolution: multiply-adds executed and activation
bytes read + written (the report's per-layer traffic, summed over the ops
the layer became). Requires, over the strided transposed convolutions,
at least 50% less traffic and zero wasted multiply-adds in the phase form.
Prints a table and "N passed, N failed".

usage: check_traffic.py --huge-compile PATH --work DIR
"""
import argparse
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "examples"))
sys.path.insert(0, HERE)


def per_layer(report):
    agg = collections.OrderedDict()
    for layer in json.load(open(report))["layers"]:
        key = layer["name"].split(" + ")[0]
        a = agg.setdefault(key, {"macs": 0, "traffic": 0})
        a["macs"] += layer["macs"]
        a["traffic"] += layer["bytes_read"] + layer["bytes_written"]
    return agg


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--huge-compile", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    import warnings
    warnings.filterwarnings("ignore")
    import export_onnx
    import networks
    import run_e2e
    os.makedirs(args.work, exist_ok=True)
    model, x = networks.build("dcgan_generator")
    export_onnx.write_case(model, x, args.work, "dcgan")
    onnx_path = os.path.join(args.work, "dcgan.onnx")
    reports = {}
    for mode in ("phases", "none"):
        reports[mode] = os.path.join(args.work, f"report-{mode}.json")
        subprocess.run([args.huge_compile, onnx_path, "-o", os.path.join(args.work, mode),
                        "--untangle", mode, "--report", reports[mode]], check=True)
    phases, none = per_layer(reports["phases"]), per_layer(reports["none"])
    useful = {f"node '{n}' (ConvTranspose)": u for n, u, *_ in run_e2e.useful_transposed_macs(onnx_path)}
    strides = {}
    import onnx
    for node in onnx.load(onnx_path).graph.node:
        if node.op_type == "ConvTranspose":
            s = [a.ints for a in node.attribute if a.name == "strides"]
            strides[f"node '{node.name}' (ConvTranspose)"] = max(s[0]) if s else 1
    print(f"{'layer':45s} {'stride':>6} {'MACs useful':>12} {'phases':>10} {'zero-ins.':>10} "
          f"{'traffic phases':>15} {'zero-ins.':>10} {'saved':>6}")
    passed = failed = 0
    tp = tn = 0
    for key, u in useful.items():
        p, n = phases[key], none[key]
        saved = 1 - p["traffic"] / n["traffic"]
        print(f"{key:45s} {strides[key]:>6} {u:>12} {p['macs']:>10} {n['macs']:>10} "
              f"{p['traffic']:>15} {n['traffic']:>10} {saved:>6.0%}")
        ok = p["macs"] == u
        passed, failed = passed + ok, failed + (not ok)
        if strides[key] > 1:
            tp += p["traffic"]
            tn += n["traffic"]
    saved = 1 - tp / tn
    print(f"strided transposed convs: {tp} bytes vs {tn} with zero insertion: {saved:.1%} less")
    ok = saved >= 0.5
    passed, failed = passed + ok, failed + (not ok)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
