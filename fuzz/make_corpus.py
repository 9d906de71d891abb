#!/usr/bin/python3
"""Writes the fuzzers' seed corpora.

  OUT/onnx/  every model test/Inputs/onnx_models.py builds (valid and
             hostile) and the small example networks, exported from PyTorch
  OUT/mlir/  every case of the huge-dialect lit tests (split at `// -----`),
             and the ONNX seeds imported with huge-translate

usage: make_corpus.py --huge-translate PATH OUT
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "test", "Inputs"))
sys.path.insert(0, os.path.join(ROOT, "examples"))

# Seeds above this size are left out: mutating and compiling them is slow,
# and the smaller networks hold the same operators.
MAX_SEED_BYTES = 256 << 10

# Small enough that one compile takes well under a second.
NETWORKS = {"dcgan_generator": None, "deeplabv3_aspp": None, "erfnet_decoder": None,
            "shufflenet_unit": (8, 8), "mobilenetv2_block": (8, 8), "fsrcnn": (8, 8),
            "espcn": (8, 8), "sr_nearest_upsample": (4, 4), "se_block": (8, 8),
            "pix2pix_unet": (32, 32), "resnext_block": (8, 8), "fcn8s": (32, 32),
            "yolov2_tiny_front": (32, 32)}


def onnx_seeds(out):
    import onnx_models
    with open(onnx_models.__file__) as f:
        names = sorted(set(re.findall(r'name == "([a-z0-9_]+)"', f.read())))
    names += ["dilation_2p63", "external_data", "external_dotdot", "external_symlink"]
    for name in names:
        folder = tempfile.mkdtemp()
        try:
            path = os.path.join(folder, "m.onnx")
            onnx_models.build(name, path)
            shutil.copy(path, os.path.join(out, f"{name}.onnx"))
        except (SystemExit, Exception) as e:  # a builder that needs files
            print(f"skipped {name}: {e}", file=sys.stderr)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    import export_onnx
    import networks
    for name, size in NETWORKS.items():
        model, x = networks.build(name, size=size)
        path = os.path.join(out, f"{name}.onnx")
        export_onnx.export(model, x, path)
        if os.path.getsize(path) > MAX_SEED_BYTES:
            os.remove(path)


def mlir_seeds(out, onnx_dir, translate):
    lit = os.path.join(ROOT, "test", "Dialect", "Huge")
    for fname in sorted(os.listdir(lit)):
        if not fname.endswith(".mlir"):
            continue
        text = open(os.path.join(lit, fname)).read()
        for i, case in enumerate(re.split(r"^// -----$", text, flags=re.M)):
            body = "\n".join(l for l in case.splitlines() if not l.startswith("//"))
            if body.strip():
                with open(os.path.join(out, f"{fname[:-5]}.{i}.mlir"), "w") as f:
                    f.write(body.strip() + "\n")
    for fname in sorted(os.listdir(onnx_dir)):
        p = subprocess.run([translate, "--import-onnx", os.path.join(onnx_dir, fname)],
                           capture_output=True, text=True)
        if p.returncode == 0 and len(p.stdout) <= MAX_SEED_BYTES:
            with open(os.path.join(out, fname[:-5] + ".mlir"), "w") as f:
                f.write(p.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--huge-translate", required=True)
    ap.add_argument("out")
    a = ap.parse_args()
    warnings.filterwarnings("ignore")
    for sub in ("onnx", "mlir"):
        shutil.rmtree(os.path.join(a.out, sub), ignore_errors=True)
        os.makedirs(os.path.join(a.out, sub))
    onnx_seeds(os.path.join(a.out, "onnx"))
    mlir_seeds(os.path.join(a.out, "mlir"), os.path.join(a.out, "onnx"), a.huge_translate)
    for sub in ("onnx", "mlir"):
        print(f"{sub}: {len(os.listdir(os.path.join(a.out, sub)))} seeds")


if __name__ == "__main__":
    main()
