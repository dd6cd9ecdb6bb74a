#include "TestData.h"

#include "model/ModelSidecar.h"
#include "model/QuantSim.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

using namespace quantlens;
using quantlens::test::fixture;

namespace {

FloatTensor readRaw(const std::string& file, std::vector<std::int64_t> shape)
{
  FloatTensor tensor;
  tensor.shape = std::move(shape);
  tensor.values.resize(static_cast<std::size_t>(tensor.elementCount()));
  std::ifstream in(fixture(file), std::ios::binary);
  in.read(reinterpret_cast<char*>(tensor.values.data()), static_cast<std::streamsize>(tensor.values.size() * 4));
  EXPECT_TRUE(in) << file;
  return tensor;
}

class SalsaNextExport : public ::testing::TestWithParam<std::string>
{
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
  double worst = 0.0;
  for (std::size_t i = 0; i < output.values.size(); ++i)
    worst = std::max(worst, static_cast<double>(std::abs(output.values[i] - python.values[i])));
  EXPECT_LE(worst, 1e-5);
}

INSTANTIATE_TEST_SUITE_P(ScriptedAndTraced, SalsaNextExport, ::testing::Values("script", "trace"));
