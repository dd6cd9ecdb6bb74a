#include "session/CachedResultsJson.h"

#include "TestData.h"
#include "core/DeterministicRandom.h"
#include "core/EngineError.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace quantlens {
namespace {

using Json = nlohmann::json;

constexpr int kClasses = 20;
constexpr std::size_t kPixels = 64 * 2048;
constexpr std::size_t kPoints = 1000;

/// Labels like a prediction's: long runs of one class (road, a wall) between
/// short ones (a pole, noise), and the largest label value.
std::vector<std::uint8_t> runLabels(std::size_t count, std::uint64_t seed)
{
  DeterministicRandom random(seed);
  std::vector<std::uint8_t> labels;
  while (labels.size() < count) {
    const bool longRun = random.chance(0.3);
    const auto length = static_cast<std::size_t>(longRun ? random.uniformInt(200, 3000) : random.uniformInt(1, 3));
    const auto value = static_cast<std::uint8_t>(random.chance(0.01) ? 255 : random.uniformInt(0, kClasses - 1));
    labels.insert(labels.end(), std::min(length, count - labels.size()), value);
  }
  return labels;
}

std::vector<std::uint8_t> randomLabels(std::size_t count, std::uint64_t seed)
{
  DeterministicRandom random(seed);
  std::vector<std::uint8_t> labels(count);
  for (auto& label : labels)
    label = static_cast<std::uint8_t>(random.uniformInt(0, kClasses - 1));
  return labels;
}

/// Doubles whose shortest decimal spelling is long or unusual, to catch lost precision.
const std::vector<double> kAwkwardDoubles = { 0.1, 1.0 / 3.0, 2.0 / 3.0 * 1e-7, 5e-324, 1.7976931348623157e308,
                                              -123456.78901234567 };

SegmentationMetrics metricsOf(const ConfusionMatrix& matrix)
{
  return SegmentationMetrics::compute(matrix);
}

VariantEvaluation evaluation(const std::string& name, std::uint64_t seed)
{
  const auto truth = randomLabels(kPoints, seed);
  auto predicted = truth;
  DeterministicRandom random(seed + 100);
  for (auto& label : predicted) {
    if (random.chance(0.2))
      label = static_cast<std::uint8_t>(random.uniformInt(0, kClasses - 1));
  }
  std::vector<float> range(kPoints);
  for (auto& r : range)
    r = static_cast<float>(random.uniform(0.0, 60.0)); // some beyond the last edge: in no bin

  VariantEvaluation result;
  result.name = name;
  result.confusion = ConfusionMatrix(kClasses);
  result.confusion.add(predicted.data(), truth.data(), kPoints);
  result.metrics = metricsOf(result.confusion);
  ConfusionMatrix half(kClasses);
  half.add(predicted.data(), truth.data(), kPoints / 2);
  result.perScan = { metricsOf(half), result.metrics };
  result.byDistance = DistanceBinnedConfusion(kClasses, { 0.0, 7.5, 20.0, 45.25 });
  result.byDistance.add(predicted.data(), truth.data(), range.data(), kPoints);
  result.changes = ConfusionMatrix(kClasses);
  result.changes.add(predicted.data(), truth.data(), 300);
  result.changedPoints = 57;
  result.comparedPoints = kPoints;
  result.flippedIndices = { { 0, 3, 4, 999 }, {}, { 4294967295u } };
  return result;
}

SensitivityResult sensitivity()
{
  SensitivityResult result;
  result.mode = SensitivityMode::AllButThisLayer;
  result.metric = SensitivityMetric::MeanIou;
  result.baselineAgreement = kAwkwardDoubles[1];
  result.fp32Miou = 0.61234567890123;
  result.baselineMiou = kAwkwardDoubles[2];
  result.inputs = 8;
  result.shardIndex = 1;
  result.shardCount = 3;
  result.layers = { { "downCntx.conv1", 0.9, kAwkwardDoubles[0], 4, 0.55 },
                    { "resBlock1.pool", kAwkwardDoubles[3], -0.0125, 17, kAwkwardDoubles[5] } };
  return result;
}

Encoding fixedEncoding()
{
  Encoding encoding;
  encoding.bitwidth = 8;
  encoding.symmetric = false;
  encoding.scale = 0.015625;
  encoding.offset = -64;
  encoding.min = -1.0;
  encoding.max = 0.015625 * 191.0;
  return encoding;
}

MixedPrecisionResult mixedPrecision()
{
  MixedPrecisionResult result;
  result.referenceScore = kAwkwardDoubles[1];
  result.fp32BitOps = 123456789012345ULL;
  result.points = { { 0, "", 1000, 0.8, 0.1, true }, { 1, "head", 1500, 0.85, 0.05, true },
                    { 2, "stem", 2000, 0.84, kAwkwardDoubles[4], false } };
  result.chosen = 1;
  result.budgetMet = true;
  QuantizerSettings weight;
  weight.enabled = true;
  weight.bitwidth = 4;
  weight.symmetric = true;
  weight.perChannel = true;
  QuantizerSettings fixed;
  fixed.enabled = true;
  fixed.bitwidth = 16;
  fixed.fixedEncodings = { fixedEncoding() };
  QuantizerSettings floating;
  floating.dtype = QuantDtype::Float;
  floating.bitwidth = 16;
  result.settings = { weight, fixed, floating, QuantizerSettings{} };
  result.overrides.base = QuantPreset{ QuantPreset::Kind::W4A8 };
  result.overrides.description = "mixed precision, agreement within 0.01";
  result.overrides.quantizers["head.output[0]"].bitwidth = 16;
  result.overrides.quantizers["stem.input[0]"].fixedEncodings = std::vector<Encoding>{ fixedEncoding() };
  return result;
}

TensorStatistics statistics(std::uint64_t seed)
{
  DeterministicRandom random(seed);
  TensorStatistics result;
  result.min = -random.uniform(0.0, 3.0);
  result.max = random.uniform(0.0, 5.0);
  result.count = 81920;
  result.histogramMin = 3.0 * result.min;
  result.histogramMax = 3.0 * result.max;
  result.histogram.resize(TensorStatistics::kDefaultBins);
  // Shares of the values, averaged over batches: awkward doubles.
  for (auto& bin : result.histogram)
    bin = random.chance(0.5) ? 0.0 : random.uniform(0.0, 1.0) / 300.0;
  result.histogramBatches = 7;
  return result;
}

VariantPrediction prediction(const std::string& name, std::uint64_t seed, bool withMetrics)
{
  VariantPrediction result;
  result.name = name;
  result.pixelLabels = runLabels(kPixels, seed);
  result.pointLabels = runLabels(kPoints, seed + 1);
  if (withMetrics) {
    ConfusionMatrix matrix(kClasses);
    const auto truth = randomLabels(kPoints, seed + 2);
    matrix.add(result.pointLabels.data(), truth.data(), kPoints);
    result.metrics = metricsOf(matrix);
  }
  result.inferenceMilliseconds = 41.0 + kAwkwardDoubles[0];
  return result;
}

CachedResults sampleResults()
{
  CachedResults results;
  results.modelFingerprint = "6912345:9f3a0c5e12d4b877|quantizers:42";
  results.sequenceFingerprint = "2 scans: 000000 000007";
  results.scheme = "percentile:99.5";
  results.knn = true;
  results.calibratedOn = "scans 0, 7";
  results.calibrationPasses = 2;
  results.activationStatistics = { statistics(1), TensorStatistics{}, statistics(2) };

  CachedScanResults first;
  first.index = 7;
  first.scanId = "000007";
  first.pointCount = kPoints;
  first.predictions["fp32-key"] = prediction("FP32", 10, true);
  first.predictions["w8a8-key"] = prediction("W8A8", 20, true);
  CachedScanResults second;
  second.index = 0;
  second.scanId = "000000";
  second.pointCount = kPoints;
  second.predictions["w4a8-key"] = prediction("W4A8", 30, false);
  results.scans = { first, second };

  results.evaluations["scans 0,7"] = { evaluation("FP32", 1), evaluation("W4A8", 2) };
  results.evaluations["scan 7"] = { evaluation("FP32", 3) };
  results.sensitivities["W4A8 all-but"] = sensitivity();
  results.sensitivities["empty"] = SensitivityResult{};
  results.mixedPrecision["W4A8 to 16"] = mixedPrecision();
  return results;
}

void expectSamePrediction(const VariantPrediction& actual, const VariantPrediction& expected)
{
  EXPECT_EQ(actual.name, expected.name);
  // Not EXPECT_EQ: a mismatch would print 131072 values.
  EXPECT_TRUE(actual.pixelLabels == expected.pixelLabels) << expected.name << " pixel labels differ";
  EXPECT_TRUE(actual.pointLabels == expected.pointLabels) << expected.name << " point labels differ";
  EXPECT_EQ(actual.metrics.has_value(), expected.metrics.has_value());
  EXPECT_TRUE(actual.metrics == expected.metrics) << expected.name;
  EXPECT_EQ(actual.inferenceMilliseconds, expected.inferenceMilliseconds);
}

void expectSameEvaluation(const VariantEvaluation& actual, const VariantEvaluation& expected)
{
  SCOPED_TRACE(expected.name);
  EXPECT_EQ(actual.name, expected.name);
  EXPECT_TRUE(actual.confusion == expected.confusion);
  EXPECT_TRUE(actual.metrics == expected.metrics);
  EXPECT_EQ(actual.metrics.iou, expected.metrics.iou);
  EXPECT_TRUE(actual.perScan == expected.perScan);
  EXPECT_EQ(actual.byDistance.edges(), expected.byDistance.edges());
  ASSERT_EQ(actual.byDistance.binCount(), expected.byDistance.binCount());
  for (std::size_t i = 0; i < expected.byDistance.binCount(); ++i)
    EXPECT_TRUE(actual.byDistance.bin(i) == expected.byDistance.bin(i)) << "bin " << i;
  EXPECT_EQ(actual.changedPoints, expected.changedPoints);
  EXPECT_EQ(actual.comparedPoints, expected.comparedPoints);
  EXPECT_TRUE(actual.changes == expected.changes);
  EXPECT_EQ(actual.flippedIndices, expected.flippedIndices);
}

void expectSameMixedPrecision(const MixedPrecisionResult& actual, const MixedPrecisionResult& expected)
{
  EXPECT_EQ(actual.referenceScore, expected.referenceScore);
  EXPECT_EQ(actual.fp32BitOps, expected.fp32BitOps);
  EXPECT_TRUE(actual.points == expected.points);
  EXPECT_EQ(actual.chosen, expected.chosen);
  EXPECT_EQ(actual.budgetMet, expected.budgetMet);
  EXPECT_EQ(actual.settings, expected.settings);
  EXPECT_EQ(actual.overrides.base, expected.overrides.base);
  EXPECT_EQ(actual.overrides.description, expected.overrides.description);
  EXPECT_EQ(actual.overrides.quantizers, expected.overrides.quantizers);
}

/// Field by field, so a failure says which field; then all at once, so a field
/// added later without a check here is still compared.
void expectSameResults(const CachedResults& actual, const CachedResults& expected)
{
  EXPECT_EQ(actual.modelFingerprint, expected.modelFingerprint);
  EXPECT_EQ(actual.sequenceFingerprint, expected.sequenceFingerprint);
  EXPECT_EQ(actual.scheme, expected.scheme);
  EXPECT_EQ(actual.knn, expected.knn);
  EXPECT_EQ(actual.calibratedOn, expected.calibratedOn);
  EXPECT_EQ(actual.calibrationPasses, expected.calibrationPasses);
  EXPECT_TRUE(actual.activationStatistics == expected.activationStatistics);
  ASSERT_EQ(actual.scans.size(), expected.scans.size());
  for (std::size_t i = 0; i < expected.scans.size(); ++i) {
    EXPECT_EQ(actual.scans[i].index, expected.scans[i].index);
    EXPECT_EQ(actual.scans[i].scanId, expected.scans[i].scanId);
    EXPECT_EQ(actual.scans[i].pointCount, expected.scans[i].pointCount);
    ASSERT_EQ(actual.scans[i].predictions.size(), expected.scans[i].predictions.size());
    for (const auto& [key, prediction] : expected.scans[i].predictions) {
      ASSERT_EQ(actual.scans[i].predictions.count(key), 1u) << key;
      expectSamePrediction(actual.scans[i].predictions.at(key), prediction);
    }
  }
  ASSERT_EQ(actual.evaluations.size(), expected.evaluations.size());
  for (const auto& [key, variants] : expected.evaluations) {
    ASSERT_EQ(actual.evaluations.count(key), 1u) << key;
    ASSERT_EQ(actual.evaluations.at(key).size(), variants.size());
    for (std::size_t i = 0; i < variants.size(); ++i)
      expectSameEvaluation(actual.evaluations.at(key)[i], variants[i]);
  }
  ASSERT_EQ(actual.sensitivities.size(), expected.sensitivities.size());
  for (const auto& [key, result] : expected.sensitivities) {
    ASSERT_EQ(actual.sensitivities.count(key), 1u) << key;
    EXPECT_TRUE(actual.sensitivities.at(key).layers == result.layers) << key;
    EXPECT_TRUE(actual.sensitivities.at(key) == result) << key;
  }
  ASSERT_EQ(actual.mixedPrecision.size(), expected.mixedPrecision.size());
  for (const auto& [key, result] : expected.mixedPrecision) {
    ASSERT_EQ(actual.mixedPrecision.count(key), 1u) << key;
    expectSameMixedPrecision(actual.mixedPrecision.at(key), result);
  }
  EXPECT_TRUE(actual == expected);
}

TEST(CachedResultsJsonTest, EveryFieldRoundTripsExactly)
{
  const CachedResults written = sampleResults();
  const std::string text = CachedResultsJson::toJson(written);
  const CachedResults read = CachedResultsJson::fromJson(text, "results.json");
  expectSameResults(read, written);
  // Writing what was read gives the same text: nothing was rounded on the way.
  EXPECT_EQ(CachedResultsJson::toJson(read), text);

  const Json root = Json::parse(text);
  EXPECT_EQ(root["format"], "quantlens-results");
  EXPECT_EQ(root["version"], 1);
  EXPECT_EQ(root["sensitivities"][0]["key"], "W4A8 all-but"); // map order
  EXPECT_EQ(root["sensitivities"][0]["mode"], "all_but_this_layer");
  EXPECT_EQ(root["sensitivities"][0]["metric"], "miou");
}

// Session files of a QuantLens before AIMET's averaged histogram have no
// "histogram_batches": they still load, with 0 batches, which marks their
// summed counts (QuantSim then refuses to restore them, see
// QuantSimCalibrationRestoreTest).
TEST(CachedResultsJsonTest, StatisticsWithoutHistogramBatchesLoadAsZeroBatches)
{
  const CachedResults written = sampleResults();
  Json document = Json::parse(CachedResultsJson::toJson(written));
  ASSERT_EQ(document["activation_statistics"][0]["histogram_batches"], 7);
  for (Json& entry : document["activation_statistics"])
    entry.erase("histogram_batches");
  const CachedResults read = CachedResultsJson::fromJson(document.dump(), "old.qlens");
  ASSERT_EQ(read.activationStatistics.size(), written.activationStatistics.size());
  for (std::size_t i = 0; i < read.activationStatistics.size(); ++i) {
    TensorStatistics expected = written.activationStatistics[i];
    expected.histogramBatches = 0;
    EXPECT_TRUE(read.activationStatistics[i] == expected) << i;
  }
}

TEST(CachedResultsJsonTest, EmptyResultsRoundTrip)
{
  const CachedResults empty;
  const CachedResults read = CachedResultsJson::fromJson(CachedResultsJson::toJson(empty), "empty.json");
  expectSameResults(read, empty);
  EXPECT_TRUE(read.scans.empty());
}

TEST(CachedResultsJsonTest, LabelsAreRunLengthEncoded)
{
  CachedResults results;
  CachedScanResults scan;
  scan.pointCount = 4;
  scan.predictions["k"].pointLabels = { 3, 3, 3, 255 };
  scan.predictions["k"].pixelLabels = runLabels(kPixels, 5);
  results.scans = { scan };
  const std::string text = CachedResultsJson::toJson(results);
  const Json labels = Json::parse(text)["scans"][0]["predictions"][0];
  EXPECT_EQ(labels["point_labels"], (Json{ { "size", 4 }, { "runs", { 3, 3, 255, 1 } } }));
  EXPECT_EQ(labels["pixel_labels"]["size"], kPixels);

  // 131072 labels written one by one would take at least two characters each.
  EXPECT_LT(text.size(), kPixels / 10) << "the whole document takes " << text.size() << " characters";
  const CachedResults read = CachedResultsJson::fromJson(text, "r");
  EXPECT_TRUE(read.scans[0].predictions.at("k").pixelLabels == scan.predictions.at("k").pixelLabels);

  // Labels without runs still come back, only bigger.
  results.scans[0].predictions["k"].pixelLabels = randomLabels(kPixels, 6);
  const std::string noisy = CachedResultsJson::toJson(results);
  EXPECT_GT(noisy.size(), kPixels * 2);
  EXPECT_TRUE(CachedResultsJson::fromJson(noisy, "r").scans[0].predictions.at("k").pixelLabels ==
              results.scans[0].predictions.at("k").pixelLabels);
}

TEST(CachedResultsJsonTest, DamagedDocumentsNameTheSourceAndTheField)
{
  const Json valid = Json::parse(CachedResultsJson::toJson(sampleResults()));
  struct Case
  {
    std::function<void(Json&)> damage;
    std::string expected; ///< "<field>: <start of the problem>"
  };
  const std::string labels = "scans[0].predictions[0].point_labels";
  const std::string evaluation = "evaluations[1].variants[1]"; // "scan 7" sorts before "scans 0,7"
  const std::vector<Case> cases = {
    { [](Json& d) { d["format"] = "quantlens-session"; }, "are not cached QuantLens results (format " },
    { [](Json& d) { d.erase("format"); }, "are not cached QuantLens results (format missing)" },
    { [](Json& d) { d["version"] = 2; }, "version: cached results version 2 is not supported" },
    { [](Json& d) { d["version"] = "1"; }, "version: expected an integer" },
    { [](Json& d) { d.erase("version"); }, "version: missing" },
    { [](Json& d) { d.erase("scheme"); }, "scheme: missing" },
    { [](Json& d) { d["knn"] = "yes"; }, "knn: expected true or false" },
    { [](Json& d) { d["scans"][1]["extra"] = 1; }, "scans[1].extra: unknown key" },
    { [](Json& d) { d["calibration_passes"] = -1; }, "calibration_passes: expected an integer >= 0" },
    { [](Json& d) { d["activation_statistics"][0]["histogram"][3] = "x"; },
      "activation_statistics[0].histogram[3]: expected a finite number" },
    { [](Json& d) { d["activation_statistics"][2]["histogram_batches"] = -1; },
      "activation_statistics[2].histogram_batches: expected an integer >= 0" },
    { [&](Json& d) { d["scans"][0]["predictions"][0]["point_labels"]["size"] = kPoints + 1; },
      labels + ": the runs add up to 1000 labels, \"size\" says 1001" },
    { [&](Json& d) { d["scans"][0]["predictions"][0]["point_labels"]["size"] = kPoints - 1; },
      labels + ": the runs add up to more than \"size\" (999) labels" },
    { [&](Json& d) { d["scans"][0]["predictions"][0]["point_labels"]["runs"][0] = 256; },
      labels + ".runs[0]: expected a label 0..255, got 256" },
    { [&](Json& d) { d["scans"][0]["predictions"][0]["point_labels"]["runs"][0] = -1; },
      labels + ".runs[0]: expected a label 0..255, got -1" },
    { [&](Json& d) { d["scans"][0]["predictions"][0]["point_labels"]["runs"][1] = 0; },
      labels + ".runs[1]: a run of 0 labels" },
    { [&](Json& d) { d["scans"][0]["predictions"][0]["point_labels"]["runs"].push_back(1); },
      labels + ".runs: expected a list of label, count pairs, got an odd number of entries" },
    { [&](Json& d) { d["scans"][0]["predictions"][0]["point_labels"]["size"] = 1ULL << 40; },
      labels + ".size: 1099511627776 labels are more than the 16777216" },
    { [](Json& d) { d["scans"][0]["point_count"] = 999; },
      "scans[0].predictions[0].point_labels: 1000 labels for a scan of 999 points" },
    { [](Json& d) {
       d["scans"][0]["predictions"][1]["pixel_labels"] = { { "size", 2 }, { "runs", { 1, 2 } } };
     },
      "scans[0].predictions[1].pixel_labels: 2 labels, the scan's first prediction has 131072" },
    { [](Json& d) { d["scans"][0]["predictions"][1]["key"] = d["scans"][0]["predictions"][0]["key"]; },
      "scans[0].predictions[1].key: a second entry with this key" },
    { [](Json& d) { d["scans"][1]["index"] = 7; }, "scans[1].index: scan 7 is listed twice" },
    { [](Json& d) { d["scans"][0]["predictions"][0]["metrics"]["present"].push_back(true); },
      "scans[0].predictions[0].metrics.present: 21 classes, \"iou\" has 20" },
    { [&](Json& d) { d["evaluations"][1]["variants"][1]["confusion"]["counts"].erase(0); },
      evaluation + ".confusion.counts: 399 counts, expected 400" },
    { [&](Json& d) { d["evaluations"][1]["variants"][1]["changes"]["classes"] = 257; },
      evaluation + ".changes.classes: expected an integer in 1..256, got 257" },
    { [&](Json& d) {
       d["evaluations"][1]["variants"][1]["by_distance"]["edges"] = { 0, 20, 10, 40 };
     },
      evaluation + ".by_distance.edges: distance bins: edges must increase strictly" },
    { [&](Json& d) { d["evaluations"][1]["variants"][1]["by_distance"]["bins"].erase(0); },
      evaluation + ".by_distance.bins: 2 bins for 4 edges" },
    { [&](Json& d) { d["evaluations"][1]["variants"][1]["flipped_indices"][0][2] = 3; },
      evaluation + ".flipped_indices[0][2]: point indices must increase, but 3 follows 3" },
    { [&](Json& d) { d["evaluations"][1]["variants"][1]["flipped_indices"][2][0] = 4294967296ULL; },
      evaluation + ".flipped_indices[2][0]: a point index beyond 2^32 - 1" },
    { [&](Json& d) { d["evaluations"][1]["variants"][1]["changed_points"] = kPoints + 1; },
      evaluation + ".compared_points: 1000 points compared, fewer than the 1001 changed" },
    { [](Json& d) { d["sensitivities"][1]["mode"] = "only"; },
      "sensitivities[1].mode: expected \"only_this_layer\" or \"all_but_this_layer\", got \"only\"" },
    { [](Json& d) { d["sensitivities"][0]["shard_index"] = 3; },
      "sensitivities[0].shard_index: expected an integer in 0..2, got 3" },
    { [](Json& d) { d["sensitivities"][0]["layers"][0].erase("order"); }, "sensitivities[0].layers[0].order: missing" },
    { [](Json& d) { d["mixed_precision"][0]["chosen"] = 3; },
      "mixed_precision[0].chosen: point 3 chosen, there are 3" },
    { [](Json& d) { d["mixed_precision"][0]["settings"][0]["bitwidth"] = 1; },
      "mixed_precision[0].settings[0].bitwidth: expected an integer in 2..32, got 1" },
    { [](Json& d) { d["mixed_precision"][0]["settings"][1]["fixed_encodings"][0].erase("scale"); },
      "mixed_precision[0].settings[1].fixed_encodings[0]: missing 'scale'" },
    { [](Json& d) { d["mixed_precision"][0]["overrides"]["quantizers"]["head.output[0]"]["bitwidth"] = 99; },
      "mixed_precision[0].overrides: quantizers[\"head.output[0]\"].bitwidth: 99 is outside" },
    { [](Json& d) { d["mixed_precision"][0]["overrides"] = "{}"; },
      "mixed_precision[0].overrides: expected an overrides object" },
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.expected);
    Json document = valid;
    c.damage(document);
    test::expectEngineError([&] { CachedResultsJson::fromJson(document.dump(), "s.qlens"); },
                            { "s.qlens: " + c.expected });
  }
  // The undamaged document reads, so every failure above comes from its one damaged field.
  EXPECT_NO_THROW(CachedResultsJson::fromJson(valid.dump(), "s.qlens"));
}

TEST(CachedResultsJsonTest, TextThatIsNotResultsIsRefused)
{
  test::expectEngineError([] { CachedResultsJson::fromJson("{\"format\": ", "r.json"); }, { "r.json: invalid JSON" });
  test::expectEngineError([] { CachedResultsJson::fromJson("[1, 2]", "r.json"); },
                          { "r.json: are not cached QuantLens results (a list, not an object)" });
  // A number too large for a double parses as infinity: refused, not kept.
  std::string text = CachedResultsJson::toJson(sampleResults());
  const std::string spelled = "\"inference_ms\":" + Json(41.0 + kAwkwardDoubles[0]).dump();
  ASSERT_NE(text.find(spelled), std::string::npos);
  text.replace(text.find(spelled), spelled.size(), "\"inference_ms\":1e999");
  test::expectEngineError([&] { CachedResultsJson::fromJson(text, "r.json"); },
                          { "r.json: invalid JSON: number overflow parsing '1e999'" });
}

TEST(CachedResultsJsonTest, WritingRefusesWhatCouldNotBeReadBack)
{
  CachedResults results = sampleResults();
  results.scans[0].predictions["w8a8-key"].metrics->miou = std::numeric_limits<double>::quiet_NaN();
  test::expectEngineError([&] { CachedResultsJson::toJson(results); },
                          { "cannot write cached results: scans[0].predictions[1].metrics.miou: expected a finite" });

  results = sampleResults();
  results.scans[1].predictions["w4a8-key"].pointLabels.pop_back();
  test::expectEngineError([&] { CachedResultsJson::toJson(results, "cannot write s.qlens: cached_results"); },
                          { "cannot write s.qlens: cached_results: scans[1].predictions[0].point_labels: 999 labels" });

  results = sampleResults();
  results.mixedPrecision.begin()->second.chosen = 7;
  test::expectEngineError([&] { CachedResultsJson::toJson(results); }, "mixed_precision[0].chosen: point 7 chosen");

  results = sampleResults();
  results.mixedPrecision.begin()->second.overrides.quantizers["head.output[0]"].bitwidth = 64;
  test::expectEngineError([&] { CachedResultsJson::toJson(results); },
                          { "mixed_precision[0].overrides: ", "outside 2..32" });

  results = sampleResults();
  results.scans[0].scanId = "\xff\xfe";
  test::expectEngineError([&] { CachedResultsJson::toJson(results); }, "cannot write cached results: ");
}

TEST(CachedResultsJsonTest, SensitivityNamesRoundTrip)
{
  for (const SensitivityMode mode : { SensitivityMode::OnlyThisLayer, SensitivityMode::AllButThisLayer })
    EXPECT_EQ(CachedResultsJson::parseMode(CachedResultsJson::modeName(mode)), mode);
  for (const SensitivityMetric metric : { SensitivityMetric::Agreement, SensitivityMetric::MeanIou })
    EXPECT_EQ(CachedResultsJson::parseMetric(CachedResultsJson::metricName(metric)), metric);
  EXPECT_EQ(CachedResultsJson::parseMode("only"), std::nullopt);
  EXPECT_EQ(CachedResultsJson::parseMetric("fp32_agreement"), std::nullopt);
}

} // namespace
} // namespace quantlens
