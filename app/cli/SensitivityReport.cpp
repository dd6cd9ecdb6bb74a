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

const char* metricName(SensitivityMetric metric)
{
  return metric == SensitivityMetric::MeanIou ? "miou" : "fp32_agreement";
}

} // namespace

std::string SensitivityReport::toJson(const SensitivityResult& result, const std::string& preset)
{
  nlohmann::json layers = nlohmann::json::array();
  const bool miou = result.metric == SensitivityMetric::MeanIou;
  for (const auto& layer : result.layers) {
    nlohmann::json entry = {{"module", layer.module},
                            {"agreement", layer.agreement},
                            {"sensitivity", layer.sensitivity},
                            {"order", layer.order}};
    if (miou)
      entry["miou"] = layer.miou;
    layers.push_back(entry);
  }
  nlohmann::json json = {{"format", "quantlens-sensitivity"},
                         {"preset", preset},
                         {"mode", modeName(result.mode)},
                         {"metric", metricName(result.metric)},
                         {"baseline_agreement", result.baselineAgreement},
                         {"inputs", result.inputs},
                         {"shard", {result.shardIndex, result.shardCount}},
                         {"layers", layers}};
  if (miou) {
    json["fp32_miou"] = result.fp32Miou;
    json["baseline_miou"] = result.baselineMiou;
  }
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
    const std::string metric = json.value("metric", "fp32_agreement");
    if (metric != "fp32_agreement" && metric != "miou")
      throw EngineError(source + " has an unknown metric '" + metric + "'");
    result.metric = metric == "miou" ? SensitivityMetric::MeanIou : SensitivityMetric::Agreement;
    result.baselineAgreement = json.at("baseline_agreement").get<double>();
    if (result.metric == SensitivityMetric::MeanIou) {
      result.fp32Miou = json.at("fp32_miou").get<double>();
      result.baselineMiou = json.at("baseline_miou").get<double>();
    }
    result.inputs = json.at("inputs").get<std::size_t>();
    result.shardIndex = json.at("shard").at(0).get<int>();
    result.shardCount = json.at("shard").at(1).get<int>();
    for (const auto& layer : json.at("layers"))
      result.layers.push_back({layer.at("module").get<std::string>(), layer.at("agreement").get<double>(),
                               layer.at("sensitivity").get<double>(), layer.at("order").get<std::size_t>(),
                               layer.value("miou", 0.0)});
    return result;
  } catch (const nlohmann::json::exception& error) {
    throw EngineError(source + " is not a valid sensitivity report: " + error.what());
  }
}

std::string SensitivityReport::toText(const SensitivityResult& result, const std::string& preset)
{
  std::string text;
  char line[256];
  const bool miou = result.metric == SensitivityMetric::MeanIou;
  std::snprintf(line, sizeof(line), "%s, mode %s, %zu inputs, shard %d/%d; all quantized: %.4f agreement with FP32\n",
                preset.c_str(), modeName(result.mode), result.inputs, result.shardIndex, result.shardCount,
                result.baselineAgreement);
  text += line;
  if (miou) {
    std::snprintf(line, sizeof(line), "mIoU against the labels (classes present): FP32 %.4f, all quantized %.4f\n",
                  result.fp32Miou, result.baselineMiou);
    text += line;
  }
  text += "\n";
  std::snprintf(line, sizeof(line), "%4s  %-40s %10s%s %12s\n", "rank", "layer", "agreement", miou ? "       mIoU" : "",
                "sensitivity");
  text += line;
  for (std::size_t i = 0; i < result.layers.size(); ++i) {
    const auto& layer = result.layers[i];
    char miouColumn[32] = "";
    if (miou)
      std::snprintf(miouColumn, sizeof(miouColumn), " %10.4f", layer.miou);
    std::snprintf(line, sizeof(line), "%4zu  %-40s %10.4f%s %12.4f\n", i + 1, layer.module.c_str(), layer.agreement,
                  miouColumn, layer.sensitivity);
    text += line;
  }
  return text;
}

} // namespace quantlens::cli
