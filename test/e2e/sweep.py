"""Randomized single-layer cases checked against PyTorch.

Transposed convolutions over kernels 1-7, strides 1-4 (stride > kernel
included), pads, output_padding, dilation 1-2, groups, non-square kernels
and strides; dilated, grouped and depthwise convolutions; and one case per
other operator form the importer supports. Everything derives from a fixed
seed, so the list is the same on every run.
"""
import random

import torch
import torch.nn as nn
import torch.nn.functional as F


class Lambda(nn.Module):
    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def forward(self, *xs):
        return self.fn(*xs)


def _pair(rng, lo, hi, square_bias=0.6):
    a = rng.randint(lo, hi)
    return (a, a) if rng.random() < square_bias else (a, rng.randint(lo, hi))


def transposed_cases(rng, n):
    cases = []
    while len(cases) < n:
        k = _pair(rng, 1, 7)
        s = _pair(rng, 1, 4)
        d = _pair(rng, 1, 2, 0.8)
        groups = rng.choice([1, 1, 1, 2, 4])
        cin = groups * rng.randint(1, 4)
        cout = groups * rng.randint(1, 4)
        h, w = rng.randint(2, 9), rng.randint(2, 9)
        p = tuple(rng.randint(0, d[i] * (k[i] - 1)) for i in range(2))
        op = tuple(rng.randint(0, max(s[i], d[i]) - 1) for i in range(2))
        out = [(hw - 1) * s[i] - 2 * p[i] + d[i] * (k[i] - 1) + op[i] + 1
               for i, hw in enumerate((h, w))]
        if min(out) < 1:
            continue
        layer = nn.ConvTranspose2d(cin, cout, k, s, p, output_padding=op, groups=groups,
                                   bias=rng.random() < 0.7, dilation=d)
        name = f"convT_k{k[0]}x{k[1]}_s{s[0]}x{s[1]}_p{p[0]}x{p[1]}_op{op[0]}x{op[1]}_d{d[0]}x{d[1]}_g{groups}"
        cases.append((name, layer, (1, cin, h, w)))
    return cases


def conv_cases(rng, n, kind):
    cases = []
    while len(cases) < n:
        k = _pair(rng, 1, 5)
        s = _pair(rng, 1, 3, 0.7)
        if kind == "dilated":
            d = _pair(rng, 2, 4)
            groups, cin, cout = 1, rng.randint(1, 8), rng.randint(1, 8)
            s = (1, 1) if rng.random() < 0.6 else s
        elif kind == "grouped":
            d = (1, 1)
            groups = rng.choice([2, 3, 4, 8])
            cin, cout = groups * rng.randint(1, 4), groups * rng.randint(1, 4)
        else:  # depthwise, with channel multiplier
            d = _pair(rng, 1, 2, 0.8)
            groups = rng.randint(1, 16)
            cin, cout = groups, groups * rng.choice([1, 1, 2])
        h, w = rng.randint(4, 14), rng.randint(4, 14)
        p = tuple(rng.randint(0, d[i] * (k[i] - 1) // 2 + 1) for i in range(2))
        out = [(hw + 2 * p[i] - d[i] * (k[i] - 1) - 1) // s[i] + 1 for i, hw in enumerate((h, w))]
        if min(out) < 1:
            continue
        layer = nn.Conv2d(cin, cout, k, s, p, dilation=d, groups=groups, bias=rng.random() < 0.7)
        name = f"{kind}_k{k[0]}x{k[1]}_s{s[0]}x{s[1]}_p{p[0]}x{p[1]}_d{d[0]}x{d[1]}_g{groups}_c{cin}to{cout}"
        cases.append((name, layer, (1, cin, h, w)))
    return cases


def _affine_instance_norm(c):
    """InstanceNorm2d with learned (here random) scale and bias, as CycleGAN
    and pix2pix generators use it."""
    m = nn.InstanceNorm2d(c, affine=True)
    with torch.no_grad():
        m.weight.uniform_(0.5, 1.5)
        m.bias.uniform_(-0.5, 0.5)
    return m


def operator_cases():
    """One case per other operator form, on small fixed shapes."""
    x = (1, 6, 9, 11)
    c = [
        ("maxpool_k3s2p1_ceil", nn.MaxPool2d(3, 2, 1, ceil_mode=True), x),
        ("maxpool_k2s2_dilated", nn.MaxPool2d(2, 1, 0, dilation=2), x),
        ("avgpool_k3s2p1_incl", nn.AvgPool2d(3, 2, 1, count_include_pad=True), x),
        ("avgpool_k3s2p1_excl_ceil", nn.AvgPool2d(3, 2, 1, ceil_mode=True, count_include_pad=False), x),
        ("global_avgpool", nn.AdaptiveAvgPool2d(1), x),
        ("upsample_nearest_x2", nn.Upsample(scale_factor=2, mode="nearest"), x),
        ("upsample_nearest_size", Lambda(lambda t: F.interpolate(t, size=(14, 25), mode="nearest")), x),
        ("upsample_bilinear_x2", nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False), x),
        ("upsample_bilinear_aligned", nn.Upsample(scale_factor=3, mode="bilinear", align_corners=True), x),
        ("upsample_bilinear_size", Lambda(lambda t: F.interpolate(t, size=(5, 20), mode="bilinear")), x),
        ("pixel_shuffle_2", nn.PixelShuffle(2), (1, 8, 5, 7)),
        ("pad_reflect", nn.ReflectionPad2d((1, 2, 3, 1)), x),
        ("pad_replicate", nn.ReplicationPad2d(2), x),
        ("pad_constant", nn.ConstantPad2d((2, 0, 1, 3), 0.5), x),
        ("leaky_relu", nn.LeakyReLU(0.2), x),
        ("prelu_channels", nn.PReLU(6), x),
        ("relu6", nn.ReLU6(), x),
        ("hardtanh", nn.Hardtanh(-0.5, 0.25), x),
        ("sigmoid", nn.Sigmoid(), x),
        ("tanh", nn.Tanh(), x),
        ("softmax_channels", nn.Softmax(dim=1), x),
        ("channel_shuffle", Lambda(lambda t: t.reshape(1, 2, 3, 9, 11).transpose(1, 2).reshape(1, 6, 9, 11)), x),
        ("flatten_linear", nn.Sequential(nn.Flatten(), nn.Linear(6 * 9 * 11, 10)), x),
        ("matmul_batched", Lambda(lambda t: torch.matmul(t, t.transpose(2, 3))), x),
        ("add_mul_broadcast", Lambda(lambda t: t * torch.linspace(-1, 1, 11) + torch.arange(6.0).reshape(6, 1, 1)), x),
        ("sub_div_scalar", Lambda(lambda t: (t - 0.5) / 3.0), x),
        ("concat_width", Lambda(lambda t: torch.cat([t, t * 2.0], 3)), x),
        ("batchnorm_alone", nn.BatchNorm2d(6), x),
        ("hardsigmoid", nn.Hardsigmoid(), (1, 6, 9, 11)),
        ("hardswish", nn.Hardswish(), (1, 6, 9, 11)),
        ("hardswish_old_opset", nn.Hardswish(), (1, 6, 9, 11)),  # opset 11: HardSigmoid * x
        ("unary_math", Lambda(lambda t: torch.sqrt(t.abs() + 0.1) + torch.exp(-t) - torch.log(t.abs() + 1)
                              + torch.reciprocal(t.abs() + 1) + torch.erf(t)), x),
        ("softplus_softsign", nn.Sequential(nn.Softplus(), nn.Conv2d(6, 6, 1), nn.Softsign()), x),
        ("instancenorm", nn.InstanceNorm2d(6), (2, 6, 9, 11)),
        ("instancenorm_affine_block", nn.Sequential(nn.Conv2d(6, 8, 3, padding=1), _affine_instance_norm(8),
                                                    nn.ReLU()), x),
        ("reduce_mean_spatial", nn.Sequential(nn.Conv2d(6, 8, 1), Lambda(lambda t: t.mean((2, 3)))), x),
        ("reduce_sum_max", Lambda(lambda t: t.sum(1, keepdim=True) * t.amax(3, keepdim=True)), x),
        ("split_uneven", Lambda(lambda t: torch.cat([u * (i + 1.0) for i, u in
                                                      enumerate(torch.split(t, [2, 4], dim=1))][::-1], 1)), x),
        ("chunk_shuffle", nn.Sequential(nn.Conv2d(6, 8, 1), Lambda(lambda t: torch.cat(
            [torch.relu(u) if i else -u for i, u in enumerate(t.chunk(2, dim=1))], 1)
            .reshape(1, 2, 4, 9, 11).transpose(1, 2).reshape(1, 8, 9, 11))), x),
        ("slice_strided", Lambda(lambda t: t[:, 1:5, 2:, ::2] * 2.0), x),
        ("silu_gelu_mish", Lambda(lambda t: F.silu(t) + F.gelu(t) + F.mish(t)), x),
        ("conv_silu_tanh", nn.Sequential(nn.Conv2d(6, 8, 3, padding=1), nn.SiLU(), nn.Conv2d(8, 4, 1),
                                         nn.Tanh()), x),
        ("elu_selu_pow", Lambda(lambda t: F.elu(t, 0.7) + F.selu(t) + torch.pow(t, 2) + torch.pow(t.abs(), 0.5)),
         x),
        ("conv_pool_1d", nn.Sequential(nn.Conv1d(6, 8, 3, padding=2, dilation=2), nn.ReLU(),
                                       nn.ConvTranspose1d(8, 4, 4, stride=2, padding=1), nn.MaxPool1d(3, 2, 1),
                                       nn.AvgPool1d(2), nn.Conv1d(4, 4, 3, groups=2)), (1, 6, 40)),
        ("upsample_bilinear_aligned_size", Lambda(lambda t: F.interpolate(t, size=(13, 23), mode="bilinear",
                                                                          align_corners=True)), x),
        ("upsample_bicubic", Lambda(lambda t: F.interpolate(t, scale_factor=2, mode="bicubic")
                                    + F.interpolate(t, size=(18, 22), mode="bicubic", align_corners=True)), x),
        # the 3x3 depthwise tiles at dilations 2 and 3 (rows in dilation
        # classes), one with a fused relu
        ("depthwise3x3_d2", nn.Conv2d(6, 6, 3, 1, 2, dilation=2, groups=6), x),
        ("depthwise3x3_d3_relu", nn.Sequential(nn.Conv2d(6, 6, 3, 1, (3, 1), dilation=3, groups=6),
                                               nn.ReLU()), (1, 6, 14, 37)),
        # the 5x5 and 7x7 depthwise tiles: stride 2, and stride 1 with a
        # fused clip
        ("depthwise5x5_s2", nn.Conv2d(6, 6, 5, 2, 2, groups=6), (1, 6, 14, 37)),
        ("depthwise7x7_relu6", nn.Sequential(nn.Conv2d(6, 6, 7, 1, 3, groups=6), nn.ReLU6()),
         (1, 6, 14, 37)),
        # depthwise layers in runs of pixels (small planes): dilation 4 with
        # taps wholly out of range and a sigmoid after the plane; a 3x1
        # kernel on rows of 20 (vectors crossing row ends) with a fused relu
        ("depthwise_flat_k5d4_sigmoid", nn.Sequential(nn.Conv2d(16, 16, 5, 1, 8, dilation=4, groups=16),
                                                      nn.Sigmoid()), (1, 16, 12, 12)),
        ("depthwise_flat_k3x1_relu", nn.Sequential(nn.Conv2d(8, 8, (3, 1), 1, (1, 0), groups=8), nn.ReLU()),
         (1, 8, 9, 20)),
        # transposed convolutions in output order (few products per output):
        # stride 5 (blocks of 15 columns), and stride 32 (32-lane patterns)
        # with a fused sigmoid
        ("convT_rows_k9s5_relu", nn.Sequential(nn.ConvTranspose2d(1, 40, 9, 5, 2), nn.ReLU()),
         (1, 1, 3, 4)),
        ("convT_rows_k64s32_sigmoid", nn.Sequential(nn.ConvTranspose2d(3, 3, 64, 32, 16, output_padding=7),
                                                    nn.Sigmoid()), (1, 3, 3, 2)),
        ("pow_tensor_floor_ceil", Lambda(lambda t: torch.pow(t.abs() + 0.5, torch.linspace(-1.5, 2.5, 6)
                                                             .reshape(6, 1, 1))
                                          + torch.floor(t * 3.0) - torch.ceil(t * 2.0)), x),
    ]
    return c


def cases(seed=1234):
    """All sweep cases: (name, module, input shape, opset)."""
    rng = random.Random(seed)
    # Modules draw their initial weights when built, below: seeded, so a
    # case has the same model in every run.
    torch.manual_seed(seed)
    layers = (transposed_cases(rng, 60) + conv_cases(rng, 20, "dilated") +
              conv_cases(rng, 15, "grouped") + conv_cases(rng, 15, "depthwise") +
              operator_cases())
    out = []
    opsets = [11, 12, 13, 14, 15, 16, 17]
    for i, (name, module, shape) in enumerate(layers):
        torch.manual_seed(seed + i)
        module.eval()
        for m in module.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 1.5)
        out.append((f"{i:03d}_{name}", module, shape, opsets[i % len(opsets)]))
    return out
