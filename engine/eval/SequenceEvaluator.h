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
  /// Keep, per scan, the indices of the points whose class differs from the
  /// first variant's (VariantEvaluation::flippedIndices); off by default
  /// because a long sequence gives millions of indices.
  bool keepFlippedIndices = false;
};

/// What one variant scored over the evaluated scans.
struct VariantEvaluation
{
  std::string name;
  ConfusionMatrix confusion;
  SegmentationMetrics metrics;
  std::vector<SegmentationMetrics> perScan;
  /// Points with a range in a bin; points left out of the projection (no
  /// range) are in no bin but still in `confusion`, predicted as class 0.
  DistanceBinnedConfusion byDistance;
  /// Against the first variant (FP32 when listed first), over every point of
  /// every scan: points whose class changed. Both 0 for the first variant.
  std::size_t changedPoints = 0;
  std::size_t comparedPoints = 0;
  /// Rows = this variant's class, columns = the first variant's class; the
  /// off-diagonal cells are the changes. Empty (all zero) for the first variant.
  ConfusionMatrix changes;
  /// Per evaluated scan (in EvaluationOptions::scans order), the ascending
  /// indices of points whose class differs from the first variant's; filled
  /// only with EvaluationOptions::keepFlippedIndices.
  std::vector<std::vector<std::uint32_t>> flippedIndices;

  bool operator==(const VariantEvaluation&) const = default;
};

/// Evaluates variants of a model on a labelled sequence exactly like the
/// SemanticKITTI evaluator: per point (every point takes its own pixel's
/// argmax, or the KNN-cleaned label), one confusion matrix over all scans.
/// Points the projection leaves out (non-finite, at the origin) keep class 0
/// in the matrix, as the reference evaluator's label 0 prediction does. KNN
/// runs on the QuantSim's device.
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
