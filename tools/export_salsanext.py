#!/usr/bin/python3
"""Export SalsaNext to TorchScript plus a QuantLens sidecar (model.pt -> model.json).

  /usr/bin/python3 tools/export_salsanext.py --checkpoint pretrained/SalsaNext --output salsanext.pt
  /usr/bin/python3 tools/export_salsanext.py --random-weights --seed 1 --width-multiplier 0.25 \
      --height 64 --width 512 --output demo.pt --reference-input in.bin --reference-output out.bin

The official checkpoint is a dict with 'state_dict' saved from DataParallel
('module.' prefixes are removed). Sensor settings come from --arch-cfg, else
from an arch_cfg.yaml next to the checkpoint, else the HDL-64E defaults.
"""
import argparse
import os

import export_common as common
from models.salsanext import SalsaNext, base_width


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    common.add_common_arguments(parser)
    parser.add_argument("--width-multiplier", type=float, default=1.0,
                        help="scale every channel count (1.0 = published SalsaNext)")
    args = parser.parse_args()
    common.check_output_paths(args)
    if args.width_multiplier <= 0:
        raise common.ExportError(f"width-multiplier must be > 0, got {args.width_multiplier}")
    if args.num_classes <= 0:
        raise common.ExportError(f"num-classes must be > 0, got {args.num_classes}")

    arch_cfg = args.arch_cfg
    if arch_cfg is None and args.checkpoint:
        beside = os.path.join(os.path.dirname(os.path.abspath(args.checkpoint)), "arch_cfg.yaml")
        if os.path.isfile(beside):
            arch_cfg = beside
            print(f"using sensor settings from {beside}")
    arch = common.load_yaml(arch_cfg) if arch_cfg else None
    sensor, knn = common.sensor_and_knn(arch, args)
    common.validate_sensor(sensor, SalsaNext.STRIDE_H, SalsaNext.STRIDE_W, "SalsaNext")
    common.validate_knn(knn)

    model = SalsaNext(args.num_classes, width_multiplier=args.width_multiplier,
                      with_softmax=not args.logits)
    if args.checkpoint:
        state = common.unwrap_state_dict(common.load_file(args.checkpoint), args.checkpoint)
        common.load_checked(model, state, args.checkpoint)
        source = os.path.abspath(args.checkpoint)
    else:
        common.randomize(model, args.seed, common.calibration_shape(sensor, SalsaNext.STRIDE_W))
        source = "random"
    architecture = "salsanext" if base_width(args.width_multiplier) == 32 else \
        f"salsanext-w{base_width(args.width_multiplier)}"
    common.export(model, args, architecture, sensor, knn, source, (SalsaNext.STRIDE_H, SalsaNext.STRIDE_W))


if __name__ == "__main__":
    common.run_main(main)
