#include "eval/LayerSensitivity.h"

#include "core/EngineError.h"
#include "eval/SequenceEvaluator.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace quantlens {

namespace {

/// The settings of one analysis run: `layer` switched on (OnlyThisLayer) or off (AllButThisLayer).
std::vector<QuantizerSettings> settingsFor(const std::vector<QuantizerSettings>& preset, const LayerGroup& layer,
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

double meanAgreement(QuantSim& sim, const QuantVariant& variant, const std::vector<FloatTensor>& inputs,
                     const std::vector<std::vector<std::uint8_t>>& reference)
{
  double sum = 0.0;
  for (std::size_t i = 0; i < inputs.size(); ++i)
    sum += LayerSensitivity::agreement(SequenceEvaluator::argmax(sim.run(variant, inputs[i])), reference[i]);
  return sum / static_cast<double>(inputs.size());
}

} // namespace

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
  if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount)
    throw EngineError("shard " + std::to_string(shardIndex) + "/" + std::to_string(shardCount) +
                      " is not valid: use k/n with 0 <= k < n");
  if (inputs.empty())
    throw EngineError("sensitivity analysis needs at least one input");
  const EncodingTable encodings = sim.computeEncodings(preset, scheme);
  std::vector<std::vector<std::uint8_t>> reference;
  const auto fp32 = sim.prepare(sim.presetSettings({QuantPreset::Kind::Fp32}), {});
  for (const auto& input : inputs)
    reference.push_back(SequenceEvaluator::argmax(sim.run(fp32, input)));

  SensitivityResult result;
  result.mode = mode;
  result.inputs = inputs.size();
  result.shardIndex = shardIndex;
  result.shardCount = shardCount;
  result.baselineAgreement = meanAgreement(sim, sim.prepare(preset, encodings), inputs, reference);
  const auto groups = layers(sim, preset);
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (static_cast<int>(i % static_cast<std::size_t>(shardCount)) != shardIndex)
      continue;
    feedback.throwIfCanceled();
    const auto variant = sim.prepare(settingsFor(preset, groups[i], mode), encodings);
    LayerScore score;
    score.module = groups[i].module;
    score.order = i;
    score.agreement = meanAgreement(sim, variant, inputs, reference);
    score.sensitivity = mode == SensitivityMode::OnlyThisLayer ? 1.0 - score.agreement
                                                               : score.agreement - result.baselineAgreement;
    result.layers.push_back(score);
    feedback.setProgress(static_cast<double>(i + 1) / groups.size(), groups[i].module);
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
    const bool fits = shard.mode == merged.mode && shard.inputs == merged.inputs &&
                      shard.shardCount == shards.front().shardCount &&
                      std::abs(shard.baselineAgreement - merged.baselineAgreement) < 1e-12;
    if (!fits)
      throw EngineError("shard " + std::to_string(shard.shardIndex) + "/" + std::to_string(shard.shardCount) +
                        " comes from a different analysis (mode, inputs or baseline differ)");
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
