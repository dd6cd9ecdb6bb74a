#include "QuantizerTableReport.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace quantlens::cli {

namespace {

const char* kindName(QuantizerKind kind)
{
  switch (kind) {
    case QuantizerKind::Input:
      return "input";
    case QuantizerKind::Output:
      return "output";
    case QuantizerKind::Parameter:
      return "param";
  }
  return "?";
}

std::string shapeText(const std::vector<std::int64_t>& shape)
{
  std::string text;
  for (std::size_t i = 0; i < shape.size(); ++i)
    text += (i ? "x" : "") + std::to_string(shape[i]);
  return text.empty() ? "-" : text;
}

/// "8", "4/ch" or "off".
std::string presetCell(const QuantizerSettings& settings)
{
  if (!settings.enabled)
    return "off";
  return std::to_string(settings.bitwidth) + (settings.perChannel ? "/ch" : "") + (settings.symmetric ? " sym" : "");
}

/// AIMET's prepared-model name where it differs ("=" where it is the same, "-" where AIMET has none).
std::string aimetCell(const QuantizerInfo& quantizer)
{
  if (quantizer.aimetName.empty())
    return "-";
  return quantizer.aimetName == quantizer.name ? "=" : quantizer.aimetName;
}

} // namespace

std::string QuantizerTableReport::toText(const QuantSim& sim)
{
  const auto w8a8 = sim.presetSettings({ QuantPreset::Kind::W8A8 });
  const auto w4a8 = sim.presetSettings({ QuantPreset::Kind::W4A8 });
  std::string text = "model: " + sim.modelFile().string() + "\n";
  text += "quantizers: " + std::to_string(sim.quantizers().size());
  text += ", folded batch norms: " + std::to_string(sim.foldedBatchNorms().size()) + "\n\n";
  char line[512];
  std::snprintf(line,
                sizeof(line),
                "%4s  %-44s %-44s %-6s %-18s %-16s %-10s %-10s\n",
                "id",
                "name",
                "AIMET name",
                "kind",
                "op type",
                "shape",
                "W8A8",
                "W4A8");
  text += line;
  for (const auto& quantizer : sim.quantizers()) {
    const auto id = static_cast<std::size_t>(quantizer.id);
    std::snprintf(line,
                  sizeof(line),
                  "%4d  %-44s %-44s %-6s %-18s %-16s %-10s %-10s\n",
                  quantizer.id,
                  quantizer.name.c_str(),
                  aimetCell(quantizer).c_str(),
                  kindName(quantizer.kind),
                  quantizer.opType.c_str(),
                  shapeText(quantizer.shape).c_str(),
                  presetCell(w8a8[id]).c_str(),
                  presetCell(w4a8[id]).c_str());
    text += line;
  }
  for (const auto& folded : sim.foldedBatchNorms())
    text += "folded: " + folded + "\n";
  return text;
}

std::string QuantizerTableReport::toJson(const QuantSim& sim)
{
  const auto w8a8 = sim.presetSettings({ QuantPreset::Kind::W8A8 });
  const auto w4a8 = sim.presetSettings({ QuantPreset::Kind::W4A8 });
  const auto presetJson = [](const QuantizerSettings& settings) {
    return nlohmann::json{ { "enabled", settings.enabled },
                           { "bitwidth", settings.bitwidth },
                           { "symmetric", settings.symmetric },
                           { "per_channel", settings.perChannel } };
  };
  nlohmann::json quantizers = nlohmann::json::array();
  for (const auto& quantizer : sim.quantizers()) {
    const auto id = static_cast<std::size_t>(quantizer.id);
    quantizers.push_back({ { "id", quantizer.id },
                           { "name", quantizer.name },
                           { "aimet_name", quantizer.aimetName },
                           { "aimet_scoped_name", quantizer.aimetScopedName },
                           { "module", quantizer.module },
                           { "kind", kindName(quantizer.kind) },
                           { "op_type", quantizer.opType },
                           { "shape", quantizer.shape },
                           { "channel_axis", quantizer.channelAxis },
                           { "W8A8", presetJson(w8a8[id]) },
                           { "W4A8", presetJson(w4a8[id]) } });
  }
  const nlohmann::json json = { { "model", sim.modelFile().string() },
                                { "folded_batch_norms", sim.foldedBatchNorms() },
                                { "quantizers", quantizers } };
  return json.dump(2) + "\n";
}

} // namespace quantlens::cli
