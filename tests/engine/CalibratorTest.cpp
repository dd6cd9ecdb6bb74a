#include "core/EngineError.h"
#include "quant/Calibrator.h"
#include "quant/EncodingMath.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace quantlens {
namespace {

/// Mean squared error of quantizing `data` on a grid, computed here from
/// scale/offset/bitwidth alone (round half to even via the fraction test).
double quantizationMse(const std::vector<float>& data, const Encoding& e)
{
  const double top = std::pow(2.0, e.bitwidth) - 1.0;
  const double steps = std::round((e.max - e.min) / e.scale);
  double sum = 0.0;
  for (float value : data) {
    const double v = static_cast<double>(value) / e.scale - static_cast<double>(e.offset);
    double q = std::floor(v);
    const double fraction = v - q;
    if (fraction > 0.5 || (fraction == 0.5 && std::fmod(q, 2.0) != 0.0))
      q += 1.0;
    q = std::min(std::max(q, 0.0), std::min(top, steps));
    const double error = value - e.scale * (q + static_cast<double>(e.offset));
    sum += error * error;
  }
  return sum / static_cast<double>(data.size());
}

TensorStatistics statisticsOf(const std::vector<float>& data, int bins = 512)
{
  TensorStatistics statistics;
  Calibrator::accumulate(statistics, data.data(), data.size(), bins);
  return statistics;
}

/// Uniform [-1, 1] bulk plus a few far outliers.
std::vector<float> bulkWithOutliers()
{
  std::mt19937 random(7);
  std::uniform_real_distribution<float> bulk(-1.0f, 1.0f);
  std::vector<float> data(50000);
  for (float& value : data)
    value = bulk(random);
  data.insert(data.end(), {20.0f, 19.5f, 18.0f});
  return data;
}

TEST(CalibratorTest, EmptyStatisticsAreRejected)
{
  const TensorStatistics empty;
  try {
    Calibrator::encoding(empty, QuantScheme{}, 8, false, false, false);
    FAIL() << "empty statistics accepted";
  } catch (const EngineError& error) {
    EXPECT_EQ(std::string(error.what()), "quantizer has no calibration statistics: run calibration first");
  }
}

TEST(CalibratorTest, AccumulateKeepsMinMaxAndFirstBatchHistogramRange)
{
  TensorStatistics statistics;
  const std::vector<float> first{0.0f, 1.0f, 2.0f};
  Calibrator::accumulate(statistics, first.data(), first.size(), 6);
  // Centre 1, width 2 → [-2, 4], bins of width 1.
  EXPECT_DOUBLE_EQ(statistics.histogramMin, -2.0);
  EXPECT_DOUBLE_EQ(statistics.histogramMax, 4.0);
  EXPECT_EQ(statistics.histogram, (std::vector<double>{0, 0, 1, 1, 1, 0}));
  EXPECT_EQ(statistics.count, 3u);

  const std::vector<float> second{3.5f, 10.0f, -7.0f, 4.0f};
  Calibrator::accumulate(statistics, second.data(), second.size(), 6);
  EXPECT_DOUBLE_EQ(statistics.min, -7.0);
  EXPECT_DOUBLE_EQ(statistics.max, 10.0);
  EXPECT_EQ(statistics.count, 7u);
  EXPECT_DOUBLE_EQ(statistics.histogramMin, -2.0); // fixed by the first batch
  EXPECT_EQ(statistics.histogram, (std::vector<double>{0, 0, 1, 1, 1, 2})); // 10 and -7 dropped
}

TEST(CalibratorTest, ConstantFirstBatchStillGetsAHistogramRange)
{
  const auto statistics = statisticsOf({0.0f, 0.0f});
  EXPECT_LT(statistics.histogramMin, 0.0);
  EXPECT_GT(statistics.histogramMax, 0.0);
  EXPECT_DOUBLE_EQ(std::accumulate(statistics.histogram.begin(), statistics.histogram.end(), 0.0), 2.0);
  const Encoding e = Calibrator::encoding(statistics, QuantScheme::parse("tf_enhanced"), 8, false, false, false);
  EXPECT_GT(e.scale, 0.0);
}

TEST(CalibratorTest, NonFiniteDataAreRejected)
{
  TensorStatistics statistics;
  const std::vector<float> withNan{1.0f, std::nanf(""), 2.0f};
  const std::vector<float> withInf{1.0f, INFINITY};
  EXPECT_THROW(Calibrator::accumulate(statistics, withNan.data(), withNan.size()), EngineError);
  EXPECT_THROW(Calibrator::accumulate(statistics, withInf.data(), withInf.size()), EngineError);
  EXPECT_TRUE(statistics.empty());
}

TEST(CalibratorTest, TfUsesMinMax)
{
  const auto statistics = statisticsOf({-1.0f, 0.5f, 3.0f});
  const Encoding e = Calibrator::encoding(statistics, QuantScheme::parse("tf"), 8, false, false, false);
  EXPECT_DOUBLE_EQ(e.scale, 0.01568627450980392);
  EXPECT_EQ(e.offset, -64);
  const Encoding w = Calibrator::encoding(statisticsOf({-0.5f, 0.4f}), QuantScheme::parse("tf"), 8, true, false, false);
  EXPECT_EQ(w.offset, -128);
  EXPECT_NEAR(w.scale, 0.5 / 127.0, 1e-12);
  EXPECT_THROW(Calibrator::encoding(statistics, QuantScheme{}, 33, false, false, false), EngineError);
}

TEST(CalibratorTest, PercentileHundredEqualsTf)
{
  const auto statistics = statisticsOf(bulkWithOutliers());
  QuantScheme hundred{QuantScheme::Kind::Percentile, 100.0};
  for (bool symmetric : {false, true}) {
    EXPECT_EQ(Calibrator::encoding(statistics, hundred, 8, symmetric, false, false),
              Calibrator::encoding(statistics, QuantScheme{}, 8, symmetric, false, false));
  }
}

TEST(CalibratorTest, PercentileClipsAPlantedTail)
{
  std::mt19937 random(3);
  std::uniform_real_distribution<float> bulk(-1.0f, 1.0f);
  std::uniform_real_distribution<float> tail(50.0f, 60.0f);
  std::vector<float> data;
  for (int i = 0; i < 9900; ++i)
    data.push_back(bulk(random));
  for (int i = 0; i < 100; ++i)
    data.push_back(tail(random));
  const auto statistics = statisticsOf(data);

  const auto [low, high] = Calibrator::percentileRange(statistics, 99.0);
  // The 1% tail sits above 50; the 99th percentile is the top of the bulk,
  // within one histogram bin (183/512) of 1.
  const double bin = (statistics.histogramMax - statistics.histogramMin) / 512.0;
  EXPECT_NEAR(high, 1.0, bin + 0.01);
  EXPECT_NEAR(low, -0.98, bin + 0.01);
  const Encoding e = Calibrator::encoding(statistics, QuantScheme::parse("percentile:99"), 8, false, false, false);
  EXPECT_LT(e.max, 2.0);
  EXPECT_GT(statistics.max, 50.0);

  EXPECT_THROW(Calibrator::percentileRange(statistics, 49.0), EngineError);
  EXPECT_THROW(Calibrator::percentileRange(statistics, 100.5), EngineError);
}

TEST(CalibratorTest, TfEnhancedClipsOutliersAndLowersError)
{
  const auto data = bulkWithOutliers();
  const auto statistics = statisticsOf(data);
  for (bool symmetric : {false, true}) {
    SCOPED_TRACE(symmetric ? "symmetric" : "asymmetric");
    const Encoding tf = Calibrator::encoding(statistics, QuantScheme::parse("tf"), 4, symmetric, false, false);
    const Encoding enhanced =
      Calibrator::encoding(statistics, QuantScheme::parse("tf_enhanced"), 4, symmetric, false, false);
    EXPECT_LT(enhanced.max - enhanced.min, tf.max - tf.min);
    EXPECT_LT(enhanced.max, 19.0);
    EXPECT_LE(enhanced.offset, 0);
    EXPECT_DOUBLE_EQ(enhanced.min, enhanced.scale * static_cast<double>(enhanced.offset));
    const double tfMse = quantizationMse(data, tf);
    const double enhancedMse = quantizationMse(data, enhanced);
    EXPECT_LT(enhancedMse, tfMse) << "tf " << tfMse << " tf_enhanced " << enhancedMse;
  }
}

TEST(CalibratorTest, TfEnhancedKeepsTheRangeOfWellBehavedData)
{
  // Uniform data without outliers: clipping only hurts, so the search keeps
  // (nearly) the full range.
  std::mt19937 random(11);
  std::uniform_real_distribution<float> uniform(-2.0f, 3.0f);
  std::vector<float> data(20000);
  for (float& value : data)
    value = uniform(random);
  const auto statistics = statisticsOf(data);
  const Encoding tf = Calibrator::encoding(statistics, QuantScheme::parse("tf"), 8, false, false, false);
  const Encoding enhanced = Calibrator::encoding(statistics, QuantScheme::parse("tf_enhanced"), 8, false, false, false);
  EXPECT_GT(enhanced.max - enhanced.min, 0.9 * (tf.max - tf.min));
  EXPECT_LE(quantizationMse(data, enhanced), 1.5 * quantizationMse(data, tf));
}

TEST(CalibratorTest, TfEnhancedUnsignedSymmetricKeepsOffsetZero)
{
  std::mt19937 random(5);
  std::exponential_distribution<float> positive(1.0f);
  std::vector<float> data(20000);
  for (float& value : data)
    value = positive(random);
  const auto statistics = statisticsOf(data);
  const Encoding e = Calibrator::encoding(statistics, QuantScheme::parse("tf_enhanced"), 8, true, true, false);
  EXPECT_EQ(e.offset, 0);
  EXPECT_TRUE(e.symmetric);
  EXPECT_DOUBLE_EQ(e.min, 0.0);
  EXPECT_LE(e.max, statistics.max + 1e-9);
}

} // namespace
} // namespace quantlens
