#include "model/EncodingsExchange.h"

#include "core/EngineError.h"
#include "quant/EncodingsFile.h"

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

std::vector<QuantizerSettings> EncodingsExchange::customSettings(const QuantSim& sim, QuantPreset preset,
                                                                 const Overrides& overrides,
                                                                 const std::string& sourceName)
{
  auto settings = sim.presetSettings(overrides.base.value_or(preset));
  applyOverrides(sim, overrides, settings, sourceName);
  return settings;
}

void EncodingsExchange::applyOverrides(const QuantSim& sim, const Overrides& overrides,
                                       std::vector<QuantizerSettings>& settings, const std::string& sourceName)
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

EncodingsDocument EncodingsExchange::toDocument(const QuantSim& sim, const std::vector<QuantizerSettings>& settings,
                                                const EncodingTable& encodings, const QuantScheme& scheme)
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
    document.encodings[quantizers[id].name] = encodings[id];
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

std::vector<QuantizerSettings> EncodingsExchange::settingsFrom(const QuantSim& sim, const EncodingsDocument& document,
                                                               const std::string& sourceName, bool ignoreUnmatched)
{
  const auto unmatched = EncodingsFile::unmatchedNames(document, sim.quantizers());
  if (!unmatched.empty() && !ignoreUnmatched)
    throw EngineError(sourceName + " does not fit '" + sim.modelFile().string() + "': " +
                      std::to_string(unmatched.size()) + " name(s) the model lacks: " + listNames(unmatched) +
                      "; nothing was applied");
  auto settings = sim.presetSettings({QuantPreset::Kind::Fp32});
  for (const auto& [name, encodings] : document.encodings) {
    const int id = sim.findQuantizer(name);
    if (id < 0 || encodings.empty())
      continue;
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

} // namespace quantlens
