#include "eval/LayerSensitivity.h"

#include "core/EngineError.h"
#include "eval/ConfusionMatrix.h"
#include "eval/SegmentationMetrics.h"
#include "eval/SequenceEvaluator.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace quantlens {

namespace {

/// Scores of one variant, added up input by input.
class VariantScore
{
public:
  VariantScore(const SensitivityOptions& options, int classCount)
    : options_(options)
    , confusion_(classCount)
  {
  }

  void add(std::size_t input, const std::vector<std::uint8_t>& prediction, const std::vector<std::uint8_t>& fp32)
  {
    agreementSum_ += LayerSensitivity::agreement(prediction, fp32);
    ++inputs_;
    if (options_.metric == SensitivityMetric::MeanIou)
      confusion_.add(prediction.data(), options_.labels[input].data(), prediction.size());
  }

  double agreement() const { return agreementSum_ / static_cast<double>(inputs_); }
  double miou() const { return SegmentationMetrics::compute(confusion_).miouPresent; }

private:
  const SensitivityOptions& options_;
  double agreementSum_ = 0.0;
  std::size_t inputs_ = 0;
  ConfusionMatrix confusion_;
};

/// Checks the options against the inputs and the model's output, whose
/// class count it returns.
int checkedClassCount(const SensitivityOptions& options, const std::vector<FloatTensor>& inputs,
                      const FloatTensor& output)
{
  if (output.shape.size() != 4 || output.shape[1] < 1 || output.shape[1] > 256)
    throw EngineError("sensitivity analysis needs a {1, C, H, W} output with 1 <= C <= 256");
  if (options.metric != SensitivityMetric::MeanIou)
    return static_cast<int>(output.shape[1]);
  const auto pixels = static_cast<std::size_t>(output.shape[2] * output.shape[3]);
  if (options.labels.size() != inputs.size())
    throw EngineError("the mIoU metric needs one label map per input: " + std::to_string(options.labels.size()) +
                      " label maps for " + std::to_string(inputs.size()) + " inputs");
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (options.labels[i].size() != pixels)
      throw EngineError("label map " + std::to_string(i) + " has " + std::to_string(options.labels[i].size()) +
                        " pixels, the model's output " + std::to_string(pixels));
  }
  return static_cast<int>(output.shape[1]);
}

/// FP32 predictions, the baseline's score and each selected layer's score,
/// every (layer, input) pair through the whole graph.
void scoreNaively(QuantSim& sim, const std::vector<FloatTensor>& inputs,
                  const QuantVariant& fp32, const QuantVariant& baseline, const std::vector<QuantVariant>& variants,
                  std::vector<std::vector<std::uint8_t>>& reference, VariantScore& fp32Score,
                  VariantScore& baselineScore, std::vector<VariantScore>& scores, Feedback& feedback)
{
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    reference[i] = SequenceEvaluator::argmax(sim.run(fp32, inputs[i]));
    fp32Score.add(i, reference[i], reference[i]);
    baselineScore.add(i, SequenceEvaluator::argmax(sim.run(baseline, inputs[i])), reference[i]);
  }
  for (std::size_t v = 0; v < variants.size(); ++v) {
    feedback.throwIfCanceled();
    for (std::size_t i = 0; i < inputs.size(); ++i)
      scores[v].add(i, SequenceEvaluator::argmax(sim.run(variants[v], inputs[i])), reference[i]);
    sim.dropCachedWeights(variants[v]); // many variants live at once: keep memory at one model's weights
    feedback.setProgress(static_cast<double>(v + 1) / static_cast<double>(variants.size()), "layer " +
                         std::to_string(v + 1) + " of " + std::to_string(variants.size()));
  }
}

/// The same scores, input by input: the variant every layer run shares its
/// prefix with (FP32 or the baseline) runs once, each layer only from its cut.
void scoreSharingPrefixes(QuantSim& sim, const SensitivityOptions& options, const std::vector<FloatTensor>& inputs,
                          const QuantVariant& fp32, const QuantVariant& baseline,
                          const std::vector<QuantVariant>& variants, const std::vector<LayerGroup>& groups,
                          std::vector<std::vector<std::uint8_t>>& reference, VariantScore& fp32Score,
                          VariantScore& baselineScore, std::vector<VariantScore>& scores, Feedback& feedback)
{
  const bool onlyThisLayer = options.mode == SensitivityMode::OnlyThisLayer;
  std::vector<PrefixSharingRun> runs;
  for (std::size_t v = 0; v < variants.size(); ++v)
    runs.push_back({&variants[v], groups[v].quantizerIds});
  std::vector<std::vector<std::uint8_t>> predictions(variants.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    feedback.throwIfCanceled();
    const FloatTensor shared = sim.runSharingPrefix(onlyThisLayer ? fp32 : baseline, runs, inputs[i],
                                                    [&](std::size_t v, const FloatTensor& output) {
                                                      feedback.throwIfCanceled();
                                                      predictions[v] = SequenceEvaluator::argmax(output);
                                                      sim.dropCachedWeights(variants[v]);
                                                    });
    const FloatTensor other = sim.run(onlyThisLayer ? baseline : fp32, inputs[i]);
    reference[i] = SequenceEvaluator::argmax(onlyThisLayer ? shared : other);
    fp32Score.add(i, reference[i], reference[i]);
    baselineScore.add(i, SequenceEvaluator::argmax(onlyThisLayer ? other : shared), reference[i]);
    for (std::size_t v = 0; v < variants.size(); ++v)
      scores[v].add(i, predictions[v], reference[i]);
    feedback.setProgress(static_cast<double>(i + 1) / static_cast<double>(inputs.size()),
                         "input " + std::to_string(i + 1) + " of " + std::to_string(inputs.size()));
  }
}

} // namespace

std::vector<QuantizerSettings> LayerSensitivity::switchedSettings(const std::vector<QuantizerSettings>& preset,
                                                                   const LayerGroup& layer,
                                                                   SensitivityMode mode)
{
  std::vector<QuantizerSettings> settings = preset;
  if (mode == SensitivityMode::OnlyThisLayer) {
    for (auto& setting : settings)
      setting.enabled = false;
    for (const int id : layer.quantizerIds)
      settings[static_cast<std::size_t>(id)].enabled = preset[static_cast<std::size_t>(id)].enabled;
  } else {
    for (const int id : layer.quantizerIds)
      settings[static_cast<std::size_t>(id)].enabled = false;
  }
  return settings;
}

std::vector<LayerGroup> LayerSensitivity::layers(const QuantSim& sim, const std::vector<QuantizerSettings>& preset)
{
  std::vector<LayerGroup> groups;
  std::map<std::string, std::size_t> index;
  for (const auto& quantizer : sim.quantizers()) {
    if (!preset[static_cast<std::size_t>(quantizer.id)].enabled)
      continue;
    const auto found = index.find(quantizer.module);
    if (found == index.end()) {
      index[quantizer.module] = groups.size();
      groups.push_back({quantizer.module, {quantizer.id}});
    } else {
      groups[found->second].quantizerIds.push_back(quantizer.id);
    }
  }
  return groups;
}

void LayerSensitivity::rank(std::vector<LayerScore>& layers)
{
  std::sort(layers.begin(), layers.end(), [](const LayerScore& a, const LayerScore& b) {
    return a.sensitivity != b.sensitivity ? a.sensitivity > b.sensitivity : a.order < b.order;
  });
}

double LayerSensitivity::agreement(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b)
{
  if (a.size() != b.size() || a.empty())
    throw EngineError("internal error: comparing predictions of different sizes");
  std::size_t equal = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    equal += a[i] == b[i] ? 1 : 0;
  return static_cast<double>(equal) / static_cast<double>(a.size());
}

SensitivityResult LayerSensitivity::analyze(QuantSim& sim, const std::vector<QuantizerSettings>& preset,
                                            const QuantScheme& scheme, const std::vector<FloatTensor>& inputs,
                                            SensitivityMode mode, Feedback& feedback, int shardIndex, int shardCount)
{
  SensitivityOptions options;
  options.mode = mode;
  options.shardIndex = shardIndex;
  options.shardCount = shardCount;
  return analyze(sim, preset, scheme, inputs, options, feedback);
}

SensitivityResult LayerSensitivity::analyze(QuantSim& sim, const std::vector<QuantizerSettings>& preset,
                                            const QuantScheme& scheme, const std::vector<FloatTensor>& inputs,
                                            const SensitivityOptions& options, Feedback& feedback)
{
  if (options.shardCount < 1 || options.shardIndex < 0 || options.shardIndex >= options.shardCount)
    throw EngineError("shard " + std::to_string(options.shardIndex) + "/" + std::to_string(options.shardCount) +
                      " is not valid: use k/n with 0 <= k < n");
  if (inputs.empty())
    throw EngineError("sensitivity analysis needs at least one input");
  const EncodingTable encodings = sim.computeEncodings(preset, scheme);
  const auto fp32 = sim.prepare(sim.presetSettings({QuantPreset::Kind::Fp32}), {});
  const auto baseline = sim.prepare(preset, encodings);
  // One FP32 run up front gives the output's shape (class count, pixels) to check the labels against.
  const int classCount = checkedClassCount(options, inputs, sim.run(fp32, inputs.front()));

  const auto allGroups = layers(sim, preset);
  std::vector<LayerGroup> groups;
  std::vector<std::size_t> order;
  std::vector<QuantVariant> variants;
  for (std::size_t i = 0; i < allGroups.size(); ++i) {
    if (static_cast<int>(i % static_cast<std::size_t>(options.shardCount)) != options.shardIndex)
      continue;
    groups.push_back(allGroups[i]);
    order.push_back(i);
    variants.push_back(sim.prepare(LayerSensitivity::switchedSettings(preset, allGroups[i], options.mode), encodings));
  }
  std::vector<std::vector<std::uint8_t>> reference(inputs.size());
  VariantScore fp32Score(options, classCount);
  VariantScore baselineScore(options, classCount);
  std::vector<VariantScore> scores(variants.size(), VariantScore(options, classCount));
  if (options.naive)
    scoreNaively(sim, inputs, fp32, baseline, variants, reference, fp32Score, baselineScore, scores, feedback);
  else
    scoreSharingPrefixes(sim, options, inputs, fp32, baseline, variants, groups, reference, fp32Score, baselineScore,
                         scores, feedback);

  SensitivityResult result;
  result.mode = options.mode;
  result.metric = options.metric;
  result.inputs = inputs.size();
  result.shardIndex = options.shardIndex;
  result.shardCount = options.shardCount;
  result.baselineAgreement = baselineScore.agreement();
  const bool miou = options.metric == SensitivityMetric::MeanIou;
  if (miou) {
    result.fp32Miou = fp32Score.miou();
    result.baselineMiou = baselineScore.miou();
  }
  const bool only = options.mode == SensitivityMode::OnlyThisLayer;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    LayerScore score;
    score.module = groups[v].module;
    score.order = order[v];
    score.agreement = scores[v].agreement();
    if (miou) {
      score.miou = scores[v].miou();
      score.sensitivity = only ? result.fp32Miou - score.miou : score.miou - result.baselineMiou;
    } else {
      score.sensitivity = only ? 1.0 - score.agreement : score.agreement - result.baselineAgreement;
    }
    result.layers.push_back(score);
  }
  rank(result.layers);
  return result;
}

SensitivityResult LayerSensitivity::merge(const std::vector<SensitivityResult>& shards)
{
  if (shards.empty())
    throw EngineError("nothing to merge");
  SensitivityResult merged = shards.front();
  merged.layers.clear();
  merged.shardIndex = 0;
  merged.shardCount = 1;
  std::vector<bool> seen(static_cast<std::size_t>(shards.front().shardCount), false);
  for (const auto& shard : shards) {
    const bool fits = shard.mode == merged.mode && shard.metric == merged.metric && shard.inputs == merged.inputs &&
                      shard.shardCount == shards.front().shardCount &&
                      std::abs(shard.baselineAgreement - merged.baselineAgreement) < 1e-12 &&
                      std::abs(shard.baselineMiou - merged.baselineMiou) < 1e-12;
    if (!fits)
      throw EngineError("shard " + std::to_string(shard.shardIndex) + "/" + std::to_string(shard.shardCount) +
                        " comes from a different analysis (mode, metric, inputs or baseline differ)");
    if (seen[static_cast<std::size_t>(shard.shardIndex)])
      throw EngineError("shard " + std::to_string(shard.shardIndex) + " is given twice");
    seen[static_cast<std::size_t>(shard.shardIndex)] = true;
    merged.layers.insert(merged.layers.end(), shard.layers.begin(), shard.layers.end());
  }
  for (std::size_t k = 0; k < seen.size(); ++k) {
    if (!seen[k])
      throw EngineError("shard " + std::to_string(k) + "/" + std::to_string(seen.size()) + " is missing");
  }
  rank(merged.layers);
  return merged;
}

} // namespace quantlens
