#pragma once

#include "data/ProjectedScan.h"
#include "data/Scan.h"
#include "eval/SegmentationMetrics.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace quantlens {

/// What one variant (FP32, W8A8, ...) predicted for one scan.
struct VariantPrediction
{
  std::string name;
  std::vector<std::uint8_t> pixelLabels; ///< argmax per range-image pixel
  std::vector<std::uint8_t> pointLabels; ///< per point (unprojected, or KNN-cleaned)
  /// Against the scan's ground truth; absent when the scan has no labels.
  std::optional<SegmentationMetrics> metrics;
  double inferenceMilliseconds = 0.0;    ///< 0 when it came from the cache

  bool operator==(const VariantPrediction&) const = default;
};

/// One scan seen through every variant of the session: its points, ground
/// truth (training ids), the range image the model saw, and the predictions.
/// Shared read-only with the GUI.
struct ScanInference
{
  std::size_t scanIndex = 0;
  std::string scanId;                    ///< file stem, e.g. "000042"
  Scan scan;
  std::vector<std::uint8_t> truth;       ///< training id per point; empty without labels
  ProjectedScan projected;               ///< empty (0 x 0) when no model is open
  std::vector<VariantPrediction> variants;

  bool hasTruth() const noexcept { return !truth.empty(); }
  /// The variant called `name`, or nullptr.
  const VariantPrediction* variant(const std::string& name) const
  {
    for (const auto& prediction : variants) {
      if (prediction.name == name)
        return &prediction;
    }
    return nullptr;
  }
};

using ScanInferencePtr = std::shared_ptr<const ScanInference>;

} // namespace quantlens
