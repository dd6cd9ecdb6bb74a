"""RangeNet++ (Milioto et al. 2019) with a Darknet backbone, official module names.

Follows PRBonn/lidar-bonnetal: `train/backbones/darknet.py` (Backbone),
`train/tasks/semantic/decoders/darknet.py` (Decoder) and
`train/tasks/semantic/modules/segmentator.py` (head, softmax), so the three
official weight files (`backbone`, `segmentation_decoder`,
`segmentation_head`) load with strict=True into `backbone`, `decoder`, `head`.

Differences from the official code, none of which changes a state-dict key or
a number in eval mode:

- The official forward finds downsampling stages at run time by comparing
  shapes and keeps skips in a dict keyed by output stride; here the strides are
  fixed at construction (TorchScript constants) and the skips are a list, so
  script and trace give the same static graph.
- Skips are not `.detach()`ed and the residual add is `out + residual` rather
  than in-place `+=`: the same values at inference, a simpler graph.
- The input channel selection `x[:, input_idxs]` is only emitted when the
  arch config disables some input (never for the published configs).
"""
from collections import OrderedDict
from typing import List, Tuple

import torch
import torch.nn.functional as F
from torch import nn

MODEL_BLOCKS = {21: [1, 1, 2, 2, 1], 53: [1, 2, 8, 8, 4]}


class BasicBlock(nn.Module):
    def __init__(self, inplanes: int, planes: List[int], bn_d: float = 0.1):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes[0], kernel_size=1, stride=1, padding=0, bias=False)
        self.bn1 = nn.BatchNorm2d(planes[0], momentum=bn_d)
        self.relu1 = nn.LeakyReLU(0.1)
        self.conv2 = nn.Conv2d(planes[0], planes[1], kernel_size=3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes[1], momentum=bn_d)
        self.relu2 = nn.LeakyReLU(0.1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.relu1(self.bn1(self.conv1(x)))
        out = self.relu2(self.bn2(self.conv2(out)))
        return out + x


def backbone_strides(output_stride: int) -> List[int]:
    """Horizontal strides of enc1..enc5; the last stages lose theirs first."""
    strides = [2, 2, 2, 2, 2]
    if output_stride not in (1, 2, 4, 8, 16, 32):
        raise ValueError(f"OS must be a power of two <= 32, got {output_stride}")
    current = 32
    for i in reversed(range(5)):
        if current == output_stride:
            break
        strides[i] = 1
        current //= 2
    return strides


def decoder_strides(output_stride: int) -> List[int]:
    """Strides of dec5..dec1: the decoder drops its first upsamplings instead."""
    return list(reversed(backbone_strides(output_stride)))


class Backbone(nn.Module):
    __constants__ = ["select_input"]

    def __init__(self, input_depth=None, dropout: float = 0.01, bn_d: float = 0.01,
                 output_stride: int = 32, layers: int = 21):
        super().__init__()
        use = input_depth or {"range": True, "xyz": True, "remission": True}
        idxs: List[int] = []
        if use.get("range", True):
            idxs.append(0)
        if use.get("xyz", True):
            idxs.extend([1, 2, 3])
        if use.get("remission", True):
            idxs.append(4)
        if not idxs:
            raise ValueError("arch config input_depth disables every input channel")
        self.input_depth = len(idxs)
        self.select_input = len(idxs) != 5
        # Not persistent: official weight files have no such key.
        self.register_buffer("input_idxs", torch.tensor(idxs, dtype=torch.long), persistent=False)

        if layers not in MODEL_BLOCKS:
            raise ValueError(f"darknet layers must be one of {sorted(MODEL_BLOCKS)}, got {layers}")
        self.blocks = MODEL_BLOCKS[layers]
        self.strides = backbone_strides(output_stride)

        self.conv1 = nn.Conv2d(self.input_depth, 32, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(32, momentum=bn_d)
        self.relu1 = nn.LeakyReLU(0.1)

        self.enc1 = self._make_enc_layer([32, 64], self.blocks[0], self.strides[0], bn_d)
        self.enc2 = self._make_enc_layer([64, 128], self.blocks[1], self.strides[1], bn_d)
        self.enc3 = self._make_enc_layer([128, 256], self.blocks[2], self.strides[2], bn_d)
        self.enc4 = self._make_enc_layer([256, 512], self.blocks[3], self.strides[3], bn_d)
        self.enc5 = self._make_enc_layer([512, 1024], self.blocks[4], self.strides[4], bn_d)

        self.dropout = nn.Dropout2d(dropout)
        self.last_channels = 1024

    @staticmethod
    def _make_enc_layer(planes: List[int], blocks: int, stride: int, bn_d: float) -> nn.Sequential:
        layers = [
            ("conv", nn.Conv2d(planes[0], planes[1], kernel_size=3, stride=[1, stride],
                               dilation=1, padding=1, bias=False)),
            ("bn", nn.BatchNorm2d(planes[1], momentum=bn_d)),
            ("relu", nn.LeakyReLU(0.1)),
        ]
        for i in range(blocks):
            layers.append((f"residual_{i}", BasicBlock(planes[1], planes, bn_d)))
        return nn.Sequential(OrderedDict(layers))

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, List[torch.Tensor]]:
        if self.select_input:
            x = torch.index_select(x, 1, self.input_idxs)
        x = self.relu1(self.bn1(self.conv1(x)))
        # skips[i] is the input of enc(i+1); the decoder only uses the ones
        # whose encoder downsamples (the official dict keyed by stride).
        skips: List[torch.Tensor] = []
        skips.append(x)
        x = self.dropout(self.enc1(x))
        skips.append(x)
        x = self.dropout(self.enc2(x))
        skips.append(x)
        x = self.dropout(self.enc3(x))
        skips.append(x)
        x = self.dropout(self.enc4(x))
        skips.append(x)
        x = self.dropout(self.enc5(x))
        return x, skips


class Decoder(nn.Module):
    __constants__ = ["up5", "up4", "up3", "up2", "up1"]

    def __init__(self, dropout: float = 0.01, bn_d: float = 0.01, output_stride: int = 32,
                 feature_depth: int = 1024):
        super().__init__()
        strides = decoder_strides(output_stride)
        self.up5, self.up4, self.up3, self.up2, self.up1 = [s == 2 for s in strides]
        self.dec5 = self._make_dec_layer([feature_depth, 512], bn_d, strides[0])
        self.dec4 = self._make_dec_layer([512, 256], bn_d, strides[1])
        self.dec3 = self._make_dec_layer([256, 128], bn_d, strides[2])
        self.dec2 = self._make_dec_layer([128, 64], bn_d, strides[3])
        self.dec1 = self._make_dec_layer([64, 32], bn_d, strides[4])
        self.dropout = nn.Dropout2d(dropout)
        self.last_channels = 32

    @staticmethod
    def _make_dec_layer(planes: List[int], bn_d: float, stride: int) -> nn.Sequential:
        if stride == 2:
            first = ("upconv", nn.ConvTranspose2d(planes[0], planes[1], kernel_size=[1, 4],
                                                  stride=[1, 2], padding=[0, 1]))
        else:
            first = ("conv", nn.Conv2d(planes[0], planes[1], kernel_size=3, padding=1))
        layers = [
            first,
            ("bn", nn.BatchNorm2d(planes[1], momentum=bn_d)),
            ("relu", nn.LeakyReLU(0.1)),
            ("residual", BasicBlock(planes[1], planes, bn_d)),
        ]
        return nn.Sequential(OrderedDict(layers))

    def forward(self, x: torch.Tensor, skips: List[torch.Tensor]) -> torch.Tensor:
        x = self.dec5(x)
        if self.up5:
            x = x + skips[4]
        x = self.dec4(x)
        if self.up4:
            x = x + skips[3]
        x = self.dec3(x)
        if self.up3:
            x = x + skips[2]
        x = self.dec2(x)
        if self.up2:
            x = x + skips[1]
        x = self.dec1(x)
        if self.up1:
            x = x + skips[0]
        return self.dropout(x)


class RangeNet(nn.Module):
    """Segmentator: backbone -> decoder -> head (Dropout2d, Conv2d 3x3) -> softmax."""

    __constants__ = ["with_softmax"]

    def __init__(self, nclasses: int = 20, arch=None, with_softmax: bool = True):
        super().__init__()
        arch = arch or {}
        bb = arch.get("backbone", {})
        dec = arch.get("decoder", {})
        head = arch.get("head", {})
        output_stride = int(bb.get("OS", 32))
        self.output_stride = output_stride
        self.with_softmax = with_softmax
        self.backbone = Backbone(input_depth=bb.get("input_depth"),
                                 dropout=float(bb.get("dropout", 0.01)),
                                 bn_d=float(bb.get("bn_d", 0.01)),
                                 output_stride=output_stride,
                                 layers=int(bb.get("extra", {}).get("layers", 21)))
        self.decoder = Decoder(dropout=float(dec.get("dropout", 0.01)),
                               bn_d=float(dec.get("bn_d", 0.01)),
                               output_stride=output_stride,
                               feature_depth=self.backbone.last_channels)
        self.head = nn.Sequential(nn.Dropout2d(p=float(head.get("dropout", 0.01))),
                                  nn.Conv2d(self.decoder.last_channels, nclasses,
                                            kernel_size=3, stride=1, padding=1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y, skips = self.backbone(x)
        y = self.decoder(y, skips)
        y = self.head(y)
        if self.with_softmax:
            y = F.softmax(y, dim=1)
        return y


if __name__ == "__main__":
    net = RangeNet(20).eval()
    print(f"RangeNet21 parameters: {sum(p.numel() for p in net.parameters()):,}")
    with torch.no_grad():
        print("output", tuple(net(torch.randn(1, 5, 64, 256)).shape))
