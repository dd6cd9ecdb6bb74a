#include "TestData.h"

#include "core/EngineError.h"
#include "eval/LayerSensitivity.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace quantlens;
using quantlens::test::fixture;

namespace {

struct Analysis
{
  QuantSim sim;
  std::vector<QuantizerSettings> preset;
  std::vector<FloatTensor> inputs;
};

Analysis calibratedFragile()
{
  Analysis analysis{QuantSim(fixture("fragile.pt")), {}, test::randomTensors({1, 5, 8, 16}, 3, 17)};
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

namespace {

Analysis calibrated(const std::string& model, std::vector<std::int64_t> shape, QuantPreset::Kind preset)
{
  Analysis analysis{QuantSim(fixture(model)), {}, test::randomTensors(shape, 3, 17)};
  for (const auto& input : analysis.inputs)
    analysis.sim.calibrate(input);
  analysis.preset = analysis.sim.presetSettings({preset});
  return analysis;
}

/// Per-pixel argmax of a {1, C, H, W} output, written here rather than taken from the engine.
std::vector<std::uint8_t> argmaxOf(const FloatTensor& output)
{
  const auto classes = static_cast<std::size_t>(output.shape[1]);
  const auto pixels = static_cast<std::size_t>(output.shape[2] * output.shape[3]);
  std::vector<std::uint8_t> result(pixels);
  for (std::size_t p = 0; p < pixels; ++p) {
    std::size_t best = 0;
    for (std::size_t c = 1; c < classes; ++c) {
      if (output.values[c * pixels + p] > output.values[best * pixels + p])
        best = c;
    }
    result[p] = static_cast<std::uint8_t>(best);
  }
  return result;
}

/// mIoU over the classes present in `labels` (class 0 ignored: pixels labelled
/// 0 do not count), IoU = tp / (tp + fp + fn), summed over all inputs.
double meanIouOf(const std::vector<std::vector<std::uint8_t>>& predictions,
                 const std::vector<std::vector<std::uint8_t>>& labels, int classes)
{
  std::vector<double> tp(static_cast<std::size_t>(classes)), fp(tp), fn(tp);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    for (std::size_t p = 0; p < labels[i].size(); ++p) {
      const int truth = labels[i][p];
      const int predicted = predictions[i][p];
      if (truth == 0)
        continue;
      if (truth == predicted) {
        tp[static_cast<std::size_t>(truth)] += 1;
      } else {
        fn[static_cast<std::size_t>(truth)] += 1;
        fp[static_cast<std::size_t>(predicted)] += 1;
      }
    }
  }
  double sum = 0.0;
  int present = 0;
  for (std::size_t c = 1; c < tp.size(); ++c) {
    if (tp[c] + fn[c] == 0)
      continue;
    sum += tp[c] / (tp[c] + fp[c] + fn[c]);
    ++present;
  }
  return sum / present;
}

} // namespace

// Sharing each input's prefix must not change a single score: scripted and
// traced models with residual adds and cat, both modes. The nested models'
// argmax hardly moves under quantization (their outputs are compared bit for
// bit in QuantSimTest); fragile's scores vary from layer to layer.
TEST(LayerSensitivity, SharingThePrefixGivesTheNaiveScoresExactly)
{
  const std::vector<std::pair<std::string, std::vector<std::int64_t>>> models = {
    {"nested_scripted.pt", {1, 5, 16, 32}}, {"nested_traced.pt", {1, 5, 16, 32}}, {"fragile.pt", {1, 5, 8, 16}}};
  std::size_t changing = 0;
  for (const auto& [model, shape] : models) {
    Analysis analysis = calibrated(model, shape, QuantPreset::Kind::W4A8);
    Feedback feedback;
    for (const auto mode : {SensitivityMode::OnlyThisLayer, SensitivityMode::AllButThisLayer}) {
      SensitivityOptions options;
      options.mode = mode;
      options.naive = true;
      const auto naive = LayerSensitivity::analyze(analysis.sim, analysis.preset, QuantScheme{}, analysis.inputs,
                                                   options, feedback);
      options.naive = false;
      const auto shared = LayerSensitivity::analyze(analysis.sim, analysis.preset, QuantScheme{}, analysis.inputs,
                                                    options, feedback);
      ASSERT_EQ(shared.layers.size(), naive.layers.size()) << model;
      ASSERT_GE(naive.layers.size(), 3u) << model;
      EXPECT_EQ(shared.baselineAgreement, naive.baselineAgreement) << model;
      for (std::size_t i = 0; i < naive.layers.size(); ++i) {
        EXPECT_EQ(shared.layers[i].module, naive.layers[i].module) << model;
        EXPECT_EQ(shared.layers[i].agreement, naive.layers[i].agreement) << model << " " << naive.layers[i].module;
        EXPECT_EQ(shared.layers[i].sensitivity, naive.layers[i].sensitivity) << model;
        changing += naive.layers[i].sensitivity != 0.0 ? 1 : 0;
      }
    }
  }
  EXPECT_GT(changing, 4u); // the scores are not all trivially equal
}

TEST(LayerSensitivity, TheFragileLayersRankFirstWhenSharingOrNot)
{
  Analysis analysis = calibratedFragile();
  Feedback feedback;
  for (const bool naive : {true, false}) {
    SensitivityOptions options;
    options.naive = naive;
    const auto result =
      LayerSensitivity::analyze(analysis.sim, analysis.preset, QuantScheme{}, analysis.inputs, options, feedback);
    std::vector<std::string> topTwo = {result.layers.at(0).module, result.layers.at(1).module};
    std::sort(topTwo.begin(), topTwo.end());
    EXPECT_EQ(topTwo, (std::vector<std::string>{"conv2", "relu1"}));
  }
}

// Labels made here: FP32's own prediction with a pattern of pixels moved to
// another class and others unlabelled (0). Every score is recomputed in the
// test from full runs of each layer's variant.
TEST(LayerSensitivity, MeanIouScoresAgainstPerPixelLabels)
{
  Analysis analysis = calibratedFragile();
  QuantSim& sim = analysis.sim;
  const auto fp32 = sim.prepare(sim.presetSettings({QuantPreset::Kind::Fp32}), {});
  SensitivityOptions options;
  options.metric = SensitivityMetric::MeanIou;
  std::vector<std::vector<std::uint8_t>> fp32Predictions;
  for (const auto& input : analysis.inputs) {
    auto labels = argmaxOf(sim.run(fp32, input));
    fp32Predictions.push_back(labels);
    for (std::size_t p = 0; p < labels.size(); ++p) {
      if (p % 7 == 0)
        labels[p] = 0;
      else if (p % 5 == 0)
        labels[p] = static_cast<std::uint8_t>(1 + labels[p] % 3);
    }
    options.labels.push_back(labels);
  }
  const int classes = 4;
  const auto encodings = sim.computeEncodings(analysis.preset, QuantScheme{});
  const auto groups = LayerSensitivity::layers(sim, analysis.preset);
  Feedback feedback;
  for (const auto mode : {SensitivityMode::OnlyThisLayer, SensitivityMode::AllButThisLayer}) {
    options.mode = mode;
    const auto result = LayerSensitivity::analyze(sim, analysis.preset, QuantScheme{}, analysis.inputs, options, feedback);
    EXPECT_EQ(result.metric, SensitivityMetric::MeanIou);
    const double fp32Miou = meanIouOf(fp32Predictions, options.labels, classes);
    EXPECT_NEAR(result.fp32Miou, fp32Miou, 1e-12);
    EXPECT_LT(result.fp32Miou, 1.0);
    std::vector<std::vector<std::uint8_t>> baseline;
    for (const auto& input : analysis.inputs)
      baseline.push_back(argmaxOf(sim.run(sim.prepare(analysis.preset, encodings), input)));
    EXPECT_NEAR(result.baselineMiou, meanIouOf(baseline, options.labels, classes), 1e-12);
    ASSERT_EQ(result.layers.size(), groups.size());
    for (const auto& layer : result.layers) {
      auto settings = analysis.preset;
      for (std::size_t id = 0; id < settings.size(); ++id) {
        const auto& ids = groups[layer.order].quantizerIds;
        const bool inLayer = std::find(ids.begin(), ids.end(), static_cast<int>(id)) != ids.end();
        settings[id].enabled = analysis.preset[id].enabled &&
                               (mode == SensitivityMode::OnlyThisLayer ? inLayer : !inLayer);
      }
      const auto variant = sim.prepare(settings, encodings);
      std::vector<std::vector<std::uint8_t>> predictions;
      for (const auto& input : analysis.inputs)
        predictions.push_back(argmaxOf(sim.run(variant, input)));
      const double miou = meanIouOf(predictions, options.labels, classes);
      EXPECT_NEAR(layer.miou, miou, 1e-12) << layer.module;
      const double expected = mode == SensitivityMode::OnlyThisLayer ? fp32Miou - miou : miou - result.baselineMiou;
      EXPECT_NEAR(layer.sensitivity, expected, 1e-12) << layer.module;
    }
    for (std::size_t i = 1; i < result.layers.size(); ++i)
      EXPECT_GE(result.layers[i - 1].sensitivity, result.layers[i].sensitivity);
  }
  options.labels.pop_back();
  EXPECT_THROW(LayerSensitivity::analyze(sim, analysis.preset, QuantScheme{}, analysis.inputs, options, feedback),
               EngineError);
}
