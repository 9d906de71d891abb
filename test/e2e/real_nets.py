"""Architectures other people wrote, as a user exports them: torchvision's
MobileNetV3, ShuffleNetV2, EfficientNet and LR-ASPP with random weights, and
a CycleGAN-style generator (reflection padding, instance norm, transposed
convolutions). Small inputs keep the suite fast; the layers are the real
ones. Nothing is downloaded (weights=None).
"""
import torch
import torch.nn as nn


class _Out(nn.Module):
    """Returns the tensor output of a segmentation model's dict."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        y = self.net(x)
        return y["out"] if isinstance(y, dict) else y


class _ResnetBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.block = nn.Sequential(
            nn.ReflectionPad2d(1), nn.Conv2d(c, c, 3), nn.InstanceNorm2d(c, affine=True), nn.ReLU(True),
            nn.ReflectionPad2d(1), nn.Conv2d(c, c, 3), nn.InstanceNorm2d(c, affine=True))

    def forward(self, x):
        return x + self.block(x)


def cyclegan_generator(ngf=16, blocks=2):
    """The ResNet generator of CycleGAN / pix2pix (Zhu et al.), narrower."""
    layers = [nn.ReflectionPad2d(3), nn.Conv2d(3, ngf, 7), nn.InstanceNorm2d(ngf, affine=True), nn.ReLU(True)]
    c = ngf
    for _ in range(2):
        layers += [nn.Conv2d(c, 2 * c, 3, stride=2, padding=1), nn.InstanceNorm2d(2 * c, affine=True),
                   nn.ReLU(True)]
        c *= 2
    layers += [_ResnetBlock(c) for _ in range(blocks)]
    for _ in range(2):
        layers += [nn.ConvTranspose2d(c, c // 2, 3, stride=2, padding=1, output_padding=1),
                   nn.InstanceNorm2d(c // 2, affine=True), nn.ReLU(True)]
        c //= 2
    layers += [nn.ReflectionPad2d(3), nn.Conv2d(c, 3, 7), nn.Tanh()]
    return nn.Sequential(*layers)


def _randomize_norms(net):
    """Random statistics and affine parameters, so normalization is not an
    identity the test could not tell from a missing layer."""
    for m in net.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.2, 0.2)
            m.running_var.uniform_(0.5, 1.5)
        if isinstance(m, (nn.BatchNorm2d, nn.InstanceNorm2d)) and m.affine:
            with torch.no_grad():
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)


def cases():
    """(name, module, input shape, opset)."""
    import torchvision.models as tvm
    seg = tvm.segmentation
    nets = [
        ("mobilenet_v3_small", lambda: tvm.mobilenet_v3_small(weights=None), 64, 13),
        ("mobilenet_v3_small_hardswish_op", lambda: tvm.mobilenet_v3_small(weights=None), 64, 14),
        ("shufflenet_v2_x0_5", lambda: tvm.shufflenet_v2_x0_5(weights=None), 64, 13),
        ("efficientnet_b0", lambda: tvm.efficientnet_b0(weights=None), 64, 13),
        ("lraspp_mobilenet_v3", lambda: _Out(seg.lraspp_mobilenet_v3_large(
            weights=None, weights_backbone=None, num_classes=4)), 64, 13),
        ("cyclegan_generator", cyclegan_generator, 64, 13),
    ]
    out = []
    for i, (name, build, size, opset) in enumerate(nets):
        torch.manual_seed(100 + i)
        net = build()
        _randomize_norms(net)
        out.append((name, net.eval(), (1, 3, size, size), opset))
    return out
