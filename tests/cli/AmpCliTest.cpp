// quantlens-cli amp end to end: the greedy path, the recipe file, and that
// other commands load the recipe and see what amp promised.
#include "CliRunner.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

using namespace quantlens::test;

namespace {

using Result = CliResult;
using AmpCliTest = CliTestBase;

const std::string kFragile = " --model " + fixtureModel("fragile.pt") + " --input-shape 1,5,8,16";

} // namespace

TEST_F(AmpCliTest, FindsARecipeWithinBudgetOnTheFragileModel)
{
  const auto recipe = root_ / "recipe.json";
  const Result result = runCli("amp --quiet --json" + kFragile + " --preset W8A8 --max-drop 0.02 --calibration random:3"
                               " --output " + recipe.string());
  ASSERT_EQ(result.status, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["preset"], "W8A8");
  EXPECT_EQ(json["metric"], "agreement");
  EXPECT_EQ(json["promote_to"], 16);
  EXPECT_DOUBLE_EQ(json["reference_score"].get<double>(), 1.0);
  EXPECT_EQ(json["budget_met"], true);
  EXPECT_EQ(json["recipe"], recipe.string());

  const auto& points = json["points"];
  ASSERT_GE(points.size(), 2u);
  EXPECT_EQ(points[0]["step"], 0);
  EXPECT_GT(points[0]["drop"].get<double>(), 0.02); // plain W8A8 is not good enough
  const std::set<std::string> fragile = {"conv2", "relu1"};
  EXPECT_TRUE(fragile.count(points[1]["layer"].get<std::string>())) << points[1]["layer"];
  std::size_t chosen = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    EXPECT_NEAR(points[i]["drop"].get<double>(), 1.0 - points[i]["score"].get<double>(), 1e-12);
    if (i > 0) {
      EXPECT_GE(points[i]["bitops"].get<std::uint64_t>(), points[i - 1]["bitops"].get<std::uint64_t>());
    }
    if (points[i]["chosen"].get<bool>())
      chosen = i;
  }
  EXPECT_EQ(json["chosen_step"], points[chosen]["step"]);
  EXPECT_LE(points[chosen]["drop"].get<double>(), 0.02);
  // fragile.pt: 123904 MACs (BitOpsTest), W8A8 = 8 x 8 bits each, FP32 = 32 x 32.
  EXPECT_EQ(points[0]["bitops"].get<std::uint64_t>(), 123904u * 64);
  EXPECT_EQ(json["fp32_bitops"].get<std::uint64_t>(), 123904u * 1024);

  // The recipe: the override format, W8A8 base, 16-bit changes only.
  const auto file = nlohmann::json::parse(slurp(recipe));
  EXPECT_EQ(file["format"], "quantlens-overrides");
  EXPECT_EQ(file["base"], "W8A8");
  ASSERT_FALSE(file["quantizers"].empty());
  EXPECT_EQ(file["quantizers"].size(), json["overridden_quantizers"].get<std::size_t>());
  for (const auto& [name, change] : file["quantizers"].items())
    EXPECT_EQ(change["bitwidth"], 16) << name;

  // Another command reads it back: the exported encodings carry the 16-bit choices.
  const auto encodings = root_ / "fragile.encodings";
  const Result exported = runCli("export --quiet" + kFragile + " --preset W8A8 --overrides " + recipe.string() +
                                 " --calibration random:1 --format aimet-torch-0.6.1 --output " + encodings.string());
  ASSERT_EQ(exported.status, 0) << exported.err;
  const std::string text = slurp(encodings);
  EXPECT_NE(text.find("\"bitwidth\": 16"), std::string::npos);
}

TEST_F(AmpCliTest, TextOutputShowsTheTable)
{
  const Result result = runCli("amp --quiet" + kFragile + " --preset W4A8 --max-drop 0.02 --calibration random:2"
                               " --promote-to 8 --max-steps 1");
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_NE(result.out.find("GBitOps"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("(W4A8)"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("<- chosen"), std::string::npos) << result.out;
}

// A small SalsaNext (random weights, with a sidecar) on a synthetic scan,
// scored by mIoU; `eval` then scores the recipe exactly as amp did (same scan,
// same calibration). A hand-written ranking (the format `sensitivity --output`
// writes) skips the sensitivity sweep.
TEST_F(AmpCliTest, MiouRecipeLoadsInEval)
{
  const std::string demo = fixtureModel("salsanext_script.pt");
  const auto output = root_ / "validation";
  ASSERT_EQ(runCli("synth --quiet --output " + output.string() + " --sequence 8 --scans 1 --seed 2").status, 0);
  const auto sequence = (output / "sequences/08").string();
  const auto ranking = root_ / "ranking.json";
  nlohmann::json report = {{"format", "quantlens-sensitivity"}, {"preset", "W4A8"}, {"mode", "only"},
                           {"baseline_agreement", 0.9}, {"inputs", 1}, {"shard", {0, 1}},
                           {"layers", nlohmann::json::array()}};
  const std::vector<std::string> layers = {"downCntx.conv1", "module_softmax"};
  for (std::size_t i = 0; i < layers.size(); ++i)
    report["layers"].push_back(
      {{"module", layers[i]}, {"agreement", 0.5 + 0.1 * static_cast<double>(i)},
       {"sensitivity", 0.5 - 0.1 * static_cast<double>(i)}, {"order", i}});
  writeText(ranking, report.dump());

  const auto recipe = root_ / "demo_recipe.json";
  const std::string amp = "amp --quiet --json --model " + demo + " --sequence " + sequence +
                          " --preset W4A8 --metric miou --ranking " + ranking.string();
  const Result result = runCli(amp + " --max-drop 0 --output " + recipe.string());
  ASSERT_EQ(result.status, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["metric"], "miou");
  EXPECT_EQ(json["inputs"], 1);
  // A zero drop is (almost surely) out of reach: every ranked layer is tried, in order.
  const bool met = json["budget_met"].get<bool>();
  const auto& points = json["points"];
  EXPECT_EQ(points.size(), met ? json["chosen_step"].get<std::size_t>() + 1 : layers.size() + 1);
  for (std::size_t i = 1; i < points.size(); ++i)
    EXPECT_EQ(points[i]["layer"], layers[i - 1]);
  if (!met) {
    EXPECT_NE(result.err.find("warning: no step met the allowed drop"), std::string::npos) << result.err;
  }
  const auto& chosen = json["points"][json["chosen_step"].get<std::size_t>()];

  const Result eval = runCli("eval --quiet --json --model " + demo + " --sequence " + sequence +
                             " --preset FP32,custom:" + recipe.string());
  ASSERT_EQ(eval.status, 0) << eval.err;
  const auto scores = nlohmann::json::parse(eval.out);
  EXPECT_NEAR(scores["variants"][0]["miou_present"].get<double>(), json["reference_score"].get<double>(), 1e-9);
  EXPECT_NEAR(scores["variants"][1]["miou_present"].get<double>(), chosen["score"].get<double>(), 1e-9);

  const Result wrongPreset = runCli("amp --quiet --model " + demo + " --sequence " + sequence +
                                    " --preset W8A8 --max-drop 0.01 --ranking " + ranking.string());
  EXPECT_EQ(wrongPreset.status, 1);
  EXPECT_NE(wrongPreset.err.find("ranks the layers of W4A8"), std::string::npos) << wrongPreset.err;
}

TEST_F(AmpCliTest, BadArgumentsGiveOneLineAndTheRightStatus)
{
  struct Case
  {
    std::string arguments;
    int status;
    std::string fragment;
  };
  const std::string base = "amp" + kFragile + " --calibration random:1";
  std::vector<Case> cases = {
    {base + " --preset W8A8 --max-drop -0.1", 2, "--max-drop expects a number from 0 to 1"},
    {base + " --preset W8A8 --max-drop lots", 2, "--max-drop expects"},
    {base + " --preset W8A8", 2, "--max-drop is required"},
    {base + " --preset W8A8 --max-drop 0.01 --metric accuracy", 2, "--metric must be agreement or miou"},
    {base + " --preset W8A8 --max-drop 0.01 --metric miou", 2, "--metric miou needs a labelled --sequence"},
    {base + " --preset W8A8 --max-drop 0.01 --promote-to 12", 2, "--promote-to must be 8 or 16"},
    {base + " --preset FP32 --max-drop 0.01", 2, "--preset FP32 quantizes nothing"},
    {"amp --model " + (root_ / "missing.pt").string() + " --input-shape 1,5,8,16 --calibration random:1"
     " --preset W8A8 --max-drop 0.01", 1, "missing.pt"},
  };
  const auto unlabelled = synth(1, 3);
  std::filesystem::remove_all(unlabelled / "labels");
  cases.push_back({"amp --model " + fixtureModel("salsanext_script.pt") + " --sequence " + unlabelled.string() +
                     " --preset W8A8 --max-drop 0.01 --metric miou",
                   1, "no labels/ folder"});
  for (const auto& c : cases) {
    const Result result = runCli(c.arguments);
    EXPECT_EQ(result.status, c.status) << c.arguments << "\n" << result.err;
    EXPECT_NE(result.err.find(c.fragment), std::string::npos) << c.arguments << "\n" << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  }
}
