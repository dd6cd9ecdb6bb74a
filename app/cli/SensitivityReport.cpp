#include "SensitivityReport.h"

#include "core/EngineError.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace quantlens::cli {

namespace {

const char* modeName(SensitivityMode mode)
{
  return mode == SensitivityMode::OnlyThisLayer ? "only" : "all-but";
}

} // namespace

std::string SensitivityReport::toJson(const SensitivityResult& result, const std::string& preset)
{
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& layer : result.layers)
    layers.push_back({{"module", layer.module},
                      {"agreement", layer.agreement},
                      {"sensitivity", layer.sensitivity},
                      {"order", layer.order}});
  const nlohmann::json json = {{"format", "quantlens-sensitivity"},
                               {"preset", preset},
                               {"mode", modeName(result.mode)},
                               {"metric", "fp32_agreement"},
                               {"baseline_agreement", result.baselineAgreement},
                               {"inputs", result.inputs},
                               {"shard", {result.shardIndex, result.shardCount}},
                               {"layers", layers}};
  return json.dump(2) + "\n";
}

SensitivityResult SensitivityReport::fromJson(const std::string& text, const std::string& source, std::string& preset)
{
  try {
    const auto json = nlohmann::json::parse(text);
    if (json.value("format", "") != "quantlens-sensitivity")
      throw EngineError(source + " is not a sensitivity report (format \"quantlens-sensitivity\")");
    SensitivityResult result;
    preset = json.at("preset").get<std::string>();
    result.mode = json.at("mode").get<std::string>() == "only" ? SensitivityMode::OnlyThisLayer
                                                               : SensitivityMode::AllButThisLayer;
    result.baselineAgreement = json.at("baseline_agreement").get<double>();
    result.inputs = json.at("inputs").get<std::size_t>();
    result.shardIndex = json.at("shard").at(0).get<int>();
    result.shardCount = json.at("shard").at(1).get<int>();
    for (const auto& layer : json.at("layers"))
      result.layers.push_back({layer.at("module").get<std::string>(), layer.at("agreement").get<double>(),
                               layer.at("sensitivity").get<double>(), layer.at("order").get<std::size_t>()});
    return result;
  } catch (const nlohmann::json::exception& error) {
    throw EngineError(source + " is not a valid sensitivity report: " + error.what());
  }
}

std::string SensitivityReport::toText(const SensitivityResult& result, const std::string& preset)
{
  std::string text;
  char line[256];
  std::snprintf(line, sizeof(line), "%s, mode %s, %zu inputs, shard %d/%d; all quantized: %.4f agreement with FP32\n\n",
                preset.c_str(), modeName(result.mode), result.inputs, result.shardIndex, result.shardCount,
                result.baselineAgreement);
  text += line;
  std::snprintf(line, sizeof(line), "%4s  %-40s %10s %12s\n", "rank", "layer", "agreement", "sensitivity");
  text += line;
  for (std::size_t i = 0; i < result.layers.size(); ++i) {
    std::snprintf(line, sizeof(line), "%4zu  %-40s %10.4f %12.4f\n", i + 1, result.layers[i].module.c_str(),
                  result.layers[i].agreement, result.layers[i].sensitivity);
    text += line;
  }
  return text;
}

} // namespace quantlens::cli
