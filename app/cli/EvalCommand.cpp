#include "EvalCommand.h"

#include "ModelArguments.h"
#include "VariantOption.h"
#include "ProgressPrinter.h"
#include "ScanRange.h"

#include "core/FileIO.h"
#include "core/Threading.h"
#include "eval/SequenceEvaluator.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace quantlens::cli {

namespace {

std::vector<EvaluationVariant> parseVariants(const std::string& list, const QuantSim& sim)
{
  std::vector<EvaluationVariant> variants;
  for (const auto& item : CommandLine::splitList(list)) {
    VariantOption variant = VariantOption::parse(sim, item);
    variants.push_back({variant.label, std::move(variant.settings)});
  }
  return variants;
}

/// At most ten scans spread over the evaluated ones.
std::vector<std::size_t> defaultCalibrationScans(const std::vector<std::size_t>& scans)
{
  const std::size_t count = std::min<std::size_t>(10, scans.size());
  std::vector<std::size_t> chosen;
  for (std::size_t i = 0; i < count; ++i)
    chosen.push_back(scans[i * scans.size() / count]);
  return chosen;
}

/// One changed (variant class, reference class) cell of the change matrix.
struct ClassChange
{
  int from = 0; ///< the first variant's class
  int to = 0;   ///< this variant's class
  std::uint64_t points = 0;
};

/// The off-diagonal non-zero cells, most points first (ties: by class ids).
std::vector<ClassChange> classChanges(const ConfusionMatrix& changes)
{
  std::vector<ClassChange> cells;
  for (int to = 0; to < changes.classCount(); ++to) {
    for (int from = 0; from < changes.classCount(); ++from) {
      if (from != to && changes.at(to, from) > 0)
        cells.push_back({from, to, changes.at(to, from)});
    }
  }
  std::stable_sort(cells.begin(), cells.end(),
                   [](const ClassChange& a, const ClassChange& b) { return a.points > b.points; });
  return cells;
}

nlohmann::json changesJson(const VariantEvaluation& result, const LabelMap& labels)
{
  nlohmann::json cells = nlohmann::json::array();
  for (const auto& cell : classChanges(result.changes))
    cells.push_back({{"from", labels.className(cell.from)}, {"to", labels.className(cell.to)}, {"points", cell.points}});
  return cells;
}

nlohmann::json toJson(const VariantEvaluation& result, const LabelMap& labels, std::size_t scans)
{
  nlohmann::json iou = nlohmann::json::object();
  for (int c = 1; c < static_cast<int>(result.metrics.iou.size()); ++c)
    iou[labels.className(c)] = result.metrics.iou[static_cast<std::size_t>(c)];
  nlohmann::json bins = nlohmann::json::array();
  for (std::size_t b = 0; b < result.byDistance.binCount(); ++b) {
    const auto metrics = SegmentationMetrics::compute(result.byDistance.bin(b));
    bins.push_back({{"from_m", result.byDistance.edges()[b]}, {"to_m", result.byDistance.edges()[b + 1]},
                    {"miou", metrics.miou}, {"miou_present", metrics.miouPresent}, {"points", metrics.points}});
  }
  nlohmann::json json = {{"name", result.name},       {"miou", result.metrics.miou},
                         {"miou_present", result.metrics.miouPresent}, {"accuracy", result.metrics.accuracy},
                         {"iou", iou},                {"scans", scans},
                         {"points", result.metrics.points}, {"distance_bins", bins}};
  if (result.comparedPoints > 0) {
    json["changed_fraction"] = static_cast<double>(result.changedPoints) / static_cast<double>(result.comparedPoints);
    json["changed_points"] = result.changedPoints;
    json["compared_points"] = result.comparedPoints;
    json["changes"] = changesJson(result, labels);
  }
  return json;
}

/// Per scan and variant (after the first), the indices of the points whose
/// class differs from the first variant's: what a viewer colors.
void writeFlippedIndices(const std::filesystem::path& file, const std::vector<VariantEvaluation>& results,
                         const SemanticKittiSequence& sequence, const std::vector<std::size_t>& scans)
{
  nlohmann::json json = {{"format", "quantlens-flipped-points"},
                         {"version", 1},
                         {"sequence", sequence.directory().string()},
                         {"reference", results.front().name},
                         {"scans", nlohmann::json::array()}};
  for (std::size_t s = 0; s < scans.size(); ++s) {
    nlohmann::json flipped = nlohmann::json::object();
    for (std::size_t v = 1; v < results.size(); ++v)
      flipped[results[v].name] = results[v].flippedIndices.at(s);
    json["scans"].push_back({{"scan", sequence.scanIds()[scans[s]]}, {"flipped", flipped}});
  }
  fileio::writeAtomically(file, json.dump() + "\n");
}

/// Below the table: per variant, the share of changed points and the most common changes.
std::string changesText(const std::vector<VariantEvaluation>& results, const LabelMap& labels)
{
  std::string text;
  char line[256];
  for (std::size_t v = 1; v < results.size(); ++v) {
    const auto& result = results[v];
    const double share = result.comparedPoints ? 100.0 * static_cast<double>(result.changedPoints) /
                                                   static_cast<double>(result.comparedPoints)
                                               : 0.0;
    std::snprintf(line, sizeof(line), "\n%s vs %s: %zu of %zu points changed class (%.2f %%)\n", result.name.c_str(),
                  results.front().name.c_str(), result.changedPoints, result.comparedPoints, share);
    text += line;
    const auto cells = classChanges(result.changes);
    for (std::size_t i = 0; i < std::min<std::size_t>(5, cells.size()); ++i) {
      std::snprintf(line, sizeof(line), "  %-16s -> %-16s %10llu\n", labels.className(cells[i].from).c_str(),
                    labels.className(cells[i].to).c_str(), static_cast<unsigned long long>(cells[i].points));
      text += line;
    }
  }
  return text;
}

std::string toText(const std::vector<VariantEvaluation>& results, const LabelMap& labels)
{
  std::string text;
  char line[256];
  std::snprintf(line, sizeof(line), "%-16s", "class");
  text += line;
  for (const auto& result : results) {
    std::snprintf(line, sizeof(line), " %12s", result.name.substr(0, 12).c_str());
    text += line;
  }
  text += "\n";
  for (int c = 1; c < static_cast<int>(results.front().metrics.iou.size()); ++c) {
    std::snprintf(line, sizeof(line), "%-16s", labels.className(c).c_str());
    text += line;
    for (const auto& result : results) {
      if (result.metrics.present[static_cast<std::size_t>(c)])
        std::snprintf(line, sizeof(line), " %12.3f", result.metrics.iou[static_cast<std::size_t>(c)]);
      else
        std::snprintf(line, sizeof(line), " %12s", "-"); // no ground-truth point of this class
      text += line;
    }
    text += "\n";
  }
  const auto row = [&](const char* label, auto value) {
    std::snprintf(line, sizeof(line), "%-16s", label);
    text += line;
    for (const auto& result : results) {
      std::snprintf(line, sizeof(line), " %12.3f", value(result));
      text += line;
    }
    text += "\n";
  };
  row("mIoU (19)", [](const VariantEvaluation& r) { return r.metrics.miou; });
  row("mIoU (present)", [](const VariantEvaluation& r) { return r.metrics.miouPresent; });
  row("accuracy", [](const VariantEvaluation& r) { return r.metrics.accuracy; });
  row("changed vs 1st", [](const VariantEvaluation& r) {
    return r.comparedPoints ? static_cast<double>(r.changedPoints) / static_cast<double>(r.comparedPoints) : 0.0;
  });
  return text;
}

} // namespace

std::string EvalCommand::help() const
{
  return "usage: quantlens-cli eval --model FILE --sequence DIR [--scans A:B[:STEP]]\n"
         "         --preset FP32,W8A8,W4A8[,custom:FILE] [--knn] [--save-predictions DIR]\n"
         "         [--flipped-indices FILE] [--json]\n\n"
         "Evaluates each variant per point like the SemanticKITTI evaluator (one confusion\n"
         "matrix over all scans, class 0 ignored, mIoU over the 19 classes). The model's\n"
         "sidecar supplies projection and normalization. Quantized variants are calibrated\n"
         "on --calibration-scans (default: ten scans spread over the evaluated ones).\n"
         "Every variant after the first is compared with the first, point by point: the\n"
         "share of points that changed class and which classes they changed between.\n\n"
         "  --preset LIST          comma-separated: FP32, W8A8, W4A8, custom:FILE (a QuantLens\n"
         "                         override file or any AIMET encodings file, e.g. model_torch.encodings)\n"
         "  --scans A:B[:STEP]     scans to evaluate (default: all)\n"
         "  --calibration-scans R  scans to calibrate on\n"
         "  --scheme S             tf (default), tf_enhanced, percentile:P\n"
         "  --knn                  clean predictions with KNN (the sidecar's parameters)\n"
         "  --bonnetal-ignore      zero the row and the column of class 0 (lidar-bonnetal, SalsaNext)\n"
         "  --save-predictions DIR write DIR/<variant>/sequences/NN/predictions/NNNNNN.label\n"
         "  --flipped-indices FILE write, per scan and variant, the indices of the points whose\n"
         "                         class differs from the first variant's (JSON)\n"
         "  --threads N            CPU threads for LibTorch (default: all cores)\n"
         "  --json                 print JSON\n"
         "  --quiet                no progress output\n" +
         ModelArguments::help();
}

std::set<std::string> EvalCommand::valueOptions() const
{
  std::set<std::string> options = {"sequence",         "scans",           "preset", "calibration-scans", "scheme",
                                   "save-predictions", "flipped-indices", "threads"};
  options.merge(ModelArguments::valueOptions());
  return options;
}

std::set<std::string> EvalCommand::flagOptions() const
{
  std::set<std::string> flags = {"knn", "json", "quiet", "bonnetal-ignore"};
  flags.merge(ModelArguments::flagOptions());
  return flags;
}

int EvalCommand::run(const CommandLine& options)
{
  setComputeThreads(static_cast<int>(options.integer("threads", 0, 0, 1024)));
  const ModelArguments model = ModelArguments::parse(options);
  if (!model.sidecar)
    throw UsageError("'" + model.model.string() + "' has no sidecar (" + ModelSidecar::pathFor(model.model).string() +
                     "): evaluation needs its projection, normalization and classes");
  for (const auto& item : CommandLine::splitList(options.required("preset")))
    VariantOption::checkSyntax(item);
  const SemanticKittiSequence sequence(options.required("sequence"));
  QuantSim sim(model.model, model.options);
  const auto variants = parseVariants(options.required("preset"), sim);

  EvaluationOptions evaluation;
  evaluation.scans = ScanRange::parse(options.valueOr("scans", "0:"), sequence.scanCount());
  evaluation.calibrationScans = options.has("calibration-scans")
                                  ? ScanRange::parse(options.required("calibration-scans"), sequence.scanCount())
                                  : defaultCalibrationScans(evaluation.scans);
  evaluation.scheme = QuantScheme::parse(options.valueOr("scheme", "tf"));
  evaluation.knn = options.flag("knn");
  if (options.has("save-predictions"))
    evaluation.savePredictions = options.required("save-predictions");
  if (options.flag("bonnetal-ignore"))
    evaluation.convention = IgnoreConvention::ZeroRowAndColumn;
  evaluation.keepFlippedIndices = options.has("flipped-indices");
  if (evaluation.keepFlippedIndices && variants.size() < 2)
    throw UsageError("--flipped-indices compares variants with the first one: give at least two in --preset");

  const LabelMap labels = LabelMap::semanticKitti();
  ProgressPrinter printer("eval", options.flag("quiet"));
  Feedback feedback([&](double fraction, const std::string& message) { printer.update(fraction, message); });
  const auto results = SequenceEvaluator::evaluate(sim, *model.sidecar, sequence, labels, variants, evaluation, feedback);
  printer.finish();
  if (evaluation.keepFlippedIndices)
    writeFlippedIndices(options.required("flipped-indices"), results, sequence, evaluation.scans);

  if (options.flag("json")) {
    nlohmann::json json = {{"model", model.model.string()},
                           {"sequence", sequence.directory().string()},
                           {"knn", evaluation.knn},
                           {"convention", evaluation.convention == IgnoreConvention::SemanticKittiApi
                                            ? "semantic-kitti-api"
                                            : "bonnetal"},
                           {"reference", results.front().name},
                           {"variants", nlohmann::json::array()}};
    for (const auto& result : results)
      json["variants"].push_back(toJson(result, labels, evaluation.scans.size()));
    std::printf("%s\n", json.dump(2).c_str());
  } else {
    std::printf("%s%s", toText(results, labels).c_str(), changesText(results, labels).c_str());
  }
  return 0;
}

} // namespace quantlens::cli
