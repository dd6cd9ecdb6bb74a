#pragma once

#include "eval/LayerSensitivity.h"
#include "quant/QuantPreset.h"

#include <cstddef>
#include <vector>

namespace quantlens {

/// What InspectionSession::mixedPrecision searches: promote the layers of
/// `preset` most sensitive first (each layer alone, on `scans`) to
/// `promoteTo` bits until the score is within `maxDrop` of FP32's.
struct MixedPrecisionRequest
{
  QuantPreset preset{QuantPreset::Kind::W4A8};
  std::vector<std::size_t> scans;
  double maxDrop = 0.01;  ///< in the metric's units (0.01 = one point of agreement or mIoU)
  int promoteTo = 16;
  /// Agreement with FP32 per pixel, or per-point mIoU against the labels.
  SensitivityMetric metric = SensitivityMetric::Agreement;

  bool operator==(const MixedPrecisionRequest&) const = default;
};

} // namespace quantlens
