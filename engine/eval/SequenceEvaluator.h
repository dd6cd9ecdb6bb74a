#pragma once

#include "core/Feedback.h"
#include "data/LabelMap.h"
#include "data/SemanticKittiSequence.h"
#include "eval/ConfusionMatrix.h"
#include "eval/DistanceBinnedConfusion.h"
#include "eval/SegmentationMetrics.h"
#include "model/ModelSidecar.h"
#include "model/QuantSim.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace quantlens {

/// One variant to evaluate: a name ("FP32", "W8A8", "custom:recipe.json")
/// and its quantizer settings.
struct EvaluationVariant
{
  std::string name;
  std::vector<QuantizerSettings> settings;
};

struct EvaluationOptions
{
  std::vector<std::size_t> scans;         ///< scans to evaluate
  std::vector<std::size_t> calibrationScans; ///< scans to calibrate quantized variants on
  QuantScheme scheme;
  bool knn = false;                       ///< KNN-clean predictions with the sidecar's parameters
  std::optional<std::filesystem::path> savePredictions; ///< DIR/<variant>/sequences/NN/predictions/*.label
  IgnoreConvention convention = IgnoreConvention::SemanticKittiApi;
};

/// What one variant scored over the evaluated scans.
struct VariantEvaluation
{
  std::string name;
  ConfusionMatrix confusion;
  SegmentationMetrics metrics;
  std::vector<SegmentationMetrics> perScan;
  DistanceBinnedConfusion byDistance;
  /// Against the first variant (FP32 when listed first): points whose class changed.
  std::size_t changedPoints = 0;
  std::size_t comparedPoints = 0;
};

/// Evaluates variants of a model on a labelled sequence exactly like the
/// SemanticKITTI evaluator: per point (every point takes its own pixel's
/// argmax, or the KNN-cleaned label), one confusion matrix over all scans.
class SequenceEvaluator
{
public:
  static std::vector<VariantEvaluation> evaluate(QuantSim& sim, const ModelSidecar& sidecar,
                                                 const SemanticKittiSequence& sequence, const LabelMap& labels,
                                                 const std::vector<EvaluationVariant>& variants,
                                                 const EvaluationOptions& options, Feedback& feedback);

  /// Per-pixel argmax over the class axis of a {1, C, H, W} output.
  static std::vector<std::uint8_t> argmax(const FloatTensor& output);
};

} // namespace quantlens
