#!/usr/bin/python3
"""End-to-end tests: PyTorch model -> ONNX -> huge-compile -> C -> run,
compared with PyTorch's output.

For every case the generated C is built with gcc and with clang under
-std=c99 -Wall -Wextra -Werror -pedantic -Wvla, with AddressSanitizer and
UBSan, and run with an arena of exactly NAME_ARENA_SIZE bytes; both outputs
must satisfy max|out - ref| / max|ref| <= 1e-4.

With --untangle phases (the default), every transposed convolution must
also execute exactly its useful multiply-adds: the report's count for the layer's sub-convolutions equals a
brute-force count of the (input pixel, tap) products that land inside the
output, which is k_h*k_w*Cin*(Cout/g)*H*W whenever the pads crop nothing.

usage: run_e2e.py --suite examples|sweep --huge-compile PATH --work DIR
                  [--untangle phases|split|none] [--shard I/N] [--only TEXT]
Prints one line per case and ends with "N passed, N failed".
"""
import argparse
import filecmp
import hashlib
import os
import shutil
import subprocess
import sys
import traceback

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "examples"))
sys.path.insert(0, HERE)

import export_onnx  # noqa: E402
import harness  # noqa: E402

TOLERANCE = 1e-4
CFLAGS = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-Wvla"]
SANITIZE = ["-O1", "-g", "-fno-omit-frame-pointer", "-fsanitize=address,undefined",
            "-fno-sanitize-recover=all"]


class CaseFailure(Exception):
    pass


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        raise CaseFailure(f"{' '.join(cmd[:3])}... exited {p.returncode}:\n{p.stdout}{p.stderr}")
    return p


def relative_error(out, ref):
    scale = float(np.max(np.abs(ref))) if ref.size else 0.0
    err = float(np.max(np.abs(out - ref))) if ref.size else 0.0
    return err / scale if scale > 0 else err


def useful_transposed_macs(model_path):
    """(node name, useful MACs, k*k*Cin*Cout/g*H*W) per ConvTranspose."""
    import onnx
    from onnx import numpy_helper, shape_inference
    m = shape_inference.infer_shapes(onnx.load(model_path))
    shapes = {v.name: [d.dim_value for d in v.type.tensor_type.shape.dim]
              for v in list(m.graph.value_info) + list(m.graph.input) + list(m.graph.output)}
    inits = {t.name: numpy_helper.to_array(t).shape for t in m.graph.initializer}
    out = []
    for node in m.graph.node:
        if node.op_type != "ConvTranspose":
            continue
        a = {x.name: onnx.helper.get_attribute_value(x) for x in node.attribute}
        n, ci, h, w = shapes[node.input[0]]
        o = shapes[node.output[0]]
        _, cog, kh, kw = inits[node.input[1]]
        s = a.get("strides", [1, 1]); p = a.get("pads", [0, 0, 0, 0])
        d = a.get("dilations", [1, 1])

        def axis(extent, k, st, pad, dil, out_extent):
            return sum(1 for i in range(extent) for t in range(k)
                       if 0 <= i * st - pad + t * dil < out_extent)
        useful = n * ci * cog * axis(h, kh, s[0], p[0], d[0], o[2]) * axis(w, kw, s[1], p[1], d[1], o[3])
        out.append((node.name, useful, n * kh * kw * ci * cog * h * w))
    return out


def check_zero_waste(model_path, report_path):
    import json
    layers = json.load(open(report_path))["layers"]
    checked = []
    for node, useful, full in useful_transposed_macs(model_path):
        tag = f"node '{node}' (ConvTranspose)"
        executed = sum(l["macs"] for l in layers if l["name"].split(" + ")[0] == tag)
        if executed != useful:
            raise CaseFailure(f"{tag} executes {executed} multiply-adds, {useful} are useful")
        checked.append(executed == full)
    return checked


def runtime_object(cc, gen, work):
    """The runtime shipped in `gen`, compiled once per compiler and content:
    every model links the same huge_runtime.c, as firmware linking several
    models would."""
    source = os.path.join(gen, "huge_runtime.c")
    with open(source, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:16]
    cache = os.path.join(os.path.dirname(os.path.abspath(work)), "runtime-objects")
    os.makedirs(cache, exist_ok=True)
    obj = os.path.join(cache, f"{cc}-{digest}.o")
    if not os.path.exists(obj):
        tmp = f"{obj}.{os.getpid()}.tmp"
        run([cc, *CFLAGS, *SANITIZE, "-I", gen, "-c", source, "-o", tmp])
        os.replace(tmp, obj)
    return obj


def check_case(name, model, inputs, opset, args, byte_identical=False):
    work = os.path.join(args.work, name)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    n_in, n_out = export_onnx.write_case(model, inputs, work, "model", opset)
    gen = os.path.join(work, "gen")
    cname = "net"
    run([args.huge_compile, os.path.join(work, "model.onnx"), "-o", gen, "--name", cname,
         "--untangle", args.untangle, "--report", os.path.join(work, "report.json")])
    if args.untangle == "phases":
        check_zero_waste(os.path.join(work, "model.onnx"), os.path.join(work, "report.json"))
    if byte_identical:
        again = os.path.join(work, "gen2")
        run([args.huge_compile, os.path.join(work, "model.onnx"), "-o", again, "--name", cname,
             "--untangle", args.untangle])
        files = sorted(os.listdir(gen))
        match, mismatch, errors = filecmp.cmpfiles(gen, again, files, shallow=False)
        if mismatch or errors or sorted(os.listdir(again)) != files:
            raise CaseFailure(f"output differs between two runs: {mismatch + errors}")
    refs = [np.fromfile(os.path.join(work, f"model.expected{i}.bin"), dtype="<f4")
            for i in range(n_out)]
    in_sizes = [os.path.getsize(os.path.join(work, f"model.input{i}.bin")) // 4 for i in range(n_in)]
    with open(os.path.join(work, "main.c"), "w") as f:
        f.write(harness.harness_source(cname, in_sizes, [r.size for r in refs]))
    sources = sorted(os.path.join(gen, s) for s in os.listdir(gen)
                     if s.endswith(".c") and s != "huge_runtime.c")
    worst = 0.0
    for cc in ("gcc", "clang"):
        exe = os.path.join(work, f"run_{cc}")
        runtime = runtime_object(cc, gen, args.work)
        run([cc, *CFLAGS, *SANITIZE, "-I", gen, *sources, runtime,
             os.path.join(work, "main.c"), "-o", exe, "-lm"])
        outs = [os.path.join(work, f"out_{cc}{i}.bin") for i in range(n_out)]
        env = dict(os.environ, ASAN_OPTIONS="detect_leaks=1:abort_on_error=0",
                   UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1")
        run([exe, *[os.path.join(work, f"model.input{i}.bin") for i in range(n_in)], *outs],
            env=env)
        for i, ref in enumerate(refs):
            out = np.fromfile(outs[i], dtype="<f4")
            if out.shape != ref.shape:
                raise CaseFailure(f"{cc}: output {i} has {out.size} values, expected {ref.size}")
            err = relative_error(out, ref)
            worst = max(worst, err)
            if not err <= TOLERANCE:
                raise CaseFailure(f"{cc}: output {i} relative error {err:.3g} > {TOLERANCE}")
    return worst


def example_cases():
    import networks
    for name in sorted(networks.NETWORKS):
        model, x = networks.build(name)
        yield name, model, (x,), 13


def sweep_cases():
    import sweep
    import torch
    for i, (name, module, shape, opset) in enumerate(sweep.cases()):
        x = torch.randn(*shape, generator=torch.Generator().manual_seed(i))
        yield name, module, (x,), opset


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--suite", choices=["examples", "sweep"], required=True)
    p.add_argument("--huge-compile", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--shard", default="0/1")
    p.add_argument("--only", default="")
    p.add_argument("--untangle", choices=["phases", "split", "none"], default="phases")
    args = p.parse_args()
    shard, shards = map(int, args.shard.split("/"))
    import warnings
    warnings.filterwarnings("ignore")
    cases = example_cases() if args.suite == "examples" else sweep_cases()
    passed = failed = 0
    for index, (name, model, inputs, opset) in enumerate(cases):
        if index % shards != shard or not any(o in name for o in args.only.split(",")):
            continue
        try:
            err = check_case(name, model, inputs, opset, args,
                             byte_identical=args.suite == "examples")
            passed += 1
            print(f"PASS {name} (opset {opset}, rel err {err:.2e})", flush=True)
        except CaseFailure as e:
            failed += 1
            print(f"FAIL {name} (opset {opset}): {e}", flush=True)
        except Exception:  # an exporter or harness problem is a failure too
            failed += 1
            print(f"FAIL {name}: {traceback.format_exc()}", flush=True)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
