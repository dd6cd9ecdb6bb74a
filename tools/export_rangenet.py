#!/usr/bin/python3
"""Export RangeNet++ (Darknet21/53) to TorchScript plus a QuantLens sidecar.

  /usr/bin/python3 tools/export_rangenet.py --checkpoint darknet21/ --output rangenet21.pt
  /usr/bin/python3 tools/export_rangenet.py --random-weights --seed 1 --height 64 --width 256 --output r.pt

--checkpoint is lidar-bonnetal's pretrained folder: `backbone`,
`segmentation_decoder`, `segmentation_head` (torch.save'd state dicts, a
{'state_dict': ...} wrapper is accepted too) and `arch_cfg.yaml`, which gives
the backbone settings (layers, OS, input_depth), the sensor and KNN. With
--random-weights, --arch-cfg is optional (default: darknet21.yaml's values).
"""
import argparse
import sys
import os

import export_common as common
from models.rangenet import RangeNet

WEIGHT_FILES = (("backbone", "backbone"), ("segmentation_decoder", "decoder"), ("segmentation_head", "head"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    common.add_common_arguments(parser)
    args = parser.parse_args()
    common.check_output_paths(args)
    if args.num_classes <= 0:
        raise common.ExportError(f"num-classes must be > 0, got {args.num_classes}")

    arch_cfg = args.arch_cfg
    if args.checkpoint:
        if not os.path.isdir(args.checkpoint):
            raise common.ExportError(f"{args.checkpoint}: RangeNet checkpoint must be a folder with "
                                     "backbone, segmentation_decoder, segmentation_head, arch_cfg.yaml")
        if arch_cfg is None:
            arch_cfg = os.path.join(args.checkpoint, "arch_cfg.yaml")
            if not os.path.isfile(arch_cfg):
                raise common.ExportError(f"{arch_cfg}: not found (or pass --arch-cfg)")
    arch = common.load_yaml(arch_cfg) if arch_cfg else {}

    backbone = arch.get("backbone", {})
    if backbone.get("name", "darknet") != "darknet":
        raise common.ExportError(f"backbone.name {backbone.get('name')!r}: only darknet is supported")
    layers = int(backbone.get("extra", {}).get("layers", 21))
    output_stride = int(backbone.get("OS", 32))
    try:
        model = RangeNet(args.num_classes, arch=arch, with_softmax=not args.logits)
    except ValueError as e:
        raise common.ExportError(f"{arch_cfg}: {e}")

    sensor, knn = common.sensor_and_knn(arch, args)
    # Downsampling is horizontal only: any height works, width must divide by OS.
    common.validate_sensor(sensor, 1, output_stride, f"RangeNet (darknet{layers}, OS {output_stride})")
    common.validate_knn(knn)

    if args.checkpoint:
        problems = []
        states = {}
        for file_name, attr in WEIGHT_FILES:
            path = os.path.join(args.checkpoint, file_name)
            states[attr] = common.unwrap_state_dict(common.load_file(path), path)
            problems += common.key_problems(getattr(model, attr), states[attr], path)
        if problems:
            for p in problems:
                print(p, file=sys.stderr)
            raise common.ExportError(f"{args.checkpoint}: {len(problems)} key problem(s); nothing written")
        for _, attr in WEIGHT_FILES:
            getattr(model, attr).load_state_dict(states[attr], strict=False)
        source = os.path.abspath(args.checkpoint)
    else:
        common.randomize(model, args.seed, common.calibration_shape(sensor, output_stride))
        source = "random"
    common.export(model, args, f"rangenet-darknet{layers}", sensor, knn, source, (1, output_stride))


if __name__ == "__main__":
    common.run_main(main)
