#!/usr/bin/python3
"""End-to-end tests: PyTorch model -> ONNX -> huge-compile -> C -> run,
compared with PyTorch's output.

For every case the generated C is built with gcc and with clang under
-std=c99 -Wall -Wextra -Werror -pedantic -Wvla, with AddressSanitizer and
UBSan, and run with an arena of exactly NAME_ARENA_SIZE bytes; both outputs
must satisfy max|out - ref| / max|ref| <= 1e-4.

Untiled, the planned arena must be within 1.05x of its lower bound (the
largest total of tensors alive at one step).

With --arch aarch64 each case is instead built for AArch64 (the runtime's
NEON kernels) with the same strict flags, statically, and run under
qemu-aarch64 as a Cortex-A53 and as a Neoverse N1: within the tolerance of
PyTorch and the same bytes on both. --target neon compiles for the NEON
target and runs so (its runtime takes the NEON kernels unconditionally).

The shared runtime objects are built with every kernel variant
(-DHUGE_NO_CONFIG). For the examples, the model compiled with
--optimize=size (its runtime has only the generic kernels) must give the
same bytes as the full runtime, and so must a two-thread run.

With --untangle phases (the default), every transposed convolution must
also execute exactly its useful multiply-adds: the report's count for the layer's sub-convolutions equals a
brute-force count of the (input pixel, tap) products that land inside the
output, which is k_h*k_w*Cin*(Cout/g)*H*W whenever the pads crop nothing.

The tiling suite compiles networks under a memory budget (a share of their
untiled arena) or with forced groups, and also checks that the arena fits the
budget and equals the one huge-tile-fuse predicted.

With --target opencl each case is compiled for the OpenCL target and run
on the first OpenCL device (PoCL on a machine without a GPU) through the
generated host code and huge_cl_runtime.c, built with gcc under the same
strict flags (clang checks the host code's warnings without building it):
within the tolerance of PyTorch. POCL_CACHE_DIR is the
suite's work folder's pocl-cache unless set.

The real suite (real_nets.py) runs architectures other people wrote, as
exported from torchvision and a CycleGAN-style generator, the same way.

usage: run_e2e.py --suite examples|sweep|tiling|real --huge-compile PATH --work DIR
                  [--untangle phases|split|none] [--shard I/N] [--only TEXT]
                  [--exclude NAME,...] [--target c|neon|opencl] [--arch host|aarch64]
A case whose generated files are those another suite builds and runs is
reported as SAME and neither run nor counted: with --untangle split or none,
a model with nothing to untangle (the --untangle phases suite runs the same
files); with HUGE_CL_LOCAL_TILES set, an OpenCL program with no kernel that
has a local-memory form (the suite without it runs the same program).

Prints one line per case and ends with "N passed, N failed".
"""
import argparse
import fcntl
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
# How the sanitized harnesses run: leaks reported, the first error fatal.
SANITIZE_ENV = dict(os.environ, ASAN_OPTIONS="detect_leaks=1:abort_on_error=0",
                    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1")


class CaseFailure(Exception):
    pass


class SameAsDefault(Exception):
    """The case's generated code is what another suite already builds and
    runs (the same files): it is not run again, nor counted."""


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        raise CaseFailure(f"{' '.join(cmd[:3])}... exited {p.returncode}:\n{p.stdout}{p.stderr}")
    # An error reported is a failure even when the tool went on and exited 0.
    if "error:" in p.stderr:
        raise CaseFailure(f"{' '.join(cmd[:3])}... exited 0 but reported an error:\n{p.stderr}")
    return p


def relative_error(out, ref):
    scale = float(np.max(np.abs(ref))) if ref.size else 0.0
    err = float(np.max(np.abs(out - ref))) if ref.size else 0.0
    return err / scale if scale > 0 else err


def useful_transposed_macs(model_path, layers=()):
    """(node name, useful MACs, k*k*Cin*Cout/g*H*W) per ConvTranspose.

    Shapes come from ONNX's shape inference. Where it cannot tell them (after
    a Pad whose pads are computed, as PyTorch exports reflection padding),
    the input shape is the one the report `layers` give for the node, and
    the output extents follow from ONNX's ConvTranspose formula."""
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
        wshape = inits[node.input[1]]
        s = a.get("strides", [1, 1]); p = a.get("pads", [0, 0, 0, 0])
        d = a.get("dilations", [1, 1]); op = a.get("output_padding", [0, 0])
        x, o = shapes.get(node.input[0], []), shapes.get(node.output[0], [])
        if len(wshape) == 3:  # 1-D: as 2-D with H = 1, as huge imports it
            wshape = (*wshape[:2], 1, wshape[2])
            s, d, op = [1, *a.get("strides", [1])], [1, *a.get("dilations", [1])], \
                [0, *a.get("output_padding", [0])]
            p = a.get("pads", [0, 0]); p = [0, p[0], 0, p[1]]
            x = [*x[:2], 1, *x[2:]] if len(x) == 3 else x
            o = [*o[:2], 1, *o[2:]] if len(o) == 3 else o
        _, cog, kh, kw = wshape
        if len(x) != 4 or 0 in x or len(o) != 4 or 0 in o:
            tag = f"node '{node.name}' (ConvTranspose)"
            x = next(l["input_shapes"][0] for l in layers if l["name"].split(" + ")[0] == tag)
            o = [x[0], 0] + [(x[2 + i] - 1) * s[i] - p[i] - p[2 + i] + d[i] * ((kh, kw)[i] - 1) +
                             op[i] + 1 for i in range(2)]
        n, ci, h, w = x

        def axis(extent, k, st, pad, dil, out_extent):
            return sum(1 for i in range(extent) for t in range(k)
                       if 0 <= i * st - pad + t * dil < out_extent)
        useful = n * ci * cog * axis(h, kh, s[0], p[0], d[0], o[2]) * axis(w, kw, s[1], p[1], d[1], o[3])
        # huge.conv_transpose_rows (output order): every output column runs
        # ceil(kw/sw) column taps of each kernel row whose input row exists
        groups = a.get("group", 1)
        rows = sum(1 for y in range(o[2]) for ky in range((y + p[0]) % s[0], kh, s[0])
                   if 0 <= (y + p[0] - ky) // s[0] < h)
        in_order = n * (ci // groups) * cog * groups * rows * -(-kw // s[1]) * o[3]
        out.append((node.name, useful, n * kh * kw * ci * cog * h * w, in_order))
    return out


def check_zero_waste(model_path, report_path):
    import json
    layers = json.load(open(report_path))["layers"]
    checked = []
    for node, useful, full, in_order in useful_transposed_macs(model_path, layers):
        tag = f"node '{node}' (ConvTranspose)"
        mine = [l for l in layers if l["name"].split(" + ")[0] == tag]
        executed = sum(l["macs"] for l in mine)
        if any(l["op"] == "huge.conv_transpose_rows" for l in mine):
            # Output order multiplies zero weights in the lanes of shorter
            # phases, by design (chosen for layers of few products per
            # output): its count must be that plan's, and at least the useful.
            if executed != in_order or executed < useful:
                raise CaseFailure(f"{tag} executes {executed} multiply-adds in output order, "
                                  f"expected {in_order} ({useful} useful)")
            checked.append(False)
            continue
        if executed != useful:
            raise CaseFailure(f"{tag} executes {executed} multiply-adds, {useful} are useful")
        checked.append(executed == full)
    return checked


def runtime_object(cc, gen, work, own_config=False, flags=None, cache=None):
    """The runtime shipped in `gen`, compiled once per compiler, flags and
    content (in `cache`, default the suites' shared runtime-objects folder):
    every model links the same huge_runtime.c with every kernel variant
    (HUGE_NO_CONFIG), as firmware linking several models would; with
    own_config, as `gen` configures it (its huge_config.h). `flags` default
    to the sanitized build's."""
    flags = [*CFLAGS, *SANITIZE] if flags is None else flags
    config = [] if own_config else ["-DHUGE_NO_CONFIG"]
    extra = [os.path.join(gen, "huge_config.h")] if own_config else []
    return cached_object(cc, [*flags, *config], gen, "huge_runtime.c", extra, work, cache)


def cached_object(cc, flags, gen, name, extra, work, cache=None, tag=""):
    """gen/name compiled with `flags`, once per compiler, flags and content
    (of it and the `extra` files) for every suite, in `cache` (default the
    suites' shared runtime-objects folder)."""
    source = os.path.join(gen, name)
    digest = hashlib.sha256(" ".join([cc, *flags]).encode())
    for path in [source, *extra]:
        with open(path, "rb") as f:
            digest.update(f.read())
    cache = cache or os.path.join(os.path.dirname(os.path.abspath(work)), "runtime-objects")
    os.makedirs(cache, exist_ok=True)
    obj = os.path.join(cache, f"{tag}{os.path.basename(cc)}-{digest.hexdigest()[:16]}.o")
    # Suites run side by side: the first to need an object builds it (a
    # sanitized build of the runtime takes minutes), the others wait for it.
    with open(obj + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not os.path.exists(obj):
            tmp = f"{obj}.{os.getpid()}.tmp"
            run([cc, *flags, "-I", gen, "-c", source, "-o", tmp])
            os.replace(tmp, obj)
    return obj


def header_define(gen, cname, key):
    with open(os.path.join(gen, f"{cname}.h")) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and parts[:2] == ["#define", f"{cname.upper()}_{key}"]:
                return int(parts[2])
    raise CaseFailure(f"{cname}.h defines no {cname.upper()}_{key}")


def check_tiling(work, gen, cname, compile_args, tiling):
    """Compiles untiled first when the budget is a fraction of the untiled
    arena; checks the tiled arena against the budget and the prediction."""
    import json
    if "budget_fraction" in tiling:
        untiled = os.path.join(work, "untiled")
        run([*compile_args[:-1], untiled])
        budget = int(header_define(untiled, cname, "ARENA_SIZE") * tiling["budget_fraction"])
    else:
        budget = None
    extra = ["--memory-budget", str(budget)] if budget is not None else []
    if "groups" in tiling:
        extra += ["--tile-groups", tiling["groups"]]
    run([*compile_args, *extra])
    report = json.load(open(os.path.join(work, "report.json")))["tiling"]
    arena = header_define(gen, cname, "ARENA_SIZE")
    if report["predicted_arena_bytes"] != arena:
        raise CaseFailure(f"predicted arena {report['predicted_arena_bytes']} != "
                          f"{cname.upper()}_ARENA_SIZE {arena}")
    if budget is not None and arena > budget:
        raise CaseFailure(f"arena {arena} exceeds the budget {budget}")
    if "groups" in tiling and report["groups"] != tiling["groups"]:
        raise CaseFailure(f"tiled {report['groups']}, asked for {tiling['groups']}")
    return (f"groups {report['groups']}, arena {arena} of {report['untiled_arena_bytes']} "
            f"untiled, smallest {report.get('smallest_arena_bytes', '-')}, "
            f"halo MACs {report['halo_macs']}")


def check_case(name, model, inputs, opset, args, byte_identical=False, tiling=None):
    work = os.path.join(args.work, name)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    n_in, n_out = export_onnx.write_case(model, inputs, work, "model", opset)
    gen = os.path.join(work, "gen")
    cname = "net"
    compile_args = [args.huge_compile, os.path.join(work, "model.onnx"), "--name", cname,
                    "--untangle", args.untangle, "--report", os.path.join(work, "report.json"),
                    "--target", args.target, "-o", gen]
    note = ""
    if tiling is None:
        run(compile_args)
        import json
        totals = json.load(open(os.path.join(work, "report.json")))["totals"]
        if totals["arena_bytes"] > 1.05 * totals["arena_lower_bound_bytes"]:
            raise CaseFailure(f"arena {totals['arena_bytes']} exceeds 1.05x the lower bound "
                              f"{totals['arena_lower_bound_bytes']}")
    else:
        note = check_tiling(work, gen, cname, compile_args, tiling)
    if args.untangle == "phases" and tiling is None:
        check_zero_waste(os.path.join(work, "model.onnx"), os.path.join(work, "report.json"))
    elif tiling is None:
        # Without a transposed or dilated convolution to untangle, every mode
        # generates the same files: the --untangle phases suite runs them.
        default = os.path.join(work, "gen-phases")
        report = compile_args.index("--report")
        untangle = compile_args.index("--untangle")
        run([*compile_args[:untangle], "--untangle", "phases",
             *compile_args[untangle + 2:report], *compile_args[report + 2:-1], default])
        files, default_files = sorted(os.listdir(gen)), sorted(os.listdir(default))
        _, mismatch, errors = filecmp.cmpfiles(gen, default, files, shallow=False)
        shutil.rmtree(default)
        if not mismatch and not errors and default_files == files:
            raise SameAsDefault(f"--untangle {args.untangle} generates what --untangle "
                                "phases does")
    if byte_identical:
        again = os.path.join(work, "gen2")
        run([args.huge_compile, os.path.join(work, "model.onnx"), "-o", again, "--name", cname,
             "--untangle", args.untangle, "--target", args.target])
        files = sorted(os.listdir(gen))
        match, mismatch, errors = filecmp.cmpfiles(gen, again, files, shallow=False)
        if mismatch or errors or sorted(os.listdir(again)) != files:
            raise CaseFailure(f"output differs between two runs: {mismatch + errors}")
    refs = [np.fromfile(os.path.join(work, f"model.expected{i}.bin"), dtype="<f4")
            for i in range(n_out)]
    in_sizes = [os.path.getsize(os.path.join(work, f"model.input{i}.bin")) // 4 for i in range(n_in)]
    if args.target == "opencl":
        if byte_identical:
            shutil.rmtree(os.path.join(work, "gen2"))
        if os.environ.get("HUGE_CL_LOCAL_TILES", "") not in ("", "0"):
            with open(os.path.join(gen, f"{cname}.cl")) as f:
                if "HUGE_CL_LOCAL_TILES" not in f.read():
                    raise SameAsDefault("no kernel has a local-memory form: the "
                                        "suite without HUGE_CL_LOCAL_TILES runs it")
        return check_opencl(work, gen, cname, in_sizes, refs, args.work), note
    with open(os.path.join(work, "main.c"), "w") as f:
        f.write(harness.harness_source(cname, in_sizes, [r.size for r in refs]))
    sources = sorted(os.path.join(gen, s) for s in os.listdir(gen)
                     if s.endswith(".c") and s != "huge_runtime.c")
    if args.arch == "aarch64":
        return check_aarch64(work, gen, sources, n_in, refs, args.work,
                             neon=args.target == "neon"), note
    worst = 0.0
    for cc in ("gcc", "clang"):
        exe = os.path.join(work, f"run_{cc}")
        runtime = runtime_object(cc, gen, args.work)
        run([cc, *CFLAGS, *SANITIZE, "-I", gen, *sources, runtime,
             os.path.join(work, "main.c"), "-o", exe, "-lm"])
        outs = [os.path.join(work, f"out_{cc}{i}.bin") for i in range(n_out)]
        run([exe, *[os.path.join(work, f"model.input{i}.bin") for i in range(n_in)], *outs],
            env=SANITIZE_ENV)
        worst = max(worst, compare_outputs(cc, outs, refs))
        # A sanitized executable is ~10 MB and a full run builds hundreds;
        # keep them only for failed cases, where they are needed to debug.
        os.remove(exe)
    if byte_identical:
        shutil.rmtree(os.path.join(work, "gen2"))
        check_threads(work, gen, sources, n_in, n_out, args.work)
        check_size_runtime(work, cname, compile_args, n_in, n_out, args.work)
    return worst, note


def check_threads(work, gen, sources, n_in, n_out, suite_work):
    """The harness's two-thread parallel-for gives the single-threaded
    result bit for bit: every output element is computed by one task, in
    the same order."""
    exe = os.path.join(work, "run_threads")
    run(["gcc", *CFLAGS, *SANITIZE, "-DHUGE_HARNESS_THREADS=2", "-pthread", "-I", gen,
         *sources, runtime_object("gcc", gen, suite_work), os.path.join(work, "main.c"),
         "-o", exe, "-lm"])
    same_as_gcc(exe, work, "threads", n_in, n_out, "two threads")


def same_as_gcc(exe, work, tag, n_in, n_out, what):
    """Runs exe on the case's inputs: its outputs must be the bytes of the
    single-threaded gcc build's."""
    outs = [os.path.join(work, f"out_{tag}{i}.bin") for i in range(n_out)]
    run([exe, *[os.path.join(work, f"model.input{i}.bin") for i in range(n_in)], *outs],
        env=SANITIZE_ENV)
    for i in range(n_out):
        if not filecmp.cmp(outs[i], os.path.join(work, f"out_gcc{i}.bin"), shallow=False):
            raise CaseFailure(f"{what}: output {i} differs from the single-threaded gcc build's")
    os.remove(exe)


def compare_outputs(label, outs, refs):
    """The largest relative error of the output files against the references;
    a CaseFailure for a wrong size or an error above TOLERANCE."""
    worst = 0.0
    for i, ref in enumerate(refs):
        out = np.fromfile(outs[i], dtype="<f4")
        if out.shape != ref.shape:
            raise CaseFailure(f"{label}: output {i} has {out.size} values, expected {ref.size}")
        err = relative_error(out, ref)
        worst = max(worst, err)
        if not err <= TOLERANCE:
            raise CaseFailure(f"{label}: output {i} relative error {err:.3g} > {TOLERANCE}")
    return worst


def check_opencl(work, gen, cname, in_sizes, refs, suite_work):
    """The OpenCL target's output folder built with gcc under the strict
    flags (its host runtime compiled once for the suite) and run on the first
    OpenCL device: within the tolerance of PyTorch. clang checks the same
    host code under the same flags without building it: the device code is
    the same whichever compiler built the host, and a second run would only
    repeat it."""
    with open(os.path.join(work, "main.c"), "w") as f:
        f.write(harness.cl_harness_source(cname, in_sizes, [r.size for r in refs]))
    env = dict(os.environ)
    env.setdefault("POCL_CACHE_DIR", os.path.join(os.path.abspath(suite_work), "pocl-cache"))
    flags = [*CFLAGS, "-O1"]
    host = [os.path.join(gen, f"{cname}.c"), os.path.join(work, "main.c")]
    run(["clang", *flags, "-fsyntax-only", "-I", gen, *host])
    runtime = cached_object("gcc", flags, gen, "huge_cl_runtime.c", [], suite_work, tag="cl-")
    exe = os.path.join(work, "run_cl")
    run(["gcc", *flags, "-I", gen, *host, runtime, "-o", exe, "-lOpenCL", "-lm"])
    outs = [os.path.join(work, f"out_cl{i}.bin") for i in range(len(refs))]
    run([exe, *[os.path.join(work, f"model.input{i}.bin") for i in range(len(in_sizes))],
         *outs], env=env)
    worst = compare_outputs("opencl", outs, refs)
    os.remove(exe)
    return worst


# Where the aarch64 harness runs: an in-order and an out-of-order core.
AARCH64_CPUS = ("cortex-a53", "neoverse-n1")


def check_aarch64(work, gen, sources, n_in, refs, suite_work, neon=False):
    """The generated C built for AArch64 (its NEON kernels) with the strict
    flags, statically, and run under qemu-aarch64 on each of AARCH64_CPUS:
    within the tolerance of PyTorch, and the same bytes on every CPU."""
    cc = "aarch64-linux-gnu-gcc"
    # One runtime object per suite (every kernel variant), as the model's
    # target configures it: --target neon's takes the NEON kernels
    # unconditionally, the C target's picks them from the compiler's flags.
    obj = runtime_object(cc, gen, suite_work, flags=[*CFLAGS, "-O2",
                                                     *(["-DHUGE_TARGET_NEON"] if neon else [])])
    exe = os.path.join(work, "run_aarch64")
    run([cc, *CFLAGS, "-O2", "-static", "-I", gen, *sources, obj,
         os.path.join(work, "main.c"), "-o", exe, "-lm"])
    worst, first = 0.0, None
    for cpu in AARCH64_CPUS:
        outs = [os.path.join(work, f"out_{cpu}{i}.bin") for i in range(len(refs))]
        run(["qemu-aarch64", "-cpu", cpu, exe,
             *[os.path.join(work, f"model.input{i}.bin") for i in range(n_in)], *outs])
        worst = max(worst, compare_outputs(cpu, outs, refs))
        for i in range(len(refs)):
            if first is not None and not filecmp.cmp(outs[i], first[i], shallow=False):
                raise CaseFailure(f"{cpu}: output {i} differs from {AARCH64_CPUS[0]}'s")
        first = first or outs
    os.remove(exe)
    return worst


def check_size_runtime(work, cname, compile_args, n_in, n_out, suite_work):
    """--optimize=size ships a runtime with only the compact generic kernels
    (its own huge_config.h): the same sums in the same order, so the same
    result bit for bit."""
    gen = os.path.join(work, "gen-size")
    report = compile_args.index("--report")
    args = compile_args[:report] + compile_args[report + 2:-1] + [gen, "--optimize", "size"]
    run(args)
    sources = sorted(os.path.join(gen, s) for s in os.listdir(gen)
                     if s.endswith(".c") and s != "huge_runtime.c")
    exe = os.path.join(work, "run_size")
    run(["gcc", *CFLAGS, *SANITIZE, "-I", gen, *sources,
         runtime_object("gcc", gen, suite_work, own_config=True),
         os.path.join(work, "main.c"), "-o", exe, "-lm"])
    same_as_gcc(exe, work, "size", n_in, n_out, "--optimize=size")
    shutil.rmtree(gen)


# Tiled cases: (name, network, input H x W, tiling). A budget_fraction is a
# share of the untiled arena (the search picks the groups); groups force a
# configuration (layer indices as --report prints them).
TILING_CASES = [
    ("yolov2_front_half", "yolov2_front", None, {"budget_fraction": 0.5}),
    ("yolov2_front_eighth", "yolov2_front", None, {"budget_fraction": 0.18}),
    ("pix2pix_unet_128_half", "pix2pix_unet", (128, 128), {"budget_fraction": 0.5}),
    # The U-Net's two first skips recomputed per band of the decoder (depth
    # 3: conv, leaky relu, conv), the encoder's first layers tiled too.
    ("pix2pix_unet_skip_recompute", "pix2pix_unet", None, {"groups": "0-4:2,20-41:8r3"}),
    ("fcn8s_128_half", "fcn8s", (128, 128), {"budget_fraction": 0.5}),
    ("fcn8s_groups", "fcn8s", None, {"groups": "0-3:2,4-7:4"}),
    ("erfnet_decoder_groups", "erfnet_decoder", None, {"groups": "0-10:3"}),
    ("mobilenetv2_block_groups", "mobilenetv2_block", None, {"groups": "0-3:5"}),
    ("shufflenet_unit_groups", "shufflenet_unit", None, {"groups": "4-9:2"}),
    ("yolov2_tiny_front_groups", "yolov2_tiny_front", None, {"groups": "0-5:4,10-13:2"}),
    ("dcgan_generator_groups", "dcgan_generator", None, {"groups": "7-16:4"}),
    ("deeplabv3_aspp_recompute", "deeplabv3_aspp", None, {"groups": "7-9:2r"}),
    ("deeplabv3_aspp_budget", "deeplabv3_aspp", None, {"budget_fraction": 0.96}),
    ("mobilenetv2_block_budget", "mobilenetv2_block", None, {"budget_fraction": 0.3}),
    # Squeeze-and-excitation: the scale (fc1, fc2) runs whole inside the
    # second group, its bands read it whole.
    ("se_block_groups", "se_block", None, {"groups": "0-1:4,3-7:4"}),
    ("se_block_scale_group", "se_block", None, {"groups": "4-7:3"}),
    # A pixel shuffle inside a group: bands of whole 3-row blocks.
    ("espcn_shuffle_group", "espcn", None, {"groups": "0-4:3"}),
    ("espcn_quarter", "espcn", (48, 48), {"budget_fraction": 0.25}),
    # Nearest x2 upsamplings in bands.
    ("sr_nearest_upsample_groups", "sr_nearest_upsample", None, {"groups": "0-5:4"}),
    # ASPP's image pooling inside a group (the global pool runs once, the
    # resize broadcasting it per band) and the bilinear x4 upsampling in
    # bands written in place into the output.
    ("deeplabv3_small_half", "deeplabv3_small", None, {"budget_fraction": 0.5}),
    # Carried halos: each band keeps the rows the next reads again, through
    # transposed-conv phases, dilated and asymmetric convs, pixel shuffles,
    # nearest upsamplings, layers run whole, a channel shuffle and a
    # recomputed skip.
    ("dcgan_generator_carry", "dcgan_generator", None, {"groups": "7-16:4c"}),
    ("erfnet_decoder_carry", "erfnet_decoder", None, {"groups": "0-10:3c"}),
    ("espcn_shuffle_carry", "espcn", None, {"groups": "0-4:3c"}),
    ("sr_nearest_upsample_carry", "sr_nearest_upsample", None, {"groups": "0-5:4c"}),
    ("se_block_carry", "se_block", None, {"groups": "0-1:4c,3-7:4c"}),
    ("shufflenet_unit_carry", "shufflenet_unit", None, {"groups": "4-9:2c"}),
    ("pix2pix_unet_skip_recompute_carry", "pix2pix_unet", None, {"groups": "0-4:2c,20-41:8r3c"}),
    # 2-D grids (bands split into columns; tiles recompute their column
    # halos, and with c keep the rows the tile below reads again):
    # transposed-conv phases written in place at a column offset, dilated
    # and asymmetric convs, pixel-shuffle blocks, layers run whole, grouped
    # and depthwise convs, a recomputed skip. (A resize computes whole rows:
    # the upsampling net's grid starts after its last one.)
    ("dcgan_generator_grid", "dcgan_generator", None, {"groups": "7-16:4x3c"}),
    ("erfnet_decoder_grid", "erfnet_decoder", None, {"groups": "0-10:3x2"}),
    ("espcn_shuffle_grid", "espcn", None, {"groups": "0-4:3x2c"}),
    ("sr_nearest_upsample_grid", "sr_nearest_upsample", None, {"groups": "4-5:4x3"}),
    ("se_block_grid", "se_block", None, {"groups": "0-1:4x2c,3-7:2x3"}),
    ("shufflenet_unit_grid", "shufflenet_unit", None, {"groups": "4-9:2x2c"}),
    ("mobilenetv2_block_grid", "mobilenetv2_block", None, {"groups": "0-3:1x4"}),
    ("pix2pix_unet_skip_recompute_grid", "pix2pix_unet", None, {"groups": "0-4:2x2c,20-41:4x4r3c"}),
]


def tiling_cases():
    import networks
    for name, net, size, tiling in TILING_CASES:
        model, x = networks.build(net, size=size)
        yield name, model, (x,), 13, tiling


def example_cases():
    import networks
    for name in sorted(networks.NETWORKS):
        model, x = networks.build(name)
        yield name, model, (x,), 13, None


def sweep_cases():
    import sweep
    import torch
    for i, (name, module, shape, opset) in enumerate(sweep.cases()):
        x = torch.randn(*shape, generator=torch.Generator().manual_seed(i))
        yield name, module, (x,), opset, None


def real_cases():
    import real_nets
    import torch
    for i, (name, module, shape, opset) in enumerate(real_nets.cases()):
        x = torch.randn(*shape, generator=torch.Generator().manual_seed(i))
        yield name, module, (x,), opset, None


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--suite", choices=["examples", "sweep", "tiling", "real"], required=True)
    p.add_argument("--huge-compile", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--shard", default="0/1")
    p.add_argument("--only", default="", help="run only the cases whose name contains "
                   "one of these comma-separated texts")
    p.add_argument("--exclude", default="", help="leave out the cases named exactly so "
                   "(comma-separated); they are not run and not counted")
    p.add_argument("--untangle", choices=["phases", "split", "none"], default="phases")
    p.add_argument("--arch", choices=["host", "aarch64"], default="host",
                   help="aarch64: build for AArch64 (NEON) and run under qemu-aarch64 "
                        "instead of the sanitized host builds")
    p.add_argument("--target", choices=["c", "neon", "opencl"], default="c",
                   help="opencl: compile for the OpenCL target and run on the first "
                        "OpenCL device (PoCL here); neon: compile for the NEON target "
                        "and run as --arch aarch64 does")
    args = p.parse_args()
    if args.target == "neon":
        args.arch = "aarch64"
    elif args.target == "opencl" and args.arch != "host":
        p.error("--target opencl runs on the host's OpenCL device")
    shard, shards = map(int, args.shard.split("/"))
    import warnings
    warnings.filterwarnings("ignore")
    cases = {"examples": example_cases, "sweep": sweep_cases,
             "tiling": tiling_cases, "real": real_cases}[args.suite]()
    passed = failed = same = 0
    for index, (name, model, inputs, opset, tiling) in enumerate(cases):
        if index % shards != shard or not any(o in name for o in args.only.split(",")):
            continue
        if name in args.exclude.split(","):
            continue
        try:
            err, note = check_case(name, model, inputs, opset, args,
                                   byte_identical=args.suite == "examples" and
                                   args.arch == "host", tiling=tiling)
            passed += 1
            print(f"PASS {name} (opset {opset}, rel err {err:.2e}{', ' if note else ''}{note})",
                  flush=True)
        except SameAsDefault as e:
            same += 1
            shutil.rmtree(os.path.join(args.work, name), ignore_errors=True)
            print(f"SAME {name}: {e}", flush=True)
        except CaseFailure as e:
            failed += 1
            print(f"FAIL {name} (opset {opset}): {e}", flush=True)
        except Exception:  # an exporter or harness problem is a failure too
            failed += 1
            print(f"FAIL {name}: {traceback.format_exc()}", flush=True)
    if same:
        print(f"{same} cases generate the code another suite runs: not run again, "
              "not counted")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed + same > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
