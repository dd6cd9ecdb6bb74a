#pragma once

#include "CommandLine.h"
#include "ModelArguments.h"

#include "core/Feedback.h"
#include "model/FloatTensor.h"

#include <cstdint>
#include <vector>

namespace quantlens::cli {

/// Model inputs with a training id per pixel, for metrics that need labels
/// (sensitivity --metric miou).
struct LabelledInputs
{
  std::vector<FloatTensor> inputs;
  /// Per input, H×W training ids: the label of the point that owns the pixel
  /// (the closest, as the projection keeps it), 0 for empty pixels.
  std::vector<std::vector<std::uint8_t>> labels;
};

/// The scans of `--sequence DIR [--scans A:B]`, projected with the sidecar's
/// sensor like CalibrationSource does, and their labels mapped with
/// semantic-kitti.yaml's learning_map.
class LabelledScans
{
public:
  /// UsageError without --sequence or a sidecar; EngineError when the
  /// sequence has no labels/ folder.
  static LabelledInputs load(const ModelArguments& model, const CommandLine& options, Feedback& feedback);
};

} // namespace quantlens::cli
