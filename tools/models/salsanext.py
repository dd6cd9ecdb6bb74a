"""SalsaNext (Cortinhal et al. 2020) with the official module names.

Follows TiagoCortinhal/SalsaNext `train/tasks/semantic/modules/SalsaNext.py`
so that official checkpoints load with strict=True and AIMET encodings keyed by
module name apply. Differences from the official file, none of which changes a
state-dict key or a number in eval mode:

- PixelShuffle(2) is a submodule named `pixel_shuffle` (the official forward
  builds `nn.PixelShuffle(2)` inline, which TorchScript cannot compile); it has
  no parameters.
- The final softmax is the module `module_softmax` (as AIMET's model preparer
  names it) instead of `F.softmax`; `with_softmax=False` returns the logits.
- `width_multiplier` scales every channel count (not in the official code), for
  reduced demo models; the base width stays even so PixelShuffle divides.
- Branch flags (`pooling`, `drop_out`) are TorchScript constants, so a scripted
  graph holds only the taken branch, like a traced one.
"""
from typing import Tuple

import torch
from torch import nn


class ResContextBlock(nn.Module):
    def __init__(self, in_filters: int, out_filters: int):
        super().__init__()
        self.conv1 = nn.Conv2d(in_filters, out_filters, kernel_size=(1, 1), stride=1)
        self.act1 = nn.LeakyReLU()

        self.conv2 = nn.Conv2d(out_filters, out_filters, (3, 3), padding=1)
        self.act2 = nn.LeakyReLU()
        self.bn1 = nn.BatchNorm2d(out_filters)

        self.conv3 = nn.Conv2d(out_filters, out_filters, (3, 3), dilation=2, padding=2)
        self.act3 = nn.LeakyReLU()
        self.bn2 = nn.BatchNorm2d(out_filters)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shortcut = self.act1(self.conv1(x))
        resA1 = self.bn1(self.act2(self.conv2(shortcut)))
        resA2 = self.bn2(self.act3(self.conv3(resA1)))
        return shortcut + resA2


class ResBlock(nn.Module):
    """Encoder block; with pooling returns (pooled, unpooled), else one tensor.

    Two classes would give the scripted graph two return types; TorchScript
    compiles each instance with its own constants, so one class is enough.
    """

    __constants__ = ["pooling", "drop_out"]

    def __init__(self, in_filters: int, out_filters: int, dropout_rate: float,
                 kernel_size=(3, 3), stride: int = 1, pooling: bool = True,
                 drop_out: bool = True):
        super().__init__()
        self.pooling = pooling
        self.drop_out = drop_out
        self.conv1 = nn.Conv2d(in_filters, out_filters, kernel_size=(1, 1), stride=stride)
        self.act1 = nn.LeakyReLU()

        self.conv2 = nn.Conv2d(in_filters, out_filters, kernel_size=(3, 3), padding=1)
        self.act2 = nn.LeakyReLU()
        self.bn1 = nn.BatchNorm2d(out_filters)

        self.conv3 = nn.Conv2d(out_filters, out_filters, kernel_size=(3, 3), dilation=2, padding=2)
        self.act3 = nn.LeakyReLU()
        self.bn2 = nn.BatchNorm2d(out_filters)

        self.conv4 = nn.Conv2d(out_filters, out_filters, kernel_size=(2, 2), dilation=2, padding=1)
        self.act4 = nn.LeakyReLU()
        self.bn3 = nn.BatchNorm2d(out_filters)

        self.conv5 = nn.Conv2d(out_filters * 3, out_filters, kernel_size=(1, 1))
        self.act5 = nn.LeakyReLU()
        self.bn4 = nn.BatchNorm2d(out_filters)

        self.dropout = nn.Dropout2d(p=dropout_rate)
        if pooling:
            self.pool = nn.AvgPool2d(kernel_size=kernel_size, stride=2, padding=1)

    def _body(self, x: torch.Tensor) -> torch.Tensor:
        shortcut = self.act1(self.conv1(x))
        resA1 = self.bn1(self.act2(self.conv2(x)))
        resA2 = self.bn2(self.act3(self.conv3(resA1)))
        resA3 = self.bn3(self.act4(self.conv4(resA2)))
        concat = torch.cat((resA1, resA2, resA3), dim=1)
        resA = self.bn4(self.act5(self.conv5(concat)))
        return shortcut + resA

    def forward(self, x: torch.Tensor):
        resA = self._body(x)
        if self.drop_out:
            resB = self.dropout(resA)
        else:
            resB = resA
        if self.pooling:
            return self.pool(resB), resA
        return resB


class UpBlock(nn.Module):
    __constants__ = ["drop_out"]

    def __init__(self, in_filters: int, out_filters: int, dropout_rate: float,
                 drop_out: bool = True):
        super().__init__()
        self.drop_out = drop_out
        self.in_filters = in_filters
        self.out_filters = out_filters

        self.pixel_shuffle = nn.PixelShuffle(2)
        self.dropout1 = nn.Dropout2d(p=dropout_rate)
        self.dropout2 = nn.Dropout2d(p=dropout_rate)

        self.conv1 = nn.Conv2d(in_filters // 4 + 2 * out_filters, out_filters, (3, 3), padding=1)
        self.act1 = nn.LeakyReLU()
        self.bn1 = nn.BatchNorm2d(out_filters)

        self.conv2 = nn.Conv2d(out_filters, out_filters, (3, 3), dilation=2, padding=2)
        self.act2 = nn.LeakyReLU()
        self.bn2 = nn.BatchNorm2d(out_filters)

        self.conv3 = nn.Conv2d(out_filters, out_filters, (2, 2), dilation=2, padding=1)
        self.act3 = nn.LeakyReLU()
        self.bn3 = nn.BatchNorm2d(out_filters)

        self.conv4 = nn.Conv2d(out_filters * 3, out_filters, kernel_size=(1, 1))
        self.act4 = nn.LeakyReLU()
        self.bn4 = nn.BatchNorm2d(out_filters)

        self.dropout3 = nn.Dropout2d(p=dropout_rate)

    def forward(self, x: torch.Tensor, skip: torch.Tensor) -> torch.Tensor:
        upA = self.pixel_shuffle(x)
        if self.drop_out:
            upA = self.dropout1(upA)
        upB = torch.cat((upA, skip), dim=1)
        if self.drop_out:
            upB = self.dropout2(upB)

        upE1 = self.bn1(self.act1(self.conv1(upB)))
        upE2 = self.bn2(self.act2(self.conv2(upE1)))
        upE3 = self.bn3(self.act3(self.conv3(upE2)))
        concat = torch.cat((upE1, upE2, upE3), dim=1)
        upE = self.bn4(self.act4(self.conv4(concat)))
        if self.drop_out:
            upE = self.dropout3(upE)
        return upE


def base_width(width_multiplier: float) -> int:
    """Channels of the first stage: 32 scaled, rounded to an even number >= 2.

    Even because upBlock4 pixel-shuffles 2*base channels into (2*base)/4.
    """
    if width_multiplier <= 0:
        raise ValueError(f"width_multiplier must be > 0, got {width_multiplier}")
    return max(2, 2 * int(round(16 * width_multiplier)))


class SalsaNext(nn.Module):
    # Four AvgPool2d(3, 2, 1) halve H and W (rounding up) and four
    # PixelShuffle(2) double them back: sizes must divide by 16 to match skips.
    STRIDE_H = 16
    STRIDE_W = 16

    __constants__ = ["with_softmax"]

    def __init__(self, nclasses: int = 20, in_channels: int = 5,
                 width_multiplier: float = 1.0, with_softmax: bool = True):
        super().__init__()
        self.nclasses = nclasses
        self.with_softmax = with_softmax
        c = base_width(width_multiplier)

        self.downCntx = ResContextBlock(in_channels, c)
        self.downCntx2 = ResContextBlock(c, c)
        self.downCntx3 = ResContextBlock(c, c)

        self.resBlock1 = ResBlock(c, 2 * c, 0.2, pooling=True, drop_out=False)
        self.resBlock2 = ResBlock(2 * c, 4 * c, 0.2, pooling=True)
        self.resBlock3 = ResBlock(4 * c, 8 * c, 0.2, pooling=True)
        self.resBlock4 = ResBlock(8 * c, 8 * c, 0.2, pooling=True)
        self.resBlock5 = ResBlock(8 * c, 8 * c, 0.2, pooling=False)

        self.upBlock1 = UpBlock(8 * c, 4 * c, 0.2)
        self.upBlock2 = UpBlock(4 * c, 4 * c, 0.2)
        self.upBlock3 = UpBlock(4 * c, 2 * c, 0.2)
        self.upBlock4 = UpBlock(2 * c, c, 0.2, drop_out=False)

        self.logits = nn.Conv2d(c, nclasses, kernel_size=(1, 1))
        self.module_softmax = nn.Softmax(dim=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        downCntx = self.downCntx(x)
        downCntx = self.downCntx2(downCntx)
        downCntx = self.downCntx3(downCntx)

        down0c, down0b = self.resBlock1(downCntx)
        down1c, down1b = self.resBlock2(down0c)
        down2c, down2b = self.resBlock3(down1c)
        down3c, down3b = self.resBlock4(down2c)
        down5c = self.resBlock5(down3c)

        up4e = self.upBlock1(down5c, down3b)
        up3e = self.upBlock2(up4e, down2b)
        up2e = self.upBlock3(up3e, down1b)
        up1e = self.upBlock4(up2e, down0b)
        logits = self.logits(up1e)
        if self.with_softmax:
            return self.module_softmax(logits)
        return logits


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


if __name__ == "__main__":
    net = SalsaNext(20).eval()
    print(f"SalsaNext parameters: {count_parameters(net):,}")
    with torch.no_grad():
        y = net(torch.randn(1, 5, 64, 256))
    print("output", tuple(y.shape))
