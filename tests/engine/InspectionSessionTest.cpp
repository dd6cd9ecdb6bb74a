#include "TestData.h"

#include "core/EmbeddedResources.h"
#include "core/EngineError.h"
#include "data/RangeProjection.h"
#include "data/SyntheticScanner.h"
#include "eval/SequenceEvaluator.h"
#include "model/EncodingsExchange.h"
#include "quant/OverridesFile.h"
#include "quant/EncodingsFile.h"
#include "session/InspectionSession.h"
#include "session/MissingSidecarError.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace quantlens;
using quantlens::test::expectEngineError;
using quantlens::test::fixture;
using quantlens::test::freshTempDir;

namespace {

constexpr std::size_t kScans = 3;

/// A small labelled sequence shared by the tests of this file.
const std::filesystem::path& sequenceFolder()
{
  static const std::filesystem::path folder = [] {
    SyntheticScannerOptions options;
    options.seed = 7;
    return SyntheticScanner(options).writeSequence(freshTempDir("InspectionSessionSequence"), 8, kScans);
  }();
  return folder;
}

std::filesystem::path modelFile()
{
  return fixture("salsanext_script.pt");
}

InspectionSession openSession()
{
  InspectionSession session;
  session.openSequence(sequenceFolder());
  session.openModel(modelFile());
  return session;
}

/// The per-point labels of an FP32 run computed here, not by the session:
/// every point takes the argmax of its own pixel; left-out points get 0.
std::vector<std::uint8_t> independentFp32PointLabels(const std::filesystem::path& model, std::size_t scanIndex)
{
  QuantSim sim(model);
  const auto sidecar = *ModelSidecar::findFor(model);
  const Scan scan = SemanticKittiSequence(sequenceFolder()).loadScan(scanIndex);
  const ProjectedScan projected = RangeProjection(sidecar.sensor).project(scan.points);
  FloatTensor input;
  input.shape = sidecar.inputShape;
  input.values = projected.input;
  const FloatTensor output = sim.run(sim.prepare(sim.presetSettings({QuantPreset::Kind::Fp32}), {}), input);
  const auto pixels = static_cast<std::size_t>(output.shape[2] * output.shape[3]);
  std::vector<std::uint8_t> labels(scan.points.size(), 0);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto pixel = projected.pointPixel(i);
    if (pixel < 0)
      continue;
    int best = 0;
    for (int c = 1; c < output.shape[1]; ++c) {
      if (output.values[c * pixels + pixel] > output.values[best * pixels + pixel])
        best = c;
    }
    labels[i] = static_cast<std::uint8_t>(best);
  }
  return labels;
}

} // namespace

TEST(InspectionSessionTest, WithoutAModelAScanHasGroundTruthOnly)
{
  InspectionSession session;
  session.openSequence(sequenceFolder());
  Feedback feedback;
  const auto scan = session.inferScan(1, feedback);
  EXPECT_EQ(scan->scanId, "000001");
  EXPECT_TRUE(scan->variants.empty());
  ASSERT_EQ(scan->truth.size(), scan->scan.points.size());
  EXPECT_GT(scan->truth.size(), 1000u);
  expectEngineError([&] { session.evaluate({0}, feedback); }, "no model is open");
  expectEngineError([&] { session.inferScan(kScans, feedback); }, {"scan 3 is out of range", "3 scans"});
}

TEST(InspectionSessionTest, AModelWithoutSidecarAsksForOneAndKeepsThePreviousModel)
{
  const auto folder = freshTempDir("InspectionSessionNoSidecar");
  std::filesystem::copy_file(modelFile(), folder / "bare.pt");
  InspectionSession session = openSession();
  EXPECT_THROW(session.openModel(folder / "bare.pt"), MissingSidecarError);
  EXPECT_EQ(session.modelFile(), modelFile());

  // Given the values, the same file opens.
  session.openModel(folder / "bare.pt", {}, ModelSidecar::findFor(modelFile()));
  EXPECT_EQ(session.modelFile(), folder / "bare.pt");
  EXPECT_EQ(session.variants().size(), 3u);
}

TEST(InspectionSessionTest, FailedOpensLeaveTheSessionAsItWas)
{
  InspectionSession session = openSession();
  expectEngineError([&] { session.openSequence("/nonexistent/sequence"); }, "/nonexistent/sequence");
  expectEngineError([&] { session.openModel(fixture("not_torchscript.pt")); }, "not_torchscript.pt");
  EXPECT_EQ(session.sequence().directory(), sequenceFolder());
  EXPECT_EQ(session.modelFile(), modelFile());
}

TEST(InspectionSessionTest, ScanPredictionsArePerPointAndMatchAnIndependentRun)
{
  InspectionSession session = openSession();
  Feedback feedback;
  const auto scan = session.inferScan(2, feedback);
  ASSERT_EQ(scan->variants.size(), 3u);
  EXPECT_EQ(scan->variants[0].name, "FP32");
  EXPECT_EQ(scan->variants[1].name, "W8A8");
  EXPECT_EQ(scan->variants[2].name, "W4A8");
  for (const auto& variant : scan->variants) {
    EXPECT_EQ(variant.pointLabels.size(), scan->scan.points.size()) << variant.name;
    ASSERT_TRUE(variant.metrics.has_value()) << variant.name;
    EXPECT_GT(variant.metrics->points, 0u);
  }
  EXPECT_EQ(scan->variants[0].pointLabels, independentFp32PointLabels(modelFile(), 2));
  EXPECT_TRUE(session.isCalibrated());
}

TEST(InspectionSessionTest, CachedScansAndEditedCustomRerunOnlyWhatChanged)
{
  InspectionSession session = openSession();
  Feedback feedback;
  const auto first = session.inferScan(0, feedback);
  EXPECT_EQ(session.computedResults(), 3u);

  const auto again = session.inferScan(0, feedback);
  EXPECT_EQ(session.computedResults(), 3u) << "a cached scan must not run again";
  EXPECT_EQ(again->variants[2].pointLabels, first->variants[2].pointLabels);

  // Custom with W4A8's exact settings is W4A8: no new run.
  session.setCustomSettings(session.sim().presetSettings({QuantPreset::Kind::W4A8}), "same as W4A8");
  const auto sameAsW4 = session.inferScan(0, feedback);
  EXPECT_EQ(session.computedResults(), 3u);
  ASSERT_EQ(sameAsW4->variants.size(), 4u);
  EXPECT_EQ(sameAsW4->variants[3].name, InspectionSession::kCustomName);
  EXPECT_EQ(sameAsW4->variants[3].pointLabels, first->variants[2].pointLabels);

  // One quantizer edited: only Custom runs.
  auto edited = session.sim().presetSettings({QuantPreset::Kind::W4A8});
  const auto weight = std::find_if(edited.begin(), edited.end(), [](const QuantizerSettings& s) {
    return s.enabled && s.bitwidth == 4;
  });
  ASSERT_NE(weight, edited.end());
  weight->bitwidth = 16;
  session.setCustomSettings(edited, "one layer at 16 bit");
  session.inferScan(0, feedback);
  EXPECT_EQ(session.computedResults(), 4u);

  // A new scheme invalidates the quantized results, not FP32.
  session.setScheme(QuantScheme::parse("percentile:99"));
  session.inferScan(0, feedback);
  EXPECT_EQ(session.computedResults(), 4u + 3u);
}

TEST(InspectionSessionTest, ExportedEncodingsLoadBackAsACustomVariantWithIdenticalPredictions)
{
  InspectionSession session = openSession();
  Feedback feedback;
  const auto file = freshTempDir("InspectionSessionEncodings") / "w8a8.encodings";
  EncodingsFile::write061(file, session.encodingsOf("W8A8", feedback));
  session.loadVariantFile(file);
  EXPECT_EQ(session.customDescription(), "encodings w8a8.encodings");
  const auto scan = session.inferScan(1, feedback);
  ASSERT_EQ(scan->variants.size(), 4u);
  EXPECT_EQ(scan->variants[3].pointLabels, scan->variants[1].pointLabels);
  expectEngineError([&] { session.encodingsOf("FP32", feedback); }, "quantizes nothing");

  // An override file is told apart by its format field.
  const auto recipe = file.parent_path() / "recipe.json";
  test::writeText(recipe, std::string(embeddedResource("overrides/salsanext_w4a8.json")));
  session.loadVariantFile(recipe);
  EXPECT_EQ(session.customDescription(), "overrides recipe.json");
  EXPECT_EQ(session.variants().back().settings,
            EncodingsExchange::customSettings(session.sim(), {QuantPreset::Kind::W8A8},
                                              OverridesFile::read(recipe), "recipe.json"));
}

TEST(InspectionSessionTest, EvaluationMatchesTheEvaluatorAndIsCached)
{
  InspectionSession session = openSession();
  Feedback feedback;
  const std::vector<std::size_t> scans{0, 2};
  const auto results = session.evaluate(scans, feedback);
  const auto computed = session.computedResults();
  const auto cached = session.evaluate(scans, feedback);
  EXPECT_EQ(session.computedResults(), computed);
  ASSERT_EQ(results.size(), 3u);
  ASSERT_EQ(cached.size(), 3u);
  EXPECT_EQ(cached[2].metrics.miou, results[2].metrics.miou);

  // The same evaluation on its own sim, calibrated on the same scans.
  QuantSim sim(modelFile());
  EvaluationOptions options;
  options.scans = scans;
  options.calibrationScans = session.calibrationScans();
  const auto direct = SequenceEvaluator::evaluate(sim, session.sidecar(), SemanticKittiSequence(sequenceFolder()),
                                                  session.labels(), session.variants(), options, feedback);
  for (std::size_t v = 0; v < 3; ++v) {
    EXPECT_EQ(results[v].name, direct[v].name);
    EXPECT_DOUBLE_EQ(results[v].metrics.miou, direct[v].metrics.miou) << results[v].name;
  }
}

TEST(InspectionSessionTest, SensitivityIsCachedAndCanBeCanceled)
{
  InspectionSession session = openSession();
  Feedback feedback;
  const auto result = session.sensitivity({QuantPreset::Kind::W4A8}, SensitivityMode::OnlyThisLayer, {0}, feedback);
  EXPECT_FALSE(result.layers.empty());
  const auto computed = session.computedResults();
  session.sensitivity({QuantPreset::Kind::W4A8}, SensitivityMode::OnlyThisLayer, {0}, feedback);
  EXPECT_EQ(session.computedResults(), computed);
  expectEngineError([&] { session.sensitivity({QuantPreset::Kind::Fp32}, SensitivityMode::OnlyThisLayer, {0}, feedback); },
                    "needs a quantized preset");

  Feedback canceled;
  canceled.cancel();
  EXPECT_THROW(session.sensitivity({QuantPreset::Kind::W8A8}, SensitivityMode::AllButThisLayer, {1}, canceled),
               OperationCanceled);
}
