#!/usr/bin/python3
"""Compares two huge-compile builds on the end-to-end cases, bit for bit.

usage: compare_compilers.py --old OLD/huge-compile --new NEW/huge-compile
                            --suite examples|sweep|tiling --work DIR
                            [--untangle phases,split,none] [--only NAME,...]

For every case of run_e2e.py's suite (and every --untangle mode given), the
exported ONNX model is compiled by both compilers, each output folder is
built with gcc -std=c99 -O2 (each linking the runtime it shipped, with every
kernel variant: -DHUGE_NO_CONFIG where it has a huge_config.h) and run on the
same input; the outputs must be the same bytes. Tiling cases use the same
budget for both (a share of the old compiler's untiled arena) or their forced
groups. This is how a refactoring shows that it changed no result.
"""
import argparse
import filecmp
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run_e2e  # noqa: E402
from run_e2e import export_onnx, harness  # noqa: E402

CFLAGS = ["-std=c99", "-O2"]


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise run_e2e.CaseFailure(f"{' '.join(cmd[:4])} ...: {p.stdout}{p.stderr}")
    return p.stdout


def build_and_run(compiler, tag, work, mode, extra, n_in, n_out, cache):
    gen = os.path.join(work, f"gen-{tag}-{mode}")
    shutil.rmtree(gen, ignore_errors=True)
    run([compiler, os.path.join(work, "model.onnx"), "-o", gen, "--name", "net",
         "--untangle", mode, *extra])
    sources = sorted(os.path.join(gen, s) for s in os.listdir(gen)
                     if s.endswith(".c") and s != "huge_runtime.c")
    exe = os.path.join(work, f"run-{tag}-{mode}")
    rt = run_e2e.runtime_object("gcc", gen, work, flags=CFLAGS, cache=cache)
    run(["gcc", *CFLAGS, "-I", gen, *sources, rt,
         os.path.join(work, "main.c"), "-o", exe, "-lm"])
    outs = [os.path.join(work, f"out-{tag}-{mode}{i}.bin") for i in range(n_out)]
    run([exe, *[os.path.join(work, f"model.input{i}.bin") for i in range(n_in)], *outs])
    return gen, outs


def arena(gen):
    return run_e2e.header_define(gen, "net", "ARENA_SIZE")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", required=True)
    ap.add_argument("--new", required=True)
    ap.add_argument("--suite", choices=["examples", "sweep", "tiling"], required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--untangle", default="phases")
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    import warnings
    warnings.filterwarnings("ignore")
    cases = {"examples": run_e2e.example_cases, "sweep": run_e2e.sweep_cases,
             "tiling": run_e2e.tiling_cases}[args.suite]()
    cache = os.path.join(args.work, "runtime-objects")
    os.makedirs(cache, exist_ok=True)
    passed = failed = 0
    for name, model, inputs, opset, tiling in cases:
        if not any(o in name for o in args.only.split(",")):
            continue
        work = os.path.join(args.work, name)
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        n_in, n_out = export_onnx.write_case(model, inputs, work, "model", opset)
        in_sizes = [os.path.getsize(os.path.join(work, f"model.input{i}.bin")) // 4
                    for i in range(n_in)]
        out_sizes = [os.path.getsize(os.path.join(work, f"model.expected{i}.bin")) // 4
                     for i in range(n_out)]
        with open(os.path.join(work, "main.c"), "w") as f:
            f.write(harness.harness_source("net", in_sizes, out_sizes))
        for mode in args.untangle.split(","):
            try:
                extra = []
                if tiling and "groups" in tiling:
                    extra = ["--tile-groups", tiling["groups"]]
                elif tiling:
                    untiled = os.path.join(work, "untiled")
                    run([args.old, os.path.join(work, "model.onnx"), "-o", untiled,
                         "--name", "net", "--untangle", mode])
                    extra = ["--memory-budget",
                             str(int(arena(untiled) * tiling["budget_fraction"]))]
                old_gen, old = build_and_run(args.old, "old", work, mode, extra, n_in, n_out,
                                             cache)
                new_gen, new = build_and_run(args.new, "new", work, mode, extra, n_in, n_out,
                                             cache)
                if arena(old_gen) != arena(new_gen):
                    raise run_e2e.CaseFailure(f"arena {arena(old_gen)} -> {arena(new_gen)}")
                for i in range(n_out):
                    if not filecmp.cmp(old[i], new[i], shallow=False):
                        raise run_e2e.CaseFailure(f"output {i} differs")
                passed += 1
                print(f"SAME {name} ({mode})", flush=True)
            except run_e2e.CaseFailure as e:
                failed += 1
                print(f"DIFFERENT {name} ({mode}): {e}", flush=True)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
