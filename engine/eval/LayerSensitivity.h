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

/// What a variant is scored by.
enum class SensitivityMetric {
  /// Mean over inputs of the fraction of pixels whose argmax equals FP32's (no labels needed).
  Agreement,
  /// mIoU of the per-pixel argmax against per-pixel labels: one confusion
  /// matrix over all inputs, class 0 ignored (SemanticKITTI convention), mean
  /// IoU over the classes present in the labels (SegmentationMetrics::miouPresent).
  MeanIou
};

struct LayerScore
{
  std::string module;
  double agreement = 0.0;   ///< fraction of pixels whose argmax equals FP32's
  double sensitivity = 0.0; ///< higher = this layer matters more (see SensitivityResult)
  std::size_t order = 0;    ///< position in graph order: breaks ties, so shards merge to the same ranking
  double miou = 0.0;        ///< MeanIou metric only

  bool operator==(const LayerScore&) const = default;
};

/// Per-layer sensitivity of a preset. With the Agreement metric:
/// OnlyThisLayer: sensitivity = 1 − agreement;
/// AllButThisLayer: sensitivity = agreement − baselineAgreement (how much
/// keeping the layer in FP32 recovers). With MeanIou:
/// OnlyThisLayer: sensitivity = fp32Miou − miou (the mIoU this layer alone loses);
/// AllButThisLayer: sensitivity = miou − baselineMiou (the mIoU keeping it in FP32 recovers).
/// Layers are sorted most sensitive first.
struct SensitivityResult
{
  SensitivityMode mode = SensitivityMode::OnlyThisLayer;
  SensitivityMetric metric = SensitivityMetric::Agreement;
  double baselineAgreement = 0.0; ///< everything quantized
  double fp32Miou = 0.0;          ///< MeanIou only
  double baselineMiou = 0.0;      ///< MeanIou only: everything quantized
  std::size_t inputs = 0;
  int shardIndex = 0;
  int shardCount = 1;
  std::vector<LayerScore> layers;

  bool operator==(const SensitivityResult&) const = default;
};

struct SensitivityOptions
{
  SensitivityMode mode = SensitivityMode::OnlyThisLayer;
  SensitivityMetric metric = SensitivityMetric::Agreement;
  /// MeanIou: per input, a training id per pixel of the output (H×W,
  /// row-major); 0 = unlabelled (ignored), ids below the output's class count.
  std::vector<std::vector<std::uint8_t>> labels;
  /// Runs every (layer, input) pair through the whole graph. The default
  /// shares what does not change: each input's values before a layer's first
  /// quantizer are computed once (FP32 in OnlyThisLayer, the all-quantized
  /// baseline in AllButThisLayer) and only the rest of the graph runs per
  /// layer. Both give the same scores bit for bit; naive is the reference
  /// and the benchmark's comparison.
  bool naive = false;
  /// Shard k of n: only layers whose index % n == k (see analyze).
  int shardIndex = 0;
  int shardCount = 1;
};

class LayerSensitivity
{
public:
  /// Layers with at least one quantizer the preset enables, in graph order.
  static std::vector<LayerGroup> layers(const QuantSim& sim, const std::vector<QuantizerSettings>& preset);

  /// The settings of one analysis run: `layer` alone quantized as in `preset`
  /// (OnlyThisLayer), or everything of `preset` but `layer` (AllButThisLayer).
  static std::vector<QuantizerSettings> switchedSettings(const std::vector<QuantizerSettings>& preset,
                                                         const LayerGroup& layer, SensitivityMode mode);

  /// Runs the analysis on `inputs` (the sim must be calibrated). With
  /// shardCount n > 1 only layers whose index % n == shardIndex are computed,
  /// so a sweep can be spread over a job array and joined with merge().
  static SensitivityResult analyze(QuantSim& sim, const std::vector<QuantizerSettings>& preset,
                                   const QuantScheme& scheme, const std::vector<FloatTensor>& inputs,
                                   SensitivityMode mode, Feedback& feedback, int shardIndex = 0, int shardCount = 1);
  /// The same with every option; throws EngineError for MeanIou without one
  /// label map per input of the output's pixel count.
  static SensitivityResult analyze(QuantSim& sim, const std::vector<QuantizerSettings>& preset,
                                   const QuantScheme& scheme, const std::vector<FloatTensor>& inputs,
                                   const SensitivityOptions& options, Feedback& feedback);

  /// Joins shards of one analysis; throws EngineError when they do not fit together.
  static SensitivityResult merge(const std::vector<SensitivityResult>& shards);

  /// Most sensitive first; equal sensitivities in graph order.
  static void rank(std::vector<LayerScore>& layers);

  /// Fraction of equal entries of two per-pixel argmax maps.
  static double agreement(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b);
};

} // namespace quantlens
