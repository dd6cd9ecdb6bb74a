#include "TestData.h"

#include "model/ModelSidecar.h"
#include "model/QuantSim.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <set>

using namespace quantlens;
using quantlens::test::fixture;

namespace {

FloatTensor readRaw(const std::string& file, std::vector<std::int64_t> shape)
{
  FloatTensor tensor;
  tensor.shape = std::move(shape);
  tensor.values.resize(static_cast<std::size_t>(tensor.elementCount()));
  // A file of another size means the shape taken from the sidecar is wrong.
  EXPECT_EQ(std::filesystem::file_size(fixture(file)), tensor.values.size() * 4) << file;
  std::ifstream in(fixture(file), std::ios::binary);
  in.read(reinterpret_cast<char*>(tensor.values.data()), static_cast<std::streamsize>(tensor.values.size() * 4));
  EXPECT_TRUE(in) << file;
  return tensor;
}

double worstAbsoluteDifference(const FloatTensor& a, const FloatTensor& b)
{
  double worst = 0.0;
  for (std::size_t i = 0; i < a.values.size(); ++i)
    worst = std::max(worst, static_cast<double>(std::abs(a.values[i] - b.values[i])));
  return worst;
}

FloatTensor rangeNetFp32(QuantSim& sim, const FloatTensor& input)
{
  return sim.run(sim.prepare(sim.presetSettings({QuantPreset::Kind::Fp32}), {}), input);
}

// Python's input and output on the exported model.
struct RangeNetReference
{
  FloatTensor input;
  FloatTensor output;
};

RangeNetReference readRangeNetReference(const std::string& mode)
{
  const auto sidecar = ModelSidecar::read(fixture("rangenet_" + mode + ".json"));
  return {readRaw("rangenet_" + mode + ".input.bin", sidecar.inputShape),
          readRaw("rangenet_" + mode + ".output.bin",
                  {1, sidecar.classCount, sidecar.sensor.height, sidecar.sensor.width})};
}

class SalsaNextExport : public ::testing::TestWithParam<std::string>
{
};

// Darknet21 is ~100 MB and takes seconds to load: one QuantSim per export
// mode for the whole suite.
class RangeNetExport : public ::testing::TestWithParam<std::string>
{
protected:
  static QuantSim& sim()
  {
    auto& loaded = sims()[GetParam()];
    if (!loaded)
      loaded = std::make_unique<QuantSim>(fixture("rangenet_" + GetParam() + ".pt"));
    return *loaded;
  }
  static void TearDownTestSuite() { sims().clear(); }

private:
  static std::map<std::string, std::unique_ptr<QuantSim>>& sims()
  {
    static std::map<std::string, std::unique_ptr<QuantSim>> loaded;
    return loaded;
  }
};

} // namespace

// tools/export_salsanext.py wrote these with the official module names.
TEST_P(SalsaNextExport, QuantizersCarryTheSeedsNames)
{
  const QuantSim sim(fixture("salsanext_" + GetParam() + ".pt"));
  std::set<std::string> names;
  for (const auto& quantizer : sim.quantizers())
    names.insert(quantizer.name);
  for (const std::string expected :
       {"downCntx.conv1.input[0]", "downCntx.conv1.weight", "downCntx.conv1.output[0]", "downCntx.act1.output[0]",
        "downCntx.bn2.weight", "downCntx2.act2.output[0]", "resBlock1.pool.output[0]", "resBlock5.conv5.weight",
        "upBlock1.pixel_shuffle.output[0]", "upBlock4.conv4.weight", "logits.weight", "module_softmax.output[0]"})
    EXPECT_TRUE(names.count(expected)) << expected;
  // BN after an activation cannot fold into the conv: SalsaNext keeps all its batch norms.
  EXPECT_TRUE(sim.foldedBatchNorms().empty());
}

TEST_P(SalsaNextExport, Fp32OutputEqualsPython)
{
  QuantSim sim(fixture("salsanext_" + GetParam() + ".pt"));
  const auto sidecar = ModelSidecar::read(fixture("salsanext_" + GetParam() + ".json"));
  const FloatTensor input = readRaw("salsanext_" + GetParam() + ".input.bin", sidecar.inputShape);
  const FloatTensor python = readRaw("salsanext_" + GetParam() + ".output.bin",
                                     {1, sidecar.classCount, sidecar.sensor.height, sidecar.sensor.width});
  const auto fp32 = sim.presetSettings({QuantPreset::Kind::Fp32});
  const FloatTensor output = sim.run(sim.prepare(fp32, {}), input);
  ASSERT_EQ(output.shape, python.shape);
  EXPECT_LE(worstAbsoluteDifference(output, python), 1e-5);
}

INSTANTIATE_TEST_SUITE_P(ScriptedAndTraced, SalsaNextExport, ::testing::Values("script", "trace"));

// tools/export_rangenet.py wrote these (tests/fixtures/CMakeLists.txt:
// Darknet21, --seed 11 --height 16 --width 256 --fov-up 2.5 --fov-down -24.5).
// Names are lidar-bonnetal's: backbone (darknet.py Backbone), decoder
// (decoders/darknet.py), head = Sequential(Dropout2d, Conv2d) and the
// segmentator's functional softmax.
TEST_P(RangeNetExport, QuantizersCarryLidarBonnetalNames)
{
  std::set<std::string> names;
  for (const auto& quantizer : sim().quantizers())
    names.insert(quantizer.name);
  for (const std::string expected :
       {"backbone.conv1.input[0]", "backbone.conv1.weight", "backbone.relu1.output[0]", "backbone.enc1.conv.weight",
        "backbone.enc1.residual_0.conv2.weight", "backbone.enc3.residual_1.add_0.output[0]",
        "backbone.enc5.relu.output[0]", "decoder.dec5.upconv.weight", "decoder.dec3.residual.relu2.output[0]",
        "decoder.dec1.residual.conv1.weight", "decoder.add_0.output[0]", "decoder.add_4.output[0]", "head.1.weight",
        "head.1.output[0]", "softmax_0.output[0]"})
    EXPECT_TRUE(names.count(expected)) << expected;
  // Darknet21 has 1, 1, 2, 2, 1 residual blocks per stage; Darknet53 (1, 2, 8, 8, 4) would add these.
  EXPECT_FALSE(names.count("backbone.enc3.residual_2.conv1.weight"));
  EXPECT_FALSE(names.count("backbone.enc2.residual_1.conv1.weight"));

  for (const auto& quantizer : sim().quantizers())
  {
    const bool known = quantizer.module.rfind("backbone.", 0) == 0 || quantizer.module.rfind("decoder.", 0) == 0 ||
                       quantizer.module.rfind("head.", 0) == 0 || quantizer.module == "softmax_0";
    EXPECT_TRUE(known) << quantizer.name;
  }
}

TEST_P(RangeNetExport, WeightQuantizersAndFoldsMatchDarknet21)
{
  // Convolutions counted from the architecture: backbone conv1 + 5 stage
  // convs + 2 per residual block (1+1+2+2+1), decoder 5 x (upconv + 2), head 1.
  const std::size_t backboneConvs = 1 + 5 + 2 * 7;
  const std::size_t decoderConvs = 5 * 3;
  std::size_t weights = 0;
  for (const auto& quantizer : sim().quantizers())
    weights += quantizer.kind == QuantizerKind::Parameter ? 1 : 0;
  EXPECT_EQ(weights, backboneConvs + decoderConvs + 1);

  // The transposed convolutions keep their output channels on axis 1.
  for (const std::string stage : {"dec5", "dec4", "dec3", "dec2", "dec1"})
  {
    const int id = sim().findQuantizer("decoder." + stage + ".upconv.weight");
    ASSERT_GE(id, 0) << stage;
    EXPECT_EQ(sim().quantizers()[static_cast<std::size_t>(id)].opType, "ConvTranspose") << stage;
    EXPECT_EQ(sim().quantizers()[static_cast<std::size_t>(id)].channelAxis, 1) << stage;
  }
  const int head = sim().findQuantizer("head.1.weight");
  ASSERT_GE(head, 0);
  EXPECT_EQ(sim().quantizers()[static_cast<std::size_t>(head)].opType, "Conv");
  EXPECT_EQ(sim().quantizers()[static_cast<std::size_t>(head)].channelAxis, 0);

  // Every convolution but the head's is followed by a batch norm, and all fold.
  const auto folded = sim().foldedBatchNorms();
  EXPECT_EQ(folded.size(), backboneConvs + decoderConvs);
  const std::set<std::string> folds(folded.begin(), folded.end());
  for (const std::string expected :
       {"backbone.bn1 -> backbone.conv1", "backbone.enc4.residual_1.bn2 -> backbone.enc4.residual_1.conv2",
        "decoder.dec5.bn -> decoder.dec5.upconv", "decoder.dec1.residual.bn1 -> decoder.dec1.residual.conv1"})
    EXPECT_TRUE(folds.count(expected)) << expected;
}

// The reference must be a per-pixel softmax that is not flat, or equality proves little.
TEST_P(RangeNetExport, PythonReferenceIsAVariedSoftmax)
{
  const FloatTensor python = readRangeNetReference(GetParam()).output;
  ASSERT_EQ(python.shape.size(), 4u);
  const std::size_t classes = static_cast<std::size_t>(python.shape[1]);
  const std::size_t pixels = static_cast<std::size_t>(python.shape[2] * python.shape[3]);
  std::set<std::size_t> winners;
  for (std::size_t p = 0; p < pixels; ++p)
  {
    double sum = 0.0;
    std::size_t best = 0;
    for (std::size_t c = 0; c < classes; ++c)
    {
      sum += python.values[c * pixels + p];
      if (python.values[c * pixels + p] > python.values[best * pixels + p])
        best = c;
    }
    ASSERT_NEAR(sum, 1.0, 1e-4) << "pixel " << p;
    winners.insert(best);
  }
  EXPECT_GE(winners.size(), 3u);
}

// Without batch-norm folding the instrumented graph computes what PyTorch does.
TEST_P(RangeNetExport, Fp32OutputEqualsPython)
{
  const RangeNetReference reference = readRangeNetReference(GetParam());
  QuantSimOptions unfolded;
  unfolded.foldBatchNorm = false;
  QuantSim unfoldedSim(fixture("rangenet_" + GetParam() + ".pt"), unfolded);
  const FloatTensor output = rangeNetFp32(unfoldedSim, reference.input);
  ASSERT_EQ(output.shape, reference.output.shape);
  EXPECT_LE(worstAbsoluteDifference(output, reference.output), 1e-5);
}

// Folding 35 batch norms (5 into transposed convolutions, channels on axis 1)
// changes float32 rounding through 36 layers and a softmax over logits of
// about +-40. Measured against a float64 run of the same model in PyTorch:
// PyTorch's own float32 output is 2.5e-5 off, the folded C++ one 2.8e-5, and
// folding in PyTorch moves the output by 4.1e-5; folded C++ vs Python here is
// 3.8e-5. A slightly wrong fold (eps 2e-5 instead of 1e-5) moves it by 9e-3.
TEST_P(RangeNetExport, FoldedFp32StaysWithinFloatRoundingOfPython)
{
  const RangeNetReference reference = readRangeNetReference(GetParam());
  const FloatTensor output = rangeNetFp32(sim(), reference.input);
  ASSERT_EQ(output.shape, reference.output.shape);
  EXPECT_LE(worstAbsoluteDifference(output, reference.output), 1e-4);
}

TEST_P(RangeNetExport, SidecarHoldsWhatTheExporterWrote)
{
  const auto file = fixture("rangenet_" + GetParam() + ".json");
  std::ifstream in(file);
  const auto json = nlohmann::json::parse(in);
  // The raw JSON against the export command line.
  EXPECT_EQ(json.at("architecture"), "rangenet-darknet21");
  EXPECT_EQ(json.at("input_multiple"), nlohmann::json::array({1, 32}));
  EXPECT_EQ(json.at("input_shape"), nlohmann::json::array({1, 5, 16, 256}));
  EXPECT_EQ(json.at("projection").at("height"), 16);
  EXPECT_EQ(json.at("projection").at("width"), 256);
  EXPECT_EQ(json.at("projection").at("fov_up"), 2.5);
  EXPECT_EQ(json.at("projection").at("fov_down"), -24.5);
  EXPECT_EQ(json.at("output"), "softmax");
  EXPECT_EQ(json.at("provenance").at("source"), "random");
  EXPECT_EQ(json.at("provenance").at("seed"), 11);
  EXPECT_EQ(json.at("provenance").at("mode"), GetParam());

  // What the engine reads from it.
  const auto sidecar = ModelSidecar::read(file);
  EXPECT_EQ(sidecar.architecture, "rangenet-darknet21");
  EXPECT_EQ(sidecar.inputShape, (std::vector<std::int64_t>{1, 5, 16, 256}));
  EXPECT_EQ(sidecar.inputMultiple, (std::array<int, 2>{1, 32}));
  EXPECT_EQ(sidecar.sensor.height, 16);
  EXPECT_EQ(sidecar.sensor.width, 256);
  EXPECT_FLOAT_EQ(sidecar.sensor.fovUpDegrees, 2.5f);
  EXPECT_FLOAT_EQ(sidecar.sensor.fovDownDegrees, -24.5f);
  // darknet21.yaml's normalization (no --arch-cfg given).
  EXPECT_EQ(sidecar.sensor.means, (std::array<float, 5>{12.12f, 10.88f, 0.23f, -1.04f, 0.21f}));
  EXPECT_EQ(sidecar.sensor.stds, (std::array<float, 5>{12.32f, 11.47f, 6.91f, 0.86f, 0.16f}));
  EXPECT_EQ(sidecar.classCount, 20);
  EXPECT_TRUE(sidecar.outputIsSoftmax);
  EXPECT_FALSE(sidecar.knnEnabled);
}

INSTANTIATE_TEST_SUITE_P(ScriptedAndTraced, RangeNetExport, ::testing::Values("script", "trace"));
