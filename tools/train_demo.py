#!/usr/bin/python3
"""Train the reduced-width SalsaNext demo model on synthetic SemanticKITTI data.

  build/app/cli/quantlens-cli synth --output synth --sequence 00 --scans 300 --seed 1
  build/app/cli/quantlens-cli synth --output synth --sequence 08 --scans 100 --seed 2
  /usr/bin/python3 tools/train_demo.py --data synth --output demo-run --seed 1 --threads 2

Scans are projected once (tools/data/semantic_kitti.py, the engine's
projection) and kept in memory. Training: weighted cross-entropy (inverse
square root of the class frequency, class 0 ignored), AdamW with a one-cycle
schedule, random flip (y → −y) and rotation about z (a roll of the columns,
with x and y rotated to match). Validation is per point: each point takes the
prediction of its pixel, points left out of the projection predict class 0;
the mIoU is over the classes present in the validation ground truth.

The output folder gets checkpoint.pth ({'state_dict': ...}), model.pt and
model.json from tools/export_salsanext.py (softmax output), and training.json
(command, seeds, parameter count, per-epoch log, final per-class IoU).
With --benchmark N nothing is trained: N steps are timed and the time of the
full run is estimated.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time
from typing import Dict, List, Tuple

import numpy as np
import torch
import torch.nn.functional as F

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, TOOLS)

from data.semantic_kitti import (DEFAULT_LABEL_CONFIG, DataError, LabelMap, Sequence,  # noqa: E402
                                 SensorConfig, project)
from models.salsanext import SalsaNext, base_width, count_parameters  # noqa: E402

NUM_CLASSES = 20


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="dataset root holding sequences/NN/")
    p.add_argument("--train-sequences", nargs="+", default=["00"], help="training sequences (default 00)")
    p.add_argument("--val-sequence", default="08", help="validation sequence (default 08)")
    p.add_argument("--train-scans", type=int, default=0, help="use the first N scans of each training sequence (0: all)")
    p.add_argument("--val-scans", type=int, default=0, help="use the first N validation scans (0: all)")
    p.add_argument("--label-config", default=DEFAULT_LABEL_CONFIG)
    p.add_argument("--width-multiplier", type=float, default=0.5, help="0.5: base width 16, about 1.7 M parameters")
    p.add_argument("--height", type=int, default=64)
    p.add_argument("--width", type=int, default=512)
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--batch-size", type=int, default=4)
    p.add_argument("--lr", type=float, default=2e-3, help="peak learning rate of the one-cycle schedule")
    p.add_argument("--weight-decay", type=float, default=1e-4)
    p.add_argument("--no-augment", action="store_true", help="no random flip and rotation")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads")
    p.add_argument("--eval-every", type=int, default=2, help="validate every N epochs (and after the last)")
    p.add_argument("--output", required=True, help="folder for checkpoint.pth, model.pt, model.json, training.json")
    p.add_argument("--no-export", action="store_true", help="write the checkpoint only")
    p.add_argument("--benchmark", type=int, default=0, metavar="N",
                   help="time N training steps, estimate the full run, train nothing")
    args = p.parse_args(argv)
    for name in ("epochs", "batch_size", "threads", "eval_every"):
        if getattr(args, name) <= 0:
            p.error(f"--{name.replace('_', '-')} must be > 0")
    if args.height % SalsaNext.STRIDE_H or args.width % SalsaNext.STRIDE_W:
        p.error(f"--height and --width must be multiples of {SalsaNext.STRIDE_H} (SalsaNext's stride)")
    return args


# ---------------------------------------------------------------- data

class TrainSet:
    """Projected training scans: inputs (N,5,H,W) float32, labels (N,H,W) uint8, filled (N,H,W) bool."""

    def __init__(self, sequences: List[Sequence], sensor: SensorConfig, limit: int):
        inputs, labels, filled = [], [], []
        for seq in sequences:
            for i in range(len(seq) if limit <= 0 else min(limit, len(seq))):
                points = seq.points(i)
                ps = project(points, sensor, seq.train_labels(i, len(points)))
                inputs.append(ps.input)
                labels.append(ps.label_image)
                filled.append(ps.filled)
        self.inputs = torch.from_numpy(np.stack(inputs))
        self.labels = torch.from_numpy(np.stack(labels))
        self.filled = torch.from_numpy(np.stack(filled))

    def __len__(self) -> int:
        return self.inputs.shape[0]


class ValSet:
    """Projected validation scans plus, per point, its pixel (−1 when left out) and train id."""

    def __init__(self, seq: Sequence, sensor: SensorConfig, limit: int):
        inputs, self.point_pixels, self.point_labels = [], [], []
        for i in range(len(seq) if limit <= 0 else min(limit, len(seq))):
            points = seq.points(i)
            ps = project(points, sensor)
            inputs.append(ps.input)
            pixel = ps.point_v.astype(np.int64) * sensor.width + ps.point_u
            pixel[ps.point_u < 0] = -1
            self.point_pixels.append(pixel.astype(np.int32))
            self.point_labels.append(seq.train_labels(i, len(points)))
        self.inputs = torch.from_numpy(np.stack(inputs))

    def __len__(self) -> int:
        return self.inputs.shape[0]


def open_sequence(root: str, name: str, label_map: LabelMap) -> Sequence:
    folder = os.path.join(root, "sequences", name)
    seq = Sequence(folder, label_map)
    if seq.label_paths is None:
        raise DataError(f"{folder}: no labels/ folder")
    return seq


def class_weights(labels: torch.Tensor) -> torch.Tensor:
    """1/sqrt(frequency) over labelled pixels, mean 1 over present classes; 0 for class 0 and absent ones."""
    counts = torch.bincount(labels.flatten().long(), minlength=NUM_CLASSES).double()
    counts[0] = 0
    freq = counts / counts.sum().clamp(min=1)
    weights = torch.where(counts > 0, 1.0 / freq.clamp(min=1e-12).sqrt(), torch.zeros_like(freq))
    present = counts > 0
    if present.any():
        weights = weights / weights[present].mean()
    return weights.float()


def augment(inputs: torch.Tensor, labels: torch.Tensor, filled: torch.Tensor,
            sensor: SensorConfig, rng: np.random.Generator) -> Tuple[torch.Tensor, torch.Tensor]:
    """Per scan: mirror y → −y (columns reversed) with probability 1/2, then rotate
    about z by whole columns (a roll, x and y rotated to match). Empty pixels stay 0."""
    inputs, labels = inputs.clone(), labels.clone()
    width = inputs.shape[-1]
    mx, my = sensor.means[1], sensor.means[2]
    sx, sy = sensor.stds[1], sensor.stds[2]
    for b in range(inputs.shape[0]):
        flip = bool(rng.random() < 0.5)
        shift = int(rng.integers(width))
        img, lab, mask = inputs[b], labels[b], filled[b]
        if flip:
            img, lab, mask = img.flip(-1), lab.flip(-1), mask.flip(-1)
        # Column u grows by `shift` when the azimuth atan2(y, x) falls by 2π·shift/W.
        theta = -2.0 * math.pi * shift / width
        x = img[1] * sx + mx
        y = img[2] * sy + my
        if flip:
            y = -y
        c, s = math.cos(theta), math.sin(theta)
        xr, yr = x * c - y * s, x * s + y * c
        img = img.clone()
        img[1] = torch.where(mask, (xr - mx) / sx, torch.zeros_like(xr))
        img[2] = torch.where(mask, (yr - my) / sy, torch.zeros_like(yr))
        inputs[b] = img.roll(shift, dims=-1)
        labels[b] = lab.roll(shift, dims=-1)
    return inputs, labels


# ---------------------------------------------------------------- evaluation

def predict_points(model: torch.nn.Module, val: ValSet, batch_size: int) -> List[np.ndarray]:
    """Per-point predictions: argmax over all classes at each point's pixel; 0 for points left out."""
    model.eval()
    out = []
    with torch.no_grad():
        for start in range(0, len(val), batch_size):
            pred = model(val.inputs[start:start + batch_size]).argmax(dim=1)
            for k in range(pred.shape[0]):
                flat = pred[k].flatten().numpy().astype(np.uint8)
                pixel = val.point_pixels[start + k]
                out.append(np.where(pixel >= 0, flat[np.maximum(pixel, 0)], 0).astype(np.uint8))
    return out


def confusion(predictions: List[np.ndarray], labels: List[np.ndarray]) -> np.ndarray:
    """Rows: ground truth, columns: prediction, over all points."""
    matrix = np.zeros((NUM_CLASSES, NUM_CLASSES), dtype=np.int64)
    for pred, gt in zip(predictions, labels):
        matrix += np.bincount(gt.astype(np.int64) * NUM_CLASSES + pred,
                              minlength=NUM_CLASSES * NUM_CLASSES).reshape(NUM_CLASSES, NUM_CLASSES)
    return matrix


def iou_from_confusion(matrix: np.ndarray) -> Tuple[float, Dict[int, float]]:
    """IoU of classes 1..n−1 present in the ground truth; points labelled 0 are ignored."""
    m = matrix[1:, :]  # drop ground-truth class 0
    ious = {}
    for c in range(1, NUM_CLASSES):
        gt_total = m[c - 1].sum()
        if gt_total == 0:
            continue
        tp = m[c - 1, c]
        fp = m[:, c].sum() - tp
        fn = gt_total - tp
        ious[c] = float(tp) / float(tp + fp + fn)
    miou = float(np.mean(list(ious.values()))) if ious else 0.0
    return miou, ious


def evaluate(model, val: ValSet, batch_size: int) -> Tuple[float, Dict[int, float]]:
    return iou_from_confusion(confusion(predict_points(model, val, batch_size), val.point_labels))


# ---------------------------------------------------------------- training

def train_step(model, optimizer, scheduler, inputs, labels, weights) -> float:
    model.train()
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels.long(), weight=weights, ignore_index=0)
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    scheduler.step()
    return float(loss.item())


def batches(n: int, batch_size: int, rng: np.random.Generator) -> List[np.ndarray]:
    order = rng.permutation(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def format_time(seconds: float) -> str:
    return f"{int(seconds // 3600)}h{int(seconds % 3600 // 60):02d}m{int(seconds % 60):02d}s"


def export(args, checkpoint: str) -> None:
    cmd = [sys.executable, os.path.join(TOOLS, "export_salsanext.py"), "--checkpoint", checkpoint,
           "--width-multiplier", str(args.width_multiplier), "--height", str(args.height),
           "--width", str(args.width), "--seed", str(args.seed),
           "--output", os.path.join(args.output, "model.pt")]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    sys.stdout.write(proc.stdout)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"error: export failed ({' '.join(cmd)})")


def check_export(args, model, val: ValSet) -> float:
    """Fraction of pixels of the first validation scan where model.pt's argmax equals eager's."""
    scripted = torch.jit.load(os.path.join(args.output, "model.pt"))
    model.eval()
    with torch.no_grad():
        x = val.inputs[:1]
        return float((scripted(x).argmax(1) == model(x).argmax(1)).float().mean())


def main(argv=None) -> int:
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    os.makedirs(args.output, exist_ok=True)
    command = " ".join([os.path.basename(sys.executable), os.path.relpath(os.path.abspath(__file__))] +
                       (sys.argv[1:] if argv is None else list(argv)))

    sensor = SensorConfig(height=args.height, width=args.width)
    label_map = LabelMap(args.label_config)
    start = time.time()
    train = TrainSet([open_sequence(args.data, s, label_map) for s in args.train_sequences],
                     sensor, args.train_scans)
    val = ValSet(open_sequence(args.data, args.val_sequence, label_map), sensor, args.val_scans)
    print(f"projected {len(train)} training and {len(val)} validation scans at {args.height}x{args.width} "
          f"in {time.time() - start:.1f} s", flush=True)

    model = SalsaNext(NUM_CLASSES, width_multiplier=args.width_multiplier, with_softmax=False)
    params = count_parameters(model)
    print(f"SalsaNext width multiplier {args.width_multiplier} (base width "
          f"{base_width(args.width_multiplier)}): {params:,} parameters", flush=True)
    weights = class_weights(train.labels)
    print("class weights: " + ", ".join(f"{label_map.class_names[c]} {weights[c]:.2f}"
                                        for c in range(1, NUM_CLASSES) if weights[c] > 0), flush=True)

    steps_per_epoch = len(batches(len(train), args.batch_size, np.random.default_rng(0)))
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=args.lr, pct_start=0.1,
                                                    total_steps=args.epochs * steps_per_epoch)

    if args.benchmark > 0:
        return benchmark(args, model, optimizer, scheduler, train, val, weights, rng, steps_per_epoch)

    history = []
    step_losses = []
    train_start = time.time()
    miou, ious = 0.0, {}
    for epoch in range(1, args.epochs + 1):
        epoch_start = time.time()
        losses = []
        for idx in batches(len(train), args.batch_size, rng):
            idx_t = torch.from_numpy(idx)
            inputs, labels = train.inputs[idx_t], train.labels[idx_t]
            if not args.no_augment:
                inputs, labels = augment(inputs, labels, train.filled[idx_t], sensor, rng)
            losses.append(train_step(model, optimizer, scheduler, inputs, labels, weights))
        step_losses.extend(losses)
        entry = {"epoch": epoch, "train_loss": float(np.mean(losses)), "lr": scheduler.get_last_lr()[0]}
        if epoch % args.eval_every == 0 or epoch == args.epochs:
            miou, ious = evaluate(model, val, args.batch_size)
            entry["val_miou"] = miou
        elapsed = time.time() - train_start
        entry["epoch_s"] = time.time() - epoch_start
        entry["elapsed_s"] = elapsed
        history.append(entry)
        eta = elapsed / epoch * args.epochs
        print(f"epoch {epoch}/{args.epochs}: loss {entry['train_loss']:.4f}"
              + (f", val mIoU {miou:.4f}" if "val_miou" in entry else "")
              + f", {entry['epoch_s']:.0f} s, elapsed {format_time(elapsed)}, estimated total {format_time(eta)}",
              flush=True)

    print("validation IoU per class (points): " + ", ".join(
        f"{label_map.class_names[c]} {v:.3f}" for c, v in ious.items()))
    print(f"FP32 validation mIoU (per point, {len(ious)} classes present): {miou:.4f}")

    checkpoint = os.path.join(args.output, "checkpoint.pth")
    torch.save({"state_dict": model.state_dict(), "width_multiplier": args.width_multiplier,
                "epochs": args.epochs, "seed": args.seed}, checkpoint)
    summary = {
        "command": command, "seed": args.seed, "args": vars(args), "parameters": params,
        "torch_version": torch.__version__, "threads": args.threads,
        "train_scans": len(train), "val_scans": len(val),
        "class_weights": [float(w) for w in weights],
        "history": history, "step_losses": step_losses,
        "fp32_val_miou": miou,
        "fp32_val_iou": {label_map.class_names[c]: v for c, v in ious.items()},
        "train_seconds": time.time() - train_start,
    }
    if not args.no_export:
        export(args, checkpoint)
        agreement = check_export(args, model, val)
        print(f"model.pt argmax agrees with the eager model on {agreement:.4%} of the first validation scan")
        summary["export_argmax_agreement"] = agreement
    with open(os.path.join(args.output, "training.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2)
        f.write("\n")
    return 0


def benchmark(args, model, optimizer, scheduler, train, val, weights, rng, steps_per_epoch) -> int:
    """Time steps (one warm-up first) and one validation batch; extrapolate the full run."""
    sensor = SensorConfig(height=args.height, width=args.width)
    order = batches(len(train), args.batch_size, rng)
    times = []
    for k in range(args.benchmark + 1):
        idx = torch.from_numpy(order[k % len(order)])
        t = time.time()
        inputs, labels = train.inputs[idx], train.labels[idx]
        if not args.no_augment:
            inputs, labels = augment(inputs, labels, train.filled[idx], sensor, rng)
        loss = train_step(model, optimizer, scheduler, inputs, labels, weights)
        times.append(time.time() - t)
        print(f"step {k}: {times[-1]:.3f} s, loss {loss:.4f}", flush=True)
    step = float(np.mean(times[1:])) if len(times) > 1 else times[0]
    t = time.time()
    vb = min(args.batch_size, len(val))
    predict_points(model, _first(val, vb), vb)
    val_per_scan = (time.time() - t) / vb
    evals = math.ceil(args.epochs / args.eval_every)
    total = step * steps_per_epoch * args.epochs + val_per_scan * len(val) * evals
    print(f"{step:.3f} s per step (batch {args.batch_size}, {args.threads} thread(s)), "
          f"{val_per_scan:.3f} s per validation scan")
    print(f"estimated full run: {args.epochs} epochs x {steps_per_epoch} steps + {evals} validations of "
          f"{len(val)} scans = {format_time(total)}")
    return 0


def _first(val: ValSet, n: int) -> ValSet:
    sub = ValSet.__new__(ValSet)
    sub.inputs = val.inputs[:n]
    sub.point_pixels = val.point_pixels[:n]
    sub.point_labels = val.point_labels[:n]
    return sub


if __name__ == "__main__":
    try:
        sys.exit(main())
    except DataError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
