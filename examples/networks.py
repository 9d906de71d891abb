"""Example generative and segmentation networks, small enough to test fast.

Each entry builds a PyTorch module (random weights, fixed seed) and its input
shape. The architectures follow the published networks with reduced widths
and resolutions; the layer types, strides, pads and dilations are the real
ones.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


def _randomize_batch_norms(module, generator):
    """Gives every BatchNorm non-trivial statistics, as a trained net has."""
    for m in module.modules():
        if isinstance(m, nn.BatchNorm2d):
            c = m.num_features
            m.running_mean.copy_(torch.randn(c, generator=generator) * 0.1)
            m.running_var.copy_(torch.rand(c, generator=generator) * 0.5 + 0.75)
            m.weight.data.copy_(torch.rand(c, generator=generator) * 0.5 + 0.75)
            m.bias.data.copy_(torch.randn(c, generator=generator) * 0.1)


def conv_bn(cin, cout, k, s=1, p=0, d=1, g=1, act="relu"):
    layers = [nn.Conv2d(cin, cout, k, s, p, dilation=d, groups=g, bias=False),
              nn.BatchNorm2d(cout)]
    if act == "relu":
        layers.append(nn.ReLU())
    elif act == "relu6":
        layers.append(nn.ReLU6())
    elif act == "leaky":
        layers.append(nn.LeakyReLU(0.1))
    return nn.Sequential(*layers)


class DCGANGenerator(nn.Module):
    """DCGAN generator (Radford et al.): z -> 64x64 RGB, ngf reduced to 16."""

    def __init__(self, nz=100, ngf=16):
        super().__init__()
        def up(cin, cout, s, p):
            return [nn.ConvTranspose2d(cin, cout, 4, s, p, bias=False),
                    nn.BatchNorm2d(cout), nn.ReLU()]
        self.net = nn.Sequential(
            *up(nz, ngf * 8, 1, 0), *up(ngf * 8, ngf * 4, 2, 1),
            *up(ngf * 4, ngf * 2, 2, 1), *up(ngf * 2, ngf, 2, 1),
            nn.ConvTranspose2d(ngf, 3, 4, 2, 1, bias=False), nn.Tanh())

    def forward(self, z):
        return self.net(z)


class UNetGenerator(nn.Module):
    """pix2pix U-Net (Isola et al.), 5 levels, ngf 8, 64x64."""

    def __init__(self, ngf=8):
        super().__init__()
        c = [3, ngf, ngf * 2, ngf * 4, ngf * 8, ngf * 8]
        self.down = nn.ModuleList()
        for i in range(5):
            layers = [nn.Conv2d(c[i], c[i + 1], 4, 2, 1, bias=False)]
            if 0 < i < 4:
                layers.append(nn.BatchNorm2d(c[i + 1]))
            self.down.append(nn.Sequential(*layers))
        self.up = nn.ModuleList()
        for i in range(5, 0, -1):
            cin = c[i] if i == 5 else c[i] * 2
            cout = c[i - 1]
            layers = [nn.ReLU(), nn.ConvTranspose2d(cin, cout, 4, 2, 1, bias=(i == 1))]
            if i > 1:
                layers.append(nn.BatchNorm2d(cout))
                if i >= 4:
                    layers.append(nn.Dropout(0.5))
            else:
                layers.append(nn.Tanh())
            self.up.append(nn.Sequential(*layers))

    def forward(self, x):
        skips = []
        for i, d in enumerate(self.down):
            x = d(x if i == 0 else F.leaky_relu(x, 0.2))
            skips.append(x)
        for i, u in enumerate(self.up):
            if i > 0:
                x = torch.cat([x, skips[4 - i]], 1)
            x = u(x)
        return x


class FCN8s(nn.Module):
    """FCN-8s (Long et al.): VGG-style encoder, score layers, 2x/2x/8x
    transposed-conv upsampling with skip fusion; widths reduced."""

    def __init__(self, ncls=21, w=8):
        super().__init__()
        def block(cin, cout, n):
            layers = []
            for i in range(n):
                layers += [nn.Conv2d(cin if i == 0 else cout, cout, 3, padding=1), nn.ReLU()]
            return nn.Sequential(*layers, nn.MaxPool2d(2, 2))
        self.b1, self.b2, self.b3 = block(3, w, 2), block(w, 2 * w, 2), block(2 * w, 4 * w, 3)
        self.b4, self.b5 = block(4 * w, 8 * w, 3), block(8 * w, 8 * w, 3)
        self.fc = nn.Sequential(nn.Conv2d(8 * w, 16 * w, 3, padding=1), nn.ReLU(), nn.Dropout(),
                                nn.Conv2d(16 * w, 16 * w, 1), nn.ReLU(), nn.Dropout())
        self.score = nn.Conv2d(16 * w, ncls, 1)
        self.score4, self.score3 = nn.Conv2d(8 * w, ncls, 1), nn.Conv2d(4 * w, ncls, 1)
        self.up2 = nn.ConvTranspose2d(ncls, ncls, 4, 2, 1, bias=False)
        self.up2b = nn.ConvTranspose2d(ncls, ncls, 4, 2, 1, bias=False)
        self.up8 = nn.ConvTranspose2d(ncls, ncls, 16, 8, 4, bias=False)

    def forward(self, x):
        p3 = self.b3(self.b2(self.b1(x)))
        p4 = self.b4(p3)
        s = self.score(self.fc(self.b5(p4)))
        s = self.up2(s) + self.score4(p4)
        s = self.up2b(s) + self.score3(p3)
        return self.up8(s)


class ASPPHead(nn.Module):
    """DeepLabv3 ASPP head (Chen et al.): 1x1, three dilated 3x3 (6/12/18),
    image pooling; then projection, classifier and bilinear upsampling."""

    def __init__(self, cin=32, c=16, ncls=21, size=17):
        super().__init__()
        self.branches = nn.ModuleList(
            [conv_bn(cin, c, 1)] + [conv_bn(cin, c, 3, p=r, d=r) for r in (6, 12, 18)])
        self.pool = nn.Sequential(nn.AdaptiveAvgPool2d(1), conv_bn(cin, c, 1))
        self.project = conv_bn(5 * c, c, 1)
        self.classify = nn.Conv2d(c, ncls, 1)
        self.size = size

    def forward(self, x):
        outs = [b(x) for b in self.branches]
        outs.append(F.interpolate(self.pool(x), size=(self.size, self.size),
                                  mode="bilinear", align_corners=False))
        y = self.classify(self.project(torch.cat(outs, 1)))
        return F.interpolate(y, scale_factor=4, mode="bilinear", align_corners=False)


class NonBottleneck1d(nn.Module):
    def __init__(self, c, d):
        super().__init__()
        self.c1 = nn.Conv2d(c, c, (3, 1), padding=(1, 0))
        self.c2 = nn.Conv2d(c, c, (1, 3), padding=(0, 1))
        self.bn1 = nn.BatchNorm2d(c)
        self.c3 = nn.Conv2d(c, c, (3, 1), padding=(d, 0), dilation=(d, 1))
        self.c4 = nn.Conv2d(c, c, (1, 3), padding=(0, d), dilation=(1, d))
        self.bn2 = nn.BatchNorm2d(c)

    def forward(self, x):
        y = F.relu(self.c1(x))
        y = F.relu(self.bn1(self.c2(y)))
        y = F.relu(self.c3(y))
        y = self.bn2(self.c4(y))
        return F.relu(y + x)


class ERFNetDecoder(nn.Module):
    """ERFNet decoder (Romera et al.): upsampler blocks (3x3 s2 transposed
    conv, output_padding 1), factorized non-bottleneck blocks, 2x2 s2 output."""

    def __init__(self, c=32, ncls=20):
        super().__init__()
        self.net = nn.Sequential(
            nn.ConvTranspose2d(c, c // 2, 3, 2, 1, output_padding=1), nn.BatchNorm2d(c // 2), nn.ReLU(),
            NonBottleneck1d(c // 2, 1), NonBottleneck1d(c // 2, 2),
            nn.ConvTranspose2d(c // 2, c // 4, 3, 2, 1, output_padding=1), nn.BatchNorm2d(c // 4), nn.ReLU(),
            NonBottleneck1d(c // 4, 1),
            nn.ConvTranspose2d(c // 4, ncls, 2, 2))

    def forward(self, x):
        return self.net(x)


class ResNeXtBlock(nn.Module):
    """ResNeXt-50 bottleneck (Xie et al.), cardinality 8, projection shortcut."""

    def __init__(self, cin=64, width=64, cout=128, groups=8, stride=2):
        super().__init__()
        self.body = nn.Sequential(conv_bn(cin, width, 1), conv_bn(width, width, 3, stride, 1, g=groups),
                                  conv_bn(width, cout, 1, act=None))
        self.short = conv_bn(cin, cout, 1, stride, act=None)

    def forward(self, x):
        return F.relu(self.body(x) + self.short(x))


def channel_shuffle(x, groups):
    n, c, h, w = x.shape
    return x.reshape(n, groups, c // groups, h, w).transpose(1, 2).reshape(n, c, h, w)


class ShuffleNetUnit(nn.Module):
    """ShuffleNet v1 units (Zhang et al.), g = 4: a stride-2 unit (avg-pool
    shortcut, concat) followed by a stride-1 unit (residual add)."""

    def __init__(self, cin=24, cout=96, g=4):
        super().__init__()
        mid = cout // 4
        self.g = g
        self.a1 = conv_bn(cin, mid, 1, g=1)
        self.a2 = conv_bn(mid, mid, 3, 2, 1, g=mid, act=None)
        self.a3 = conv_bn(mid, cout - cin, 1, g=g, act=None)
        self.b1 = conv_bn(cout, mid, 1, g=g)
        self.b2 = conv_bn(mid, mid, 3, 1, 1, g=mid, act=None)
        self.b3 = conv_bn(mid, cout, 1, g=g, act=None)

    def forward(self, x):
        y = self.a3(self.a2(channel_shuffle(self.a1(x), self.g)))
        x = F.relu(torch.cat([F.avg_pool2d(x, 3, 2, 1), y], 1))
        y = self.b3(self.b2(channel_shuffle(self.b1(x), self.g)))
        return F.relu(x + y)


class MobileNetV2Block(nn.Module):
    """MobileNetV2 inverted residual (Sandler et al.), expansion 6."""

    def __init__(self, c=24, t=6):
        super().__init__()
        self.body = nn.Sequential(conv_bn(c, c * t, 1, act="relu6"),
                                  conv_bn(c * t, c * t, 3, 1, 1, g=c * t, act="relu6"),
                                  conv_bn(c * t, c, 1, act=None))

    def forward(self, x):
        return x + self.body(x)


class FSRCNN(nn.Module):
    """FSRCNN (Dong et al.), x3: feature extraction, shrinking, mapping,
    expanding, 9x9 stride-3 transposed-conv deconvolution."""

    def __init__(self, d=32, s=8, m=2, scale=3):
        super().__init__()
        layers = [nn.Conv2d(1, d, 5, padding=2), nn.PReLU(d), nn.Conv2d(d, s, 1), nn.PReLU(s)]
        for _ in range(m):
            layers += [nn.Conv2d(s, s, 3, padding=1), nn.PReLU(s)]
        layers += [nn.Conv2d(s, d, 1), nn.PReLU(d),
                   nn.ConvTranspose2d(d, 1, 9, scale, 4, output_padding=scale - 1)]
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


class ESPCN(nn.Module):
    """ESPCN (Shi et al.), x3: tanh convs then sub-pixel convolution."""

    def __init__(self, r=3):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(1, 32, 5, padding=2), nn.Tanh(),
                                 nn.Conv2d(32, 16, 3, padding=1), nn.Tanh(),
                                 nn.Conv2d(16, r * r, 3, padding=1), nn.PixelShuffle(r),
                                 nn.Sigmoid())

    def forward(self, x):
        return self.net(x)


class YOLOv2TinyFront(nn.Module):
    """Tiny YOLOv2 front (Redmon and Farhadi): conv-BN-leaky + 2x2 max pools,
    the stride-1 max pool with right/bottom zero padding, widths reduced."""

    def __init__(self, w=8):
        super().__init__()
        layers, cin = [], 3
        for i in range(5):
            layers += [conv_bn(cin, w << i, 3, 1, 1, act="leaky"), nn.MaxPool2d(2, 2)]
            cin = w << i
        layers += [conv_bn(cin, w << 5, 3, 1, 1, act="leaky"),
                   nn.ZeroPad2d((0, 1, 0, 1)), nn.MaxPool2d(2, 1),
                   conv_bn(w << 5, w << 5, 3, 1, 1, act="leaky"), nn.Conv2d(w << 5, 25, 1)]
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


class Darknet19Front(nn.Module):
    """YOLOv2's backbone, darknet-19 (Redmon and Farhadi), first 16 layers:
    12 conv-BN-leaky layers and 4 max pools, up to the 1x1 convolution before
    the fifth pool; widths divided by 4, 320x320 input."""

    def __init__(self, div=4):
        super().__init__()
        plan = [32, "M", 64, "M", 128, (64, 1), 128, "M", 256, (128, 1), 256, "M",
                512, (256, 1), 512, (256, 1)]
        layers, cin = [], 3
        for item in plan:
            if item == "M":
                layers.append(nn.MaxPool2d(2, 2))
                continue
            cout, k = item if isinstance(item, tuple) else (item, 3)
            layers.append(conv_bn(cin, cout // div, k, 1, k // 2, act="leaky"))
            cin = cout // div
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


class NearestUpsampleSR(nn.Module):
    """A super-resolution net that upsamples with nearest-neighbour resize
    and convolutions (as in ESRGAN's upsampler), x4."""

    def __init__(self, c=16):
        super().__init__()
        self.head = nn.Conv2d(3, c, 3, padding=1)
        self.up1 = nn.Conv2d(c, c, 3, padding=1)
        self.up2 = nn.Conv2d(c, c, 3, padding=1)
        self.tail = nn.Conv2d(c, 3, 3, padding=1)

    def forward(self, x):
        x = self.head(x)
        x = F.leaky_relu(self.up1(F.interpolate(x, scale_factor=2, mode="nearest")), 0.2)
        x = F.leaky_relu(self.up2(F.interpolate(x, scale_factor=2, mode="nearest")), 0.2)
        return self.tail(x)


class SEBlock(nn.Module):
    """A stem and a squeeze-and-excitation block as in EfficientNet and
    MobileNetV3: y * sigmoid(fc(relu(fc(global_avg_pool(y))))), then a
    projection. The scale needs the whole of y, so a memory budget can only
    tile around it."""

    def __init__(self, c=16, r=4):
        super().__init__()
        self.stem = conv_bn(3, c, 3, 1, 1)
        self.expand = nn.Conv2d(c, c, 3, padding=1)
        self.fc1 = nn.Conv2d(c, c // r, 1)
        self.fc2 = nn.Conv2d(c // r, c, 1)
        self.project = conv_bn(c, c, 3, 1, 1)
        self.head = nn.Conv2d(c, 8, 3, padding=1)

    def forward(self, x):
        y = self.expand(self.stem(x))
        s = torch.sigmoid(self.fc2(F.relu(self.fc1(F.adaptive_avg_pool2d(y, 1)))))
        return self.head(self.project(y * s))


class DeepLabV3Small(nn.Module):
    """A DeepLabv3-style segmentation net (Chen et al.): a stride-4 encoder,
    the ASPP head above at dilations 6/12/18 on the 1/4 map, bilinear x4
    upsampling to the input size."""

    def __init__(self, size=128, c=32):
        super().__init__()
        self.encoder = nn.Sequential(conv_bn(3, 16, 3, 2, 1), conv_bn(16, c, 3, 2, 1),
                                     conv_bn(c, c, 3, 1, 1), conv_bn(c, c, 3, 1, 1))
        self.head = ASPPHead(cin=c, c=16, ncls=21, size=size // 4)

    def forward(self, x):
        return self.head(self.encoder(x))


def mobilenet_v2_backbone():
    """torchvision's MobileNetV2 feature extractor (Sandler et al.), as a
    segmentation or detection net uses it: 17 inverted residual blocks,
    random weights."""
    import torchvision
    return torchvision.models.mobilenet_v2(weights=None).features


# name -> (constructor, input shape)
NETWORKS = {
    "dcgan_generator": (DCGANGenerator, (1, 100, 1, 1)),
    "pix2pix_unet": (UNetGenerator, (1, 3, 64, 64)),
    "fcn8s": (FCN8s, (1, 3, 64, 64)),
    "deeplabv3_aspp": (ASPPHead, (1, 32, 17, 17)),
    "erfnet_decoder": (ERFNetDecoder, (1, 32, 16, 16)),
    "resnext_block": (ResNeXtBlock, (1, 64, 28, 28)),
    "shufflenet_unit": (ShuffleNetUnit, (1, 24, 28, 28)),
    "mobilenetv2_block": (MobileNetV2Block, (1, 24, 28, 28)),
    "fsrcnn": (FSRCNN, (1, 1, 24, 24)),
    "espcn": (ESPCN, (1, 1, 24, 24)),
    "yolov2_tiny_front": (YOLOv2TinyFront, (1, 3, 64, 64)),
    "sr_nearest_upsample": (NearestUpsampleSR, (1, 3, 16, 16)),
    "yolov2_front": (Darknet19Front, (1, 3, 320, 320)),
    "se_block": (SEBlock, (1, 3, 32, 32)),
}

# Larger real architectures the memory benchmark (bench/tiling_bench.py)
# also measures; not part of the example suite.
BENCH_NETWORKS = {
    "deeplabv3_small": (DeepLabV3Small, (1, 3, 128, 128)),
    "mobilenet_v2_backbone": (mobilenet_v2_backbone, (1, 3, 128, 128)),
}


def build(name, seed=0, size=None):
    """Returns (module in eval mode, example input) for a network name;
    `size` (H, W) replaces the input's spatial size."""
    ctor, shape = NETWORKS[name] if name in NETWORKS else BENCH_NETWORKS[name]
    if size is not None:
        shape = (*shape[:2], *size)
    torch.manual_seed(seed)
    model = ctor()
    _randomize_batch_norms(model, torch.Generator().manual_seed(seed + 1))
    model.eval()
    x = torch.randn(*shape, generator=torch.Generator().manual_seed(seed + 2))
    return model, x
