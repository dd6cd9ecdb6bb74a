#pragma once

#include "core/Feedback.h"
#include "data/LabelMap.h"
#include "data/SemanticKittiSequence.h"
#include "eval/BitOps.h"
#include "model/ModelSidecar.h"
#include "model/QuantSim.h"
#include "quant/Overrides.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace quantlens {

/// Scores a settings table, higher is better: agreement with FP32, mIoU, ...
/// The search calls it once for FP32 and once per step.
using SettingsScore = std::function<double(const std::vector<QuantizerSettings>& settings)>;

struct MixedPrecisionOptions
{
  double maxDrop = 0.01;      ///< allowed score drop below FP32's (absolute, in the score's units)
  int promoteTo = 16;         ///< bitwidth a promoted layer's quantizers get (never lowered)
  std::size_t maxSteps = 0;   ///< most promotions to try; 0 = every ranked layer
  std::string metric = "score"; ///< the score's name, for the recipe's description
  /// Whether promoting a quantizer whose encodings a file fixed drops them (it
  /// is then calibrated at the new bitwidth). On when the search starts from an
  /// AIMET encodings file, where every encoding is fixed; off otherwise, so an
  /// encoding a recipe pins stays as it is.
  bool replaceFixedEncodings = false;
};

/// Where a search starts: a settings table, its name for the recipe's
/// description, and the preset the recipe (an override file) is written against.
struct MixedPrecisionStart
{
  std::string name;                        ///< "W4A8", "custom:recipe.json"
  std::vector<QuantizerSettings> settings; ///< one per quantizer
  QuantPreset base{QuantPreset::Kind::W8A8};
};

/// One evaluated settings table of the greedy path.
struct MixedPrecisionPoint
{
  std::size_t step = 0;     ///< 0 = the base preset, k = after k promotions
  std::string module;       ///< layer promoted at this step (empty at step 0)
  std::uint64_t bitOps = 0;
  double score = 0.0;
  double drop = 0.0;        ///< FP32 score − score
  bool pareto = false;      ///< no other point has fewer-or-equal BitOps and a higher-or-equal score

  bool operator==(const MixedPrecisionPoint&) const = default;
};

struct MixedPrecisionResult
{
  double referenceScore = 0.0; ///< FP32's score
  std::uint64_t fp32BitOps = 0;
  std::vector<MixedPrecisionPoint> points; ///< the greedy path, every step
  std::size_t chosen = 0;      ///< index into points
  bool budgetMet = false;      ///< points[chosen].drop <= maxDrop
  std::vector<QuantizerSettings> settings; ///< of the chosen point
  Overrides overrides;         ///< base preset + changes that give `settings` (for OverridesFile::write)

  /// The Pareto-optimal points, in path order.
  std::vector<MixedPrecisionPoint> paretoFront() const;

  bool operator==(const MixedPrecisionResult&) const = default;
};

/// Automatic mixed precision, greedy: start from a preset, promote the most
/// sensitive layer (all its enabled quantizers) to a higher bitwidth, score,
/// and repeat down the ranking until the score is within the allowed drop of
/// FP32's, the ranking is exhausted or maxSteps is reached. A layer whose
/// promotion changes nothing (already at that bitwidth) costs no step.
class MixedPrecision
{
public:
  /// `ranking`: modules most sensitive first (e.g. LayerSensitivity::analyze,
  /// OnlyThisLayer); each must be a layer the preset quantizes. `sim` must have
  /// run once (BitOps needs its shapes); scoring FP32 first usually does that.
  /// The chosen point is the cheapest within budget, else the best-scoring one.
  static MixedPrecisionResult search(const QuantSim& sim, QuantPreset preset, const std::vector<std::string>& ranking,
                                     const SettingsScore& score, const MixedPrecisionOptions& options,
                                     Feedback& feedback);
  /// The same from any settings table (a Custom variant). Throws EngineError
  /// before any scoring when its recipe could not be written as an override file.
  static MixedPrecisionResult search(const QuantSim& sim, const MixedPrecisionStart& start,
                                     const std::vector<std::string>& ranking, const SettingsScore& score,
                                     const MixedPrecisionOptions& options, Feedback& feedback);

  /// Raises the bitwidth of the enabled integer quantizers in `ids` (without
  /// fixed encodings, unless `replaceFixedEncodings`: then they are dropped)
  /// to `bitwidth`; returns whether any setting changed.
  static bool promote(const std::vector<int>& ids, int bitwidth, std::vector<QuantizerSettings>& settings,
                      bool replaceFixedEncodings = false);

  /// Marks the points no other point dominates (equal points: the first one).
  static void markPareto(std::vector<MixedPrecisionPoint>& points);

  /// The overrides that turn `preset`'s settings into `settings` (only what differs).
  static Overrides overridesFor(const QuantSim& sim, QuantPreset preset, const std::vector<QuantizerSettings>& settings,
                                const std::string& description);

  /// Mean per-pixel agreement of the argmax with FP32's on `inputs` (FP32
  /// outputs are computed on the first call). The sim must be calibrated and
  /// must outlive the returned function.
  static SettingsScore agreementScore(QuantSim& sim, const QuantScheme& scheme, std::vector<FloatTensor> inputs);

  /// Per-point mIoU over the classes present in the labels of `scans`
  /// (short sequences lack many of the 19 classes, which would count as 0 in
  /// the published mIoU), scored like SequenceEvaluator. The sim must be
  /// calibrated; sim, sidecar, sequence and labels must outlive the function.
  static SettingsScore miouScore(QuantSim& sim, const ModelSidecar& sidecar, const SemanticKittiSequence& sequence,
                                 const LabelMap& labels, const std::vector<std::size_t>& scans,
                                 const QuantScheme& scheme);
};

} // namespace quantlens
