#include "TestData.h"

#include "eval/QuantizerStatistics.h"
#include "quant/EncodingMath.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace quantlens;
using quantlens::test::fixture;

namespace {

/// Four unit bins over [-1, 3] (centred on -0.5, 0.5, 1.5, 2.5, AIMET's layout)
/// holding 10%, 20%, 30% and 40% of the values.
TensorStatistics fourBins()
{
  TensorStatistics statistics;
  statistics.min = -1.0;
  statistics.max = 3.0;
  statistics.count = 10;
  statistics.histogramMin = -0.5;
  statistics.histogramMax = 3.5;
  statistics.histogram = { 0.1, 0.2, 0.3, 0.4 };
  statistics.histogramBatches = 1;
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
  EXPECT_DOUBLE_EQ(signal, 0.1 * 0.25 + 0.2 * 0.25 + 0.3 * 2.25 + 0.4 * 6.25);
  EXPECT_DOUBLE_EQ(noise, (0.1 + 0.2 + 0.3 + 0.4) * 0.25);
}

TEST(QuantizerStatistics, ReportShowsEightBitsBeatFourBits)
{
  QuantSim sim(fixture("conv_bn_relu.pt"));
  sim.calibrate(test::randomTensor({1, 5, 8, 16}, 3));
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

namespace {

/// Eight unit bins over [0, 8) (centred on 0.5 … 7.5) holding 0, 0, 1, 2, 0, 3, 0, 0 sixths of the values.
TensorStatistics eightBins()
{
  TensorStatistics statistics;
  statistics.min = 2.0;
  statistics.max = 5.5;
  statistics.count = 6;
  statistics.histogramMin = 0.5;
  statistics.histogramMax = 8.5;
  statistics.histogram = { 0, 0, 1.0 / 6, 2.0 / 6, 0, 3.0 / 6, 0, 0 };
  statistics.histogramBatches = 1;
  return statistics;
}

} // namespace

TEST(QuantizerStatistics, CoarseHistogramSumsWholeBinsOverTheNonEmptyOnes)
{
  const double none = std::nan("");
  // Non-empty bins 2..5 in two rows of two bins.
  const auto rows = QuantizerStatistics::coarseHistogram(eightBins(), none, none, 2);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_DOUBLE_EQ(rows[0].lower, 2.0);
  EXPECT_DOUBLE_EQ(rows[0].upper, 4.0);
  EXPECT_DOUBLE_EQ(rows[0].count, 0.5);
  EXPECT_DOUBLE_EQ(rows[1].lower, 4.0);
  EXPECT_DOUBLE_EQ(rows[1].upper, 6.0);
  EXPECT_DOUBLE_EQ(rows[1].count, 0.5);
  // More rows than bins: one bin a row.
  EXPECT_EQ(QuantizerStatistics::coarseHistogram(eightBins(), none, none, 100).size(), 4u);
}

TEST(QuantizerStatistics, CoarseHistogramWidensToTheEncodingRange)
{
  // Encoding [1.5, 6.5] takes in bins 1..6: six bins in rows of two.
  const auto rows = QuantizerStatistics::coarseHistogram(eightBins(), 1.5, 6.5, 4);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_DOUBLE_EQ(rows[0].lower, 1.0);
  EXPECT_DOUBLE_EQ(rows[2].upper, 7.0);
  EXPECT_DOUBLE_EQ(rows[0].count, 1.0 / 6);
  EXPECT_DOUBLE_EQ(rows[1].count, 2.0 / 6);
  EXPECT_DOUBLE_EQ(rows[2].count, 3.0 / 6);
  // An encoding beyond the histogram is clamped to it.
  const auto wide = QuantizerStatistics::coarseHistogram(eightBins(), -100.0, 100.0, 8);
  ASSERT_EQ(wide.size(), 8u);
  EXPECT_DOUBLE_EQ(wide.front().lower, 0.0);
  EXPECT_DOUBLE_EQ(wide.back().upper, 8.0);
  EXPECT_TRUE(QuantizerStatistics::coarseHistogram(TensorStatistics{}, 0.0, 1.0, 4).empty());
}

TEST(QuantizerStatistics, ReportCarriesEachQuantizersDistribution)
{
  QuantSim sim(fixture("conv_bn_relu.pt"));
  sim.calibrate(test::randomTensor({1, 5, 8, 16}, 5));
  const auto settings = sim.presetSettings({QuantPreset::Kind::W8A8});
  const auto reports = QuantizerStatistics::report(sim, settings, sim.computeEncodings(settings, QuantScheme{}));
  const auto weight = static_cast<std::size_t>(sim.findQuantizer("conv.weight"));
  const auto relu = static_cast<std::size_t>(sim.findQuantizer("relu.output[0]"));
  // The activation's histogram is its calibration histogram.
  EXPECT_EQ(reports[relu].distribution.histogram, sim.activationStatistics(static_cast<int>(relu)).histogram);
  EXPECT_EQ(reports[relu].distribution.count, 8u * 8u * 16u); // one pass over the conv's 8 output channels
  // The weight's covers every channel: its min/max are the extremes over the channels.
  const auto& whole = reports[weight].distribution;
  EXPECT_DOUBLE_EQ(whole.min, reports[weight].observedMin);
  EXPECT_DOUBLE_EQ(whole.max, reports[weight].observedMax);
  // One batch (the weights themselves), all inside the range it set: shares add up to 1.
  double histogramTotal = 0.0;
  for (const double share : whole.histogram)
    histogramTotal += share;
  EXPECT_NEAR(histogramTotal, 1.0, 1e-12);
  EXPECT_EQ(whole.histogramBatches, 1u);
  EXPECT_EQ(whole.count, 8u * 5u * 3u * 3u); // Conv2d(5, 8, 3) in make_fixtures.py
}
