#!/usr/bin/python3
"""Bad input must end with exit status 1 and an `error:` line: never a crash,
an assert or a silently produced output, and nothing written anywhere (the
output folder is not even created).

usage: run_robustness.py --huge-compile PATH --work DIR
"""
import argparse
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "Inputs"))
import onnx_models  # noqa: E402

INVALID_MLIR = {
    "syntax.mlir": "func.func @main(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {\n  %0 = huge.relu %x :\n}\n",
    "verifier.mlir": ("func.func @main(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>) -> tensor<1x8x8x8xf32> {\n"
                      "  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>,"
                      " dilations = array<i64: 1, 1>, groups = 3} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>)"
                      " -> tensor<1x8x8x8xf32>\n  return %0 : tensor<1x8x8x8xf32>\n}\n"),
    "two_functions.mlir": ("func.func @a(%x: tensor<1xf32>) -> tensor<1xf32> { return %x : tensor<1xf32> }\n"
                           "func.func @b(%x: tensor<1xf32>) -> tensor<1xf32> { return %x : tensor<1xf32> }\n"),
    "foreign_op.mlir": ("func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {\n"
                        "  %0 = \"other.op\"(%x) : (tensor<4xf32>) -> tensor<4xf32>\n"
                        "  return %0 : tensor<4xf32>\n}\n"),
}

# (case name, how to make the input, extra arguments, text the error must contain)
ONNX_CASES = [
    ("negative_pads", "negative_pads", "pads"),
    ("output_padding_ge_stride", "output_padding_ge_stride", "output_pad"),
    ("groups_not_dividing", "groups_not_dividing", "expects groups to divide the 4 input channels"),
    ("short_weights", "short_weights", "initializer 'w' holds 100 bytes"),
    ("overflowing_dims", "overflowing_dims", "initializer 'w' has a negative dimension or more than 2^31-1"),
    ("overflowing_input", "overflowing_input", "graph input 'x' has more than 2^31-1 elements"),
    ("dynamic_input", "dynamic_input", "dynamic or non-positive dimension 'N'"),
    ("cycle", "cycle", "topologically sorted"),
    ("undefined_tensor", "undefined_tensor", "nowhere"),
    ("unsupported_op", "unsupported_op", "unsupported operator(s): Erf, Einsum"),
    ("kernel_too_large", "bad_kernel_fit", "node 'big_kernel' (Conv)"),
    ("external_dotdot", "external_dotdot", "leaves the model's folder"),
    ("external_absolute", "external_absolute", "absolute path '/etc/passwd'"),
    ("external_symlink", "external_symlink", "resolves outside the model's folder"),
    ("external_short", "external_short", "too short"),
]


def run_case(args, name, model_path, extra, expect):
    out = os.path.join(args.work, name + ".out")
    before = set(os.listdir(os.path.dirname(model_path)))
    p = subprocess.run([args.huge_compile, model_path, "-o", out, *extra],
                       capture_output=True, text=True, timeout=120)
    after = set(os.listdir(os.path.dirname(model_path)))
    problems = []
    if p.returncode != 1:
        problems.append(f"exit status {p.returncode}, expected 1")
    if "error:" not in p.stderr:
        problems.append("no 'error:' line")
    if expect and expect not in p.stderr:
        problems.append(f"message lacks {expect!r}")
    if "Stack dump" in p.stderr or "Assertion" in p.stderr or "LLVM ERROR" in p.stderr:
        problems.append("crashed")
    if os.path.exists(out) or after != before:
        problems.append(f"wrote files: {sorted(after - before)}")
    first = p.stderr.strip().splitlines()[0] if p.stderr.strip() else ""
    return problems, first


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--huge-compile", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    cases = []

    good = os.path.join(args.work, "good")
    os.makedirs(good)
    onnx_models.build("conv_same_bn_relu", os.path.join(good, "good.onnx"))
    data = open(os.path.join(good, "good.onnx"), "rb").read()

    def file_case(name, contents, suffix=".onnx"):
        d = os.path.join(args.work, name)
        os.makedirs(d)
        path = os.path.join(d, "model" + suffix)
        with open(path, "wb") as f:
            f.write(contents)
        return path

    cases.append(("truncated_file", file_case("truncated", data[: len(data) // 2]), [], "not a valid ONNX model"))
    import random
    rng = random.Random(7)
    for i in range(3):
        blob = bytes(rng.getrandbits(8) for _ in range(256 + 97 * i))
        cases.append((f"random_bytes_{i}", file_case(f"random{i}", blob), [], ""))
    cases.append(("empty_file", file_case("empty", b""), [], ""))
    for name, builder, expect in ONNX_CASES:
        d = os.path.join(args.work, name, "inner")
        os.makedirs(d)
        path = os.path.join(d, "model.onnx")
        onnx_models.build(builder, path)
        cases.append((name, path, [], expect))
    for fname, text in INVALID_MLIR.items():
        cases.append((fname, file_case(fname.split(".")[0], text.encode(), ".mlir"), [], ""))
    good_path = os.path.join(good, "good.onnx")
    cases.append(("missing_file", os.path.join(good, "missing.onnx"), [], "no such file"))
    os.makedirs(os.path.join(args.work, "folder.onnx"))
    cases.append(("directory_input", os.path.join(args.work, "folder.onnx"), [], "is a directory"))
    cases.append(("bad_name", good_path, ["--name", "1bad-name"], "not a valid C identifier"))
    cases.append(("keyword_name", good_path, ["--name", "static"], "not a valid C identifier"))
    cases.append(("unknown_target", good_path, ["--target", "fpga"], "unknown target 'fpga'"))
    cases.append(("unknown_untangle", good_path, ["--untangle", "some"], "unknown --untangle 'some'"))
    cases.append(("bad_budget", good_path, ["--memory-budget", "-5"], "is not a size"))
    chain = ("func.func @main(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {\n"
             "  %a = huge.relu %x : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>\n"
             "  %b = huge.tanh %a : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>\n"
             "  %c = huge.add %a, %b : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>\n"
             "  return %c : tensor<1x4x8x8xf32>\n}\n")
    cases.append(("infeasible_budget", file_case("budget", chain.encode(), ".mlir"),
                  ["--memory-budget", "200"],
                  "smallest arena huge-tile-fuse finds for this model is 256 bytes"))
    cases.append(("bad_tile_groups", file_case("groups", chain.encode(), ".mlir"),
                  ["--tile-groups", "2-0:4"], "cannot parse groups '2-0:4'"))
    cases.append(("invalid_tile_group", file_case("group", chain.encode(), ".mlir"),
                  ["--tile-groups", "0-1:2"], "layers 0-1 cannot form a group"))
    cases.append(("unknown_extension", file_case("ext", data, ".pb"), [], "unknown extension"))

    passed = failed = 0
    for name, path, extra, expect in cases:
        problems, first = run_case(args, name, path, extra, expect)
        if problems:
            failed += 1
            print(f"FAIL {name}: {'; '.join(problems)}\n     stderr: {first}")
        else:
            passed += 1
            print(f"PASS {name}: {first}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
