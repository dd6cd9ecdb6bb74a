"""Exporter tests with fake official checkpoints.

Run:  /usr/bin/python3 -m unittest discover -s tools/tests -v
(from the repository root; Debian's interpreter, which has torch).
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import torch
import yaml

TOOLS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, TOOLS)

from models.rangenet import RangeNet  # noqa: E402
from models.salsanext import SalsaNext  # noqa: E402

# Small but legal sizes: SalsaNext needs H, W % 16 == 0; RangeNet W % 32 == 0.
S_H, S_W, S_WM = 32, 64, 0.25
R_H, R_W = 8, 64


def run_tool(script, *args):
    proc = subprocess.run([sys.executable, os.path.join(TOOLS, script), *args],
                          capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def randomized(model, seed):
    """Independent of export_common.randomize: a test must not share the code it checks."""
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, t in model.state_dict().items():
            if name.endswith("num_batches_tracked"):
                continue
            if name.endswith("running_var"):
                t.copy_(torch.rand(t.shape, generator=gen) + 0.5)
            else:
                t.copy_(torch.randn(t.shape, generator=gen) * 0.1)
    return model.eval()


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_f32(path, shape):
    data = np.fromfile(path, dtype="<f4")
    return torch.from_numpy(data.reshape(shape))


class SalsaNextExportTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def fake_checkpoint(self, drop_key=None, extra_key=None):
        model = randomized(SalsaNext(20, width_multiplier=S_WM), seed=7)
        state = {"module." + k: v for k, v in model.state_dict().items()}
        if drop_key:
            del state["module." + drop_key]
        if extra_key:
            state["module." + extra_key] = torch.zeros(3)
        path = os.path.join(self.dir, "SalsaNext")
        torch.save({"epoch": 1, "state_dict": state, "optimizer": {}}, path)
        return model, path

    def export(self, *extra):
        out = os.path.join(self.dir, "model.pt")
        return out, run_tool("export_salsanext.py", "--height", str(S_H), "--width", str(S_W),
                             "--width-multiplier", str(S_WM), "--output", out,
                             "--reference-input", os.path.join(self.dir, "in.bin"),
                             "--reference-output", os.path.join(self.dir, "out.bin"), *extra)

    def test_parameter_count_of_published_width(self):
        n = sum(p.numel() for p in SalsaNext(20).parameters())
        self.assertTrue(6.6e6 < n < 6.8e6, n)

    def test_module_names_match_official(self):
        names = dict(SalsaNext(20).named_modules())
        for name in ("downCntx3.bn2", "resBlock1.pool", "resBlock5.conv5", "resBlock5.dropout",
                     "upBlock4.conv4", "upBlock1.dropout3", "upBlock1.pixel_shuffle", "logits",
                     "module_softmax"):
            self.assertIn(name, names)
        self.assertNotIn("resBlock5.pool", names)
        self.assertIsInstance(names["resBlock2.dropout"], torch.nn.Dropout2d)

    def test_checkpoint_round_trip_script_and_trace(self):
        model, ckpt = self.fake_checkpoint()
        for mode in ("script", "trace"):
            out, (rc, log) = self.export("--checkpoint", ckpt, "--mode", mode)
            self.assertEqual(rc, 0, log)
            side = read_json(os.path.join(self.dir, "model.json"))
            self.assertEqual(side["format"], "quantlens-model")
            self.assertEqual(side["input_shape"], [1, 5, S_H, S_W])
            self.assertEqual(side["projection"]["fov_down"], -25.0)
            self.assertEqual(side["output"], "softmax")
            self.assertEqual(side["provenance"]["source"], os.path.abspath(ckpt))
            x = read_f32(os.path.join(self.dir, "in.bin"), [1, 5, S_H, S_W])
            y = read_f32(os.path.join(self.dir, "out.bin"), [1, 20, S_H, S_W])
            with torch.no_grad():
                expected = model(x)
                loaded = torch.jit.load(out)(x)
            self.assertLess((expected - y).abs().max().item(), 1e-5)
            self.assertLess((expected - loaded).abs().max().item(), 1e-5)
            # a softmax: channels sum to one
            self.assertLess((y.sum(1) - 1).abs().max().item(), 1e-4)

    def test_missing_and_unexpected_keys_fail_without_writing(self):
        _, ckpt = self.fake_checkpoint(drop_key="resBlock3.bn2.running_var", extra_key="extra.weight")
        out, (rc, log) = self.export("--checkpoint", ckpt)
        self.assertNotEqual(rc, 0)
        self.assertIn("missing key resBlock3.bn2.running_var", log)
        self.assertIn("unexpected key extra.weight", log)
        self.assertFalse(os.path.exists(out))
        self.assertFalse(os.path.exists(os.path.join(self.dir, "model.json")))
        self.assertFalse(os.path.exists(os.path.join(self.dir, "in.bin")))

    def test_wrong_width_multiplier_reports_shapes(self):
        _, ckpt = self.fake_checkpoint()
        out = os.path.join(self.dir, "model.pt")
        rc, log = run_tool("export_salsanext.py", "--checkpoint", ckpt, "--height", "32", "--width", "64",
                           "--output", out)
        self.assertNotEqual(rc, 0)
        self.assertIn("downCntx.conv1.weight has shape", log)
        self.assertFalse(os.path.exists(out))

    def test_impossible_values_name_the_field(self):
        out = os.path.join(self.dir, "model.pt")
        for args, field in ((["--height", "40", "--width", "64"], "height"),
                            (["--height", "32", "--width", "72"], "width"),
                            (["--fov-up", "-26"], "fov_up")):
            rc, log = run_tool("export_salsanext.py", "--random-weights", "--output", out, *args)
            self.assertEqual(rc, 2, log)
            self.assertIn(field, log)
            self.assertFalse(os.path.exists(out))

    def test_arch_cfg_sets_sensor_and_knn(self):
        cfg = {"dataset": {"sensor": {"fov_up": 2.0, "fov_down": -24.0, "img_prop": {"width": 64, "height": 32},
                                      "img_means": [1, 2, 3, 4, 5], "img_stds": [1, 1, 1, 1, 2]}},
               "post": {"KNN": {"use": True, "params": {"knn": 7, "search": 3, "sigma": 0.5, "cutoff": 2.0}}}}
        path = os.path.join(self.dir, "arch_cfg.yaml")
        with open(path, "w") as f:
            yaml.safe_dump(cfg, f)
        out = os.path.join(self.dir, "m.pt")
        rc, log = run_tool("export_salsanext.py", "--random-weights", "--width-multiplier", "0.125",
                           "--arch-cfg", path, "--logits", "--output", out,
                           "--reference-input", os.path.join(self.dir, "in.bin"),
                           "--reference-output", os.path.join(self.dir, "out.bin"))
        self.assertEqual(rc, 0, log)
        # random weights must still give a usable demo: finite, several classes
        y = read_f32(os.path.join(self.dir, "out.bin"), [1, 20, 32, 64])
        self.assertTrue(torch.isfinite(y).all())
        self.assertGreaterEqual(len(torch.unique(y.argmax(1))), 3)
        side = read_json(os.path.join(self.dir, "m.json"))
        self.assertEqual(side["input_shape"], [1, 5, 32, 64])
        self.assertEqual(side["projection"], {"height": 32, "width": 64, "fov_up": 2.0, "fov_down": -24.0})
        self.assertEqual(side["img_stds"], [1.0, 1.0, 1.0, 1.0, 2.0])
        self.assertEqual(side["knn"], {"enabled": True, "knn": 7, "search": 3, "sigma": 0.5, "cutoff": 2.0})
        self.assertEqual(side["output"], "logits")
        self.assertEqual(side["architecture"], "salsanext-w4")


class RangeNetExportTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def fake_checkpoint_dir(self, drop_head_bias=False):
        model = randomized(RangeNet(20), seed=11)
        ckpt = os.path.join(self.dir, "darknet21")
        os.makedirs(ckpt)
        torch.save(model.backbone.state_dict(), os.path.join(ckpt, "backbone"))
        # a {'state_dict': ...} wrapper with DataParallel prefixes is accepted too
        dec = {"module." + k: v for k, v in model.decoder.state_dict().items()}
        torch.save({"state_dict": dec}, os.path.join(ckpt, "segmentation_decoder"))
        head = model.head.state_dict()
        if drop_head_bias:
            del head["1.bias"]
        torch.save(head, os.path.join(ckpt, "segmentation_head"))
        arch = {"backbone": {"name": "darknet", "input_depth": {"range": True, "xyz": True, "remission": True},
                             "dropout": 0.01, "bn_d": 0.01, "OS": 32, "train": True, "extra": {"layers": 21}},
                "decoder": {"name": "darknet", "dropout": 0.01, "bn_d": 0.01, "train": True, "extra": None},
                "head": {"name": "segmentation", "train": True, "dropout": 0.01},
                "post": {"CRF": {"use": False}, "KNN": {"use": True, "params":
                                                        {"knn": 5, "search": 5, "sigma": 1.0, "cutoff": 1.0}}},
                "dataset": {"labels": "kitti", "scans": "kitti", "max_points": 150000,
                            "sensor": {"name": "HDL64", "type": "spherical", "fov_up": 3, "fov_down": -25,
                                       "img_prop": {"width": 2048, "height": 64},
                                       "img_means": [12.12, 10.88, 0.23, -1.04, 0.21],
                                       "img_stds": [12.32, 11.47, 6.91, 0.86, 0.16]}}}
        with open(os.path.join(ckpt, "arch_cfg.yaml"), "w") as f:
            yaml.safe_dump(arch, f)
        return model, ckpt

    def test_module_names_match_official(self):
        names = dict(RangeNet(20).named_modules())
        for name in ("backbone.conv1", "backbone.enc1.conv", "backbone.enc4.residual_1.conv2",
                     "backbone.enc5.residual_0.relu2", "backbone.dropout", "decoder.dec5.upconv",
                     "decoder.dec1.residual.bn2", "head.0", "head.1"):
            self.assertIn(name, names)
        self.assertNotIn("backbone.enc5.residual_1", names)
        up = names["decoder.dec3.upconv"]
        self.assertEqual((up.kernel_size, up.stride, up.padding), ((1, 4), (1, 2), (0, 1)))
        self.assertEqual(names["backbone.enc2.conv"].stride, (1, 2))

    def test_checkpoint_dir_round_trip(self):
        model, ckpt = self.fake_checkpoint_dir()
        out = os.path.join(self.dir, "rangenet.pt")
        rc, log = run_tool("export_rangenet.py", "--checkpoint", ckpt, "--height", str(R_H), "--width", str(R_W),
                           "--mode", "trace", "--output", out,
                           "--reference-input", os.path.join(self.dir, "in.bin"),
                           "--reference-output", os.path.join(self.dir, "out.bin"))
        self.assertEqual(rc, 0, log)
        side = read_json(os.path.join(self.dir, "rangenet.json"))
        self.assertEqual(side["architecture"], "rangenet-darknet21")
        self.assertEqual(side["input_shape"], [1, 5, R_H, R_W])
        self.assertTrue(side["knn"]["enabled"])
        x = read_f32(os.path.join(self.dir, "in.bin"), [1, 5, R_H, R_W])
        y = read_f32(os.path.join(self.dir, "out.bin"), [1, 20, R_H, R_W])
        with torch.no_grad():
            expected = model(x)
            loaded = torch.jit.load(out)(x)
        self.assertLess((expected - y).abs().max().item(), 1e-5)
        self.assertLess((expected - loaded).abs().max().item(), 1e-5)

    def test_missing_head_key_fails(self):
        _, ckpt = self.fake_checkpoint_dir(drop_head_bias=True)
        out = os.path.join(self.dir, "rangenet.pt")
        rc, log = run_tool("export_rangenet.py", "--checkpoint", ckpt, "--height", str(R_H), "--width", str(R_W),
                           "--output", out)
        self.assertNotEqual(rc, 0)
        self.assertIn("segmentation_head: missing key 1.bias", log)
        self.assertFalse(os.path.exists(out))

    def test_width_must_divide_by_32(self):
        out = os.path.join(self.dir, "rangenet.pt")
        rc, log = run_tool("export_rangenet.py", "--random-weights", "--height", "7", "--width", "48",
                           "--output", out)
        self.assertEqual(rc, 2)
        self.assertIn("width 48 is not a multiple of 32", log)
        rc, log = run_tool("export_rangenet.py", "--random-weights", "--height", "7", "--width", "64",
                           "--output", out)
        self.assertEqual(rc, 0, log)  # any height works: strides are horizontal only


if __name__ == "__main__":
    unittest.main()
