#pragma once

#include "CommandLine.h"
#include "ModelArguments.h"

#include "core/Feedback.h"
#include "model/QuantSim.h"

namespace quantlens::cli {

/// Where calibration data comes from: `--calibration random:N` (N seeded
/// normal inputs of the model's input shape, for tests without a dataset) or
/// `--sequence DIR [--scans A:B]` (scans projected with the sidecar's sensor).
class CalibrationSource
{
public:
  static std::set<std::string> valueOptions() { return {"calibration", "sequence", "scans"}; }
  static std::string help();

  /// The inputs the options select, in the model's input shape.
  static std::vector<FloatTensor> inputs(const ModelArguments& model, const CommandLine& options, Feedback& feedback);

  /// calibrate() behind a progress bar (or plain lines, or nothing with --quiet).
  static std::size_t calibrateWithProgress(QuantSim& sim, const ModelArguments& model, const CommandLine& options);

  /// Runs the calibration passes on `sim`; returns how many inputs were used.
  static std::size_t calibrate(QuantSim& sim, const ModelArguments& model, const CommandLine& options,
                               Feedback& feedback);
};

} // namespace quantlens::cli
