#!/usr/bin/python3
"""Exports an example network to ONNX with its input and PyTorch's output.

usage: export_onnx.py NAME OUTDIR [--opset N]
writes OUTDIR/NAME.onnx, OUTDIR/NAME.input0.bin, OUTDIR/NAME.expected0.bin
(raw little-endian float32, NCHW).
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import networks  # noqa: E402


def export(model, inputs, path, opset=13):
    """Writes `model` to `path` and returns PyTorch's outputs as a list."""
    if not isinstance(inputs, (tuple, list)):
        inputs = (inputs,)
    with torch.no_grad():
        out = model(*inputs)
    outs = list(out) if isinstance(out, (tuple, list)) else [out]
    torch.onnx.export(model, tuple(inputs), path, opset_version=opset,
                      input_names=[f"input{i}" for i in range(len(inputs))],
                      output_names=[f"output{i}" for i in range(len(outs))],
                      do_constant_folding=True)
    return outs


def write_case(model, inputs, outdir, name, opset=13):
    if not isinstance(inputs, (tuple, list)):
        inputs = (inputs,)
    outs = export(model, inputs, os.path.join(outdir, name + ".onnx"), opset)
    for i, x in enumerate(inputs):
        x.detach().numpy().astype("<f4").tofile(os.path.join(outdir, f"{name}.input{i}.bin"))
    for i, y in enumerate(outs):
        y.detach().numpy().astype("<f4").tofile(os.path.join(outdir, f"{name}.expected{i}.bin"))
    return len(inputs), len(outs)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("name", choices=sorted(networks.NETWORKS))
    p.add_argument("outdir")
    p.add_argument("--opset", type=int, default=13)
    a = p.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    model, x = networks.build(a.name)
    write_case(model, x, a.outdir, a.name, a.opset)


if __name__ == "__main__":
    main()
