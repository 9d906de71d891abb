#!/usr/bin/python3
"""Builds small ONNX models with onnx.helper for the import and robustness
tests: valid ones exercising one import feature each, and malformed ones.

usage: onnx_models.py NAME OUT.onnx
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

F = TensorProto.FLOAT


def const(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def model(nodes, inputs, outputs, inits=(), opset=13, check=True):
    g = helper.make_graph(nodes, "g", inputs, outputs, list(inits))
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)])
    m.ir_version = 8
    if check:
        onnx.checker.check_model(m)
    return m


def vi(name, shape):
    return helper.make_tensor_value_info(name, F, shape)


def unknown(name, rank):
    """An output whose shape ONNX's inference fills in."""
    return helper.make_tensor_value_info(name, F, [None] * rank)


def conv_model(pads=(1, 1, 1, 1), group=1, cin=4, cout=8, w=None, opset=13, **attrs):
    w = np.arange(cout * (cin // max(group, 1)) * 9, dtype=np.float32).reshape(
        cout, cin // max(group, 1), 3, 3) * 0.01 if w is None else w
    node = helper.make_node("Conv", ["x", "w"], ["y"], name="conv1", pads=list(pads),
                            group=group, **attrs)
    return model([node], [vi("x", [1, cin, 8, 8])], [unknown("y", 4)], [const("w", w)],
                 opset=opset, check=False)


def build(name, out):
    m = None
    if name == "conv_same_bn_relu":
        # auto_pad SAME_UPPER with stride 2 on 7x7: total pad 2 -> [1, 1, 1, 1]
        nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv", auto_pad="SAME_UPPER",
                                  strides=[2, 2]),
                 helper.make_node("BatchNormalization", ["c", "s", "b", "m", "v"], ["n"], name="bn",
                                  epsilon=1e-3),
                 helper.make_node("Relu", ["n"], ["y"], name="relu")]
        inits = [const("w", np.ones((2, 3, 3, 3), np.float32)), const("s", np.ones(2, np.float32)),
                 const("b", np.zeros(2, np.float32)), const("m", np.zeros(2, np.float32)),
                 const("v", np.ones(2, np.float32))]
        m = model(nodes, [vi("x", [1, 3, 7, 7])], [vi("y", [1, 2, 4, 4])], inits, opset=11)
    elif name == "conv_chain":
        # three 3x3 convolutions of 4 channels on 16x16, each with a relu
        nodes, inits, x = [], [], "x"
        for i in range(3):
            nodes += [helper.make_node("Conv", [x, f"w{i}"], [f"c{i}"], name=f"conv{i}",
                                       pads=[1, 1, 1, 1]),
                      helper.make_node("Relu", [f"c{i}"], [f"r{i}"], name=f"relu{i}")]
            inits.append(const(f"w{i}", np.full((4, 4, 3, 3), 0.01 * (i + 1), np.float32)))
            x = f"r{i}"
        nodes[-1].output[0] = "y"
        m = model(nodes, [vi("x", [1, 4, 16, 16])], [vi("y", [1, 4, 16, 16])], inits)
    elif name == "shape_subgraph":
        # y = Reshape(x, Concat(Unsqueeze(Gather(Shape(x), 0)), [-1])), as
        # PyTorch exports flatten(x, 1).
        nodes = [helper.make_node("Shape", ["x"], ["s"], name="shape"),
                 helper.make_node("Gather", ["s", "zero"], ["n"], name="gather", axis=0),
                 helper.make_node("Unsqueeze", ["n", "axes"], ["n1"], name="unsqueeze"),
                 helper.make_node("Concat", ["n1", "minus1"], ["shape"], name="concat", axis=0),
                 helper.make_node("Reshape", ["x", "shape"], ["y"], name="reshape")]
        inits = [const("zero", np.array(0, np.int64)), const("axes", np.array([0], np.int64)),
                 const("minus1", np.array([-1], np.int64))]
        m = model(nodes, [vi("x", [2, 3, 4, 5])], [vi("y", [2, 60])], inits, opset=13)
    elif name == "identity_dropout_constant":
        nodes = [helper.make_node("Identity", ["x"], ["i"], name="id"),
                 helper.make_node("Dropout", ["i"], ["d"], name="drop"),
                 helper.make_node("Constant", [], ["c"], name="const",
                                  value=helper.make_tensor("cv", F, [1], [2.5])),
                 helper.make_node("Mul", ["d", "c"], ["y"], name="mul")]
        m = model(nodes, [vi("x", [1, 2, 3, 3])], [vi("y", [1, 2, 3, 3])], opset=13)
    elif name == "resize_sizes_clip":
        nodes = [helper.make_node("Resize", ["x", "", "", "sizes"], ["r"], name="resize",
                                  mode="linear", coordinate_transformation_mode="align_corners"),
                 helper.make_node("Clip", ["r", "lo", "hi"], ["y"], name="clip")]
        inits = [const("sizes", np.array([1, 2, 9, 7], np.int64)),
                 const("lo", np.array(0.0, np.float32)), const("hi", np.array(6.0, np.float32))]
        m = model(nodes, [vi("x", [1, 2, 3, 4])], [vi("y", [1, 2, 9, 7])], inits, opset=13)
    elif name == "external_data" or name.startswith("external_"):
        w = np.array([[[[1.5]]], [[[-2.0]]]], np.float32)
        t = const("w", w)
        location = {"external_data": "weights.bin", "external_dotdot": "../weights.bin",
                    "external_absolute": "/etc/passwd", "external_symlink": "link.bin",
                    "external_short": "weights.bin", "external_fifo": "pipe.bin",
                    "external_device": "device.bin", "external_folder": "sub"}[name]
        folder = os.path.dirname(os.path.abspath(out))
        data = w.tobytes() if name != "external_short" else w.tobytes()[:4]
        if name in ("external_data", "external_short"):
            with open(os.path.join(folder, "weights.bin"), "wb") as f:
                f.write(data)
        if name == "external_symlink":
            outside = os.path.join(os.path.dirname(folder), "outside.bin")
            with open(outside, "wb") as f:
                f.write(data)
            link = os.path.join(folder, "link.bin")
            if os.path.lexists(link):
                os.remove(link)
            os.symlink(outside, link)
        if name == "external_fifo":
            # A named pipe nobody writes to: reading it would block forever.
            fifo = os.path.join(folder, "pipe.bin")
            if not os.path.exists(fifo):
                os.mkfifo(fifo)
        if name == "external_device":
            # A link inside the folder to a character device outside it.
            link = os.path.join(folder, "device.bin")
            if not os.path.lexists(link):
                os.symlink("/dev/zero", link)
        if name == "external_folder":
            os.makedirs(os.path.join(folder, "sub"), exist_ok=True)
        t.ClearField("raw_data")
        t.data_location = TensorProto.EXTERNAL
        for k, v in (("location", location), ("offset", "0"), ("length", str(len(w.tobytes())))):
            e = t.external_data.add()
            e.key, e.value = k, v
        node = helper.make_node("Conv", ["x", "w"], ["y"], name="conv")
        m = model([node], [vi("x", [1, 1, 2, 2])], [unknown("y", 4)], [t], opset=13, check=False)
    elif name == "negative_pads":
        m = conv_model(pads=(-1, 0, 0, 0))
    elif name == "groups_not_dividing":
        m = conv_model(group=3, cin=4, cout=6, w=np.zeros((6, 1, 3, 3), np.float32))
    elif name == "output_padding_ge_stride":
        node = helper.make_node("ConvTranspose", ["x", "w"], ["y"], name="deconv", strides=[2, 2],
                                output_padding=[2, 0], pads=[1, 1, 1, 1])
        m = model([node], [vi("x", [1, 4, 5, 5])], [unknown("y", 4)],
                  [const("w", np.zeros((4, 2, 4, 4), np.float32))], check=False)
    elif name == "short_weights":
        t = const("w", np.zeros((8, 4, 3, 3), np.float32))
        t.raw_data = t.raw_data[:100]  # truncated payload
        node = helper.make_node("Conv", ["x", "w"], ["y"], name="conv1", pads=[1, 1, 1, 1])
        m = model([node], [vi("x", [1, 4, 8, 8])], [unknown("y", 4)], [t], check=False)
    elif name == "overflowing_dims":
        t = TensorProto(name="w", data_type=F, dims=[1 << 40, 1 << 40])
        node = helper.make_node("Add", ["x", "w"], ["y"], name="add")
        m = model([node], [vi("x", [1, 1])], [unknown("y", 2)], [t], check=False)
    elif name == "overflowing_input":
        node = helper.make_node("Relu", ["x"], ["y"], name="relu")
        m = model([node], [vi("x", [1 << 20, 1 << 20, 4])], [unknown("y", 3)], check=False)
    elif name == "dynamic_input":
        node = helper.make_node("Relu", ["x"], ["y"], name="relu")
        m = model([node], [vi("x", ["N", 3, 8, 8])], [unknown("y", 4)], check=False)
    elif name == "cycle":
        nodes = [helper.make_node("Add", ["x", "b"], ["a"], name="first"),
                 helper.make_node("Relu", ["a"], ["b"], name="second")]
        m = model(nodes, [vi("x", [1, 4])], [vi("b", [1, 4])], check=False)
    elif name == "undefined_tensor":
        node = helper.make_node("Add", ["x", "nowhere"], ["y"], name="add")
        m = model([node], [vi("x", [1, 4])], [unknown("y", 2)], check=False)
    elif name == "unsupported_op":
        nodes = [helper.make_node("Relu", ["x"], ["r"], name="relu"),
                 helper.make_node("IsNaN", ["r"], ["e"], name="isnan"),
                 helper.make_node("Einsum", ["e"], ["y"], name="einsum", equation="ij->ji")]
        m = model(nodes, [vi("x", [2, 2])], [unknown("y", 2)], check=False)
    elif name == "hostile_names":
        # Valid, but named to break what prints names: bytes that are not
        # UTF-8, a comment end, a line splice, a NUL. protobuf's Python
        # strings must be UTF-8, so the bytes go in after serialization, over
        # a placeholder of the same length.
        bad = b"relu \xff\xfe */ int evil; /* ??/\n\\\n\x00 end"
        placeholder = b"N" * len(bad)
        node = helper.make_node("Relu", ["x"], ["y"], name=placeholder.decode())
        m = model([node], [vi("x", [1, 4])], [vi("y", [1, 4])], opset=13)
        with open(out, "wb") as f:
            f.write(m.SerializeToString().replace(placeholder, bad))
        return
    elif name == "dropout_training":
        node = helper.make_node("Dropout", ["x", "ratio", "train"], ["y"], name="drop")
        m = model([node], [vi("x", [1, 4])], [unknown("y", 2)],
                  [const("ratio", np.array(0.5, np.float32)), const("train", np.array(True))],
                  check=False)
    elif name == "flatten_negative_axis":
        # axis -1 keeps the last axis apart: [2, 3, 4, 5] -> [24, 5].
        node = helper.make_node("Flatten", ["x"], ["y"], name="flatten", axis=-1)
        m = model([node], [vi("x", [2, 3, 4, 5])], [vi("y", [24, 5])], opset=13)
    elif name == "reduce_slice_split":
        # ReduceMean with its axes attribute (opset 13), ReduceSum with its
        # axes input, ReduceMax over everything; Slice and Split of a
        # runtime tensor.
        nodes = [helper.make_node("ReduceMean", ["x"], ["mean"], name="mean", axes=[-1, 2], keepdims=0),
                 helper.make_node("ReduceSum", ["x", "axes"], ["sum"], name="sum"),
                 helper.make_node("ReduceMax", ["x"], ["max"], name="max", keepdims=0),
                 helper.make_node("Slice", ["x", "starts", "ends", "sl_axes", "steps"], ["slice"],
                                  name="slice"),
                 helper.make_node("Split", ["x", "split"], ["a", "b"], name="split", axis=1)]
        inits = [const("axes", np.array([1], np.int64)),
                 const("starts", np.array([1, 0], np.int64)), const("ends", np.array([3, 100], np.int64)),
                 const("sl_axes", np.array([1, 3], np.int64)), const("steps", np.array([1, 2], np.int64)),
                 const("split", np.array([1, 3], np.int64))]
        m = model(nodes, [vi("x", [1, 4, 3, 5])],
                  [vi("mean", [1, 4]), vi("sum", [1, 1, 3, 5]), vi("max", []), vi("slice", [1, 2, 3, 3]),
                   vi("a", [1, 1, 3, 5]), vi("b", [1, 3, 3, 5])], inits, opset=13)
    elif name == "conv_1d_deconv_output_shape":
        # A 1-D Conv and MaxPool ([N, C, L]) and transposed convolutions
        # whose pads follow from output_shape and from SAME_UPPER padding.
        nodes = [helper.make_node("Conv", ["s", "w1"], ["c"], name="conv1d", pads=[1, 2], dilations=[2]),
                 helper.make_node("MaxPool", ["c"], ["p"], name="pool1d", kernel_shape=[2], strides=[2]),
                 helper.make_node("ConvTranspose", ["x", "w2"], ["u"], name="up_shape", strides=[3, 2],
                                  output_shape=[10, 8]),
                 helper.make_node("ConvTranspose", ["x", "w2"], ["v"], name="up_same", strides=[2, 2],
                                  auto_pad="SAME_UPPER")]
        inits = [const("w1", np.ones((4, 2, 3), np.float32)),
                 const("w2", np.ones((1, 2, 3, 3), np.float32))]
        m = model(nodes, [vi("s", [1, 2, 9]), vi("x", [1, 1, 3, 3])],
                  [vi("p", [1, 4, 4]), vi("u", [1, 2, 10, 8]), vi("v", [1, 2, 6, 6])], inits, opset=13)
    elif name == "output_shape_lies":
        # The graph output claims [1, 8, 5, 5]; the convolution gives 6x6.
        node = helper.make_node("Conv", ["x", "w"], ["y"], name="conv1", pads=[1, 1, 1, 1])
        m = model([node], [vi("x", [1, 4, 6, 6])], [vi("y", [1, 8, 5, 5])],
                  [const("w", np.zeros((8, 4, 3, 3), np.float32))], check=False)
    elif name == "conv1d_two_strides":
        # A 1-D convolution given two strides.
        node = helper.make_node("Conv", ["x", "w"], ["y"], name="conv1d", strides=[2, 2])
        m = model([node], [vi("x", [1, 2, 9])], [unknown("y", 3)],
                  [const("w", np.ones((4, 2, 3), np.float32))], check=False)
    elif name == "deconv_output_grows_start":
        # SAME_UPPER with an output_shape beyond the full output: the extra
        # row would come first.
        node = helper.make_node("ConvTranspose", ["x", "w"], ["y"], name="up", strides=[2, 2],
                                output_shape=[9, 9], auto_pad="SAME_UPPER")
        m = model([node], [vi("x", [1, 1, 3, 3])], [unknown("y", 4)],
                  [const("w", np.ones((1, 2, 3, 3), np.float32))], check=False)
    elif name == "resize_crop_channels":
        # tf_crop_and_resize cropping the channel axis.
        node = helper.make_node("Resize", ["x", "roi", "", "sizes"], ["y"], name="crop",
                                coordinate_transformation_mode="tf_crop_and_resize")
        m = model([node], [vi("x", [1, 4, 8, 8])], [unknown("y", 4)],
                  [const("roi", np.array([0, 0.5, 0, 0, 1, 1, 1, 1], np.float32)),
                   const("sizes", np.array([1, 4, 4, 4], np.int64))], check=False)
    elif name == "slice_backwards":
        # x[:, ::-1] of a runtime tensor: huge.slice reads forwards only.
        node = helper.make_node("Slice", ["x", "starts", "ends", "axes", "steps"], ["y"], name="flip")
        inits = [const("starts", np.array([-1], np.int64)), const("ends", np.array([-100], np.int64)),
                 const("axes", np.array([1], np.int64)), const("steps", np.array([-1], np.int64))]
        m = model([node], [vi("x", [1, 4, 3, 5])], [vi("y", [1, 4, 3, 5])], inits, opset=13)
    elif name == "split_mismatch":
        # Split sizes that do not add up to the extent.
        node = helper.make_node("Split", ["x", "split"], ["a", "b"], name="split", axis=1)
        m = model([node], [vi("x", [1, 4, 3, 5])], [unknown("a", 4), unknown("b", 4)],
                  [const("split", np.array([1, 2], np.int64))], opset=13, check=False)
    elif name == "huge_declared_bias":
        # 32 values of data, but the declared shape claims 2^31-1 elements.
        t = const("b", np.zeros(32, np.float32))
        del t.dims[:]
        t.dims.append((1 << 31) - 1)
        node = helper.make_node("Conv", ["x", "w", "b"], ["y"], name="conv1", pads=[1, 1, 1, 1])
        m = model([node], [vi("x", [1, 4, 8, 8])], [unknown("y", 4)],
                  [const("w", np.zeros((32, 4, 3, 3), np.float32)), t], check=False)
    elif name == "huge_declared_float_data":
        # The same lie with the values in float_data instead of raw_data.
        t = helper.make_tensor("b", F, [8], [0.0] * 8)
        t.dims[0] = (1 << 31) - 1
        node = helper.make_node("Add", ["x", "b"], ["y"], name="add")
        m = model([node], [vi("x", [1, 8])], [unknown("y", 2)], [t], check=False)
    elif name == "huge_constant_of_shape":
        # A constant subgraph that asks for 2^30 elements from 8 bytes of model.
        nodes = [helper.make_node("ConstantOfShape", ["shape"], ["c"], name="fill"),
                 helper.make_node("Add", ["x", "c"], ["y"], name="add")]
        m = model(nodes, [vi("x", [1, 1])], [unknown("y", 2)],
                  [const("shape", np.array([1 << 15, 1 << 15], np.int64))], check=False)
    elif name == "conv_stride_zero":
        m = conv_model(strides=[0, 0])
    elif name == "conv_dilation_zero":
        m = conv_model(dilations=[0, 1])
    elif name == "pool_stride_zero":
        node = helper.make_node("MaxPool", ["x"], ["y"], name="pool", kernel_shape=[2, 2],
                                strides=[1, 0])
        m = model([node], [vi("x", [1, 4, 8, 8])], [unknown("y", 4)], check=False)
    elif name == "pool_kernel_zero":
        node = helper.make_node("AveragePool", ["x"], ["y"], name="pool", kernel_shape=[0, 2])
        m = model([node], [vi("x", [1, 4, 8, 8])], [unknown("y", 4)], check=False)
    elif name == "depth_to_space_huge_blocksize":
        node = helper.make_node("DepthToSpace", ["x"], ["y"], name="d2s", blocksize=1 << 40)
        m = model([node], [vi("x", [1, 4, 8, 8])], [unknown("y", 4)], check=False)
    elif name == "depth_to_space_zero_blocksize":
        node = helper.make_node("DepthToSpace", ["x"], ["y"], name="d2s", blocksize=0)
        m = model([node], [vi("x", [1, 4, 8, 8])], [unknown("y", 4)], check=False)
    elif name.startswith("dilation_"):
        # A 1x1 convolution whose dilation does not change the output shape.
        d = {"dilation_2p63": (1 << 63) - 1, "dilation_2p40": 1 << 40,
             "dilation_2p32": 1 << 32}[name]
        node = helper.make_node("Conv", ["x", "w"], ["y"], name="conv1", dilations=[d, d])
        m = model([node], [vi("x", [1, 4, 8, 8])], [unknown("y", 4)],
                  [const("w", np.ones((8, 4, 1, 1), np.float32))], check=False)
    elif name == "stride_2p40":
        m = conv_model(strides=[1 << 40, 1])
    elif name == "pads_2p62":
        m = conv_model(pads=(1 << 62, 0, 0, 0))
    elif name == "deconv_huge_stride":
        node = helper.make_node("ConvTranspose", ["x", "w"], ["y"], name="deconv",
                                strides=[1 << 33, 2])
        m = model([node], [vi("x", [1, 4, 5, 5])], [unknown("y", 4)],
                  [const("w", np.zeros((4, 2, 4, 4), np.float32))], check=False)
    elif name == "group_2p40":
        m = conv_model(group=1 << 40)
    elif name == "resize_huge_scale":
        node = helper.make_node("Resize", ["x", "", "scales"], ["y"], name="resize",
                                mode="nearest")
        m = model([node], [vi("x", [1, 4, 8, 8])], [unknown("y", 4)],
                  [const("scales", np.array([1, 1, 1e30, 1e30], np.float32))], check=False)
    elif name == "bad_kernel_fit":
        node = helper.make_node("Conv", ["x", "w"], ["y"], name="big_kernel")
        m = model([node], [vi("x", [1, 1, 2, 2])], [unknown("y", 4)],
                  [const("w", np.zeros((1, 1, 5, 5), np.float32))], check=False)
    else:
        raise SystemExit(f"unknown model {name}")
    onnx.save(m, out)


if __name__ == "__main__":
    build(sys.argv[1], sys.argv[2])
