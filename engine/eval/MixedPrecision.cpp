#include "eval/MixedPrecision.h"

#include "core/EngineError.h"
#include "eval/LayerSensitivity.h"
#include "eval/SequenceEvaluator.h"
#include "quant/OverridesDiff.h"
#include "quant/OverridesFile.h"

#include <cstdio>
#include <algorithm>
#include <map>
#include <memory>
#include <set>

namespace quantlens {

namespace {

/// Scores are means of fractions: allow for the last bit of rounding.
constexpr double kTolerance = 1e-12;

void checkOptions(const MixedPrecisionStart& start, const MixedPrecisionOptions& options)
{
  const bool quantizes =
    std::any_of(start.settings.begin(), start.settings.end(), [](const auto& setting) { return setting.enabled; });
  if (!quantizes)
    throw EngineError("mixed precision starts from a quantized variant (W8A8, W4A8 or Custom), not " + start.name);
  if (options.promoteTo < OverridesFile::kMinBitwidth || options.promoteTo > OverridesFile::kMaxBitwidth)
    throw EngineError("promotion bitwidth " + std::to_string(options.promoteTo) + " is outside " +
                      std::to_string(OverridesFile::kMinBitwidth) + ".." + std::to_string(OverridesFile::kMaxBitwidth));
  if (!(options.maxDrop >= 0.0))
    throw EngineError("the allowed score drop must be 0 or more, got " + std::to_string(options.maxDrop));
}

/// Quantizer ids per ranked module, in ranking order; throws for a module the preset does not quantize.
std::vector<std::vector<int>> rankedGroups(const QuantSim& sim, const std::vector<QuantizerSettings>& base,
                                           const std::vector<std::string>& ranking)
{
  std::map<std::string, std::vector<int>> byModule;
  for (auto& group : LayerSensitivity::layers(sim, base))
    byModule[group.module] = std::move(group.quantizerIds);
  std::set<std::string> seen;
  std::vector<std::vector<int>> groups;
  for (const auto& module : ranking) {
    const auto found = byModule.find(module);
    if (found == byModule.end())
      throw EngineError("layer '" + module + "' of the ranking has no quantizer the preset enables in '" +
                        sim.modelFile().string() + "'");
    if (!seen.insert(module).second)
      throw EngineError("layer '" + module + "' is ranked twice");
    groups.push_back(found->second);
  }
  return groups;
}

bool withinBudget(const MixedPrecisionPoint& point, double maxDrop)
{
  return point.drop <= maxDrop + kTolerance;
}

/// The cheapest point within budget; when none is, the best-scoring one.
std::size_t choose(const std::vector<MixedPrecisionPoint>& points, double maxDrop)
{
  std::size_t best = 0;
  for (std::size_t i = 1; i < points.size(); ++i) {
    const auto& a = points[i];
    const auto& b = points[best];
    const bool aIn = withinBudget(a, maxDrop);
    const bool bIn = withinBudget(b, maxDrop);
    bool better = false;
    if (aIn != bIn)
      better = aIn;
    else if (aIn)
      better = a.bitOps < b.bitOps || (a.bitOps == b.bitOps && a.score > b.score);
    else
      better = a.score > b.score || (a.score == b.score && a.bitOps < b.bitOps);
    if (better)
      best = i;
  }
  return best;
}

std::string describe(const std::string& start, const MixedPrecisionOptions& options, const MixedPrecisionResult& result)
{
  const auto& point = result.points[result.chosen];
  char text[512];
  std::snprintf(text, sizeof(text),
                "quantlens amp: %s with %zu layer(s) promoted to %d bit; %s %.4f vs FP32 %.4f (drop %.4f, allowed "
                "%.4f%s)",
                start.c_str(), point.step, options.promoteTo, options.metric.c_str(), point.score,
                result.referenceScore, point.drop, options.maxDrop, result.budgetMet ? "" : ", budget not met");
  return text;
}

} // namespace

std::vector<MixedPrecisionPoint> MixedPrecisionResult::paretoFront() const
{
  std::vector<MixedPrecisionPoint> front;
  for (const auto& point : points) {
    if (point.pareto)
      front.push_back(point);
  }
  return front;
}

MixedPrecisionResult MixedPrecision::search(const QuantSim& sim, QuantPreset preset,
                                            const std::vector<std::string>& ranking, const SettingsScore& score,
                                            const MixedPrecisionOptions& options, Feedback& feedback)
{
  return search(sim, MixedPrecisionStart{preset.toString(), sim.presetSettings(preset), preset}, ranking, score,
                options, feedback);
}

MixedPrecisionResult MixedPrecision::search(const QuantSim& sim, const MixedPrecisionStart& start,
                                            const std::vector<std::string>& ranking, const SettingsScore& score,
                                            const MixedPrecisionOptions& options, Feedback& feedback)
{
  checkOptions(start, options);
  const auto& base = start.settings;
  overridesFor(sim, start.base, base, {}); // a start the recipe cannot express fails before the work
  const auto groups = rankedGroups(sim, base, ranking);

  MixedPrecisionResult result;
  feedback.setProgress(0.0, "scoring FP32");
  const auto fp32 = sim.presetSettings({QuantPreset::Kind::Fp32});
  result.referenceScore = score(fp32);
  const auto costs = BitOps::layers(sim);
  result.fp32BitOps = BitOps::total(costs, fp32);

  std::vector<std::vector<QuantizerSettings>> tables;
  const auto evaluate = [&](const std::vector<QuantizerSettings>& settings, const std::string& module) {
    MixedPrecisionPoint point;
    point.step = result.points.size();
    point.module = module;
    point.bitOps = BitOps::total(costs, settings);
    point.score = score(settings);
    point.drop = result.referenceScore - point.score;
    result.points.push_back(point);
    tables.push_back(settings);
  };
  std::vector<QuantizerSettings> current = base;
  feedback.throwIfCanceled();
  evaluate(current, "");
  const std::size_t limit = options.maxSteps > 0 ? options.maxSteps : groups.size();
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (withinBudget(result.points.back(), options.maxDrop) || result.points.size() > limit)
      break;
    feedback.throwIfCanceled();
    if (!promote(groups[i], options.promoteTo, current, options.replaceFixedEncodings))
      continue;
    evaluate(current, ranking[i]);
    feedback.setProgress(static_cast<double>(i + 1) / static_cast<double>(groups.size()), ranking[i]);
  }
  feedback.setProgress(1.0, "done");

  markPareto(result.points);
  result.chosen = choose(result.points, options.maxDrop);
  result.budgetMet = withinBudget(result.points[result.chosen], options.maxDrop);
  result.settings = tables[result.chosen];
  result.overrides = overridesFor(sim, start.base, result.settings, describe(start.name, options, result));
  return result;
}

bool MixedPrecision::promote(const std::vector<int>& ids, int bitwidth, std::vector<QuantizerSettings>& settings,
                             bool replaceFixedEncodings)
{
  bool changed = false;
  for (const int id : ids) {
    auto& setting = settings.at(static_cast<std::size_t>(id));
    // Fixed encodings carry their own bitwidth; a float quantizer has none to raise.
    if (!setting.enabled || setting.dtype != QuantDtype::Int ||
        (!setting.fixedEncodings.empty() && !replaceFixedEncodings) || setting.bitwidth >= bitwidth)
      continue;
    setting.fixedEncodings.clear();
    setting.bitwidth = bitwidth;
    changed = true;
  }
  return changed;
}

void MixedPrecision::markPareto(std::vector<MixedPrecisionPoint>& points)
{
  for (std::size_t i = 0; i < points.size(); ++i) {
    bool dominated = false;
    for (std::size_t j = 0; j < points.size() && !dominated; ++j) {
      if (j == i)
        continue;
      const bool noWorse = points[j].bitOps <= points[i].bitOps && points[j].score >= points[i].score;
      const bool strictlyBetter = points[j].bitOps < points[i].bitOps || points[j].score > points[i].score;
      dominated = noWorse && (strictlyBetter || j < i); // of equal points the first stays
    }
    points[i].pareto = !dominated;
  }
}

Overrides MixedPrecision::overridesFor(const QuantSim& sim, QuantPreset preset,
                                       const std::vector<QuantizerSettings>& settings, const std::string& description)
{
  const auto base = sim.presetSettings(preset);
  if (settings.size() != base.size())
    throw EngineError("settings for " + std::to_string(settings.size()) + " quantizers, but '" +
                      sim.modelFile().string() + "' has " + std::to_string(base.size()));
  Overrides overrides = OverridesDiff::between(sim.quantizers(), base, settings);
  overrides.base = preset;
  overrides.description = description;
  return overrides;
}

SettingsScore MixedPrecision::agreementScore(QuantSim& sim, const QuantScheme& scheme, std::vector<FloatTensor> inputs)
{
  if (inputs.empty())
    throw EngineError("scoring agreement with FP32 needs at least one input");
  struct State
  {
    std::vector<FloatTensor> inputs;
    std::vector<std::vector<std::uint8_t>> reference; ///< FP32 argmax per input
  };
  auto state = std::make_shared<State>();
  state->inputs = std::move(inputs);
  return [&sim, scheme, state](const std::vector<QuantizerSettings>& settings) {
    if (state->reference.empty()) {
      const auto fp32 = sim.prepare(sim.presetSettings({QuantPreset::Kind::Fp32}), {});
      for (const auto& input : state->inputs)
        state->reference.push_back(SequenceEvaluator::argmax(sim.run(fp32, input)));
    }
    const auto variant = sim.prepare(settings, sim.computeEncodings(settings, scheme));
    double sum = 0.0;
    for (std::size_t i = 0; i < state->inputs.size(); ++i)
      sum += LayerSensitivity::agreement(SequenceEvaluator::argmax(sim.run(variant, state->inputs[i])),
                                         state->reference[i]);
    return sum / static_cast<double>(state->inputs.size());
  };
}

SettingsScore MixedPrecision::miouScore(QuantSim& sim, const ModelSidecar& sidecar, const SemanticKittiSequence& sequence,
                                        const LabelMap& labels, const std::vector<std::size_t>& scans,
                                        const QuantScheme& scheme)
{
  if (scans.empty())
    throw EngineError("scoring mIoU needs at least one scan");
  if (!sequence.hasLabels())
    throw EngineError("'" + sequence.directory().string() + "' has no labels/ folder: the mIoU score needs them");
  EvaluationOptions evaluation;
  evaluation.scans = scans;
  evaluation.calibrationScans = scans; // unused: the sim is already calibrated
  evaluation.scheme = scheme;
  return [&sim, &sidecar, &sequence, &labels, evaluation](const std::vector<QuantizerSettings>& settings) {
    Feedback silent;
    return SequenceEvaluator::evaluate(sim, sidecar, sequence, labels, {{"amp", settings}}, evaluation, silent)
      .front()
      .metrics.miouPresent;
  };
}

} // namespace quantlens
