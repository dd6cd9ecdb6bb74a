#include "eval/SegmentationMetrics.h"

#include "eval/ConfusionMatrix.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace quantlens {
namespace {

constexpr double kTolerance = 1e-12;

struct LabelPair
{
  std::uint8_t predicted;
  std::uint8_t truth;
  int repeat;
};

ConfusionMatrix matrixOf(int classCount, const std::vector<LabelPair>& pairs)
{
  std::vector<std::uint8_t> predicted;
  std::vector<std::uint8_t> truth;
  for (const auto& pair : pairs) {
    predicted.insert(predicted.end(), static_cast<std::size_t>(pair.repeat), pair.predicted);
    truth.insert(truth.end(), static_cast<std::size_t>(pair.repeat), pair.truth);
  }
  ConfusionMatrix matrix(classCount);
  matrix.add(predicted.data(), truth.data(), predicted.size());
  return matrix;
}

// Four classes; class 3 is only predicted on unlabelled points, so after the ignore
// rule it is absent from both prediction and truth.
//   (pred, gt) x count: (1,1)x3 (2,1)x1 (0,1)x1 (2,2)x2 (1,0)x2 (3,0)x1
// SemanticKittiApi (column 0 zeroed, the (0,1) point stays a miss of class 1):
//   class 1: tp 3, fp 0, fn (3+1+1)-3 = 2  -> 3/5
//   class 2: tp 2, fp 1, fn 0             -> 2/3
//   class 3: 0 / (0 + 1e-15)              -> 0, not present
//   mIoU = (3/5 + 2/3 + 0)/3, present mean = (3/5 + 2/3)/2
//   accuracy = (3+2) / ((3+0) + (2+1) + 0) = 5/6; points = 7 (GT != 0)
// ZeroRowAndColumn (row 0 zeroed as well, the (0,1) point disappears):
//   class 1: tp 3, fp 0, fn 1 -> 3/4; class 2 unchanged; accuracy unchanged.
const std::vector<LabelPair> kPredictsZero = {{1, 1, 3}, {2, 1, 1}, {0, 1, 1}, {2, 2, 2}, {1, 0, 2}, {3, 0, 1}};

TEST(SegmentationMetricsTest, HandComputedSemanticKittiApi)
{
  const auto metrics = SegmentationMetrics::compute(matrixOf(4, kPredictsZero));
  ASSERT_EQ(metrics.iou.size(), 4u);
  ASSERT_EQ(metrics.present.size(), 4u);
  EXPECT_EQ(metrics.iou[0], 0.0);
  EXPECT_NEAR(metrics.iou[1], 3.0 / 5.0, kTolerance);
  EXPECT_NEAR(metrics.iou[2], 2.0 / 3.0, kTolerance);
  EXPECT_EQ(metrics.iou[3], 0.0);
  EXPECT_EQ(metrics.present, (std::vector<bool>{false, true, true, false}));
  EXPECT_NEAR(metrics.miou, (3.0 / 5.0 + 2.0 / 3.0) / 3.0, kTolerance);
  EXPECT_NEAR(metrics.miouPresent, (3.0 / 5.0 + 2.0 / 3.0) / 2.0, kTolerance);
  EXPECT_NEAR(metrics.accuracy, 5.0 / 6.0, kTolerance);
  EXPECT_EQ(metrics.points, 7u);
}

TEST(SegmentationMetricsTest, HandComputedZeroRowAndColumn)
{
  const auto metrics = SegmentationMetrics::compute(matrixOf(4, kPredictsZero), IgnoreConvention::ZeroRowAndColumn);
  EXPECT_EQ(metrics.iou[0], 0.0);
  EXPECT_NEAR(metrics.iou[1], 3.0 / 4.0, kTolerance);
  EXPECT_NEAR(metrics.iou[2], 2.0 / 3.0, kTolerance);
  EXPECT_EQ(metrics.iou[3], 0.0);
  EXPECT_EQ(metrics.present, (std::vector<bool>{false, true, true, false}));
  EXPECT_NEAR(metrics.miou, (3.0 / 4.0 + 2.0 / 3.0) / 3.0, kTolerance);
  EXPECT_NEAR(metrics.miouPresent, (3.0 / 4.0 + 2.0 / 3.0) / 2.0, kTolerance);
  EXPECT_NEAR(metrics.accuracy, 5.0 / 6.0, kTolerance);
  EXPECT_EQ(metrics.points, 7u);
}

// Five classes; class 2 never appears after the ignore rule, class 3 is predicted
// but never true (a pure false positive), and two points of class 4 are predicted 0.
//   (pred, gt) x count: (1,1)x2 (3,1)x1 (4,4)x1 (1,4)x1 (2,0)x4 (0,4)x2
// SemanticKittiApi:
//   class 1: tp 2, fp 1 (the (1,4) point), fn 1 (the (3,1) point) -> 2/4
//   class 2: nothing -> 0;  class 3: tp 0, fp 1 -> 0
//   class 4: tp 1, fp 0, fn 1 + 2 = 3 -> 1/4
//   mIoU = (1/2 + 0 + 0 + 1/4)/4 = 3/16; present {1, 4}: (1/2 + 1/4)/2 = 3/8
//   accuracy = (2 + 0 + 0 + 1) / (3 + 0 + 1 + 1) = 3/5; points = 7
// ZeroRowAndColumn: class 4 fn = 1 -> 1/2; mIoU = 1/4; present mean 1/2; accuracy 3/5.
const std::vector<LabelPair> kAbsentAndFalsePositive = {{1, 1, 2}, {3, 1, 1}, {4, 4, 1},
                                                        {1, 4, 1}, {2, 0, 4}, {0, 4, 2}};

TEST(SegmentationMetricsTest, HandComputedAbsentAndFalsePositiveClasses)
{
  const auto matrix = matrixOf(5, kAbsentAndFalsePositive);
  const auto kitti = SegmentationMetrics::compute(matrix, IgnoreConvention::SemanticKittiApi);
  EXPECT_NEAR(kitti.iou[1], 0.5, kTolerance);
  EXPECT_EQ(kitti.iou[2], 0.0);
  EXPECT_EQ(kitti.iou[3], 0.0);
  EXPECT_NEAR(kitti.iou[4], 0.25, kTolerance);
  EXPECT_EQ(kitti.present, (std::vector<bool>{false, true, false, false, true}));
  EXPECT_NEAR(kitti.miou, 3.0 / 16.0, kTolerance);
  EXPECT_NEAR(kitti.miouPresent, 3.0 / 8.0, kTolerance);
  EXPECT_NEAR(kitti.accuracy, 3.0 / 5.0, kTolerance);
  EXPECT_EQ(kitti.points, 7u);

  const auto bonnetal = SegmentationMetrics::compute(matrix, IgnoreConvention::ZeroRowAndColumn);
  EXPECT_NEAR(bonnetal.iou[1], 0.5, kTolerance);
  EXPECT_NEAR(bonnetal.iou[4], 0.5, kTolerance);
  EXPECT_NEAR(bonnetal.miou, 0.25, kTolerance);
  EXPECT_NEAR(bonnetal.miouPresent, 0.5, kTolerance);
  EXPECT_NEAR(bonnetal.accuracy, 3.0 / 5.0, kTolerance);
}

TEST(SegmentationMetricsTest, EmptyMatrixGivesZeros)
{
  const auto metrics = SegmentationMetrics::compute(ConfusionMatrix(20));
  EXPECT_EQ(metrics.iou, std::vector<double>(20, 0.0));
  EXPECT_EQ(metrics.present, std::vector<bool>(20, false));
  EXPECT_EQ(metrics.miou, 0.0);
  EXPECT_EQ(metrics.miouPresent, 0.0);
  EXPECT_EQ(metrics.accuracy, 0.0);
  EXPECT_EQ(metrics.points, 0u);
}

TEST(SegmentationMetricsTest, PerfectPredictionGivesOneOverPresentClasses)
{
  // Classes 1..3 of 20 present and predicted perfectly: each IoU 1, the rest 0.
  const auto matrix = matrixOf(20, {{1, 1, 5}, {2, 2, 3}, {3, 3, 1}, {7, 0, 9}});
  const auto metrics = SegmentationMetrics::compute(matrix);
  EXPECT_NEAR(metrics.miou, 3.0 / 19.0, kTolerance);
  EXPECT_NEAR(metrics.miouPresent, 1.0, kTolerance);
  EXPECT_NEAR(metrics.accuracy, 1.0, kTolerance);
  EXPECT_EQ(metrics.points, 9u);
}

/// Metrics computed point by point, without a confusion matrix, the way the
/// reference defines them: a point with GT 0 never counts; under
/// ZeroRowAndColumn a point predicted 0 does not count either.
SegmentationMetrics pointwiseMetrics(const std::vector<std::uint8_t>& predicted,
                                     const std::vector<std::uint8_t>& truth, int classCount,
                                     IgnoreConvention convention)
{
  std::vector<double> tp(static_cast<std::size_t>(classCount));
  std::vector<double> fp(tp.size());
  std::vector<double> fn(tp.size());
  std::vector<double> truthCount(tp.size());
  SegmentationMetrics expected;
  for (std::size_t i = 0; i < predicted.size(); ++i) {
    const int p = predicted[i];
    const int t = truth[i];
    if (t == 0)
      continue;
    ++expected.points;
    if (p == 0 && convention == IgnoreConvention::ZeroRowAndColumn)
      continue;
    ++truthCount[t];
    if (p == t) {
      ++tp[t];
    } else {
      ++fn[t];
      ++fp[p];
    }
  }
  expected.iou.assign(tp.size(), 0.0);
  expected.present.assign(tp.size(), false);
  double sum = 0.0;
  double presentSum = 0.0;
  int presentCount = 0;
  double correct = 0.0;
  double predictedCount = 0.0;
  for (int c = 1; c < classCount; ++c) {
    const double union_ = tp[c] + fp[c] + fn[c];
    expected.iou[c] = union_ > 0.0 ? tp[c] / union_ : 0.0;
    expected.present[c] = truthCount[c] > 0.0;
    sum += expected.iou[c];
    if (expected.present[c]) {
      presentSum += expected.iou[c];
      ++presentCount;
    }
    correct += tp[c];
    predictedCount += tp[c] + fp[c];
  }
  expected.miou = sum / (classCount - 1);
  expected.miouPresent = presentCount > 0 ? presentSum / presentCount : 0.0;
  expected.accuracy = predictedCount > 0.0 ? correct / predictedCount : 0.0;
  return expected;
}

void expectSame(const SegmentationMetrics& actual, const SegmentationMetrics& expected)
{
  ASSERT_EQ(actual.iou.size(), expected.iou.size());
  for (std::size_t c = 0; c < expected.iou.size(); ++c)
    EXPECT_NEAR(actual.iou[c], expected.iou[c], kTolerance) << "class " << c;
  EXPECT_EQ(actual.present, expected.present);
  EXPECT_NEAR(actual.miou, expected.miou, kTolerance);
  EXPECT_NEAR(actual.miouPresent, expected.miouPresent, kTolerance);
  EXPECT_NEAR(actual.accuracy, expected.accuracy, kTolerance);
  EXPECT_EQ(actual.points, expected.points);
}

/// Random labels over several scans: truth never uses classes 17..19, predictions
/// never use 19, and both use 0, so absent, false-positive-only and ignored classes occur.
struct RandomScans
{
  std::vector<std::vector<std::uint8_t>> predicted;
  std::vector<std::vector<std::uint8_t>> truth;
};

RandomScans randomScans(unsigned seed, int lowestPrediction)
{
  std::mt19937 generator(seed);
  std::uniform_int_distribution<int> truthLabel(0, 16);
  std::uniform_int_distribution<int> wrongLabel(lowestPrediction, 18);
  std::bernoulli_distribution correct(0.6);
  std::uniform_int_distribution<std::size_t> size(500, 3000);
  RandomScans scans;
  for (int s = 0; s < 4; ++s) {
    const std::size_t n = size(generator);
    std::vector<std::uint8_t> predicted(n);
    std::vector<std::uint8_t> truth(n);
    for (std::size_t i = 0; i < n; ++i) {
      truth[i] = static_cast<std::uint8_t>(truthLabel(generator));
      const bool keep = correct(generator) && truth[i] >= lowestPrediction;
      predicted[i] = static_cast<std::uint8_t>(keep ? truth[i] : wrongLabel(generator));
    }
    scans.predicted.push_back(std::move(predicted));
    scans.truth.push_back(std::move(truth));
  }
  return scans;
}

TEST(SegmentationMetricsTest, MatchesPointwiseReimplementationOnRandomScans)
{
  for (unsigned seed : {1u, 2u, 3u}) {
    const auto scans = randomScans(seed, 0);
    ConfusionMatrix total(20);
    std::vector<std::uint8_t> allPredicted;
    std::vector<std::uint8_t> allTruth;
    for (std::size_t s = 0; s < scans.predicted.size(); ++s) {
      ConfusionMatrix scan(20);  // per-scan matrices summed, as a sequence evaluation does
      scan.add(scans.predicted[s].data(), scans.truth[s].data(), scans.predicted[s].size());
      total.add(scan);
      allPredicted.insert(allPredicted.end(), scans.predicted[s].begin(), scans.predicted[s].end());
      allTruth.insert(allTruth.end(), scans.truth[s].begin(), scans.truth[s].end());
    }
    for (auto convention : {IgnoreConvention::SemanticKittiApi, IgnoreConvention::ZeroRowAndColumn}) {
      SCOPED_TRACE(testing::Message() << "seed " << seed << " convention " << static_cast<int>(convention));
      expectSame(SegmentationMetrics::compute(total, convention),
                 pointwiseMetrics(allPredicted, allTruth, 20, convention));
    }
    // The random data does predict 0, so the conventions must differ here.
    EXPECT_NE(SegmentationMetrics::compute(total, IgnoreConvention::SemanticKittiApi).miou,
              SegmentationMetrics::compute(total, IgnoreConvention::ZeroRowAndColumn).miou);
  }
}

TEST(SegmentationMetricsTest, ConventionsAgreeWhenNothingIsPredictedZero)
{
  const auto scans = randomScans(7, 1);
  ConfusionMatrix matrix(20);
  for (std::size_t s = 0; s < scans.predicted.size(); ++s)
    matrix.add(scans.predicted[s].data(), scans.truth[s].data(), scans.predicted[s].size());
  ASSERT_GT(matrix.total(), 0u);
  for (int t = 0; t < 20; ++t)
    ASSERT_EQ(matrix.at(0, t), 0u);

  const auto kitti = SegmentationMetrics::compute(matrix, IgnoreConvention::SemanticKittiApi);
  const auto bonnetal = SegmentationMetrics::compute(matrix, IgnoreConvention::ZeroRowAndColumn);
  EXPECT_EQ(kitti.iou, bonnetal.iou);
  EXPECT_EQ(kitti.present, bonnetal.present);
  EXPECT_EQ(kitti.miou, bonnetal.miou);
  EXPECT_EQ(kitti.accuracy, bonnetal.accuracy);
  EXPECT_GT(kitti.miou, 0.0);
}

} // namespace
} // namespace quantlens
