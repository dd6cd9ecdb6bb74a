#include "StatsCommand.h"

#include "CalibrationSource.h"
#include "ModelArguments.h"
#include "VariantOption.h"

#include "core/EngineError.h"
#include "core/Threading.h"
#include "eval/QuantizerStatistics.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>

namespace quantlens::cli {

namespace {

/// JSON has no infinity: a lossless quantizer's SQNR is written as null.
nlohmann::json finiteOrNull(double value)
{
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

/// The histogram as AIMET keeps it (TensorStatistics): its range, the batches
/// averaged and per bin the mean share of a batch's values. Bin i is centred
/// on min + i·(max − min)/bins (computed in float) and one bin wide; `values`
/// counts every value seen, including those outside the histogram.
nlohmann::json histogramJson(const TensorStatistics& statistics)
{
  return {{"min", statistics.histogramMin}, {"max", statistics.histogramMax}, {"values", statistics.count},
          {"batches", statistics.histogramBatches}, {"shares", statistics.histogram}};
}

/// Per quantizer id, the error the whole quantized network has there against
/// FP32 (--network-error); empty when not measured.
using NetworkErrors = std::vector<ActivationError>;

bool hasNetworkError(const NetworkErrors& errors, int id)
{
  return !errors.empty() && errors[static_cast<std::size_t>(id)].elements > 0;
}

std::string toJson(const std::vector<QuantizerReport>& reports, const std::string& preset, const std::string& scheme,
                   const NetworkErrors& errors)
{
  nlohmann::json quantizers = nlohmann::json::array();
  for (const auto& report : reports) {
    nlohmann::json network = nullptr;
    if (hasNetworkError(errors, report.id)) {
      const auto& error = errors[static_cast<std::size_t>(report.id)];
      network = {{"sqnr_db", finiteOrNull(error.sqnrDb())}, {"mse", error.mse()}, {"elements", error.elements}};
    }
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
                          {"sqnr_db", finiteOrNull(report.sqnrDb)},
                          {"histogram", histogramJson(report.distribution)},
                          {"network_error", network}});
  }
  return nlohmann::json{{"preset", preset}, {"scheme", scheme}, {"quantizers", quantizers}}.dump(2) + "\n";
}

std::string toText(const std::vector<QuantizerReport>& reports, const NetworkErrors& errors)
{
  std::string text;
  char line[320];
  std::snprintf(line, sizeof(line), "%-44s %4s %12s %12s %12s %12s %8s %8s%s\n", "quantizer", "bits", "seen min",
                "seen max", "enc min", "enc max", "clip %", "SQNR dB",
                errors.empty() ? "" : "  net SQNR dB      net MSE");
  text += line;
  for (const auto& report : reports) {
    if (!report.enabled) {
      std::snprintf(line, sizeof(line), "%-44s %4s\n", report.name.c_str(), "off");
      text += line;
      continue;
    }
    std::snprintf(line, sizeof(line), "%-44s %4d %12.5g %12.5g %12.5g %12.5g %8.3f %8.2f", report.name.c_str(),
                  report.bitwidth, report.observedMin, report.observedMax, report.encodingMin, report.encodingMax,
                  100.0 * report.clippedFraction, report.sqnrDb);
    text += line;
    if (hasNetworkError(errors, report.id)) {
      const auto& error = errors[static_cast<std::size_t>(report.id)];
      std::snprintf(line, sizeof(line), "  %11.2f %12.5g", error.sqnrDb(), error.mse());
      text += line;
    }
    text += '\n';
  }
  return text;
}

const QuantizerReport& findReport(const std::vector<QuantizerReport>& reports, const std::string& name)
{
  std::string similar;
  for (const auto& report : reports) {
    if (report.name == name)
      return report;
    if (report.name.find(name) != std::string::npos)
      similar += (similar.empty() ? "" : ", ") + report.name;
  }
  throw EngineError("the model has no quantizer named '" + name + "'" +
                    (similar.empty() ? std::string(" (quantlens-cli info --model lists them)") : "; did you mean " + similar + "?"));
}

/// Which row of `rows` holds `value`; values beyond the rows go to the first or last row.
std::size_t rowOf(const std::vector<QuantizerStatistics::HistogramRow>& rows, double value)
{
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (value < rows[r].upper)
      return r;
  }
  return rows.size() - 1;
}

std::string histogramHeader(const QuantizerReport& report, QuantizerKind kind)
{
  const std::string what = kind == QuantizerKind::Parameter ? "weight (all channels)" : "activation";
  const std::string bits = report.enabled ? std::to_string(report.bitwidth) + " bits" : "off in this preset";
  std::string text;
  char line[320];
  std::snprintf(line, sizeof(line), "%s: %s, %s\n", report.name.c_str(), what.c_str(), bits.c_str());
  text += line;
  std::snprintf(line, sizeof(line), "  seen      [%.6g, %.6g] over %llu values\n", report.observedMin,
                report.observedMax, static_cast<unsigned long long>(report.distribution.count));
  text += line;
  if (report.enabled && report.channels > 0) {
    std::snprintf(line, sizeof(line), "  encoding  [%.6g, %.6g]%s, clipped %.3f %%, SQNR %.2f dB\n", report.encodingMin,
                  report.encodingMax, report.channels > 1 ? " (widest of its channels)" : "",
                  100.0 * report.clippedFraction, report.sqnrDb);
    text += line;
  }
  return text;
}

/// One quantizer's histogram as text: a bar per row, rows wholly outside the
/// encoding range drawn with 'x' (clipped), the rows holding the encoding's
/// ends marked.
std::string histogramText(const QuantizerReport& report, QuantizerKind kind, std::size_t rowCount)
{
  const TensorStatistics& statistics = report.distribution;
  std::string text = histogramHeader(report, kind);
  const bool encoded = report.enabled && report.channels > 0;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto rows = QuantizerStatistics::coarseHistogram(statistics, encoded ? report.encodingMin : nan,
                                                         encoded ? report.encodingMax : nan, rowCount);
  if (rows.empty())
    return text + "  no histogram (nothing observed)\n";
  char line[320];
  std::snprintf(line, sizeof(line), "  histogram %zu bins over [%.6g, %.6g]; shown: the non-empty bins%s\n\n",
                statistics.histogram.size(), statistics.histogramMin, statistics.histogramMax,
                encoded ? " and the encoding range" : "");
  text += line;
  double highest = 0.0;
  for (const auto& row : rows)
    highest = std::max(highest, row.count);
  const std::size_t minRow = encoded ? rowOf(rows, report.encodingMin) : rows.size();
  const std::size_t maxRow = encoded ? rowOf(rows, report.encodingMax) : rows.size();
  constexpr double kBarWidth = 40.0;
  std::snprintf(line, sizeof(line), "  %12s %12s %10s\n", "from", "to", "share");
  text += line;
  bool anyClipped = false;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto& row = rows[r];
    const bool clipped = encoded && (row.upper <= report.encodingMin || row.lower >= report.encodingMax);
    // Any non-empty row shows at least one mark, so a lone outlier stays visible.
    const auto length = row.count > 0.0 ? std::max<long>(1, std::lround(kBarWidth * row.count / highest)) : 0L;
    anyClipped = anyClipped || (clipped && row.count > 0.0);
    const std::string bar(static_cast<std::size_t>(length), clipped ? 'x' : '#');
    const std::string marks = std::string(r == minRow ? "  <- encoding min" : "") + (r == maxRow ? "  <- encoding max" : "");
    std::snprintf(line, sizeof(line), "  %12.5g %12.5g %10.4g |%-40s|%s\n", row.lower, row.upper, row.count,
                  bar.c_str(), marks.c_str());
    text += line;
  }
  if (anyClipped)
    text += "\n  x: rows wholly outside the encoding range (clipped)\n";
  return text;
}

} // namespace

std::string StatsCommand::help() const
{
  return "usage: quantlens-cli stats --model FILE --preset W8A8|W4A8|custom:FILE [--overrides FILE]\n"
         "         (--calibration random:N | --sequence DIR [--scans A:B]) [--scheme S]\n"
         "         [--json | --histogram NAME [--rows N]]\n\n"
         "Calibrates, then reports for every quantizer the range it saw, the range its\n"
         "encoding covers, the fraction of calibration values clipped, and its SQNR on the\n"
         "calibration data (from the histograms; weights from the weights themselves).\n"
         "With --network-error also the error of the whole quantized network at every\n"
         "activation quantizer against FP32 on the same data (SQNR dB and MSE).\n\n"
         "  --preset P        W8A8, W4A8 or custom:FILE (a QuantLens override file or any AIMET\n"
         "                    encodings file)\n"
         "  --overrides FILE  on top of --preset: an override file or an AIMET encodings file\n"
         "  --scheme S        tf (default), tf_enhanced, percentile:P\n"
         "  --threads N       CPU threads for LibTorch (default: all cores)\n"
         "  --json            print JSON (with every quantizer's histogram: range and bin shares)\n"
         "  --histogram NAME  show one quantizer's histogram as text, its encoding range marked\n"
         "  --rows N          rows of that histogram (default 24)\n"
         "  --network-error   run FP32 and the preset on the calibration data and compare\n"
         "                    each activation quantizer's tensor (one more pass per input)\n"
         "  --quiet           no progress output\n" +
         CalibrationSource::help() + ModelArguments::help();
}

std::set<std::string> StatsCommand::valueOptions() const
{
  std::set<std::string> options = {"preset", "overrides", "scheme", "threads", "histogram", "rows"};
  options.merge(ModelArguments::valueOptions());
  options.merge(CalibrationSource::valueOptions());
  return options;
}

std::set<std::string> StatsCommand::flagOptions() const
{
  std::set<std::string> flags = {"json", "quiet", "network-error"};
  flags.merge(ModelArguments::flagOptions());
  return flags;
}

int StatsCommand::run(const CommandLine& options)
{
  VariantOption::checkSyntax(options.required("preset"));
  const QuantScheme scheme = QuantScheme::parse(options.valueOr("scheme", "tf"));
  if (options.has("histogram") && options.flag("json"))
    throw UsageError("--histogram is a text view; --json already holds every quantizer's histogram");
  if (options.has("rows") && !options.has("histogram"))
    throw UsageError("--rows goes with --histogram NAME");
  const auto rows = static_cast<std::size_t>(options.integer("rows", 24, 2, 512));
  setComputeThreads(static_cast<int>(options.integer("threads", 0, 0, 1024)));
  const ModelArguments model = ModelArguments::parse(options);
  QuantSim sim(model.model, model.options);
  const VariantOption variant = VariantOption::fromOptions(sim, options);
  if (!variant.quantizes())
    throw UsageError("--preset " + variant.label + " quantizes nothing; use " + VariantOption::quantizedHelp());
  const auto& settings = variant.settings;
  CalibrationSource::calibrateWithProgress(sim, model, options);
  const auto encodings = sim.computeEncodings(settings, scheme);
  const auto reports = QuantizerStatistics::report(sim, settings, encodings);
  NetworkErrors errors;
  if (options.flag("network-error")) {
    Feedback feedback;
    errors = sim.activationErrors(sim.prepare(settings, encodings), CalibrationSource::inputs(model, options, feedback),
                                  feedback);
  }
  std::string output;
  if (options.has("histogram")) {
    const QuantizerReport& report = findReport(reports, options.required("histogram"));
    output = histogramText(report, sim.quantizers()[static_cast<std::size_t>(report.id)].kind, rows);
  } else {
    output = options.flag("json") ? toJson(reports, variant.label, scheme.toString(), errors)
                                  : toText(reports, errors);
  }
  std::fputs(output.c_str(), stdout);
  return 0;
}

} // namespace quantlens::cli
