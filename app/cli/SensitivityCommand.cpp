#include "SensitivityCommand.h"

#include "CalibrationSource.h"
#include "LabelledScans.h"
#include "ModelArguments.h"
#include "ProgressPrinter.h"
#include "SensitivityReport.h"
#include "VariantOption.h"

#include "core/EngineError.h"
#include "core/FileIO.h"
#include "core/Threading.h"

#include <charconv>
#include <cstdio>
#include <tuple>

namespace quantlens::cli {

namespace {

std::pair<int, int> parseShard(const std::string& text)
{
  int k = -1;
  int n = 0;
  const auto slash = text.find('/');
  const bool parsed = slash != std::string::npos &&
                      std::from_chars(text.data(), text.data() + slash, k).ptr == text.data() + slash &&
                      std::from_chars(text.data() + slash + 1, text.data() + text.size(), n).ptr ==
                        text.data() + text.size();
  if (!parsed || n < 1 || k < 0 || k >= n)
    throw UsageError("--shard expects k/n with 0 <= k < n (e.g. the job-array index and size), got '" + text + "'");
  return {k, n};
}

/// Prints or writes (atomically) a report.
void emit(const CommandLine& options, const std::string& json, const std::string& text)
{
  if (options.has("output")) {
    fileio::writeAtomically(options.required("output"), json);
    std::printf("wrote %s\n", options.required("output").c_str());
  }
  if (options.flag("json"))
    std::fputs(json.c_str(), stdout);
  else if (!options.has("output"))
    std::fputs(text.c_str(), stdout);
}

} // namespace

std::string SensitivityCommand::help() const
{
  return "usage: quantlens-cli sensitivity --model FILE --preset W8A8|W4A8|custom:FILE\n"
         "         (--calibration random:N | --sequence DIR [--scans A:B]) [--mode only|all-but]\n"
         "         [--metric agreement|miou] [--shard k/n] [--output FILE] [--json]\n\n"
         "Per-layer sensitivity (a layer = the quantizers of one module), as AIMET's\n"
         "QuantAnalyzer: 'only' quantizes one layer at a time, 'all-but' everything but\n"
         "one layer. Metric 'agreement': agreement of the per-pixel argmax with FP32 (no\n"
         "labels needed) on the calibration inputs; 'miou': mIoU of the per-pixel argmax\n"
         "against the scans' labels (needs --sequence with labels/; class 0 ignored,\n"
         "mean over the classes present); sensitivity is the mIoU lost (only) or\n"
         "recovered (all-but). Each scan's values before a layer are computed once\n"
         "and shared by all layers (--naive runs every layer through the whole model:\n"
         "same figures, slower). --shard k/n computes every n-th layer starting at k;\n"
         "join shards with 'quantlens-cli merge'.\n\n"
         "  --preset P        W8A8, W4A8 or custom:FILE (a QuantLens override file or any AIMET\n"
         "                    encodings file): the variant whose layers are analysed\n"
         "  --mode M          only (default) or all-but\n"
         "  --metric M        agreement (default) or miou\n"
         "  --naive           no sharing (for comparison)\n"
         "  --scheme S        tf (default), tf_enhanced, percentile:P\n"
         "  --shard k/n       this job's share of the layers\n"
         "  --output FILE     write the JSON report there\n"
         "  --threads N       CPU threads for LibTorch (default: all cores)\n"
         "  --json            print JSON\n"
         "  --quiet           no progress output\n" +
         CalibrationSource::help() + ModelArguments::help();
}

std::set<std::string> SensitivityCommand::valueOptions() const
{
  std::set<std::string> options = {"preset", "mode", "metric", "scheme", "shard", "output", "threads"};
  options.merge(ModelArguments::valueOptions());
  options.merge(CalibrationSource::valueOptions());
  return options;
}

std::set<std::string> SensitivityCommand::flagOptions() const
{
  std::set<std::string> flags = {"json", "quiet", "naive"};
  flags.merge(ModelArguments::flagOptions());
  return flags;
}

int SensitivityCommand::run(const CommandLine& options)
{
  const std::string presetText = options.required("preset");
  VariantOption::checkSyntax(presetText);
  const std::string modeText = options.valueOr("mode", "only");
  if (modeText != "only" && modeText != "all-but")
    throw UsageError("--mode must be only or all-but, got '" + modeText + "'");
  const std::string metricText = options.valueOr("metric", "agreement");
  if (metricText != "agreement" && metricText != "miou")
    throw UsageError("--metric must be agreement or miou, got '" + metricText + "'");
  SensitivityOptions analysis;
  std::tie(analysis.shardIndex, analysis.shardCount) = parseShard(options.valueOr("shard", "0/1"));
  analysis.mode = modeText == "only" ? SensitivityMode::OnlyThisLayer : SensitivityMode::AllButThisLayer;
  analysis.metric = metricText == "miou" ? SensitivityMetric::MeanIou : SensitivityMetric::Agreement;
  analysis.naive = options.flag("naive");
  const QuantScheme scheme = QuantScheme::parse(options.valueOr("scheme", "tf"));
  setComputeThreads(static_cast<int>(options.integer("threads", 0, 0, 1024)));
  const ModelArguments model = ModelArguments::parse(options);

  QuantSim sim(model.model, model.options);
  const VariantOption variant = VariantOption::parse(sim, presetText);
  if (!variant.quantizes())
    throw UsageError("--preset " + presetText + " quantizes nothing; use " + VariantOption::quantizedHelp());
  ProgressPrinter printer("sensitivity", options.flag("quiet"));
  Feedback feedback([&](double fraction, const std::string& message) { printer.update(fraction, message); });
  std::vector<FloatTensor> inputs;
  if (analysis.metric == SensitivityMetric::MeanIou) {
    LabelledInputs labelled = LabelledScans::load(model, options, feedback);
    inputs = std::move(labelled.inputs);
    analysis.labels = std::move(labelled.labels);
  } else {
    inputs = CalibrationSource::inputs(model, options, feedback);
  }
  for (const auto& input : inputs)
    sim.calibrate(input);
  const auto result = LayerSensitivity::analyze(sim, variant.settings, scheme, inputs, analysis, feedback);
  printer.finish();
  emit(options, SensitivityReport::toJson(result, variant.label), SensitivityReport::toText(result, variant.label));
  return 0;
}

std::string MergeCommand::help() const
{
  return "usage: quantlens-cli merge --inputs A.json,B.json,... [--output FILE] [--json]\n\n"
         "Joins the JSON reports of 'sensitivity --shard k/n' jobs (all n of them) into\n"
         "one ranking, so a sweep can run as a Slurm job array or a Kubernetes indexed job.\n";
}

int MergeCommand::run(const CommandLine& options)
{
  const std::string list = options.required("inputs");
  std::vector<SensitivityResult> shards;
  std::string preset;
  for (const auto& file : CommandLine::splitList(list)) {
    std::string shardPreset;
    shards.push_back(SensitivityReport::fromJson(fileio::readText(file), "'" + file + "'", shardPreset));
    if (!preset.empty() && shardPreset != preset)
      throw EngineError("'" + file + "' is a " + shardPreset + " report, the others are " + preset);
    preset = shardPreset;
  }
  const auto merged = LayerSensitivity::merge(shards);
  emit(options, SensitivityReport::toJson(merged, preset), SensitivityReport::toText(merged, preset));
  return 0;
}

} // namespace quantlens::cli
