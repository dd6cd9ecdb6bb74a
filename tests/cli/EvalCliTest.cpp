// quantlens-cli eval end to end: scores, saved predictions, and the
// comparison of each variant with the first, checked against the test's own
// computation from the saved prediction files.
#include "CliRunner.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <utility>

using namespace quantlens::test;

namespace {

using Result = CliResult;
using EvalCliTest = CliTestBase;

} // namespace

TEST_F(EvalCliTest, EvalScoresVariantsAndSavesPredictionsAnyEvaluatorCanRead)
{
  const auto sequence = synth(3, 6);
  const auto predictions = root_ / "predictions";
  const Result result = runCli("eval --quiet --json --model " + fixtureModel("salsanext_script.pt") + " --sequence " +
                               sequence.string() + " --scans 0:3 --preset FP32,W4A8 --save-predictions " +
                               predictions.string());
  ASSERT_EQ(result.status, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  ASSERT_EQ(json["variants"].size(), 2u);
  EXPECT_EQ(json["variants"][0]["name"], "FP32");
  EXPECT_EQ(json["variants"][1]["name"], "W4A8");
  EXPECT_EQ(json["variants"][0]["scans"], 3);
  EXPECT_EQ(json["variants"][0]["iou"].size(), 19u);
  EXPECT_TRUE(json["variants"][0]["iou"].contains("traffic-sign"));
  EXPECT_GT(json["variants"][1]["changed_fraction"].get<double>(), 0.0);

  // Recompute FP32's mIoU from the saved files with the test's own code.
  std::map<std::uint32_t, int> learning;
  for (const auto& [raw, train] : yamlBlock("learning_map"))
    learning[raw] = std::stoi(train);
  std::vector<double> tp(20, 0), fp(20, 0), fn(20, 0);
  for (const char* id : {"000000", "000001", "000002"}) {
    const auto predicted = readLabels(predictions / "FP32/sequences/04/predictions" / (std::string(id) + ".label"));
    const auto truth = readLabels(sequence / "labels" / (std::string(id) + ".label"));
    ASSERT_EQ(predicted.size(), truth.size()) << id;
    for (std::size_t i = 0; i < truth.size(); ++i) {
      ASSERT_TRUE(learning.count(predicted[i])) << "prediction " << predicted[i] << " is not a raw SemanticKITTI id";
      const int p = learning.at(predicted[i]);
      const int t = learning.count(truth[i] & 0xFFFF) ? learning.at(truth[i] & 0xFFFF) : 0;
      if (t == 0)
        continue;
      if (p == t) {
        tp[t] += 1;
      } else {
        fn[t] += 1;
        fp[p] += 1;
      }
    }
  }
  double sum = 0.0;
  for (int c = 1; c < 20; ++c)
    sum += tp[c] / (tp[c] + fp[c] + fn[c] + 1e-15);
  EXPECT_NEAR(json["variants"][0]["miou"].get<double>(), sum / 19.0, 1e-9);
}

TEST_F(EvalCliTest, EvalRejectsBadArguments)
{
  const auto sequence = synth(1, 6);
  const std::string model = " --model " + fixtureModel("salsanext_script.pt");
  struct Case
  {
    std::string arguments;
    int status;
    std::string fragment;
  };
  const std::vector<Case> cases = {
    {"eval" + model + " --sequence " + sequence.string() + " --preset FP32,W3A8", 2, "unknown variant 'W3A8'"},
    {"eval" + model + " --sequence " + sequence.string() + " --preset FP32 --scans 5:9", 2, "selects no scan"},
    {"eval" + model + " --sequence " + sequence.string() + " --preset FP32 --scans x:y", 2, "--scans expects"},
    {"eval" + model + " --sequence " + (root_ / "nowhere").string() + " --preset FP32", 1, "does not exist"},
    {"eval --model " + fixtureModel("conv_bn_relu.pt") + " --sequence " + sequence.string() + " --preset FP32", 2,
     "has no sidecar"},
    {"eval" + model + " --sequence " + sequence.string() + " --preset custom:" + (root_ / "none.json").string(), 1,
     "none.json"},
  };
  for (const auto& c : cases) {
    const Result result = runCli(c.arguments);
    EXPECT_EQ(result.status, c.status) << c.arguments << "\n" << result.err;
    EXPECT_NE(result.err.find(c.fragment), std::string::npos) << c.arguments << "\n" << result.err;
  }
  std::filesystem::remove_all(sequence / "labels");
  const Result unlabeled = runCli("eval" + model + " --sequence " + sequence.string() + " --preset FP32");
  EXPECT_EQ(unlabeled.status, 1);
  EXPECT_NE(unlabeled.err.find("no labels/ folder"), std::string::npos) << unlabeled.err;
}

// The committed demo model (resources/demo) on fresh validation scans generated
// with its validation seed: it must segment, and 4-bit weights must show.
TEST_F(EvalCliTest, DemoModelSegmentsAndW4A8IsVisiblyWorse)
{
  const auto demo = std::filesystem::path(QUANTLENS_SOURCE_DIR) / "resources/demo/salsanext_demo.pt";
  ASSERT_TRUE(std::filesystem::exists(demo)) << demo;
  const auto output = root_ / "validation";
  const Result synth = runCli("synth --quiet --output " + output.string() + " --sequence 8 --scans 8 --seed 2");
  ASSERT_EQ(synth.status, 0) << synth.err;
  const Result result = runCli("eval --quiet --json --model " + demo.string() + " --sequence " +
                               (output / "sequences/08").string() + " --preset FP32,W8A8,W4A8");
  ASSERT_EQ(result.status, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  const double fp32 = json["variants"][0]["miou_present"].get<double>();
  const double w8a8 = json["variants"][1]["miou_present"].get<double>();
  const double w4a8 = json["variants"][2]["miou_present"].get<double>();
  EXPECT_GE(fp32, 0.65) << "the demo model should segment its own validation data";
  EXPECT_GE(w8a8, fp32 - 0.05);
  EXPECT_LT(w4a8, w8a8 - 0.02);
}

// Issue #5: per variant against the first, the share of changed points, the
// class-to-class changes by name and, per scan, the indices of flipped points.
TEST_F(EvalCliTest, ChangesAndFlippedIndicesMatchTheSavedPredictions)
{
  const auto sequence = synth(3, 6);
  const auto predictions = root_ / "predictions";
  const auto flippedFile = root_ / "flipped.json";
  const Result result = runCli("eval --quiet --json --model " + fixtureModel("salsanext_script.pt") + " --sequence " +
                               sequence.string() + " --scans 0:3:2 --preset FP32,W4A8 --save-predictions " +
                               predictions.string() + " --flipped-indices " + flippedFile.string());
  ASSERT_EQ(result.status, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  const auto flipped = nlohmann::json::parse(slurp(flippedFile));
  EXPECT_EQ(json["reference"], "FP32");
  EXPECT_EQ(json["variants"][0]["scans"], 2) << "--scans 0:3:2 is scans 0 and 2";
  EXPECT_EQ(flipped["reference"], "FP32");
  ASSERT_EQ(flipped["scans"].size(), 2u);
  EXPECT_FALSE(std::filesystem::exists(predictions / "W4A8/sequences/04/predictions/000001.label"));

  // The test's own comparison: raw ids map one-to-one to classes, their names from the yaml.
  const auto names = yamlBlock("labels");
  std::map<std::pair<std::string, std::string>, std::uint64_t> changes;
  std::size_t changed = 0, compared = 0;
  const char* ids[] = {"000000", "000002"};
  for (std::size_t s = 0; s < 2; ++s) {
    const auto reference = readLabels(predictions / "FP32/sequences/04/predictions" / (std::string(ids[s]) + ".label"));
    const auto variant = readLabels(predictions / "W4A8/sequences/04/predictions" / (std::string(ids[s]) + ".label"));
    ASSERT_EQ(reference.size(), variant.size());
    std::vector<std::uint32_t> indices;
    for (std::size_t i = 0; i < reference.size(); ++i) {
      if (reference[i] == variant[i])
        continue;
      indices.push_back(static_cast<std::uint32_t>(i));
      ++changes[{names.at(reference[i]), names.at(variant[i])}];
    }
    EXPECT_EQ(flipped["scans"][s]["scan"], ids[s]);
    EXPECT_EQ(flipped["scans"][s]["flipped"]["W4A8"].get<std::vector<std::uint32_t>>(), indices) << ids[s];
    EXPECT_FALSE(flipped["scans"][s]["flipped"].contains("FP32"));
    changed += indices.size();
    compared += reference.size();
  }
  ASSERT_GT(changed, 0u);

  const auto& w4a8 = json["variants"][1];
  EXPECT_EQ(w4a8["changed_points"].get<std::size_t>(), changed);
  EXPECT_EQ(w4a8["compared_points"].get<std::size_t>(), compared);
  EXPECT_DOUBLE_EQ(w4a8["changed_fraction"].get<double>(), static_cast<double>(changed) / static_cast<double>(compared));
  std::map<std::pair<std::string, std::string>, std::uint64_t> reported;
  std::uint64_t previous = UINT64_MAX;
  for (const auto& cell : w4a8["changes"]) {
    const auto points = cell["points"].get<std::uint64_t>();
    EXPECT_LE(points, previous) << "most points first";
    previous = points;
    EXPECT_NE(cell["from"], cell["to"]);
    reported[{cell["from"], cell["to"]}] = points;
  }
  EXPECT_EQ(reported, changes);
  EXPECT_FALSE(json["variants"][0].contains("changes")) << "the first variant is the reference";
}

TEST_F(EvalCliTest, TextSummarizesChangesAndFlippedIndicesNeedTwoVariants)
{
  const auto sequence = synth(1, 6);
  const std::string base = "eval --quiet --model " + fixtureModel("salsanext_script.pt") + " --sequence " +
                           sequence.string() + " --scans 0";
  const Result result = runCli(base + " --preset FP32,W4A8");
  ASSERT_EQ(result.status, 0) << result.err;
  std::size_t changed = 0, compared = 0;
  const auto summary = result.out.find("W4A8 vs FP32: ");
  ASSERT_NE(summary, std::string::npos) << result.out;
  ASSERT_EQ(std::sscanf(result.out.c_str() + summary, "W4A8 vs FP32: %zu of %zu points changed class", &changed,
                        &compared), 2) << result.out;
  EXPECT_EQ(compared, std::filesystem::file_size(sequence / "velodyne/000000.bin") / 16);
  EXPECT_GT(changed, 0u);

  const Result single = runCli(base + " --preset FP32 --flipped-indices " + (root_ / "f.json").string());
  EXPECT_EQ(single.status, 2);
  EXPECT_NE(single.err.find("at least two"), std::string::npos) << single.err;
}

namespace {

/// The variant's prediction folder, named as eval names it (':' and '/' become '_').
std::filesystem::path variantFolder(const std::filesystem::path& predictions, std::string variant)
{
  for (char& c : variant) {
    if (c == ':' || c == '/')
      c = '_';
  }
  return predictions / variant / "sequences/04/predictions";
}

} // namespace

// An AIMET encodings file keyed by AIMET's prepared-model names (module_add,
// module_cat_3, ...) is a Custom variant as it is, and gives exactly what the
// same encodings give once the test itself has turned them into an override file.
TEST_F(EvalCliTest, AimetEncodingsFileIsACustomVariantLikeItsOverrideFile)
{
  const auto sequence = synth(2, 8);
  const std::string model = fixtureModel("salsanext_script.pt");
  const auto encodings = root_ / "salsanext_torch.encodings";
  const Result calibrated = runCli("calibrate --quiet --model " + model + " --sequence " + sequence.string() +
                                   " --preset W4A8 --output " + encodings.string());
  ASSERT_EQ(calibrated.status, 0) << calibrated.err;
  const auto aimet = nlohmann::json::parse(slurp(encodings));
  ASSERT_TRUE(aimet["activation_encodings"].contains("module_add_3")) << "expected AIMET's names";
  ASSERT_TRUE(aimet["activation_encodings"].contains("module_cat"));
  EXPECT_FALSE(aimet["activation_encodings"].contains("resBlock1.add_0"));

  // The test's own conversion: AIMET name -> QuantLens name from `info --json`,
  // then one override per quantizer of the file with its encoding fixed, on FP32.
  const Result info = runCli("info --json --model " + model);
  ASSERT_EQ(info.status, 0) << info.err;
  std::map<std::string, std::string> quantlensName;
  const auto table = nlohmann::json::parse(info.out);
  for (const auto& quantizer : table["quantizers"])
    quantlensName[quantizer["aimet_name"].get<std::string>()] = quantizer["name"].get<std::string>();
  nlohmann::json overrides = {{"format", "quantlens-overrides"}, {"version", 1}, {"base", "FP32"},
                              {"quantizers", nlohmann::json::object()}};
  const auto add = [&](const std::string& aimetName, const nlohmann::json& encoding) {
    ASSERT_TRUE(quantlensName.count(aimetName)) << aimetName;
    const auto& first = encoding.is_array() ? encoding[0] : encoding;
    overrides["quantizers"][quantlensName.at(aimetName)] = {
      {"enabled", true}, {"bitwidth", first["bitwidth"]}, {"symmetric", first["is_symmetric"] == "True"},
      {"encoding", encoding}};
  };
  for (const auto& [module, directions] : aimet["activation_encodings"].items())
    for (const auto& [direction, tensors] : directions.items())
      for (const auto& [index, encoding] : tensors.items())
        add(module + "." + direction + "[" + index + "]", encoding);
  for (const auto& [name, encoding] : aimet["param_encodings"].items())
    add(name, encoding);
  const auto recipe = root_ / "converted.json";
  writeText(recipe, overrides.dump(2));

  const auto predictions = root_ / "predictions";
  const std::string fromFile = "custom:" + encodings.string();
  const std::string fromRecipe = "custom:" + recipe.string();
  const Result result = runCli("eval --quiet --json --model " + model + " --sequence " + sequence.string() +
                               " --preset FP32," + fromFile + "," + fromRecipe + " --save-predictions " +
                               predictions.string());
  ASSERT_EQ(result.status, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  ASSERT_EQ(json["variants"].size(), 3u);
  EXPECT_GT(json["variants"][1]["changed_points"].get<int>(), 0) << "W4A8 encodings should change some points";
  EXPECT_EQ(json["variants"][1]["miou"], json["variants"][2]["miou"]);
  for (const char* scan : {"000000.label", "000001.label"}) {
    const auto a = readLabels(variantFolder(predictions, fromFile) / scan);
    const auto b = readLabels(variantFolder(predictions, fromRecipe) / scan);
    ASSERT_FALSE(a.empty()) << scan;
    EXPECT_EQ(a, b) << scan;
  }
}
