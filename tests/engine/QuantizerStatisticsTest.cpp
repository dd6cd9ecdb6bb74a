#include "TestData.h"

#include "eval/QuantizerStatistics.h"
#include "quant/EncodingMath.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace quantlens;
using quantlens::test::fixture;

namespace {

/// Four bins over [-1, 3]: midpoints -0.5, 0.5, 1.5, 2.5 with counts 1, 2, 3, 4.
TensorStatistics fourBins()
{
  TensorStatistics statistics;
  statistics.min = -1.0;
  statistics.max = 3.0;
  statistics.count = 10;
  statistics.histogramMin = -1.0;
  statistics.histogramMax = 3.0;
  statistics.histogram = {1, 2, 3, 4};
  return statistics;
}

} // namespace

TEST(QuantizerStatistics, ClippedFractionCountsBinsOutsideTheEncoding)
{
  // An 8-bit grid over [0, 2]: -0.5 (1 value) and 2.5 (4 values) are clipped.
  const Encoding encoding = EncodingMath::asymmetric(0.0, 2.0, 8);
  EXPECT_DOUBLE_EQ(QuantizerStatistics::clippedFraction(fourBins(), encoding), 0.5);
  EXPECT_DOUBLE_EQ(QuantizerStatistics::clippedFraction(fourBins(), EncodingMath::asymmetric(-1.0, 3.0, 8)), 0.0);
}

TEST(QuantizerStatistics, SqnrMatchesAHandComputedValue)
{
  // A 2-bit grid over [0, 3] has levels 0, 1, 2, 3 (scale 1, offset 0):
  // -0.5 -> 0 (error 0.5), 0.5 -> 0 (0.5; ties to even), 1.5 -> 2 (0.5), 2.5 -> 2 (0.5).
  const Encoding encoding = EncodingMath::asymmetric(0.0, 3.0, 2);
  ASSERT_DOUBLE_EQ(encoding.scale, 1.0);
  double signal = 0.0, noise = 0.0;
  QuantizerStatistics::accumulateSqnr(fourBins(), encoding, signal, noise);
  EXPECT_DOUBLE_EQ(signal, 1 * 0.25 + 2 * 0.25 + 3 * 2.25 + 4 * 6.25);
  EXPECT_DOUBLE_EQ(noise, 10 * 0.25);
}

TEST(QuantizerStatistics, ReportShowsEightBitsBeatFourBits)
{
  QuantSim sim(fixture("conv_bn_relu.pt"));
  std::mt19937 random(3);
  std::normal_distribution<float> normal;
  FloatTensor input{{1, 5, 8, 16}, {}};
  input.values.resize(5 * 8 * 16);
  for (auto& value : input.values)
    value = normal(random);
  sim.calibrate(input);
  const auto w8a8 = sim.presetSettings({QuantPreset::Kind::W8A8});
  const auto w4a8 = sim.presetSettings({QuantPreset::Kind::W4A8});
  const auto eight = QuantizerStatistics::report(sim, w8a8, sim.computeEncodings(w8a8, QuantScheme{}));
  const auto four = QuantizerStatistics::report(sim, w4a8, sim.computeEncodings(w4a8, QuantScheme{}));
  const auto weight = static_cast<std::size_t>(sim.findQuantizer("conv.weight"));
  EXPECT_EQ(eight[weight].channels, 8u); // per channel
  EXPECT_GT(eight[weight].sqnrDb, four[weight].sqnrDb + 15.0); // ~6 dB per bit
  const auto relu = static_cast<std::size_t>(sim.findQuantizer("relu.output[0]"));
  EXPECT_TRUE(eight[relu].enabled);
  EXPECT_GE(eight[relu].observedMin, 0.0);
  EXPECT_LE(eight[relu].encodingMin, eight[relu].observedMin);
  EXPECT_DOUBLE_EQ(eight[relu].clippedFraction, 0.0); // tf covers the observed range
  EXPECT_TRUE(std::isfinite(eight[relu].sqnrDb));
}
