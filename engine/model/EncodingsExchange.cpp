#include "model/EncodingsExchange.h"

#include "core/EngineError.h"
#include "quant/EncodingsFile.h"

#include <map>
#include <set>

namespace quantlens {

namespace {

/// "'a', 'b' and 3 more" for error messages.
std::string listNames(const std::vector<std::string>& names)
{
  constexpr std::size_t kShown = 8;
  std::string text;
  for (std::size_t i = 0; i < names.size() && i < kShown; ++i)
    text += (i ? ", '" : "'") + names[i] + "'";
  if (names.size() > kShown)
    text += " and " + std::to_string(names.size() - kShown) + " more";
  return text;
}

} // namespace

std::vector<QuantizerSettings> EncodingsExchange::customSettings(const QuantSim& sim,
                                                                 QuantPreset preset,
                                                                 const Overrides& overrides,
                                                                 const std::string& sourceName)
{
  auto settings = sim.presetSettings(overrides.base.value_or(preset));
  applyOverrides(sim, overrides, settings, sourceName);
  return settings;
}

void EncodingsExchange::applyOverrides(const QuantSim& sim,
                                       const Overrides& overrides,
                                       std::vector<QuantizerSettings>& settings,
                                       const std::string& sourceName)
{
  std::vector<std::string> unknown;
  for (const auto& entry : overrides.quantizers) {
    if (sim.findQuantizer(entry.first) < 0)
      unknown.push_back(entry.first);
  }
  if (!unknown.empty())
    throw EngineError(sourceName + ": " + std::to_string(unknown.size()) + " quantizer name(s) not in '" +
                      sim.modelFile().string() + "': " + listNames(unknown) +
                      " (quantlens-cli info --model lists the names)");
  for (const auto& [name, change] : overrides.quantizers)
    change.applyTo(settings[static_cast<std::size_t>(sim.findQuantizer(name))]);
}

EncodingsDocument EncodingsExchange::toDocument(const QuantSim& sim,
                                                const std::vector<QuantizerSettings>& settings,
                                                const EncodingTable& encodings,
                                                const QuantScheme& scheme,
                                                QuantizerNaming::Style naming)
{
  EncodingsDocument document;
  EncodingsQuantizerArgs args;
  args.quantScheme = scheme.aimetName();
  bool activationSeen = false;
  bool parameterSeen = false;
  const auto& quantizers = sim.quantizers();
  for (std::size_t id = 0; id < quantizers.size(); ++id) {
    if (!settings[id].enabled || encodings[id].empty())
      continue;
    document.encodings[QuantizerNaming::nameOf(quantizers[id], naming)] = encodings[id];
    // quantizer_args records the sim's usual bitwidths: take the first of each kind.
    if (quantizers[id].kind == QuantizerKind::Parameter && !parameterSeen) {
      args.paramBitwidth = settings[id].bitwidth;
      args.perChannel = settings[id].perChannel;
      args.isSymmetric = settings[id].symmetric;
      parameterSeen = true;
    } else if (quantizers[id].kind != QuantizerKind::Parameter && !activationSeen) {
      args.activationBitwidth = settings[id].bitwidth;
      activationSeen = true;
    }
  }
  document.quantizerArgs = args;
  return document;
}

std::vector<QuantizerSettings> EncodingsExchange::settingsFrom(const QuantSim& sim,
                                                               const EncodingsDocument& document,
                                                               const std::string& sourceName,
                                                               bool ignoreUnmatched)
{
  const auto unmatched = unmatchedNames(sim, document);
  if (!unmatched.empty() && !ignoreUnmatched)
    throw EngineError(sourceName + " does not fit '" + sim.modelFile().string() +
                      "': " + std::to_string(unmatched.size()) + " name(s) the model lacks: " + listNames(unmatched) +
                      "; nothing was applied (quantlens-cli info --model lists QuantLens's and AIMET's names)");
  auto settings = sim.presetSettings({ QuantPreset::Kind::Fp32 });
  std::map<int, std::string> entryOf; // quantizer id -> the file's name for it
  for (const auto& [name, encodings] : document.encodings) {
    const int id = sim.findQuantizer(name);
    if (id < 0 || encodings.empty())
      continue;
    const auto [previous, first] = entryOf.emplace(id, name);
    if (!first)
      throw EngineError(sourceName + ": '" + previous->second + "' and '" + name + "' are two names of quantizer '" +
                        sim.quantizers()[static_cast<std::size_t>(id)].name + "'; keep one; nothing was applied");
    QuantizerSettings& setting = settings[static_cast<std::size_t>(id)];
    setting.enabled = true;
    setting.bitwidth = encodings.front().bitwidth;
    setting.dtype = encodings.front().dtype;
    setting.symmetric = encodings.front().symmetric;
    setting.perChannel = encodings.size() > 1;
    setting.fixedEncodings = encodings;
  }
  return settings;
}

std::vector<std::string> EncodingsExchange::unmatchedNames(const QuantSim& sim, const EncodingsDocument& document)
{
  std::vector<std::string> names;
  for (const auto& entry : document.encodings)
    if (sim.findQuantizer(entry.first) < 0)
      names.push_back(entry.first);
  return names;
}

std::vector<std::string> EncodingsExchange::missingNames(const QuantSim& sim,
                                                         const EncodingsDocument& document,
                                                         const std::vector<QuantizerInfo>& quantizers)
{
  std::set<int> covered;
  for (const auto& entry : document.encodings)
    covered.insert(sim.findQuantizer(entry.first));
  std::vector<std::string> names;
  for (const QuantizerInfo& quantizer : quantizers)
    if (!covered.count(quantizer.id))
      names.push_back(quantizer.name);
  return names;
}

} // namespace quantlens
