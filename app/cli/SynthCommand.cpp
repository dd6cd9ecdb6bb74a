#include "SynthCommand.h"

#include "ProgressPrinter.h"

#include "data/SyntheticScanner.h"

#include <chrono>
#include <cstdio>

namespace quantlens::cli {

std::string SynthCommand::help() const
{
  return "usage: quantlens-cli synth --output DIR [--sequence NN] [--scans N] [--seed S] [--quiet]\n\n"
         "Simulates a 64-beam spinning LiDAR driving down a procedural street and writes\n"
         "DIR/sequences/NN/ in the SemanticKITTI layout (velodyne/*.bin, labels/*.label,\n"
         "poses.txt, calib.txt, times.txt). The same seed always gives the same data.\n\n"
         "  --output DIR     dataset root to write into (created if needed)\n"
         "  --sequence NN    sequence number, 0-99 (default 0)\n"
         "  --scans N        number of scans (default 100)\n"
         "  --seed S         random seed (default 1)\n"
         "  --quiet          no progress output\n";
}

int SynthCommand::run(const CommandLine& options)
{
  const std::string output = options.required("output");
  const int sequence = static_cast<int>(options.integer("sequence", 0, 0, 99));
  const auto scans = static_cast<std::size_t>(options.integer("scans", 100, 1, 100000));
  SyntheticScannerOptions scannerOptions;
  scannerOptions.seed = static_cast<std::uint64_t>(options.integer("seed", 1, 0, 1LL << 62));

  ProgressPrinter printer("synth", options.flag("quiet"));
  Feedback feedback([&](double fraction, const std::string& message) { printer.update(fraction, message); });
  const auto start = std::chrono::steady_clock::now();
  const SyntheticScanner scanner(scannerOptions);
  const auto folder = scanner.writeSequence(output, sequence, scans, &feedback);
  printer.finish();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("wrote %zu scans to %s in %.1f s\n", scans, folder.c_str(), seconds);
  return 0;
}

} // namespace quantlens::cli
