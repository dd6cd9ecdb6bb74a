#!/usr/bin/python3
"""Simulation cost of QuantLens against PyTorch's own fake-quant, in one run.

  /usr/bin/python3 tools/bench_quantsim.py --cli build/app/cli/quantlens-cli [--threads 1] [--repeat 10]

Exports a full-width SalsaNext (random weights) at 64x512, runs
`quantlens-cli bench --case quantsim` on it (plain TorchScript forward,
instrumented FP32, W8A8), then times the same architecture in PyTorch eager
mode, plain and prepared with torch.ao.quantization fake quantization
(per-channel weights, per-tensor activations, observers off after one
calibration pass), with the same number of threads. Prints a Markdown table.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models.salsanext import SalsaNext  # noqa: E402

SHAPE = (1, 5, 64, 512)


def median_ms(fn, repeat):
    for _ in range(3):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times)


def torch_fake_quant_model(model, x):
    qconfig = torch.ao.quantization.get_default_qat_qconfig("fbgemm")
    model.train()
    model.qconfig = qconfig
    prepared = torch.ao.quantization.prepare_qat(model, inplace=False)
    prepared.eval()
    with torch.no_grad():
        prepared(x)  # calibration pass for the observers
    prepared.apply(torch.ao.quantization.disable_observer)
    return prepared


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", required=True, help="path to quantlens-cli")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    with tempfile.TemporaryDirectory() as tmp:
        model_path = os.path.join(tmp, "salsanext.pt")
        subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "export_salsanext.py"),
                        "--random-weights", "--seed", "3", "--height", str(SHAPE[2]), "--width", str(SHAPE[3]),
                        "--output", model_path], check=True, stdout=subprocess.DEVNULL)
        result = subprocess.run([args.cli, "bench", "--case", "quantsim", "--model", model_path, "--repeat",
                                 str(args.repeat), "--threads", str(args.threads), "--json"],
                                check=True, capture_output=True, text=True)
        ours = json.loads(result.stdout)

    torch.manual_seed(3)
    model = SalsaNext(20).eval()
    x = torch.randn(*SHAPE)
    with torch.no_grad():
        eager = median_ms(lambda: model(x), args.repeat)
        fake = torch_fake_quant_model(model, x)
        torch_fq = median_ms(lambda: fake(x), args.repeat)

    plain = ours["plain"]["median_ms"]
    fp32 = ours["instrumented_fp32"]["median_ms"]
    w8a8 = ours["w8a8"]["median_ms"]
    print(f"SalsaNext (full width, {ours['quantizers']} quantizers), input {list(SHAPE)}, "
          f"{args.threads} thread(s), median of {args.repeat}\n")
    print("| run | ms | ratio |")
    print("| --- | ---: | ---: |")
    print(f"| TorchScript forward, C++ (plain) | {plain:.1f} | 1.00 |")
    print(f"| QuantLens FP32 (instrumented, quantizers off) | {fp32:.1f} | {fp32 / plain:.3f} × plain |")
    print(f"| QuantLens W8A8 | {w8a8:.1f} | {w8a8 / fp32:.3f} × FP32 |")
    print(f"| PyTorch eager forward | {eager:.1f} | |")
    print(f"| PyTorch eager, torch.ao fake-quant (QAT-prepared, observers off) | {torch_fq:.1f} | "
          f"{torch_fq / eager:.3f} × eager |")
    print(f"\nQuantLens W8A8 / PyTorch fake-quant: {w8a8 / torch_fq:.3f}")


if __name__ == "__main__":
    main()
