#include "TestData.h"

#include "core/EngineError.h"
#include "eval/LayerSensitivity.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

using namespace quantlens;
using quantlens::test::fixture;

namespace {

std::vector<FloatTensor> randomInputs(std::vector<std::int64_t> shape, int count)
{
  std::vector<FloatTensor> inputs;
  std::mt19937 random(17);
  std::normal_distribution<float> normal;
  for (int i = 0; i < count; ++i) {
    FloatTensor tensor;
    tensor.shape = shape;
    tensor.values.resize(static_cast<std::size_t>(tensor.elementCount()));
    for (auto& value : tensor.values)
      value = normal(random);
    inputs.push_back(std::move(tensor));
  }
  return inputs;
}

struct Analysis
{
  QuantSim sim;
  std::vector<QuantizerSettings> preset;
  std::vector<FloatTensor> inputs;
};

Analysis calibratedFragile()
{
  Analysis analysis{QuantSim(fixture("fragile.pt")), {}, randomInputs({1, 5, 8, 16}, 3)};
  for (const auto& input : analysis.inputs)
    analysis.sim.calibrate(input);
  analysis.preset = analysis.sim.presetSettings({QuantPreset::Kind::W8A8});
  return analysis;
}

} // namespace

// fragile.pt: relu1's output spans ~1000x the range of all other channels, so
// 8-bit per-tensor quantization of that activation wipes the others out; and
// conv2 reads that channel through weights 1000x smaller than its others, so
// 8-bit per-channel weights round them to zero. Which of the two hurts most
// depends on the data; together they must stand far above every other layer.
TEST(LayerSensitivity, TheFragileLayersRankFirst)
{
  Analysis analysis = calibratedFragile();
  Feedback feedback;
  for (const auto mode : {SensitivityMode::OnlyThisLayer, SensitivityMode::AllButThisLayer}) {
    const auto result =
      LayerSensitivity::analyze(analysis.sim, analysis.preset, QuantScheme{}, analysis.inputs, mode, feedback);
    ASSERT_GE(result.layers.size(), 3u);
    std::vector<std::string> topTwo = {result.layers[0].module, result.layers[1].module};
    std::sort(topTwo.begin(), topTwo.end());
    EXPECT_EQ(topTwo, (std::vector<std::string>{"conv2", "relu1"}));
    EXPECT_GT(result.layers[1].sensitivity, 10.0 * std::max(result.layers[2].sensitivity, 1e-4));
    EXPECT_LT(result.baselineAgreement, 1.0);
  }
}

TEST(LayerSensitivity, ShardsMergeIntoTheFullAnalysis)
{
  Analysis analysis = calibratedFragile();
  Feedback feedback;
  const auto full = LayerSensitivity::analyze(analysis.sim, analysis.preset, QuantScheme{}, analysis.inputs,
                                              SensitivityMode::OnlyThisLayer, feedback);
  std::vector<SensitivityResult> shards;
  for (int k = 0; k < 3; ++k)
    shards.push_back(LayerSensitivity::analyze(analysis.sim, analysis.preset, QuantScheme{}, analysis.inputs,
                                               SensitivityMode::OnlyThisLayer, feedback, k, 3));
  const auto merged = LayerSensitivity::merge(shards);
  ASSERT_EQ(merged.layers.size(), full.layers.size());
  for (std::size_t i = 0; i < full.layers.size(); ++i) {
    EXPECT_EQ(merged.layers[i].module, full.layers[i].module);
    EXPECT_DOUBLE_EQ(merged.layers[i].agreement, full.layers[i].agreement);
  }
  shards.pop_back();
  EXPECT_THROW(LayerSensitivity::merge(shards), EngineError); // shard 2/3 missing
  EXPECT_THROW(LayerSensitivity::analyze(analysis.sim, analysis.preset, QuantScheme{}, analysis.inputs,
                                         SensitivityMode::OnlyThisLayer, feedback, 3, 3),
               EngineError);
}

TEST(LayerSensitivity, LayersGroupQuantizersByModule)
{
  const QuantSim sim(fixture("fragile.pt"));
  const auto groups = LayerSensitivity::layers(sim, sim.presetSettings({QuantPreset::Kind::W8A8}));
  ASSERT_FALSE(groups.empty());
  EXPECT_EQ(groups.front().module, "conv1"); // model input and weight of the first conv
  EXPECT_EQ(groups.front().quantizerIds.size(), 2u);
}
