"""Tests of tools/data/semantic_kitti.py and tools/train_demo.py.

Run:  /usr/bin/python3 -m unittest discover -s tools/tests -v
The training smoke test needs the engine's CLI for synthetic data:
  QUANTLENS_CLI=build/app/cli/quantlens-cli /usr/bin/python3 -m unittest tools/tests/test_train_demo.py -v
and is skipped without it.
"""
import ctypes
import ctypes.util
import json
import math
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import torch

TOOLS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, TOOLS)

from data.semantic_kitti import LabelMap, SensorConfig, project  # noqa: E402
import train_demo  # noqa: E402

MEANS = (12.12, 10.88, 0.23, -1.04, 0.21)
STDS = (12.32, 11.47, 6.91, 0.86, 0.16)


class ReferenceProjection:
    """The engine's projection written as its plain per-point loop, with libm's
    float functions: independent of the vectorized code under test."""

    def __init__(self, height, width, fov_up=3.0, fov_down=-25.0):
        libm = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
        self.atan2f, self.asinf = libm.atan2f, libm.asinf
        for f, n in ((self.atan2f, 2), (self.asinf, 1)):
            f.restype = ctypes.c_float
            f.argtypes = [ctypes.c_float] * n
        f32 = np.float32
        self.h, self.w = height, width
        pi = f32(math.pi)
        self.pi = pi
        self.fov_down = f32(fov_down) / f32(180) * pi
        self.fov = f32(fov_up) / f32(180) * pi - self.fov_down

    def pixels(self, points):
        f32 = np.float32
        n = len(points)
        us, vs = [-1] * n, [-1] * n
        owner_range = {}
        owner = {}
        for i, (x, y, z, _) in enumerate(points.astype(np.float32)):
            r = np.sqrt(x * x + y * y + z * z)
            if not np.isfinite(r) or r <= 0:
                continue
            yaw = -f32(self.atan2f(float(y), float(x)))
            u_f = f32(0.5) * (yaw / self.pi + f32(1)) * f32(self.w)
            pitch = f32(self.asinf(float(z / r)))
            v_f = (f32(1) - (pitch - self.fov_down) / self.fov) * f32(self.h)
            u = min(max(int(math.floor(u_f)), 0), self.w - 1)
            v = min(max(int(math.floor(v_f)), 0), self.h - 1)
            us[i], vs[i] = u, v
            if (v, u) not in owner or r < owner_range[(v, u)]:
                owner[(v, u)] = i
                owner_range[(v, u)] = r
        return np.array(us), np.array(vs), owner


class ProjectionTest(unittest.TestCase):
    def test_hand_placed_points(self):
        # Same pixels as the engine's RangeProjectionTest, computed by hand:
        # u = 0.5·(1 − atan2(y,x)/π)·2048; v = (1 − 25/28)·64 = 6.86 → 6 for z = 0.
        pts = np.array([[10, 0, 0, 0.5], [0, 10, 0, 0.5], [0, -10, 0, 0.5], [-10, 0, 0, 0.5]], np.float32)
        ps = project(pts, SensorConfig(height=64, width=2048))
        self.assertEqual(ps.point_u.tolist(), [1024, 512, 1536, 0])
        self.assertEqual(ps.point_v.tolist(), [6, 6, 6, 6])
        self.assertEqual(int(ps.filled.sum()), 4)

    def test_closest_point_wins_and_ties_keep_the_first(self):
        pts = np.array([[10, 0, 0, 0.1],   # farther: loses to 1
                        [5, 0, 0, 0.2],    # closest: owns the pixel
                        [5, 0, 0, 0.3],    # same range as 1: the lower index stays
                        [0, 10, 0, 0.4]], np.float32)
        labels = np.array([1, 9, 11, 13], np.uint8)
        ps = project(pts, SensorConfig(height=64, width=2048), labels)
        self.assertEqual(ps.pixel_point[6, 1024], 1)
        self.assertEqual(ps.pixel_point[6, 512], 3)
        self.assertEqual(ps.label_image[6, 1024], 9)
        self.assertEqual(ps.label_image[6, 512], 13)
        self.assertAlmostEqual(float(ps.range[6, 1024]), 5.0, places=6)
        expected = [(5 - MEANS[0]) / STDS[0], (5 - MEANS[1]) / STDS[1], (0 - MEANS[2]) / STDS[2],
                    (0 - MEANS[3]) / STDS[3], (0.2 - MEANS[4]) / STDS[4]]
        np.testing.assert_allclose(ps.input[:, 6, 1024], expected, rtol=1e-5, atol=1e-6)
        # Everything else is empty: exactly 0 input, label 0, no owner.
        empty = ~ps.filled
        self.assertEqual(int(empty.sum()), 64 * 2048 - 2)
        self.assertTrue(np.all(ps.input[:, empty] == 0.0))
        self.assertTrue(np.all(ps.label_image[empty] == 0))
        self.assertTrue(np.all(ps.range[empty] == -1.0))

    def test_points_without_range_are_left_out(self):
        pts = np.array([[0, 0, 0, 0.5], [np.nan, 1, 1, 0.5], [np.inf, 0, 0, 0.5], [3, 4, 0, 0.5]], np.float32)
        ps = project(pts, SensorConfig(height=16, width=64))
        self.assertEqual(ps.point_u[:3].tolist(), [-1, -1, -1])
        self.assertEqual(ps.point_v[:3].tolist(), [-1, -1, -1])
        self.assertEqual(int(ps.filled.sum()), 1)
        self.assertEqual(int(ps.pixel_point[ps.filled][0]), 3)

    def test_matches_a_per_point_libm_loop(self):
        rng = np.random.default_rng(7)
        n = 3000
        h, w = 16, 128
        # Many collisions (small image), duplicated points (ties), points beyond
        # the field of view (clamped), and points on exact column edges.
        xyz = rng.normal(size=(n, 3)).astype(np.float32) * np.float32(20)
        xyz[:200] = xyz[200:400]
        az = (np.arange(64) * 2 * np.pi / 64).astype(np.float64)
        xyz[400:464] = np.stack([10 * np.cos(az), 10 * np.sin(az), np.zeros(64)], 1)
        pts = np.concatenate([xyz, rng.random((n, 1), dtype=np.float32)], 1)
        ref_u, ref_v, owner = ReferenceProjection(h, w).pixels(pts)
        ps = project(pts, SensorConfig(height=h, width=w))
        np.testing.assert_array_equal(ps.point_u, ref_u)
        np.testing.assert_array_equal(ps.point_v, ref_v)
        expected = np.full((h, w), -1)
        for (v, u), i in owner.items():
            expected[v, u] = i
        np.testing.assert_array_equal(ps.pixel_point, expected)

    def test_matches_libm_on_pixel_edges(self):
        # Points on (and one or two float steps beside) every column and row
        # edge, where approximate angles would floor to the neighbouring pixel.
        h, w = 64, 2048
        rng = np.random.default_rng(1)
        k = np.arange(w)
        azimuth = np.pi * (1 - 2 * k / w)  # u = k exactly
        r = rng.uniform(5, 50, w)
        x = (r * np.cos(azimuth)).astype(np.float32)
        y = (r * np.sin(azimuth)).astype(np.float32)
        rows = np.arange(h + 1)
        pitch = np.radians(-25) + (1 - rows / h) * np.radians(28)  # v = row exactly
        rr = rng.uniform(5, 50, h + 1)
        zero_w, zero_h = np.zeros(w, np.float32), np.zeros(h + 1, np.float32)
        parts = [np.stack([x, y, zero_w], 1),
                 np.stack([(rr * np.cos(pitch)).astype(np.float32), zero_h,
                           (rr * np.sin(pitch)).astype(np.float32)], 1)]
        for steps in (1, 2):
            for direction in (np.float32(np.inf), np.float32(-np.inf)):
                y_next = y
                for _ in range(steps):
                    y_next = np.nextafter(y_next, direction)
                parts.append(np.stack([x, y_next, zero_w], 1))
        xyz = np.concatenate(parts)
        pts = np.concatenate([xyz, np.full((len(xyz), 1), 0.5, np.float32)], 1)
        ref_u, ref_v, _ = ReferenceProjection(h, w).pixels(pts)
        ps = project(pts, SensorConfig(height=h, width=w))
        np.testing.assert_array_equal(ps.point_u, ref_u)
        np.testing.assert_array_equal(ps.point_v, ref_v)

    def test_label_map(self):
        lm = LabelMap()
        raw = np.array([0, 10, 40, 252, 72, 9999, 1], dtype=np.int64)
        # From semantic-kitti.yaml: car 1, road 9, moving-car → car, terrain 17, unknown → 0, outlier → 0.
        self.assertEqual(lm.map(raw).tolist(), [0, 1, 9, 1, 17, 0, 0])
        self.assertEqual(lm.num_classes, 20)
        self.assertEqual(lm.class_names[9], "road")


class TrainingPartsTest(unittest.TestCase):
    def test_iou_over_present_classes(self):
        gt = [np.array([0, 1, 1, 1, 2, 2, 0], np.uint8)]
        pred = [np.array([3, 1, 1, 2, 2, 3, 1], np.uint8)]
        miou, ious = train_demo.iou_from_confusion(train_demo.confusion(pred, gt))
        # class 1: TP 2, FN 1 (→2), FP 0 (the 1 on a class-0 point is ignored) → 2/3.
        # class 2: TP 1, FN 1 (→3), FP 1 (a 1-point predicted 2) → 1/3. Class 3 absent from the truth.
        self.assertEqual(sorted(ious), [1, 2])
        self.assertAlmostEqual(ious[1], 2 / 3)
        self.assertAlmostEqual(ious[2], 1 / 3)
        self.assertAlmostEqual(miou, 0.5)

    def test_class_weights(self):
        labels = torch.tensor([0] * 50 + [1] * 36 + [2] * 4, dtype=torch.uint8)
        w = train_demo.class_weights(labels)
        # freq 0.9 and 0.1 → 1/sqrt: 1.054, 3.162; scaled to mean 1 → 0.5, 1.5.
        self.assertAlmostEqual(float(w[1]), 0.5, places=5)
        self.assertAlmostEqual(float(w[2]), 1.5, places=5)
        self.assertEqual(float(w[0]), 0.0)
        self.assertEqual(float(w[3:].abs().sum()), 0.0)

    def test_augmentation_keeps_pixels_and_coordinates_consistent(self):
        # After flip + roll, re-projecting each filled pixel's x, y must give its column.
        h, w = 16, 256
        sensor = SensorConfig(height=h, width=w)
        rng = np.random.default_rng(3)
        xyz = rng.normal(size=(4000, 3)).astype(np.float32) * np.float32([15, 15, 1])
        pts = np.concatenate([xyz, rng.random((4000, 1), dtype=np.float32)], 1)
        ps = project(pts, sensor, (np.arange(4000) % 19 + 1).astype(np.uint8))
        inputs = torch.from_numpy(ps.input[None].copy())
        labels = torch.from_numpy(ps.label_image[None].copy())
        filled = torch.from_numpy(ps.filled[None].copy())
        for seed in range(4):
            out, lab = train_demo.augment(inputs, labels, filled, sensor, np.random.default_rng(seed))
            img = out[0].numpy()
            mask = img[0] != 0
            self.assertEqual(int(mask.sum()), int(ps.filled.sum()))
            self.assertTrue(np.all(img[:, ~mask] == 0))
            self.assertTrue(np.all(lab[0].numpy()[~mask] == 0))
            x = img[1][mask] * STDS[1] + MEANS[1]
            y = img[2][mask] * STDS[2] + MEANS[2]
            u = np.floor(0.5 * (1 - np.arctan2(y, x) / np.pi) * w).astype(int) % w
            cols = np.nonzero(mask)[1]
            self.assertGreater(np.mean(u == cols), 0.98)
            # Range, z and remission travel unchanged with their pixel.
            self.assertAlmostEqual(float(img[0][mask].sum()), float(ps.input[0][ps.filled].sum()), places=2)


@unittest.skipUnless(os.environ.get("QUANTLENS_CLI"),
                     "set QUANTLENS_CLI to the quantlens-cli binary to run the training smoke test")
class TrainSmokeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.data = os.path.join(cls.tmp.name, "synth")
        cli = os.environ["QUANTLENS_CLI"]
        for seq, scans, seed in (("00", 4, 1), ("08", 2, 2)):
            subprocess.run([cli, "synth", "--output", cls.data, "--sequence", seq, "--scans", str(scans),
                            "--seed", str(seed), "--quiet"], check=True)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def train(self, out, *extra):
        cmd = [sys.executable, os.path.join(TOOLS, "train_demo.py"), "--data", self.data, "--output", out,
               "--width-multiplier", "0.125", "--height", "64", "--width", "256", "--batch-size", "2",
               "--threads", "1", "--lr", "0.01", "--seed", "5", "--eval-every", "1", *extra]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        with open(os.path.join(out, "training.json"), encoding="utf-8") as f:
            return json.load(f), proc.stdout

    def test_trains_and_exports(self):
        out = os.path.join(self.tmp.name, "run")
        summary, log = self.train(out, "--epochs", "3", "--no-augment")
        losses = [e["train_loss"] for e in summary["history"]]
        self.assertLess(losses[-1], losses[0], log)
        self.assertEqual(summary["train_scans"], 4)
        self.assertEqual(summary["val_scans"], 2)
        self.assertTrue(0.0 <= summary["fp32_val_miou"] <= 1.0)
        self.assertIn("--seed 5", summary["command"])
        with open(os.path.join(out, "model.json"), encoding="utf-8") as f:
            sidecar = json.load(f)
        self.assertEqual(sidecar["architecture"], "salsanext-w4")
        self.assertEqual(sidecar["input_shape"], [1, 5, 64, 256])
        self.assertEqual(sidecar["projection"], {"height": 64, "width": 256, "fov_up": 3.0, "fov_down": -25.0})
        scripted = torch.jit.load(os.path.join(out, "model.pt"))
        with torch.no_grad():
            y = scripted(torch.zeros(1, 5, 64, 256))
        self.assertEqual(tuple(y.shape), (1, 20, 64, 256))
        self.assertAlmostEqual(float(y.sum(1).mean()), 1.0, places=4)  # softmax output
        self.assertEqual(summary["export_argmax_agreement"], 1.0)

    def test_same_seed_same_run(self):
        a, _ = self.train(os.path.join(self.tmp.name, "a"), "--epochs", "1", "--no-export")
        b, _ = self.train(os.path.join(self.tmp.name, "b"), "--epochs", "1", "--no-export")
        self.assertEqual(a["step_losses"], b["step_losses"])
        self.assertEqual(a["fp32_val_miou"], b["fp32_val_miou"])


if __name__ == "__main__":
    unittest.main()
