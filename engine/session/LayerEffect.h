#pragma once

#include "eval/LayerSensitivity.h"
#include "quant/QuantPreset.h"
#include "session/ScanInference.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace quantlens {

/// What switching one layer does to one scan, the way its sensitivity mode
/// switches it: OnlyThisLayer quantizes the layer alone and compares with
/// FP32; AllButThisLayer keeps the layer in FP32 with everything else
/// quantized and compares with the whole preset. So the points listed are
/// the ones the layer's bar in the sensitivity chart is about.
struct LayerEffect
{
  std::string module;
  QuantPreset preset{QuantPreset::Kind::W4A8};
  SensitivityMode mode = SensitivityMode::OnlyThisLayer;
  std::size_t scanIndex = 0;
  VariantPrediction reference; ///< FP32 (OnlyThisLayer) or the whole preset (AllButThisLayer)
  VariantPrediction switched;  ///< with the layer switched
  std::vector<std::uint32_t> changedPoints; ///< ascending indices of points whose class differs
};

} // namespace quantlens
