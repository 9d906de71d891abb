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
    ("unsupported_op", "unsupported_op", "unsupported operator(s): IsNaN, Einsum"),
    ("kernel_too_large", "bad_kernel_fit", "node 'big_kernel' (Conv)"),
    ("external_dotdot", "external_dotdot", "leaves the model's folder"),
    ("external_absolute", "external_absolute", "absolute path '/etc/passwd'"),
    ("external_symlink", "external_symlink", "resolves outside the model's folder"),
    ("external_short", "external_short", "too short"),
    # A declared shape is not believed before the data agrees with it: no
    # allocation sized from one number.
    ("huge_declared_bias", "huge_declared_bias",
     "initializer 'b' holds 128 bytes of data, expected 8589934588"),
    ("huge_declared_float_data", "huge_declared_float_data",
     "initializer 'b' holds 8 values, expected 2147483647"),
    ("huge_constant_of_shape", "huge_constant_of_shape",
     "node 'fill' (ConstantOfShape): cannot be evaluated on its constant inputs: "
     "the result [32768, 32768] has more elements than the limits allow"),
    # Attributes ONNX's own shape inference divides by: checked before it runs.
    ("conv_stride_zero", "conv_stride_zero", "node 'conv1' (Conv): has strides 0 out of range"),
    ("conv_dilation_zero", "conv_dilation_zero", "node 'conv1' (Conv): has dilations 0 out of range"),
    ("pool_stride_zero", "pool_stride_zero", "node 'pool' (MaxPool): has strides 0 out of range"),
    ("pool_kernel_zero", "pool_kernel_zero", "node 'pool' (AveragePool): has kernel_shape 0"),
    ("depth_to_space_huge_blocksize", "depth_to_space_huge_blocksize",
     "node 'd2s' (DepthToSpace): has blocksize 1099511627776 out of range"),
    ("depth_to_space_zero_blocksize", "depth_to_space_zero_blocksize",
     "node 'd2s' (DepthToSpace): has blocksize 0 out of range"),
    # Attributes that would wrap in the generated code's int fields.
    ("dilation_2p63", "dilation_2p63", "node 'conv1' (Conv): has dilations 9223372036854775807"),
    ("dilation_2p40", "dilation_2p40", "node 'conv1' (Conv): has dilations 1099511627776"),
    ("dilation_2p32", "dilation_2p32", "node 'conv1' (Conv): has dilations 4294967296"),
    ("stride_2p40", "stride_2p40", "node 'conv1' (Conv): has strides 1099511627776"),
    ("pads_2p62", "pads_2p62", "node 'conv1' (Conv): has pads 4611686018427387904"),
    ("deconv_huge_stride", "deconv_huge_stride", "node 'deconv' (ConvTranspose): has strides 8589934592"),
    ("group_2p40", "group_2p40", "node 'conv1' (Conv): has group 1099511627776"),
    ("resize_huge_scale", "resize_huge_scale", "node 'resize' (Resize): scales axis 2 of extent 8"),
    # Inference only: training mode is rejected, as BatchNormalization's is.
    ("dropout_training", "dropout_training", "node 'drop' (Dropout): training_mode = 1 is not supported"),
    # Only regular files are read: a pipe would block forever.
    ("external_fifo", "external_fifo", "external data 'pipe.bin' that is not a regular file"),
    ("external_device", "external_device", "resolves outside the model's folder"),
    ("external_folder", "external_folder", "external data 'sub' that is not a regular file"),
]


def run_case(args, name, model_path, extra, expect):
    out = os.path.join(args.work, name + ".out")
    folder = os.path.dirname(model_path)
    before = set(os.listdir(folder)) if os.path.isdir(folder) else set()
    try:
        p = subprocess.run([args.huge_compile, model_path, "-o", out, *extra],
                           capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return ["hung (no exit within 120 s)"], ""
    after = set(os.listdir(folder)) if os.path.isdir(folder) else set()
    problems = []
    if p.returncode != 1:
        problems.append(f"exit status {p.returncode}, expected 1")
    if "error:" not in p.stderr:
        problems.append("no 'error:' line")
    if expect and expect not in p.stderr:
        problems.append(f"message lacks {expect!r}")
    if "\x1b" in p.stderr:
        problems.append("a terminal escape reached stderr")
    if p.returncode < 0:
        problems.append(f"killed by signal {-p.returncode}")
    if any(s in p.stderr for s in ("Stack dump", "Assertion", "LLVM ERROR", "Sanitizer",
                                   "runtime error:")):
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
    # Two branches joined by an add (a run of element-wise ops would fuse
    # into one chain, with one tensor less to hold).
    chain = ("func.func @main(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {\n"
             "  %a = huge.relu %x : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>\n"
             "  %b = huge.tanh %x : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>\n"
             "  %c = huge.add %a, %b : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>\n"
             "  return %c : tensor<1x4x8x8xf32>\n}\n")
    cases.append(("infeasible_budget", file_case("budget", chain.encode(), ".mlir"),
                  ["--memory-budget", "100"],
                  "smallest arena huge-tile-fuse finds for this model is 128 bytes"))
    cases.append(("bad_tile_groups", file_case("groups", chain.encode(), ".mlir"),
                  ["--tile-groups", "2-0:4"], "cannot parse groups '2-0:4'"))
    cases.append(("invalid_tile_group", file_case("group", chain.encode(), ".mlir"),
                  ["--tile-groups", "0-1:2"], "layers 0-1 cannot form a group"))
    cases.append(("unknown_extension", file_case("ext", data, ".pb"), [], "unknown extension"))
    # The model itself a pipe: never opened for reading.
    fifo_dir = os.path.join(args.work, "fifo_model")
    os.makedirs(fifo_dir)
    os.mkfifo(os.path.join(fifo_dir, "model.onnx"))
    cases.append(("fifo_model", os.path.join(fifo_dir, "model.onnx"), [], "is not a regular file"))
    # Limits a user sets.
    cases.append(("max_weights", good_path, ["--max-weights", "64"],
                  "brings the model's constant data to 216 bytes, above the limit of 64"))
    cases.append(("max_tensor", good_path, ["--max-tensor-size", "256"],
                  "graph input 'x' has 588 bytes, above the limit of 256"))
    cases.append(("max_model", good_path, ["--max-model-size", "100"], "above the limit of 100 bytes"))
    cases.append(("max_arena", file_case("arena", chain.encode(), ".mlir"),
                  ["--max-arena-size", "1KiB"], "needs an arena of 2048 bytes, above the limit of 1024"))
    cases.append(("bad_limit", good_path, ["--max-weights", "lots"], "--max-weights 'lots' is not a size"))
    huge_type = ("func.func @main(%x: tensor<1x4xf32>) -> tensor<65536x65536xf32> {\n"
                 "  %c = huge.constant dense<1.0> : tensor<65536x65536xf32>\n"
                 "  return %c : tensor<65536x65536xf32>\n}\n")
    huge_extent = ("func.func @main(%x: tensor<1x1x9223372036854775807x1xf32>, %w: tensor<1x1x1x1xf32>)"
                   " -> tensor<1x1x1x1xf32> {\n"
                   "  %0 = huge.conv2d %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>,"
                   " dilations = array<i64: 1, 1>, groups = 1} : (tensor<1x1x9223372036854775807x1xf32>,"
                   " tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32>\n  return %0 : tensor<1x1x1x1xf32>\n}\n")
    cases.append(("mlir_huge_extent", file_case("hugeextent", huge_extent.encode(), ".mlir"), [],
                  "above the limit of 536870912 elements"))
    cases.append(("mlir_huge_tensor", file_case("hugetype", huge_type.encode(), ".mlir"), [],
                  "above the limit of 536870912 elements"))
    # A squeeze-and-excitation network under a budget: tiled, or rejected
    # with the smallest arena found; never a crash in the tiling search.
    se_dir = os.path.join(args.work, "se_block")
    os.makedirs(se_dir)
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "examples"))
    import export_onnx
    import networks
    se_model, se_x = networks.build("se_block")
    export_onnx.write_case(se_model, se_x, se_dir, "se_block")
    cases.append(("se_block_half_budget", os.path.join(se_dir, "se_block.onnx"),
                  ["--memory-budget", "65536"],
                  "memory budget of 65536 bytes is infeasible: the smallest arena"))

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
