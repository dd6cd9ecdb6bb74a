"""Shared parts of the exporters: options, arch config, checkpoints, sidecar.

The sidecar (model.pt -> model.json) tells QuantLens how to feed the network:
projection, normalization, label config, KNN, and whether the output is a
softmax. Everything is validated before anything is written, so a failed
export leaves no half-written files.
"""
import argparse
import json
import os
import sys
from typing import Dict, List, Optional, Tuple

import numpy as np
import torch

# Defaults of darknet21.yaml / SalsaNext's arch config (HDL-64E, SemanticKITTI).
DEFAULT_SENSOR = {
    "height": 64,
    "width": 2048,
    "fov_up": 3.0,
    "fov_down": -25.0,
    "img_means": [12.12, 10.88, 0.23, -1.04, 0.21],
    "img_stds": [12.32, 11.47, 6.91, 0.86, 0.16],
}
DEFAULT_KNN = {"enabled": False, "knn": 5, "search": 5, "sigma": 1.0, "cutoff": 1.0}
LABELS = "semantic-kitti"


class ExportError(Exception):
    """A user error: printed as one line, exit status 2, nothing written."""


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    src = parser.add_mutually_exclusive_group(required=True)
    src.add_argument("--checkpoint", help="official checkpoint to load")
    src.add_argument("--random-weights", action="store_true",
                     help="random weights and BatchNorm statistics (for tests and demos)")
    parser.add_argument("--seed", type=int, default=0, help="seed for --random-weights and the reference input")
    parser.add_argument("--arch-cfg", help="arch_cfg.yaml (lidar-bonnetal/SalsaNext format) for sensor and KNN settings")
    parser.add_argument("--height", type=int, help="range image height (default: arch config or 64)")
    parser.add_argument("--width", type=int, help="range image width (default: arch config or 2048)")
    parser.add_argument("--fov-up", type=float, help="upper field of view in degrees (default: arch config or 3)")
    parser.add_argument("--fov-down", type=float, help="lower field of view in degrees (default: arch config or -25)")
    parser.add_argument("--num-classes", type=int, default=20)
    parser.add_argument("--logits", action="store_true", help="export without the final softmax")
    parser.add_argument("--mode", choices=["script", "trace"], default="script")
    parser.add_argument("--output", required=True, help="TorchScript file to write (sidecar: same name, .json)")
    parser.add_argument("--reference-input", help="write a seeded random input here (float32, little-endian)")
    parser.add_argument("--reference-output", help="write the model's output on that input here (float32)")


def load_yaml(path: str) -> dict:
    import yaml  # only needed with an arch config
    try:
        with open(path, "r", encoding="utf-8") as f:
            data = yaml.safe_load(f)
    except OSError as e:
        raise ExportError(f"{path}: cannot read arch config ({e.strerror})")
    except yaml.YAMLError as e:
        raise ExportError(f"{path}: not valid YAML ({e})")
    if not isinstance(data, dict):
        raise ExportError(f"{path}: arch config is not a mapping")
    return data


def sensor_and_knn(arch: Optional[dict], args) -> Tuple[dict, dict]:
    """Sensor settings from arch config, overridden by options, then validated."""
    sensor = dict(DEFAULT_SENSOR)
    knn = dict(DEFAULT_KNN)
    if arch:
        s = arch.get("dataset", {}).get("sensor", {})
        prop = s.get("img_prop", {})
        for key, value in (("height", prop.get("height")), ("width", prop.get("width")),
                           ("fov_up", s.get("fov_up")), ("fov_down", s.get("fov_down")),
                           ("img_means", s.get("img_means")), ("img_stds", s.get("img_stds"))):
            if value is not None:
                sensor[key] = value
        k = arch.get("post", {}).get("KNN", {})
        if "use" in k:
            knn["enabled"] = bool(k["use"])
        for key in ("knn", "search", "sigma", "cutoff"):
            if key in k.get("params", {}):
                knn[key] = k["params"][key]
    for key in ("height", "width", "fov_up", "fov_down"):
        if getattr(args, key) is not None:
            sensor[key] = getattr(args, key)
    return sensor, knn


def validate_sensor(sensor: dict, stride_h: int, stride_w: int, arch_name: str) -> None:
    for key, stride in (("height", stride_h), ("width", stride_w)):
        value = sensor[key]
        if not isinstance(value, int) or value <= 0:
            raise ExportError(f"{key} must be a positive integer, got {value!r}")
        if value % stride != 0:
            raise ExportError(f"{key} {value} is not a multiple of {stride}, "
                              f"the {'vertical' if key == 'height' else 'horizontal'} stride of {arch_name}")
    if float(sensor["fov_up"]) <= float(sensor["fov_down"]):
        raise ExportError(f"fov_up ({sensor['fov_up']}) must be greater than fov_down ({sensor['fov_down']})")
    for key in ("img_means", "img_stds"):
        if len(sensor[key]) != 5:
            raise ExportError(f"{key} must have 5 values (range, x, y, z, remission), got {len(sensor[key])}")
    for i, s in enumerate(sensor["img_stds"]):
        if float(s) <= 0:
            raise ExportError(f"img_stds[{i}] must be > 0, got {s}")


def validate_knn(knn: dict) -> None:
    for key in ("knn", "search"):
        if int(knn[key]) <= 0:
            raise ExportError(f"knn.{key} must be > 0, got {knn[key]}")
    if int(knn["search"]) % 2 == 0:
        raise ExportError(f"knn.search must be odd (a window around the pixel), got {knn['search']}")
    for key in ("sigma", "cutoff"):
        if float(knn[key]) <= 0:
            raise ExportError(f"knn.{key} must be > 0, got {knn[key]}")


def unwrap_state_dict(obj, path: str) -> Dict[str, torch.Tensor]:
    """A state dict from what torch.load returned: plain or {'state_dict': ...};
    DataParallel's 'module.' prefixes removed."""
    if isinstance(obj, dict) and "state_dict" in obj and isinstance(obj["state_dict"], dict):
        obj = obj["state_dict"]
    if not isinstance(obj, dict) or not all(isinstance(v, torch.Tensor) for v in obj.values()):
        raise ExportError(f"{path}: not a state dict (expected tensors by name, or a dict with 'state_dict')")
    prefix = "module."
    if obj and all(k.startswith(prefix) for k in obj):
        obj = {k[len(prefix):]: v for k, v in obj.items()}
    return obj


def load_file(path: str):
    if not os.path.isfile(path):
        raise ExportError(f"{path}: checkpoint file not found")
    try:
        return torch.load(path, map_location="cpu")
    except Exception as e:  # torch raises many types for a bad file
        raise ExportError(f"{path}: cannot load with torch.load ({type(e).__name__}: {e})")


def key_problems(module: torch.nn.Module, state: Dict[str, torch.Tensor], where: str) -> List[str]:
    """Every missing, unexpected or wrongly shaped key, one message each."""
    expected = module.state_dict()
    # num_batches_tracked only counts training steps; checkpoints from torch
    # < 0.4.1 lack it and BatchNorm fills it in, so its absence is no problem.
    problems = [f"{where}: missing key {k}" for k in expected
                if k not in state and not k.endswith("num_batches_tracked")]
    problems += [f"{where}: unexpected key {k}" for k in state if k not in expected]
    for k, v in state.items():
        if k in expected and tuple(v.shape) != tuple(expected[k].shape):
            problems.append(f"{where}: key {k} has shape {tuple(v.shape)}, the model expects "
                            f"{tuple(expected[k].shape)}")
    return problems


def load_checked(module: torch.nn.Module, state: Dict[str, torch.Tensor], where: str) -> None:
    """Load strictly; on any key problem print them all and fail before writing."""
    problems = key_problems(module, state, where)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        raise ExportError(f"{where}: {len(problems)} key problem(s) in the checkpoint; nothing written")
    module.load_state_dict(state, strict=False)


def randomize(model: torch.nn.Module, seed: int, calibration_shape: List[int]) -> None:
    """Random weights a demo can use: varied, confident predictions.

    Default initialization followed by BatchNorm running statistics measured
    on one random batch (so activations keep their scale through the depth;
    with untouched statistics a deep random net predicts one class
    everywhere), then random BN affine parameters so BN is not trivial, and
    a sharper classifier so the softmax is not flat.
    """
    torch.manual_seed(seed)
    for m in model.modules():
        if hasattr(m, "reset_parameters") and not isinstance(m, torch.nn.BatchNorm2d):
            m.reset_parameters()
    bns = [m for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    model.eval()
    for m in bns:
        m.reset_running_stats()
        m.momentum = None  # cumulative average: one batch gives its exact statistics
        m.train()
    gen = torch.Generator().manual_seed(seed + 2)
    with torch.no_grad():
        model(torch.randn(*calibration_shape, generator=gen))
        for m in bns:
            m.eval()
            m.momentum = 0.1
            m.weight.uniform_(0.5, 1.5)
            m.bias.uniform_(-0.2, 0.2)
        last_conv = [m for m in model.modules() if isinstance(m, torch.nn.Conv2d)][-1]
        last_conv.weight.mul_(4.0)


def calibration_shape(sensor: dict, stride_w: int) -> List[int]:
    """A batch of 2 at most 256 wide: BN statistics are per channel, so a
    narrow crop gives them as well as the full image, much faster."""
    width = sensor["width"] if sensor["width"] <= 256 else 256 - 256 % stride_w
    return [2, 5, sensor["height"], max(width, stride_w)]


def convert(model: torch.nn.Module, mode: str, example: torch.Tensor) -> torch.jit.ScriptModule:
    model.eval()
    if mode == "script":
        return torch.jit.script(model)
    with torch.no_grad():
        return torch.jit.trace(model, example)


def reference_input(shape: List[int], seed: int) -> torch.Tensor:
    # A separate generator: the input must not depend on how many random
    # numbers the weight initialization drew.
    gen = torch.Generator().manual_seed(seed + 1)
    return torch.randn(*shape, generator=gen, dtype=torch.float32)


def write_f32(path: str, tensor: torch.Tensor) -> None:
    np.ascontiguousarray(tensor.detach().cpu().numpy(), dtype="<f4").tofile(path)


def sidecar_path(output: str) -> str:
    root, _ = os.path.splitext(output)
    return root + ".json"


def check_output_paths(args) -> None:
    paths = [args.output, sidecar_path(args.output), args.reference_input, args.reference_output]
    for p in paths:
        if p and not os.path.isdir(os.path.dirname(os.path.abspath(p))):
            raise ExportError(f"{p}: folder does not exist")
    if bool(args.reference_input) != bool(args.reference_output):
        raise ExportError("--reference-input and --reference-output go together")
    if not args.output.endswith(".pt"):
        raise ExportError(f"--output {args.output}: expected a .pt file name")


def export(model: torch.nn.Module, args, architecture: str, sensor: dict, knn: dict,
           source: str, input_multiple: Tuple[int, int] = (1, 1)) -> None:
    """Convert, check against eager, then write model, sidecar and references."""
    shape = [1, 5, sensor["height"], sensor["width"]]
    x = reference_input(shape, args.seed)
    model.eval()
    scripted = convert(model, args.mode, x)
    with torch.no_grad():
        eager_out = model(x)
        ts_out = scripted(x)
    diff = (eager_out - ts_out).abs().max().item()
    if diff > 1e-5:
        raise ExportError(f"TorchScript ({args.mode}) output differs from eager by {diff}")

    sidecar = {
        "format": "quantlens-model",
        "version": 1,
        "architecture": architecture,
        "input_shape": shape,
        # Height and width must be multiples of these (the network's strides).
        "input_multiple": [int(input_multiple[0]), int(input_multiple[1])],
        "projection": {"height": sensor["height"], "width": sensor["width"],
                       "fov_up": float(sensor["fov_up"]), "fov_down": float(sensor["fov_down"])},
        "img_means": [float(v) for v in sensor["img_means"]],
        "img_stds": [float(v) for v in sensor["img_stds"]],
        "num_classes": args.num_classes,
        "labels": LABELS,
        "knn": {"enabled": bool(knn["enabled"]), "knn": int(knn["knn"]), "search": int(knn["search"]),
                "sigma": float(knn["sigma"]), "cutoff": float(knn["cutoff"])},
        "output": "logits" if args.logits else "softmax",
        "provenance": {"source": source, "seed": args.seed,
                       "torch_version": torch.__version__, "mode": args.mode},
    }
    scripted.save(args.output)
    with open(sidecar_path(args.output), "w", encoding="utf-8") as f:
        json.dump(sidecar, f, indent=2)
        f.write("\n")
    if args.reference_input:
        write_f32(args.reference_input, x)
        write_f32(args.reference_output, ts_out)
    print(f"wrote {args.output} ({architecture}, {args.mode}, input {shape}, "
          f"output {list(ts_out.shape)}) and {sidecar_path(args.output)}")


def run_main(main) -> None:
    try:
        main()
    except ExportError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
