#include "AmpCommand.h"

#include "CalibrationSource.h"
#include "ModelArguments.h"
#include "ProgressPrinter.h"
#include "ScanRange.h"
#include "SensitivityReport.h"
#include "VariantOption.h"

#include "core/EngineError.h"
#include "core/FileIO.h"
#include "core/Threading.h"
#include "data/LabelMap.h"
#include "eval/LayerSensitivity.h"
#include "eval/MixedPrecision.h"
#include "eval/SequenceEvaluator.h"
#include "quant/OverridesFile.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace quantlens::cli {

namespace {

double parseDrop(const std::string& text)
{
  char* end = nullptr;
  const double drop = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(drop) || drop < 0.0 || drop > 1.0)
    throw UsageError("--max-drop expects a number from 0 to 1 (e.g. 0.01 for one point), got '" + text + "'");
  return drop;
}

/// The layer order of a `sensitivity` / `merge` report, most sensitive first.
std::vector<std::string> rankingFromReport(const std::string& file, const std::string& preset)
{
  std::string reportPreset;
  SensitivityResult report = SensitivityReport::fromJson(fileio::readText(file), "'" + file + "'", reportPreset);
  if (reportPreset != preset)
    throw EngineError("'" + file + "' ranks the layers of " + reportPreset + ", but --preset is " + preset);
  if (report.shardCount != 1)
    throw EngineError("'" + file + "' is shard " + std::to_string(report.shardIndex) + "/" +
                      std::to_string(report.shardCount) + ": join the shards with 'quantlens-cli merge' first");
  LayerSensitivity::rank(report.layers);
  std::vector<std::string> ranking;
  for (const auto& layer : report.layers)
    ranking.push_back(layer.module);
  return ranking;
}

/// The layers most sensitive first, measured on `inputs` (OnlyThisLayer).
std::vector<std::string> measureRanking(QuantSim& sim, const std::vector<QuantizerSettings>& preset, const QuantScheme& scheme,
                                        const std::vector<FloatTensor>& inputs, Feedback& feedback)
{
  const auto sensitivity = LayerSensitivity::analyze(sim, preset, scheme, inputs,
                                                     SensitivityMode::OnlyThisLayer, feedback);
  std::vector<std::string> ranking;
  for (const auto& layer : sensitivity.layers)
    ranking.push_back(layer.module);
  return ranking;
}

std::string toText(const MixedPrecisionResult& result, const std::string& preset, const std::string& metric,
                   const MixedPrecisionOptions& options)
{
  std::string text;
  char line[512];
  std::snprintf(line, sizeof(line), "amp: %s, metric %s, promote to %d bit, allowed drop %.4f\n", preset.c_str(),
                metric.c_str(), options.promoteTo, options.maxDrop);
  text += line;
  std::snprintf(line, sizeof(line), "FP32: %s %.4f, %.4f GBitOps\n\n", metric.c_str(), result.referenceScore,
                static_cast<double>(result.fp32BitOps) * 1e-9);
  text += line;
  std::snprintf(line, sizeof(line), "%4s  %-36s %12s %9s %9s  %s\n", "step", "layer promoted", "GBitOps", "score",
                "drop", "pareto");
  text += line;
  for (std::size_t i = 0; i < result.points.size(); ++i) {
    const auto& point = result.points[i];
    const std::string layer = point.step == 0 ? "(" + preset + ")" : point.module;
    std::snprintf(line, sizeof(line), "%4zu  %-36s %12.4f %9.4f %9.4f  %-6s%s\n", point.step, layer.c_str(),
                  static_cast<double>(point.bitOps) * 1e-9, point.score, point.drop, point.pareto ? "*" : "",
                  i == result.chosen ? " <- chosen" : "");
    text += line;
  }
  const auto& chosen = result.points[result.chosen];
  std::snprintf(line, sizeof(line), "\nchosen: step %zu, %zu layer(s) at %d bit, %.1f%% of FP32's BitOps, %s\n",
                chosen.step, chosen.step, options.promoteTo,
                100.0 * static_cast<double>(chosen.bitOps) / static_cast<double>(std::max<std::uint64_t>(result.fp32BitOps, 1)),
                result.budgetMet ? "within budget" : "budget NOT met (best score shown)");
  text += line;
  return text;
}

std::string toJson(const MixedPrecisionResult& result, const std::string& model, const std::string& preset,
                   const std::string& metric, const MixedPrecisionOptions& options, std::size_t inputs,
                   const std::optional<std::string>& recipe)
{
  nlohmann::json points = nlohmann::json::array();
  nlohmann::json pareto = nlohmann::json::array();
  for (std::size_t i = 0; i < result.points.size(); ++i) {
    const auto& point = result.points[i];
    points.push_back({{"step", point.step},
                      {"layer", point.module},
                      {"bitops", point.bitOps},
                      {"gbitops", static_cast<double>(point.bitOps) * 1e-9},
                      {"score", point.score},
                      {"drop", point.drop},
                      {"pareto", point.pareto},
                      {"chosen", i == result.chosen}});
    if (point.pareto)
      pareto.push_back(point.step);
  }
  nlohmann::json json = {{"model", model},
                         {"preset", preset},
                         {"metric", metric},
                         {"promote_to", options.promoteTo},
                         {"max_drop", options.maxDrop},
                         {"inputs", inputs},
                         {"reference_score", result.referenceScore},
                         {"fp32_bitops", result.fp32BitOps},
                         {"budget_met", result.budgetMet},
                         {"chosen_step", result.points[result.chosen].step},
                         {"points", points},
                         {"pareto", pareto},
                         {"overridden_quantizers", result.overrides.quantizers.size()},
                         {"recipe", recipe ? nlohmann::json(*recipe) : nlohmann::json(nullptr)}};
  return json.dump(2) + "\n";
}

/// Everything amp takes besides the model and the data, checked before anything loads.
struct AmpArguments
{
  std::string preset; ///< a --preset value, checked (VariantOption)
  MixedPrecisionOptions amp;
  std::string metric; ///< "agreement" or "miou"
  QuantScheme scheme;
  std::optional<std::vector<std::string>> ranking; ///< from --ranking; measured when unset

  static AmpArguments parse(const CommandLine& options)
  {
    AmpArguments arguments;
    arguments.preset = options.required("preset");
    VariantOption::checkSyntax(arguments.preset);
    arguments.amp.maxDrop = parseDrop(options.required("max-drop"));
    arguments.metric = options.valueOr("metric", "agreement");
    if (arguments.metric != "agreement" && arguments.metric != "miou")
      throw UsageError("--metric must be agreement or miou, got '" + arguments.metric + "'");
    if (arguments.metric == "miou" && !options.has("sequence"))
      throw UsageError("--metric miou needs a labelled --sequence DIR");
    arguments.amp.metric = arguments.metric == "miou" ? "mIoU" : "agreement";
    arguments.amp.promoteTo = static_cast<int>(options.integer("promote-to", 16, 2, 32));
    if (arguments.amp.promoteTo != 8 && arguments.amp.promoteTo != 16)
      throw UsageError("--promote-to must be 8 or 16, got " + std::to_string(arguments.amp.promoteTo));
    arguments.amp.maxSteps = static_cast<std::size_t>(options.integer("max-steps", 0, 0, 1000000));
    arguments.scheme = QuantScheme::parse(options.valueOr("scheme", "tf"));
    if (options.has("ranking"))
      arguments.ranking = rankingFromReport(options.required("ranking"), arguments.preset);
    return arguments;
  }
};

} // namespace

std::string AmpCommand::help() const
{
  return "usage: quantlens-cli amp --model FILE --preset W8A8|W4A8|custom:FILE --max-drop D\n"
         "         (--calibration random:N | --sequence DIR [--scans A:B]) [--metric agreement|miou]\n"
         "         [--promote-to 8|16] [--max-steps N] [--output RECIPE.json] [--json]\n\n"
         "Automatic mixed precision. Ranks the layers (the quantizers of one module) by\n"
         "how much quantizing each alone changes predictions (sensitivity, 'only' mode),\n"
         "then promotes them one at a time, most sensitive first, to --promote-to bits\n"
         "(weights and activations; a bitwidth is never lowered) and scores each step,\n"
         "until the score is within D of FP32's. Cost is counted in BitOps: MACs of each\n"
         "Conv / ConvTranspose / Linear x weight bits x input-activation bits. Prints\n"
         "every step, marks the Pareto points (no step is both cheaper and better) and\n"
         "the chosen one, and writes the override file for 'eval --preset custom:FILE'.\n"
         "Calibration and scoring use the same inputs.\n\n"
         "  --preset P         where the search starts: W8A8, W4A8 or custom:FILE (a QuantLens\n"
         "                     override file, or an AIMET encodings file: a promoted layer's\n"
         "                     encodings are then recalibrated at the new bitwidth)\n"
         "  --max-drop D       allowed drop below FP32's score, 0..1 (0.01 = one point)\n"
         "  --metric M         agreement (default): fraction of pixels whose argmax equals\n"
         "                     FP32's, no labels needed; miou: mIoU over the classes\n"
         "                     present in --sequence's labels\n"
         "  --promote-to B     8 or 16 (default 16)\n"
         "  --max-steps N      most layers to promote (default: no limit)\n"
         "  --ranking FILE     take the layer order from a 'sensitivity' or 'merge' JSON\n"
         "                     report of the same preset instead of measuring it\n"
         "  --scheme S         tf (default), tf_enhanced, percentile:P\n"
         "  --output FILE      write the chosen recipe (QuantLens override file)\n"
         "  --threads N        CPU threads for LibTorch (default: all cores)\n"
         "  --json             print JSON\n"
         "  --quiet            no progress output\n" +
         CalibrationSource::help() + ModelArguments::help();
}

std::set<std::string> AmpCommand::valueOptions() const
{
  std::set<std::string> options = {"preset", "max-drop", "metric",  "promote-to", "max-steps",
                                   "ranking", "scheme", "output", "threads"};
  options.merge(ModelArguments::valueOptions());
  options.merge(CalibrationSource::valueOptions());
  return options;
}

std::set<std::string> AmpCommand::flagOptions() const
{
  std::set<std::string> flags = {"json", "quiet"};
  flags.merge(ModelArguments::flagOptions());
  return flags;
}

int AmpCommand::run(const CommandLine& options)
{
  AmpArguments arguments = AmpArguments::parse(options);
  setComputeThreads(static_cast<int>(options.integer("threads", 0, 0, 1024)));
  const ModelArguments model = ModelArguments::parse(options);
  // The mIoU scorer reads these for as long as the search runs; a sequence
  // without labels fails here, before the long sensitivity sweep.
  std::optional<SemanticKittiSequence> sequence;
  const LabelMap labels = LabelMap::semanticKitti();
  if (arguments.metric == "miou") {
    sequence.emplace(options.required("sequence"));
    if (!sequence->hasLabels())
      throw EngineError("'" + sequence->directory().string() + "' has no labels/ folder: --metric miou needs them");
  }

  QuantSim sim(model.model, model.options);
  const VariantOption start = VariantOption::parse(sim, arguments.preset);
  if (!start.quantizes())
    throw UsageError("--preset " + arguments.preset + " quantizes nothing; use " + VariantOption::quantizedHelp());
  arguments.amp.replaceFixedEncodings = start.fromEncodings;
  ProgressPrinter sensitivityPrinter(arguments.ranking ? "calibrate" : "sensitivity", options.flag("quiet"));
  Feedback sensitivityFeedback([&](double fraction, const std::string& message) {
    sensitivityPrinter.update(fraction, message);
  });
  const auto inputs = CalibrationSource::inputs(model, options, sensitivityFeedback);
  for (const auto& input : inputs)
    sim.calibrate(input);
  if (!arguments.ranking)
    arguments.ranking = measureRanking(sim, start.settings, arguments.scheme, inputs, sensitivityFeedback);
  sensitivityPrinter.finish();

  const SettingsScore score =
    sequence ? MixedPrecision::miouScore(sim, *model.sidecar, *sequence, labels,
                         ScanRange::parse(options.valueOr("scans", "0:"), sequence->scanCount()), arguments.scheme)
             : MixedPrecision::agreementScore(sim, arguments.scheme, inputs);
  ProgressPrinter ampPrinter("amp", options.flag("quiet"));
  Feedback ampFeedback([&](double fraction, const std::string& message) { ampPrinter.update(fraction, message); });
  const auto result = MixedPrecision::search(sim, MixedPrecisionStart{start.label, start.settings, start.base},
                                             *arguments.ranking, score, arguments.amp, ampFeedback);
  ampPrinter.finish();

  std::optional<std::string> recipe;
  if (options.has("output")) {
    recipe = options.required("output");
    OverridesFile::write(*recipe, result.overrides);
  }
  const std::string& preset = arguments.preset;
  if (options.flag("json")) {
    std::fputs(toJson(result, model.model.string(), preset, arguments.metric, arguments.amp, inputs.size(), recipe).c_str(),
               stdout);
  } else {
    std::fputs(toText(result, preset, arguments.metric, arguments.amp).c_str(), stdout);
    if (recipe)
      std::printf("wrote %s (%zu quantizer overrides)\n", recipe->c_str(), result.overrides.quantizers.size());
  }
  if (!result.budgetMet)
    std::fprintf(stderr, "quantlens-cli amp: warning: no step met the allowed drop of %.4f; the best one was kept\n",
                 arguments.amp.maxDrop);
  return 0;
}

} // namespace quantlens::cli
