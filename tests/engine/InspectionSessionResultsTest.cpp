// InspectionSession beyond single scans: a layer's effect, mixed precision,
// previews of encodings files, and cached results carried through a session.
#include "TestData.h"

#include "core/FileIO.h"
#include "data/SyntheticScanner.h"
#include "eval/LayerSensitivity.h"
#include "quant/EncodingsFile.h"
#include "quant/OverridesFile.h"
#include "session/InspectionSession.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

using namespace quantlens;
using quantlens::test::expectEngineError;
using quantlens::test::fixture;
using quantlens::test::freshTempDir;

namespace {

const std::filesystem::path& sequenceFolder()
{
  static const std::filesystem::path folder = [] {
    SyntheticScannerOptions options;
    options.seed = 11;
    return SyntheticScanner(options).writeSequence(freshTempDir("InspectionSessionResultsSequence"), 8, 3);
  }();
  return folder;
}

InspectionSession openSession()
{
  InspectionSession session;
  session.openSequence(sequenceFolder());
  session.openModel(fixture("salsanext_script.pt"));
  return session;
}

/// The quantizers of `module` that `preset` enables, found by name here.
std::vector<int> enabledQuantizersOf(const QuantSim& sim, const std::vector<QuantizerSettings>& preset,
                                     const std::string& module)
{
  std::vector<int> ids;
  for (const auto& quantizer : sim.quantizers()) {
    if (quantizer.module == module && preset[static_cast<std::size_t>(quantizer.id)].enabled)
      ids.push_back(quantizer.id);
  }
  return ids;
}

std::vector<std::uint32_t> differingPoints(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b)
{
  std::vector<std::uint32_t> changed;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i])
      changed.push_back(static_cast<std::uint32_t>(i));
  }
  return changed;
}

std::string firstQuantizedModule(const InspectionSession& session)
{
  const auto w4a8 = session.sim().presetSettings({QuantPreset::Kind::W4A8});
  for (const auto& quantizer : session.sim().quantizers()) {
    if (quantizer.kind == QuantizerKind::Parameter && w4a8[static_cast<std::size_t>(quantizer.id)].enabled)
      return quantizer.module;
  }
  return {};
}

} // namespace

TEST(InspectionSessionResultsTest, OnlyThisLayerEffectEqualsTheLayerAloneQuantizedAsCustom)
{
  InspectionSession session = openSession();
  Feedback feedback;
  const std::string module = firstQuantizedModule(session);
  ASSERT_FALSE(module.empty());
  const LayerEffect effect = session.layerEffect({QuantPreset::Kind::W4A8}, SensitivityMode::OnlyThisLayer, module, 1,
                                                 feedback);
  EXPECT_EQ(effect.module, module);
  EXPECT_EQ(effect.scanIndex, 1u);

  // The same switch spelled out by hand: FP32 everywhere, the module's quantizers as in W4A8.
  const auto w4a8 = session.sim().presetSettings({QuantPreset::Kind::W4A8});
  auto alone = session.sim().presetSettings({QuantPreset::Kind::Fp32});
  const auto ids = enabledQuantizersOf(session.sim(), w4a8, module);
  ASSERT_FALSE(ids.empty());
  for (const int id : ids)
    alone[static_cast<std::size_t>(id)] = w4a8[static_cast<std::size_t>(id)];
  session.setCustomSettings(alone, "the layer alone");
  const auto scan = session.inferScan(1, feedback);
  EXPECT_EQ(effect.reference.pointLabels, scan->variant("FP32")->pointLabels);
  EXPECT_EQ(effect.switched.pointLabels, scan->variant("Custom")->pointLabels);
  EXPECT_EQ(effect.changedPoints, differingPoints(scan->variant("FP32")->pointLabels,
                                                  scan->variant("Custom")->pointLabels));
}

TEST(InspectionSessionResultsTest, AllButThisLayerEffectComparesWithTheWholePreset)
{
  InspectionSession session = openSession();
  Feedback feedback;
  const std::string module = firstQuantizedModule(session);
  const LayerEffect effect = session.layerEffect({QuantPreset::Kind::W4A8}, SensitivityMode::AllButThisLayer, module, 0,
                                                 feedback);
  auto allBut = session.sim().presetSettings({QuantPreset::Kind::W4A8});
  for (const int id : enabledQuantizersOf(session.sim(), allBut, module))
    allBut[static_cast<std::size_t>(id)].enabled = false;
  session.setCustomSettings(allBut, "all but the layer");
  const auto scan = session.inferScan(0, feedback);
  EXPECT_EQ(effect.reference.pointLabels, scan->variant("W4A8")->pointLabels);
  EXPECT_EQ(effect.switched.pointLabels, scan->variant("Custom")->pointLabels);
  // The effect's own predictions were cached: inferring them again runs nothing.
  const auto computed = session.computedResults();
  session.layerEffect({QuantPreset::Kind::W4A8}, SensitivityMode::AllButThisLayer, module, 0, feedback);
  EXPECT_EQ(session.computedResults(), computed);
  expectEngineError(
    [&] { session.layerEffect({QuantPreset::Kind::W4A8}, SensitivityMode::OnlyThisLayer, "no.such.layer", 0, feedback); },
    "'no.such.layer' is not a layer W4A8 quantizes");
}

TEST(InspectionSessionResultsTest, MixedPrecisionStartsAtThePresetFollowsTheRankingAndIsCached)
{
  InspectionSession session = openSession();
  Feedback feedback;
  MixedPrecisionRequest request;
  request.scans = {0};
  request.maxDrop = 0.0; // promote down the whole ranking unless W4A8 already agrees fully
  const MixedPrecisionResult result = session.mixedPrecision(request, feedback);
  ASSERT_FALSE(result.points.empty());

  // Step 0 is W4A8 as it is: its score is its per-pixel agreement with FP32 on scan 0.
  const auto scan = session.inferScan(0, feedback);
  const auto& fp32 = scan->variant("FP32")->pixelLabels;
  const auto& w4 = scan->variant("W4A8")->pixelLabels;
  std::size_t equal = 0;
  for (std::size_t p = 0; p < fp32.size(); ++p)
    equal += fp32[p] == w4[p] ? 1 : 0;
  EXPECT_DOUBLE_EQ(result.points[0].score, static_cast<double>(equal) / static_cast<double>(fp32.size()));
  EXPECT_DOUBLE_EQ(result.referenceScore, 1.0);
  if (result.points.size() > 1) {
    const auto ranking = session.sensitivity({QuantPreset::Kind::W4A8}, SensitivityMode::OnlyThisLayer, {0}, feedback);
    EXPECT_EQ(result.points[1].module, ranking.layers.front().module);
  }

  const auto computed = session.computedResults();
  session.mixedPrecision(request, feedback);
  EXPECT_EQ(session.computedResults(), computed) << "the same request must come from the cache";
  request.preset = {QuantPreset::Kind::Fp32};
  expectEngineError([&] { session.mixedPrecision(request, feedback); }, "not FP32");
}

TEST(InspectionSessionResultsTest, ExportPreviewIsTheFileThatIsWrittenAndCoversTheEnabledQuantizers)
{
  InspectionSession session = openSession();
  Feedback feedback;
  const auto file = freshTempDir("InspectionSessionPreview") / "w4a8.encodings";
  const EncodingsPreview preview = session.previewExport("W4A8", false, file, feedback);
  EXPECT_EQ(preview.direction, EncodingsPreview::Direction::Export);
  EXPECT_EQ(preview.format, "AIMET encodings 0.6.1");
  EXPECT_EQ(preview.text, EncodingsFile::toJson061(session.encodingsOf("W4A8", feedback)));
  EXPECT_TRUE(preview.matchesExactly()) << preview.missing.size() << " missing, " << preview.unmatched.size()
                                        << " unmatched";

  const auto w4a8 = session.sim().presetSettings({QuantPreset::Kind::W4A8});
  std::size_t activations = 0;
  std::size_t weights = 0;
  for (const auto& quantizer : session.sim().quantizers()) {
    if (!w4a8[static_cast<std::size_t>(quantizer.id)].enabled)
      continue;
    ++(quantizer.kind == QuantizerKind::Parameter ? weights : activations);
  }
  EXPECT_EQ(preview.activationEntries, activations);
  EXPECT_EQ(preview.parameterEntries, weights);
  EXPECT_EQ(preview.bitwidths.at(4), weights);
  EXPECT_EQ(preview.bitwidths.at(8), activations);
  EXPECT_FALSE(std::filesystem::exists(file)) << "a preview writes nothing";

  const EncodingsPreview preview100 = session.previewExport("W4A8", true, file, feedback);
  EXPECT_EQ(preview100.format, "AIMET encodings 1.0.0");
  EXPECT_TRUE(preview100.matchesExactly());
}

TEST(InspectionSessionResultsTest, ImportPreviewListsNamesTheModelLacksAndQuantizersTheFileLeavesOut)
{
  InspectionSession session = openSession();
  Feedback feedback;
  const auto dir = freshTempDir("InspectionSessionImportPreview");
  auto json = nlohmann::json::parse(EncodingsFile::toJson061(session.encodingsOf("W8A8", feedback)));
  auto& params = json["param_encodings"];
  const std::string dropped = params.begin().key();
  params["nope.weight"] = params.begin().value();
  params.erase(dropped);
  const auto file = dir / "edited.encodings";
  test::writeText(file, json.dump(4));

  const EncodingsPreview preview = session.previewVariantFile(file);
  EXPECT_EQ(preview.direction, EncodingsPreview::Direction::Import);
  EXPECT_EQ(preview.unmatched, std::vector<std::string>{"nope.weight"});
  EXPECT_EQ(preview.missing, std::vector<std::string>{dropped});
  EXPECT_FALSE(preview.canProceed());
  EXPECT_EQ(preview.text, fileio::readText(file));

  // An override file: only names matter.
  Overrides overrides;
  overrides.base = QuantPreset{QuantPreset::Kind::W4A8};
  overrides.quantizers[dropped].bitwidth = 16;
  overrides.quantizers["missing.layer.weight"].bitwidth = 16;
  const auto recipe = dir / "recipe.json";
  OverridesFile::write(recipe, overrides);
  const EncodingsPreview recipePreview = session.previewVariantFile(recipe);
  EXPECT_EQ(recipePreview.format, "QuantLens overrides");
  EXPECT_EQ(recipePreview.unmatched, std::vector<std::string>{"missing.layer.weight"});
  EXPECT_EQ(recipePreview.parameterEntries, 1u);
  EXPECT_EQ(recipePreview.bitwidths.at(16), 1u);
}

TEST(InspectionSessionResultsTest, CustomFromAFileKeepsItsTextUntilTheEditorReplacesIt)
{
  InspectionSession session = openSession();
  Feedback feedback;
  const auto file = freshTempDir("InspectionSessionCustomFile") / "w8a8.encodings";
  EncodingsFile::write061(file, session.encodingsOf("W8A8", feedback));
  session.loadVariantFile(file);
  ASSERT_TRUE(session.customFile().has_value());
  EXPECT_EQ(session.customFile()->text, fileio::readText(file));

  InspectionSession other = openSession();
  other.loadVariantText(session.customFile()->text, session.customFile()->fileName);
  EXPECT_EQ(other.customDescription(), "encodings w8a8.encodings");
  EXPECT_EQ(other.variants().back().settings, session.variants().back().settings);

  session.setCustomSettings(session.sim().presetSettings({QuantPreset::Kind::W4A8}), "editor");
  EXPECT_FALSE(session.customFile().has_value());
}

TEST(InspectionSessionResultsTest, RestoredResultsAreShownWithoutComputingThemAgain)
{
  InspectionSession first = openSession();
  Feedback feedback;
  const auto scan0 = first.inferScan(0, feedback);
  first.inferScan(2, feedback);
  const auto sensitivity = first.sensitivity({QuantPreset::Kind::W4A8}, SensitivityMode::OnlyThisLayer, {0}, feedback);
  const auto evaluation = first.evaluate({0, 2}, feedback);
  const CachedResults cached = first.cachedResults();
  EXPECT_EQ(cached.scans.size(), 2u);
  EXPECT_EQ(cached.scans.front().index, 2u) << "most recent first";

  InspectionSession reopened = openSession();
  const CachedResultsRestore restore = reopened.restoreCachedResults(cached);
  ASSERT_TRUE(restore.restored) << restore.reason;
  EXPECT_EQ(restore.scans, 2u);
  EXPECT_EQ(restore.evaluations, 1u);
  EXPECT_EQ(restore.sensitivities, 1u);
  EXPECT_TRUE(reopened.isCalibrated());

  const auto again = reopened.inferScan(0, feedback);
  EXPECT_EQ(reopened.computedResults(), 0u) << "every variant of a cached scan comes from the file";
  ASSERT_EQ(again->variants.size(), scan0->variants.size());
  for (std::size_t v = 0; v < again->variants.size(); ++v) {
    EXPECT_EQ(again->variants[v].pixelLabels, scan0->variants[v].pixelLabels);
    EXPECT_EQ(again->variants[v].pointLabels, scan0->variants[v].pointLabels);
    EXPECT_EQ(again->variants[v].inferenceMilliseconds, 0.0);
  }
  const auto sensitivityAgain =
    reopened.sensitivity({QuantPreset::Kind::W4A8}, SensitivityMode::OnlyThisLayer, {0}, feedback);
  const auto evaluationAgain = reopened.evaluate({0, 2}, feedback);
  EXPECT_EQ(reopened.computedResults(), 0u);
  ASSERT_EQ(sensitivityAgain.layers.size(), sensitivity.layers.size());
  EXPECT_EQ(sensitivityAgain.layers.front().module, sensitivity.layers.front().module);
  EXPECT_EQ(evaluationAgain[2].metrics.miou, evaluation[2].metrics.miou);
  // Calibration came back too: the same encodings without a data pass.
  EXPECT_EQ(reopened.encodingsOf("W4A8", feedback), first.encodingsOf("W4A8", feedback));

  // A scan not in the file is computed as usual.
  reopened.inferScan(1, feedback);
  EXPECT_EQ(reopened.computedResults(), 3u);
}

TEST(InspectionSessionResultsTest, ResultsOfAnotherModelSequenceOrSchemeAreNotRestored)
{
  InspectionSession first = openSession();
  Feedback feedback;
  first.inferScan(0, feedback);
  const CachedResults cached = first.cachedResults();

  CachedResults otherModel = cached;
  otherModel.modelFingerprint = "1:0000000000000000, 3 quantizers";
  InspectionSession reopened = openSession();
  const auto refused = reopened.restoreCachedResults(otherModel);
  EXPECT_FALSE(refused.restored);
  EXPECT_NE(refused.reason.find("another version of the model"), std::string::npos) << refused.reason;

  CachedResults otherScheme = cached;
  otherScheme.scheme = "percentile:99";
  EXPECT_FALSE(reopened.restoreCachedResults(otherScheme).restored);

  // A scan whose file changed since (another point count) is skipped, the rest is kept.
  CachedResults changedScan = cached;
  changedScan.scans.front().pointCount += 1;
  const auto partial = reopened.restoreCachedResults(changedScan);
  EXPECT_TRUE(partial.restored);
  EXPECT_EQ(partial.scans, 0u);
  reopened.inferScan(0, feedback);
  EXPECT_EQ(reopened.computedResults(), 3u);
  EXPECT_EQ(reopened.restoreCachedResults(CachedResults{}).restored, false);
}
