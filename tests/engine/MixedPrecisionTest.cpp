#include "TestData.h"

#include "core/EngineError.h"
#include "eval/LayerSensitivity.h"
#include "eval/MixedPrecision.h"
#include "model/EncodingsExchange.h"
#include "quant/OverridesFile.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace quantlens;
using quantlens::test::fixture;

namespace {

/// fragile.pt calibrated on a few random inputs (see LayerSensitivityTest for what is fragile).
struct Fragile
{
  QuantSim sim{fixture("fragile.pt")};
  std::vector<FloatTensor> inputs = test::randomTensors({1, 5, 8, 16}, 3, 23);

  Fragile()
  {
    for (const auto& input : inputs)
      sim.calibrate(input);
  }

  std::vector<std::string> ranking(QuantPreset preset)
  {
    Feedback feedback;
    const auto result = LayerSensitivity::analyze(sim, sim.presetSettings(preset), QuantScheme{}, inputs,
                                                  SensitivityMode::OnlyThisLayer, feedback);
    std::vector<std::string> modules;
    for (const auto& layer : result.layers)
      modules.push_back(layer.module);
    return modules;
  }
};

/// Argmax over axis 1 of a {1, C, H, W} output, written here independently of the engine.
std::vector<int> classes(const FloatTensor& output)
{
  const auto channels = output.shape[1];
  const auto pixels = output.shape[2] * output.shape[3];
  std::vector<int> labels(static_cast<std::size_t>(pixels));
  for (std::int64_t p = 0; p < pixels; ++p) {
    int best = 0;
    for (std::int64_t c = 1; c < channels; ++c) {
      if (output.values[static_cast<std::size_t>(c * pixels + p)] > output.values[static_cast<std::size_t>(best * pixels + p)])
        best = static_cast<int>(c);
    }
    labels[static_cast<std::size_t>(p)] = best;
  }
  return labels;
}

double independentAgreement(QuantSim& sim, const std::vector<QuantizerSettings>& settings,
                            const std::vector<FloatTensor>& inputs)
{
  const auto fp32 = sim.prepare(sim.presetSettings({QuantPreset::Kind::Fp32}), {});
  const auto variant = sim.prepare(settings, sim.computeEncodings(settings, QuantScheme{}));
  double equal = 0.0;
  double total = 0.0;
  for (const auto& input : inputs) {
    const auto a = classes(sim.run(fp32, input));
    const auto b = classes(sim.run(variant, input));
    for (std::size_t i = 0; i < a.size(); ++i)
      equal += a[i] == b[i] ? 1.0 : 0.0;
    total += static_cast<double>(a.size());
  }
  return equal / total;
}

std::size_t promotedLayersIn(const QuantSim& sim, const std::vector<QuantizerSettings>& settings,
                             const std::vector<std::string>& modules)
{
  std::size_t count = 0;
  for (const auto& module : modules) {
    for (const auto& info : sim.quantizers()) {
      if (info.module == module && settings[static_cast<std::size_t>(info.id)].enabled &&
          settings[static_cast<std::size_t>(info.id)].bitwidth == 16) {
        ++count;
        break;
      }
    }
  }
  return count;
}

} // namespace

TEST(MixedPrecision, PromotesTheFragileLayerFirstAndMeetsTheBudget)
{
  Fragile fragile;
  const QuantPreset preset{QuantPreset::Kind::W8A8};
  const auto ranking = fragile.ranking(preset);
  ASSERT_TRUE(ranking[0] == "conv2" || ranking[0] == "relu1") << ranking[0];
  MixedPrecisionOptions options;
  // Even all at 16 bit leaves ~1 % of pixels flipped: relu1's 1000x channel costs resolution.
  options.maxDrop = 0.02;
  options.promoteTo = 16;
  Feedback feedback;
  const auto score = MixedPrecision::agreementScore(fragile.sim, QuantScheme{}, fragile.inputs);
  const auto result = MixedPrecision::search(fragile.sim, preset, ranking, score, options, feedback);

  EXPECT_DOUBLE_EQ(result.referenceScore, 1.0); // FP32 agrees with itself
  ASSERT_GE(result.points.size(), 2u);
  EXPECT_GT(result.points[0].drop, options.maxDrop); // W8A8 alone breaks the fragile model
  EXPECT_EQ(result.points[1].module, ranking[0]);
  std::string path;
  for (const auto& point : result.points)
    path += point.module + " " + std::to_string(point.score) + "\n";
  EXPECT_TRUE(result.budgetMet) << path;
  EXPECT_EQ(result.chosen, result.points.size() - 1); // greedy stops at the first point within budget
  for (std::size_t i = 0; i + 1 < result.points.size(); ++i)
    EXPECT_GT(result.points[i].drop, options.maxDrop) << "step " << i;

  // Checked without the engine's scoring: run the chosen settings and compare argmaxes.
  const double agreement = independentAgreement(fragile.sim, result.settings, fragile.inputs);
  EXPECT_GE(agreement, 1.0 - options.maxDrop);
  EXPECT_NEAR(agreement, result.points[result.chosen].score, 1e-12);
  EXPECT_EQ(promotedLayersIn(fragile.sim, result.settings, ranking), result.points[result.chosen].step);
}

TEST(MixedPrecision, TheRecipeFileReproducesTheChosenSettings)
{
  Fragile fragile;
  const QuantPreset preset{QuantPreset::Kind::W4A8};
  MixedPrecisionOptions options;
  options.maxDrop = 0.02;
  Feedback feedback;
  const auto result = MixedPrecision::search(fragile.sim, preset, fragile.ranking(preset),
                                             MixedPrecision::agreementScore(fragile.sim, QuantScheme{}, fragile.inputs),
                                             options, feedback);
  ASSERT_GT(result.points[result.chosen].step, 0u);
  ASSERT_TRUE(result.overrides.base.has_value());
  EXPECT_EQ(*result.overrides.base, preset);
  for (const auto& [name, change] : result.overrides.quantizers) {
    EXPECT_EQ(change.bitwidth, 16) << name; // only bitwidths change
    EXPECT_FALSE(change.enabled.has_value()) << name;
  }
  const auto file = quantlens::test::freshTempDir("MixedPrecisionRecipe") / "recipe.json";
  OverridesFile::write(file, result.overrides);
  const auto reloaded = OverridesFile::read(file);
  EXPECT_EQ(EncodingsExchange::customSettings(fragile.sim, {QuantPreset::Kind::W8A8}, reloaded, "recipe"),
            result.settings);
}

// A scorer that only counts which of three layers are at 16 bit makes the
// greedy logic checkable by hand.
class ScriptedScore : public ::testing::Test
{
protected:
  void SetUp() override
  {
    sim_.run(sim_.prepare(sim_.presetSettings({QuantPreset::Kind::Fp32}), {}), test::randomTensors({1, 5, 8, 16}, 1, 23)[0]);
  }

  SettingsScore score()
  {
    return [this](const std::vector<QuantizerSettings>& settings) {
      ++calls_;
      const bool fp32 = std::none_of(settings.begin(), settings.end(), [](const auto& s) { return s.enabled; });
      return fp32 ? 1.0 : 0.7 + 0.1 * static_cast<double>(promotedLayersIn(sim_, settings, {"conv1", "conv2", "head"}));
    };
  }

  QuantSim sim_{fixture("fragile.pt")};
  int calls_ = 0;
};

TEST_F(ScriptedScore, StopsAsSoonAsTheBudgetHolds)
{
  MixedPrecisionOptions options;
  options.maxDrop = 0.15; // needs two promoted layers (0.9)
  Feedback feedback;
  const auto result =
    MixedPrecision::search(sim_, {QuantPreset::Kind::W4A8}, {"conv2", "conv1", "head"}, score(), options, feedback);
  ASSERT_EQ(result.points.size(), 3u);
  EXPECT_EQ(calls_, 4); // FP32 + 3 points
  EXPECT_EQ(result.points[1].module, "conv2");
  EXPECT_EQ(result.points[2].module, "conv1");
  EXPECT_NEAR(result.points[2].drop, 0.1, 1e-12);
  EXPECT_EQ(result.chosen, 2u);
  EXPECT_TRUE(result.budgetMet);
  // Hand counts (BitOpsTest): conv1 46080, conv2 73728, head 4096 MACs; W4A8 = 4 x 8 bits.
  EXPECT_EQ(result.points[0].bitOps, (46080u + 73728u + 4096u) * 4 * 8);
  EXPECT_EQ(result.points[1].bitOps, (46080u + 4096u) * 4 * 8 + 73728u * 16 * 8);
  // conv1's layer holds the model input quantizer too: 16-bit weights and inputs.
  EXPECT_EQ(result.points[2].bitOps, 4096u * 4 * 8 + 46080u * 16 * 16 + 73728u * 16 * 8);
  EXPECT_EQ(result.fp32BitOps, (46080u + 73728u + 4096u) * 32 * 32);
  EXPECT_EQ(result.paretoFront().size(), 3u);
  EXPECT_EQ(result.overrides.quantizers.size(), 3u); // conv2.weight, conv1.weight, conv1.input[0]
  EXPECT_EQ(result.overrides.quantizers.at("conv1.weight").bitwidth, 16);
}

TEST_F(ScriptedScore, MaxStepsAndNothingToPromote)
{
  Feedback feedback;
  MixedPrecisionOptions options;
  options.maxDrop = 0.0;
  options.maxSteps = 1;
  const auto limited =
    MixedPrecision::search(sim_, {QuantPreset::Kind::W4A8}, {"conv2", "conv1", "head"}, score(), options, feedback);
  ASSERT_EQ(limited.points.size(), 2u);
  EXPECT_FALSE(limited.budgetMet);
  EXPECT_EQ(limited.chosen, 1u); // the best score when the budget is out of reach

  // W8A8 promoted to 8 bit changes nothing: only the preset itself is scored.
  options.maxSteps = 0;
  options.promoteTo = 8;
  const auto nothing =
    MixedPrecision::search(sim_, {QuantPreset::Kind::W8A8}, {"conv2", "relu1", "head"}, score(), options, feedback);
  ASSERT_EQ(nothing.points.size(), 1u);
  EXPECT_TRUE(nothing.overrides.quantizers.empty());
}

TEST_F(ScriptedScore, BadInputsAndCancel)
{
  Feedback feedback;
  MixedPrecisionOptions options;
  quantlens::test::expectEngineError(
    [&] { MixedPrecision::search(sim_, {QuantPreset::Kind::W4A8}, {"conv9"}, score(), options, feedback); }, "conv9");
  quantlens::test::expectEngineError(
    [&] { MixedPrecision::search(sim_, {QuantPreset::Kind::Fp32}, {}, score(), options, feedback); }, "FP32");
  options.maxDrop = -0.1;
  quantlens::test::expectEngineError(
    [&] { MixedPrecision::search(sim_, {QuantPreset::Kind::W4A8}, {"conv1"}, score(), options, feedback); },
    "0 or more");
  options.maxDrop = 0.0;
  feedback.cancel();
  EXPECT_THROW(MixedPrecision::search(sim_, {QuantPreset::Kind::W4A8}, {"conv1"}, score(), options, feedback),
               OperationCanceled);
}

TEST(MixedPrecision, ParetoDropsDominatedPoints)
{
  std::vector<MixedPrecisionPoint> points = {
    {0, "", 10, 0.50, 0, false}, {1, "a", 20, 0.90, 0, false}, {2, "b", 30, 0.80, 0, false},
    {3, "c", 30, 0.95, 0, false}, {4, "d", 40, 0.95, 0, false}, {5, "e", 30, 0.95, 0, false},
  };
  MixedPrecision::markPareto(points);
  std::vector<bool> pareto;
  for (const auto& point : points)
    pareto.push_back(point.pareto);
  // b: c is as cheap and better; d: c is cheaper and as good; e: equal to c, c came first.
  EXPECT_EQ(pareto, (std::vector<bool>{true, true, false, true, false, false}));
}
