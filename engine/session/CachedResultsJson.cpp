#include "session/CachedResultsJson.h"

#include "core/EngineError.h"
#include "core/JsonParsing.h"
#include "quant/EncodingsFile.h"
#include "quant/OverridesFile.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace quantlens {

namespace {

using Json = nlohmann::json;

constexpr int kMaxClasses = 256; // labels are uint8

/// A value of the document and where it is ("scans[0].predictions"), for error messages.
struct Node
{
  const Json& json;
  std::string path;
};

/// A value for an error message: scalars as they are, lists and objects by
/// kind only (a label list would fill the screen).
std::string brief(const Json& value)
{
  if (value.is_array())
    return "a list";
  if (value.is_object())
    return "an object";
  const std::string text = value.dump();
  return text.size() <= 60 ? text : text.substr(0, 57) + "...";
}

/// Reads a results document, reporting problems as "<source>: <path>: <problem>".
/// The writer runs it too, on what it built, so it never writes what this refuses.
class ResultsReader
{
public:
  explicit ResultsReader(std::string source)
    : source_(std::move(source))
  {
  }

  CachedResults read(const Json& root) const
  {
    const Node node{ root, "" };
    checkFormat(node);
    object(node, { "format", "version", "model_fingerprint", "sequence_fingerprint", "scheme", "knn", "calibrated_on",
                   "calibration_passes", "activation_statistics", "scans", "evaluations", "sensitivities",
                   "mixed_precision" });
    CachedResults results;
    results.modelFingerprint = text(at(node, "model_fingerprint"));
    results.sequenceFingerprint = text(at(node, "sequence_fingerprint"));
    results.scheme = text(at(node, "scheme"));
    results.knn = boolean(at(node, "knn"));
    results.calibratedOn = text(at(node, "calibrated_on"));
    results.calibrationPasses = count(at(node, "calibration_passes"));
    results.activationStatistics = list(at(node, "activation_statistics"), [this](const Node& n) { return statistics(n); });
    results.scans = scans(at(node, "scans"));
    results.evaluations = keyed(at(node, "evaluations"), [this](const Node& n) { return evaluations(n); });
    results.sensitivities = keyed(at(node, "sensitivities"), [this](const Node& n) { return sensitivity(n); });
    results.mixedPrecision = keyed(at(node, "mixed_precision"), [this](const Node& n) { return mixedPrecision(n); });
    return results;
  }

private:
  [[noreturn]] void fail(const Node& node, const std::string& problem) const
  {
    jsonparsing::fail(source_, node.path, problem);
  }

  // Another kind of file, or a newer one, is refused before its keys are looked at.
  void checkFormat(const Node& root) const
  {
    const std::string expected = std::string("(expected \"format\": \"") + CachedResultsJson::kFormat + "\")";
    if (!root.json.is_object())
      fail(root, "are not cached QuantLens results (" + brief(root.json) + ", not an object) " + expected);
    if (!root.json.contains("format") || root.json.at("format") != CachedResultsJson::kFormat)
      fail(root, "are not cached QuantLens results (format " +
                   (root.json.contains("format") ? brief(root.json.at("format")) : std::string("missing")) + ") " +
                   expected);
    const Node version = at(root, "version");
    if (!version.json.is_number_integer())
      fail(version, "expected an integer, got " + brief(version.json));
    if (version.json != CachedResultsJson::kVersion)
      fail(version, "cached results version " + version.json.dump() + " is not supported (this QuantLens reads " +
                      std::to_string(CachedResultsJson::kVersion) + ")" +
                      (version.json > CachedResultsJson::kVersion ? ": written by a newer QuantLens" : ""));
  }

  void object(const Node& node, std::initializer_list<const char*> keys) const
  {
    if (!node.json.is_object())
      fail(node, "expected an object, got " + brief(node.json));
    jsonparsing::checkKeys(node.json, source_, node.path, keys);
  }

  /// A required key of an object (checked with object() first).
  Node at(const Node& node, const char* key) const
  {
    const std::string path = jsonparsing::join(node.path, key);
    if (!node.json.contains(key))
      jsonparsing::fail(source_, path, "missing");
    return { node.json.at(key), path };
  }

  template<typename Visit>
  void forEach(const Node& node, const Visit& visit) const
  {
    if (!node.json.is_array())
      fail(node, "expected a list, got " + brief(node.json));
    for (std::size_t i = 0; i < node.json.size(); ++i)
      visit(Node{ node.json[i], node.path + "[" + std::to_string(i) + "]" });
  }

  template<typename Read>
  auto list(const Node& node, const Read& read) const -> std::vector<decltype(read(node))>
  {
    std::vector<decltype(read(node))> result;
    forEach(node, [&](const Node& item) { result.push_back(read(item)); });
    return result;
  }

  /// A map stored as a list of objects with a "key" beside the value's own fields.
  template<typename Read>
  auto keyed(const Node& node, const Read& read) const -> std::map<std::string, decltype(read(node))>
  {
    std::map<std::string, decltype(read(node))> result;
    forEach(node, [&](const Node& entry) {
      if (!entry.json.is_object())
        fail(entry, "expected an object with a \"key\", got " + brief(entry.json));
      const Node keyNode = at(entry, "key");
      std::string key = text(keyNode);
      if (result.count(key) != 0)
        fail(keyNode, "a second entry with this key");
      result.emplace(std::move(key), read(entry));
    });
    return result;
  }

  std::string text(const Node& node) const
  {
    if (!node.json.is_string())
      fail(node, "expected a string, got " + brief(node.json));
    return node.json.get<std::string>();
  }

  bool boolean(const Node& node) const { return jsonparsing::boolean(node.json, source_, node.path); }

  // JSON has no NaN or infinity; a huge literal (1e999) parses as infinity, so it is refused here.
  double number(const Node& node) const
  {
    if (!node.json.is_number() || !std::isfinite(node.json.get<double>()))
      fail(node, "expected a finite number, got " + brief(node.json));
    return node.json.get<double>();
  }

  std::uint64_t count(const Node& node) const
  {
    if (!node.json.is_number_unsigned())
      fail(node, "expected an integer >= 0, got " + brief(node.json));
    return node.json.get<std::uint64_t>();
  }

  int integer(const Node& node, int low, int high) const
  {
    if (!node.json.is_number_integer() || node.json < low || node.json > high)
      fail(node, "expected an integer in " + std::to_string(low) + ".." + std::to_string(high) + ", got " +
                   brief(node.json));
    return node.json.get<int>();
  }

  std::vector<double> numbers(const Node& node) const
  {
    return list(node, [this](const Node& n) { return number(n); });
  }

  TensorStatistics statistics(const Node& node) const
  {
    object(node, { "count", "min", "max", "histogram_min", "histogram_max", "histogram", "histogram_batches" });
    TensorStatistics result;
    result.count = count(at(node, "count"));
    result.min = number(at(node, "min"));
    result.max = number(at(node, "max"));
    result.histogramMin = number(at(node, "histogram_min"));
    result.histogramMax = number(at(node, "histogram_max"));
    result.histogram = numbers(at(node, "histogram"));
    // Files of a QuantLens before AIMET's averaged histogram lack the key:
    // 0 batches marks their summed counts, which QuantSim refuses to restore
    // (encodings from them would not be AIMET's), so such a cache is recomputed.
    if (node.json.contains("histogram_batches"))
      result.histogramBatches = count(at(node, "histogram_batches"));
    return result;
  }

  std::vector<CachedScanResults> scans(const Node& node) const
  {
    std::set<std::size_t> seen;
    return list(node, [&](const Node& n) {
      CachedScanResults result = scan(n);
      if (!seen.insert(result.index).second)
        fail(at(n, "index"), "scan " + std::to_string(result.index) + " is listed twice");
      return result;
    });
  }

  CachedScanResults scan(const Node& node) const
  {
    object(node, { "index", "scan_id", "point_count", "predictions" });
    CachedScanResults result;
    result.index = count(at(node, "index"));
    result.scanId = text(at(node, "scan_id"));
    result.pointCount = count(at(node, "point_count"));
    // Labels that do not fit the scan would be drawn on the wrong points.
    std::optional<std::size_t> pixelCount;
    result.predictions = keyed(at(node, "predictions"), [&](const Node& entry) {
      VariantPrediction read = prediction(entry);
      if (read.pointLabels.size() != result.pointCount)
        fail(at(entry, "point_labels"), std::to_string(read.pointLabels.size()) + " labels for a scan of " +
                                          std::to_string(result.pointCount) + " points");
      if (pixelCount && read.pixelLabels.size() != *pixelCount)
        fail(at(entry, "pixel_labels"), std::to_string(read.pixelLabels.size()) +
                                          " labels, the scan's first prediction has " + std::to_string(*pixelCount));
      pixelCount = read.pixelLabels.size();
      return read;
    });
    return result;
  }

  VariantPrediction prediction(const Node& node) const
  {
    object(node, { "key", "name", "pixel_labels", "point_labels", "metrics", "inference_ms" });
    VariantPrediction result;
    result.name = text(at(node, "name"));
    result.pixelLabels = labels(at(node, "pixel_labels"));
    result.pointLabels = labels(at(node, "point_labels"));
    if (node.json.contains("metrics"))
      result.metrics = metrics(at(node, "metrics"));
    result.inferenceMilliseconds = number(at(node, "inference_ms"));
    return result;
  }

  /// {"size": n, "runs": [label, count, ...]}: the runs must add up to n.
  std::vector<std::uint8_t> labels(const Node& node) const
  {
    object(node, { "size", "runs" });
    const Node sizeNode = at(node, "size");
    const std::uint64_t size = count(sizeNode);
    if (size > CachedResultsJson::kMaxLabels)
      fail(sizeNode, std::to_string(size) + " labels are more than the " +
                       std::to_string(CachedResultsJson::kMaxLabels) + " a scan can have");
    const Node runs = at(node, "runs");
    if (!runs.json.is_array() || runs.json.size() % 2 != 0)
      fail(runs, "expected a list of label, count pairs, got " +
                   (runs.json.is_array() ? "an odd number of entries" : brief(runs.json)));
    std::vector<std::uint8_t> result;
    result.reserve(static_cast<std::size_t>(size));
    for (std::size_t i = 0; i < runs.json.size(); i += 2) {
      const Node label{ runs.json[i], runs.path + "[" + std::to_string(i) + "]" };
      const Node length{ runs.json[i + 1], runs.path + "[" + std::to_string(i + 1) + "]" };
      if (!label.json.is_number_unsigned() || label.json >= kMaxClasses)
        fail(label, "expected a label 0.." + std::to_string(kMaxClasses - 1) + ", got " + brief(label.json));
      const auto value = label.json.get<std::uint8_t>();
      const std::uint64_t run = count(length);
      if (run == 0)
        fail(length, "a run of 0 labels");
      if (run > size - result.size())
        fail(node, "the runs add up to more than \"size\" (" + std::to_string(size) + ") labels");
      result.insert(result.end(), static_cast<std::size_t>(run), value);
    }
    if (result.size() != size)
      fail(node, "the runs add up to " + std::to_string(result.size()) + " labels, \"size\" says " +
                   std::to_string(size));
    return result;
  }

  SegmentationMetrics metrics(const Node& node) const
  {
    object(node, { "iou", "present", "miou", "miou_present", "accuracy", "points" });
    SegmentationMetrics result;
    result.iou = numbers(at(node, "iou"));
    const Node present = at(node, "present");
    for (const bool flag : list(present, [this](const Node& n) { return boolean(n); }))
      result.present.push_back(flag);
    if (result.present.size() != result.iou.size())
      fail(present, std::to_string(result.present.size()) + " classes, \"iou\" has " +
                      std::to_string(result.iou.size()));
    result.miou = number(at(node, "miou"));
    result.miouPresent = number(at(node, "miou_present"));
    result.accuracy = number(at(node, "accuracy"));
    result.points = count(at(node, "points"));
    return result;
  }

  int classes(const Node& node) const { return integer(node, 1, kMaxClasses); }

  /// classes² counts, row-major (row = prediction).
  ConfusionMatrix counts(const Node& node, int classCount) const
  {
    const std::vector<std::uint64_t> cells = list(node, [this](const Node& n) { return count(n); });
    const auto expected = static_cast<std::size_t>(classCount) * static_cast<std::size_t>(classCount);
    if (cells.size() != expected)
      fail(node, std::to_string(cells.size()) + " counts, expected " + std::to_string(expected) + " (" +
                   std::to_string(classCount) + " classes squared)");
    ConfusionMatrix matrix(classCount);
    for (std::size_t cell = 0; cell < cells.size(); ++cell) {
      if (cells[cell] != 0)
        matrix.addPoint(static_cast<int>(cell / static_cast<std::size_t>(classCount)),
                        static_cast<int>(cell % static_cast<std::size_t>(classCount)), cells[cell]);
    }
    return matrix;
  }

  ConfusionMatrix matrix(const Node& node) const
  {
    object(node, { "classes", "counts" });
    return counts(at(node, "counts"), classes(at(node, "classes")));
  }

  DistanceBinnedConfusion distanceBins(const Node& node) const
  {
    object(node, { "classes", "edges", "bins" });
    const int classCount = classes(at(node, "classes"));
    const Node edges = at(node, "edges");
    std::vector<double> edgeValues = numbers(edges);
    std::optional<DistanceBinnedConfusion> result;
    try {
      result.emplace(classCount, std::move(edgeValues));
    } catch (const EngineError& error) { // too few edges, or not increasing
      fail(edges, error.what());
    }
    const Node bins = at(node, "bins");
    const auto matrices = list(bins, [&](const Node& n) { return counts(n, classCount); });
    if (matrices.size() != result->binCount())
      fail(bins, std::to_string(matrices.size()) + " bins for " + std::to_string(result->edges().size()) + " edges");
    for (std::size_t i = 0; i < matrices.size(); ++i)
      result->addToBin(i, matrices[i]);
    return *result;
  }

  std::vector<std::vector<std::uint32_t>> flippedIndices(const Node& node) const
  {
    return list(node, [this](const Node& scan) {
      std::vector<std::uint32_t> indices;
      forEach(scan, [&](const Node& n) {
        const std::uint64_t index = count(n);
        if (index > std::numeric_limits<std::uint32_t>::max())
          fail(n, "a point index beyond 2^32 - 1");
        if (!indices.empty() && index <= indices.back())
          fail(n, "point indices must increase, but " + std::to_string(index) + " follows " +
                    std::to_string(indices.back()));
        indices.push_back(static_cast<std::uint32_t>(index));
      });
      return indices;
    });
  }

  std::vector<VariantEvaluation> evaluations(const Node& entry) const
  {
    object(entry, { "key", "variants" });
    return list(at(entry, "variants"), [this](const Node& n) { return evaluation(n); });
  }

  VariantEvaluation evaluation(const Node& node) const
  {
    object(node, { "name", "confusion", "metrics", "per_scan", "by_distance", "changed_points", "compared_points",
                   "changes", "flipped_indices" });
    VariantEvaluation result;
    result.name = text(at(node, "name"));
    result.confusion = matrix(at(node, "confusion"));
    result.metrics = metrics(at(node, "metrics"));
    result.perScan = list(at(node, "per_scan"), [this](const Node& n) { return metrics(n); });
    result.byDistance = distanceBins(at(node, "by_distance"));
    result.changedPoints = count(at(node, "changed_points"));
    const Node compared = at(node, "compared_points");
    result.comparedPoints = count(compared);
    if (result.changedPoints > result.comparedPoints)
      fail(compared, std::to_string(result.comparedPoints) + " points compared, fewer than the " +
                       std::to_string(result.changedPoints) + " changed");
    result.changes = matrix(at(node, "changes"));
    result.flippedIndices = flippedIndices(at(node, "flipped_indices"));
    return result;
  }

  SensitivityResult sensitivity(const Node& node) const
  {
    object(node, { "key", "mode", "metric", "baseline_agreement", "fp32_miou", "baseline_miou", "inputs",
                   "shard_index", "shard_count", "layers" });
    SensitivityResult result;
    const Node mode = at(node, "mode");
    const auto parsedMode = CachedResultsJson::parseMode(text(mode));
    if (!parsedMode)
      fail(mode, "expected \"only_this_layer\" or \"all_but_this_layer\", got " + brief(mode.json));
    result.mode = *parsedMode;
    const Node metric = at(node, "metric");
    const auto parsedMetric = CachedResultsJson::parseMetric(text(metric));
    if (!parsedMetric)
      fail(metric, "expected \"agreement\" or \"miou\", got " + brief(metric.json));
    result.metric = *parsedMetric;
    result.baselineAgreement = number(at(node, "baseline_agreement"));
    result.fp32Miou = number(at(node, "fp32_miou"));
    result.baselineMiou = number(at(node, "baseline_miou"));
    result.inputs = count(at(node, "inputs"));
    result.shardCount = integer(at(node, "shard_count"), 1, std::numeric_limits<int>::max());
    result.shardIndex = integer(at(node, "shard_index"), 0, result.shardCount - 1);
    result.layers = list(at(node, "layers"), [this](const Node& n) { return layerScore(n); });
    return result;
  }

  LayerScore layerScore(const Node& node) const
  {
    object(node, { "module", "agreement", "sensitivity", "order", "miou" });
    LayerScore result;
    result.module = text(at(node, "module"));
    result.agreement = number(at(node, "agreement"));
    result.sensitivity = number(at(node, "sensitivity"));
    result.order = count(at(node, "order"));
    result.miou = number(at(node, "miou"));
    return result;
  }

  MixedPrecisionResult mixedPrecision(const Node& node) const
  {
    object(node, { "key", "reference_score", "fp32_bit_ops", "points", "chosen", "budget_met", "settings",
                   "overrides" });
    MixedPrecisionResult result;
    result.referenceScore = number(at(node, "reference_score"));
    result.fp32BitOps = count(at(node, "fp32_bit_ops"));
    result.points = list(at(node, "points"), [this](const Node& n) { return mixedPrecisionPoint(n); });
    const Node chosen = at(node, "chosen");
    result.chosen = count(chosen);
    if (result.points.empty() ? result.chosen != 0 : result.chosen >= result.points.size())
      fail(chosen, "point " + std::to_string(result.chosen) + " chosen, there are " +
                     std::to_string(result.points.size()));
    result.budgetMet = boolean(at(node, "budget_met"));
    result.settings = list(at(node, "settings"), [this](const Node& n) { return settings(n); });
    const Node overrides = at(node, "overrides");
    if (!overrides.json.is_object())
      fail(overrides, "expected an overrides object {\"format\": \"quantlens-overrides\", ...}, got " +
                        brief(overrides.json));
    result.overrides = OverridesFile::fromJson(overrides.json.dump(), source_ + ": " + overrides.path);
    return result;
  }

  MixedPrecisionPoint mixedPrecisionPoint(const Node& node) const
  {
    object(node, { "step", "module", "bit_ops", "score", "drop", "pareto" });
    MixedPrecisionPoint result;
    result.step = count(at(node, "step"));
    result.module = text(at(node, "module"));
    result.bitOps = count(at(node, "bit_ops"));
    result.score = number(at(node, "score"));
    result.drop = number(at(node, "drop"));
    result.pareto = boolean(at(node, "pareto"));
    return result;
  }

  QuantizerSettings settings(const Node& node) const
  {
    object(node, { "enabled", "bitwidth", "dtype", "symmetric", "per_channel", "fixed_encodings" });
    QuantizerSettings result;
    result.enabled = boolean(at(node, "enabled"));
    result.bitwidth = integer(at(node, "bitwidth"), OverridesFile::kMinBitwidth, OverridesFile::kMaxBitwidth);
    const Node dtype = at(node, "dtype");
    if (dtype.json != "int" && dtype.json != "float")
      fail(dtype, "expected \"int\" or \"float\", got " + brief(dtype.json));
    result.dtype = dtype.json == "int" ? QuantDtype::Int : QuantDtype::Float;
    result.symmetric = boolean(at(node, "symmetric"));
    result.perChannel = boolean(at(node, "per_channel"));
    result.fixedEncodings = list(at(node, "fixed_encodings"), [this](const Node& n) {
      return EncodingsFile::encodingFromJson(n.json.dump(), source_, n.path);
    });
    return result;
  }

  std::string source_;
};

/// Builds the document; what fromJson would refuse is caught by reading it back.
class ResultsWriter
{
public:
  explicit ResultsWriter(std::string what)
    : what_(std::move(what))
  {
  }

  Json write(const CachedResults& results) const
  {
    Json root = { { "format", CachedResultsJson::kFormat },
                  { "version", CachedResultsJson::kVersion },
                  { "model_fingerprint", results.modelFingerprint },
                  { "sequence_fingerprint", results.sequenceFingerprint },
                  { "scheme", results.scheme },
                  { "knn", results.knn },
                  { "calibrated_on", results.calibratedOn },
                  { "calibration_passes", results.calibrationPasses },
                  { "activation_statistics", Json::array() },
                  { "scans", Json::array() },
                  { "evaluations", Json::array() },
                  { "sensitivities", Json::array() },
                  { "mixed_precision", Json::array() } };
    for (const TensorStatistics& entry : results.activationStatistics)
      root["activation_statistics"].push_back(statistics(entry));
    for (const CachedScanResults& entry : results.scans)
      root["scans"].push_back(scan(entry));
    for (const auto& [key, variants] : results.evaluations) {
      Json list = Json::array();
      for (const VariantEvaluation& entry : variants)
        list.push_back(evaluation(entry));
      root["evaluations"].push_back({ { "key", key }, { "variants", std::move(list) } });
    }
    for (const auto& [key, entry] : results.sensitivities)
      root["sensitivities"].push_back(keyed(key, sensitivity(entry)));
    std::size_t index = 0;
    for (const auto& [key, entry] : results.mixedPrecision)
      root["mixed_precision"].push_back(keyed(key, mixedPrecision(entry, index++)));
    return root;
  }

private:
  static Json keyed(const std::string& key, Json value)
  {
    value["key"] = key;
    return value;
  }

  static Json statistics(const TensorStatistics& statistics)
  {
    return { { "count", statistics.count },
             { "min", statistics.min },
             { "max", statistics.max },
             { "histogram_min", statistics.histogramMin },
             { "histogram_max", statistics.histogramMax },
             { "histogram", statistics.histogram },
             { "histogram_batches", statistics.histogramBatches } };
  }

  static Json scan(const CachedScanResults& scan)
  {
    Json predictions = Json::array();
    for (const auto& [key, prediction] : scan.predictions) {
      Json entry = { { "key", key },
                     { "name", prediction.name },
                     { "pixel_labels", labels(prediction.pixelLabels) },
                     { "point_labels", labels(prediction.pointLabels) },
                     { "inference_ms", prediction.inferenceMilliseconds } };
      if (prediction.metrics)
        entry["metrics"] = metrics(*prediction.metrics);
      predictions.push_back(std::move(entry));
    }
    return { { "index", scan.index },
             { "scan_id", scan.scanId },
             { "point_count", scan.pointCount },
             { "predictions", std::move(predictions) } };
  }

  static Json labels(const std::vector<std::uint8_t>& labels)
  {
    Json runs = Json::array();
    for (std::size_t start = 0; start < labels.size();) {
      std::size_t end = start + 1;
      while (end < labels.size() && labels[end] == labels[start])
        ++end;
      runs.push_back(labels[start]);
      runs.push_back(end - start);
      start = end;
    }
    return { { "size", labels.size() }, { "runs", std::move(runs) } };
  }

  static Json metrics(const SegmentationMetrics& metrics)
  {
    return { { "iou", metrics.iou },       { "present", metrics.present },   { "miou", metrics.miou },
             { "miou_present", metrics.miouPresent }, { "accuracy", metrics.accuracy }, { "points", metrics.points } };
  }

  static Json counts(const ConfusionMatrix& matrix)
  {
    Json cells = Json::array();
    for (int predicted = 0; predicted < matrix.classCount(); ++predicted) {
      for (int truth = 0; truth < matrix.classCount(); ++truth)
        cells.push_back(matrix.at(predicted, truth));
    }
    return cells;
  }

  static Json matrix(const ConfusionMatrix& matrix)
  {
    return { { "classes", matrix.classCount() }, { "counts", counts(matrix) } };
  }

  static Json distanceBins(const DistanceBinnedConfusion& bins)
  {
    Json list = Json::array();
    for (std::size_t i = 0; i < bins.binCount(); ++i)
      list.push_back(counts(bins.bin(i)));
    return { { "classes", bins.classCount() }, { "edges", bins.edges() }, { "bins", std::move(list) } };
  }

  static Json evaluation(const VariantEvaluation& evaluation)
  {
    Json perScan = Json::array();
    for (const SegmentationMetrics& scan : evaluation.perScan)
      perScan.push_back(metrics(scan));
    return { { "name", evaluation.name },
             { "confusion", matrix(evaluation.confusion) },
             { "metrics", metrics(evaluation.metrics) },
             { "per_scan", std::move(perScan) },
             { "by_distance", distanceBins(evaluation.byDistance) },
             { "changed_points", evaluation.changedPoints },
             { "compared_points", evaluation.comparedPoints },
             { "changes", matrix(evaluation.changes) },
             { "flipped_indices", evaluation.flippedIndices } };
  }

  static Json sensitivity(const SensitivityResult& result)
  {
    Json layers = Json::array();
    for (const LayerScore& layer : result.layers) {
      layers.push_back({ { "module", layer.module },
                         { "agreement", layer.agreement },
                         { "sensitivity", layer.sensitivity },
                         { "order", layer.order },
                         { "miou", layer.miou } });
    }
    return { { "mode", CachedResultsJson::modeName(result.mode) },
             { "metric", CachedResultsJson::metricName(result.metric) },
             { "baseline_agreement", result.baselineAgreement },
             { "fp32_miou", result.fp32Miou },
             { "baseline_miou", result.baselineMiou },
             { "inputs", result.inputs },
             { "shard_index", result.shardIndex },
             { "shard_count", result.shardCount },
             { "layers", std::move(layers) } };
  }

  Json mixedPrecision(const MixedPrecisionResult& result, std::size_t index) const
  {
    Json points = Json::array();
    for (const MixedPrecisionPoint& point : result.points) {
      points.push_back({ { "step", point.step },
                         { "module", point.module },
                         { "bit_ops", point.bitOps },
                         { "score", point.score },
                         { "drop", point.drop },
                         { "pareto", point.pareto } });
    }
    Json settingsList = Json::array();
    for (const QuantizerSettings& entry : result.settings)
      settingsList.push_back(settings(entry));
    return { { "reference_score", result.referenceScore },
             { "fp32_bit_ops", result.fp32BitOps },
             { "points", std::move(points) },
             { "chosen", result.chosen },
             { "budget_met", result.budgetMet },
             { "settings", std::move(settingsList) },
             { "overrides", overrides(result.overrides, index) } };
  }

  Json overrides(const Overrides& overrides, std::size_t index) const
  {
    try {
      return Json::parse(OverridesFile::toJson(overrides));
    } catch (const EngineError& error) {
      jsonparsing::fail(what_, "mixed_precision[" + std::to_string(index) + "].overrides", error.what());
    }
  }

  static Json settings(const QuantizerSettings& settings)
  {
    Json encodings = Json::array();
    for (const Encoding& encoding : settings.fixedEncodings)
      encodings.push_back(Json::parse(EncodingsFile::encodingToJson(encoding)));
    return { { "enabled", settings.enabled },
             { "bitwidth", settings.bitwidth },
             { "dtype", settings.dtype == QuantDtype::Int ? "int" : "float" },
             { "symmetric", settings.symmetric },
             { "per_channel", settings.perChannel },
             { "fixed_encodings", std::move(encodings) } };
  }

  std::string what_;
};

} // namespace

std::string CachedResultsJson::toJson(const CachedResults& results, const std::string& what)
{
  const Json document = ResultsWriter(what).write(results);
  ResultsReader(what).read(document);
  try {
    return document.dump();
  } catch (const Json::exception& error) { // a string that is not UTF-8 (a scan id, a module name)
    throw EngineError(what + ": " + error.what());
  }
}

CachedResults CachedResultsJson::fromJson(std::string_view text, const std::string& sourceName)
{
  return fromDocument(jsonparsing::parse(text, sourceName), sourceName);
}

CachedResults CachedResultsJson::fromDocument(const nlohmann::json& document, const std::string& sourceName)
{
  return ResultsReader(sourceName).read(document);
}

const char* CachedResultsJson::modeName(SensitivityMode mode)
{
  return mode == SensitivityMode::OnlyThisLayer ? "only_this_layer" : "all_but_this_layer";
}

std::optional<SensitivityMode> CachedResultsJson::parseMode(std::string_view name)
{
  if (name == "only_this_layer")
    return SensitivityMode::OnlyThisLayer;
  if (name == "all_but_this_layer")
    return SensitivityMode::AllButThisLayer;
  return std::nullopt;
}

const char* CachedResultsJson::metricName(SensitivityMetric metric)
{
  return metric == SensitivityMetric::MeanIou ? "miou" : "agreement";
}

std::optional<SensitivityMetric> CachedResultsJson::parseMetric(std::string_view name)
{
  if (name == "agreement")
    return SensitivityMetric::Agreement;
  if (name == "miou")
    return SensitivityMetric::MeanIou;
  return std::nullopt;
}

} // namespace quantlens
