#include "StatsCommand.h"

#include "CalibrationSource.h"
#include "ModelArguments.h"

#include "core/Threading.h"
#include "eval/QuantizerStatistics.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace quantlens::cli {

namespace {

/// JSON has no infinity: a lossless quantizer's SQNR is written as null.
nlohmann::json finiteOrNull(double value)
{
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

std::string toJson(const std::vector<QuantizerReport>& reports, const std::string& preset, const std::string& scheme)
{
  nlohmann::json quantizers = nlohmann::json::array();
  for (const auto& report : reports) {
    quantizers.push_back({{"id", report.id},
                          {"name", report.name},
                          {"enabled", report.enabled},
                          {"bitwidth", report.bitwidth},
                          {"channels", report.channels},
                          {"observed_min", report.observedMin},
                          {"observed_max", report.observedMax},
                          {"encoding_min", report.encodingMin},
                          {"encoding_max", report.encodingMax},
                          {"clipped_fraction", report.clippedFraction},
                          {"sqnr_db", finiteOrNull(report.sqnrDb)}});
  }
  return nlohmann::json{{"preset", preset}, {"scheme", scheme}, {"quantizers", quantizers}}.dump(2) + "\n";
}

std::string toText(const std::vector<QuantizerReport>& reports)
{
  std::string text;
  char line[320];
  std::snprintf(line, sizeof(line), "%-44s %4s %12s %12s %12s %12s %8s %8s\n", "quantizer", "bits", "seen min",
                "seen max", "enc min", "enc max", "clip %", "SQNR dB");
  text += line;
  for (const auto& report : reports) {
    if (!report.enabled) {
      std::snprintf(line, sizeof(line), "%-44s %4s\n", report.name.c_str(), "off");
    } else {
      std::snprintf(line, sizeof(line), "%-44s %4d %12.5g %12.5g %12.5g %12.5g %8.3f %8.2f\n", report.name.c_str(),
                    report.bitwidth, report.observedMin, report.observedMax, report.encodingMin, report.encodingMax,
                    100.0 * report.clippedFraction, report.sqnrDb);
    }
    text += line;
  }
  return text;
}

} // namespace

std::string StatsCommand::help() const
{
  return "usage: quantlens-cli stats --model FILE --preset W8A8|W4A8 [--overrides FILE]\n"
         "         (--calibration random:N | --sequence DIR [--scans A:B]) [--scheme S] [--json]\n\n"
         "Calibrates, then reports for every quantizer the range it saw, the range its\n"
         "encoding covers, the fraction of calibration values clipped, and its SQNR on the\n"
         "calibration data (from the histograms; weights from the weights themselves).\n\n"
         "  --preset P        W8A8 or W4A8\n"
         "  --overrides FILE  per-quantizer overrides (JSON)\n"
         "  --scheme S        tf (default), tf_enhanced, percentile:P\n"
         "  --threads N       CPU threads for LibTorch (default: all cores)\n"
         "  --json            print JSON\n"
         "  --quiet           no progress output\n" +
         CalibrationSource::help() + ModelArguments::help();
}

std::set<std::string> StatsCommand::valueOptions() const
{
  std::set<std::string> options = {"preset", "overrides", "scheme", "threads"};
  options.merge(ModelArguments::valueOptions());
  options.merge(CalibrationSource::valueOptions());
  return options;
}

std::set<std::string> StatsCommand::flagOptions() const
{
  std::set<std::string> flags = {"json", "quiet"};
  flags.merge(ModelArguments::flagOptions());
  return flags;
}

int StatsCommand::run(const CommandLine& options)
{
  const QuantPreset preset = QuantPreset::parse(options.required("preset"));
  if (!preset.quantizes())
    throw UsageError("--preset must be W8A8 or W4A8");
  const QuantScheme scheme = QuantScheme::parse(options.valueOr("scheme", "tf"));
  setComputeThreads(static_cast<int>(options.integer("threads", 0, 0, 1024)));
  const ModelArguments model = ModelArguments::parse(options);
  QuantSim sim(model.model, model.options);
  const auto settings = ModelArguments::presetWithOverrides(sim, preset, options);
  CalibrationSource::calibrateWithProgress(sim, model, options);
  const auto reports = QuantizerStatistics::report(sim, settings, sim.computeEncodings(settings, scheme));
  const std::string output = options.flag("json") ? toJson(reports, preset.toString(), scheme.toString()) : toText(reports);
  std::fputs(output.c_str(), stdout);
  return 0;
}

} // namespace quantlens::cli
