#pragma once

#include "core/Feedback.h"
#include "model/QuantSim.h"

#include <string>
#include <vector>

namespace quantlens {

/// AIMET QuantAnalyzer's two per-layer modes.
enum class SensitivityMode {
  OnlyThisLayer,  ///< this layer quantized, everything else FP32
  AllButThisLayer ///< everything quantized except this layer
};

/// A layer: all quantizers of one module (AIMET's grouping).
struct LayerGroup
{
  std::string module;
  std::vector<int> quantizerIds;
};

struct LayerScore
{
  std::string module;
  double agreement = 0.0;   ///< fraction of pixels whose argmax equals FP32's
  double sensitivity = 0.0; ///< higher = this layer matters more (see SensitivityResult)
  std::size_t order = 0;    ///< position in graph order: breaks ties, so shards merge to the same ranking
};

/// Per-layer sensitivity of a preset. Metric: agreement with FP32's per-pixel
/// argmax (needs no labels). OnlyThisLayer: sensitivity = 1 − agreement.
/// AllButThisLayer: sensitivity = agreement − baseline (how much keeping the
/// layer in FP32 recovers). Layers are sorted most sensitive first.
struct SensitivityResult
{
  SensitivityMode mode = SensitivityMode::OnlyThisLayer;
  double baselineAgreement = 0.0; ///< everything quantized
  std::size_t inputs = 0;
  int shardIndex = 0;
  int shardCount = 1;
  std::vector<LayerScore> layers;
};

class LayerSensitivity
{
public:
  /// Layers with at least one quantizer the preset enables, in graph order.
  static std::vector<LayerGroup> layers(const QuantSim& sim, const std::vector<QuantizerSettings>& preset);

  /// Runs the analysis on `inputs` (the sim must be calibrated). With
  /// shardCount n > 1 only layers whose index % n == shardIndex are computed,
  /// so a sweep can be spread over a job array and joined with merge().
  static SensitivityResult analyze(QuantSim& sim, const std::vector<QuantizerSettings>& preset,
                                   const QuantScheme& scheme, const std::vector<FloatTensor>& inputs,
                                   SensitivityMode mode, Feedback& feedback, int shardIndex = 0, int shardCount = 1);

  /// Joins shards of one analysis; throws EngineError when they do not fit together.
  static SensitivityResult merge(const std::vector<SensitivityResult>& shards);

  /// Most sensitive first; equal sensitivities in graph order.
  static void rank(std::vector<LayerScore>& layers);

  /// Fraction of equal entries of two per-pixel argmax maps.
  static double agreement(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b);
};

} // namespace quantlens
