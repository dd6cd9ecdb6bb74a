#include "eval/ConfusionMatrix.h"

#include "core/EngineError.h"
#include "eval/DistanceBinnedConfusion.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace quantlens {
namespace {

/// Runs `call`, expects an EngineError, and returns its message ("" when none was thrown).
template <typename Call>
std::string engineErrorOf(Call call)
{
  try {
    call();
  } catch (const EngineError& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected an EngineError";
  return {};
}

bool contains(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

TEST(ConfusionMatrixTest, CountsRowsAsPredictionAndColumnsAsTruth)
{
  ConfusionMatrix matrix(4);
  const std::vector<std::uint8_t> predicted = {1, 2, 2, 0, 3, 1};
  const std::vector<std::uint8_t> truth = {1, 1, 1, 2, 0, 1};
  matrix.add(predicted.data(), truth.data(), predicted.size());

  EXPECT_EQ(matrix.classCount(), 4);
  EXPECT_EQ(matrix.at(1, 1), 2u);
  EXPECT_EQ(matrix.at(2, 1), 2u);  // predicted 2 where truth is 1
  EXPECT_EQ(matrix.at(1, 2), 0u);
  EXPECT_EQ(matrix.at(0, 2), 1u);
  EXPECT_EQ(matrix.at(3, 0), 1u);  // class 0 is kept in the matrix itself
  EXPECT_EQ(matrix.total(), 6u);

  matrix.clear();
  EXPECT_EQ(matrix.total(), 0u);
  EXPECT_EQ(matrix.at(1, 1), 0u);
}

TEST(ConfusionMatrixTest, AddingMatricesSumsCounts)
{
  const std::vector<std::uint8_t> a = {1, 2, 3};
  const std::vector<std::uint8_t> b = {1, 3, 3};
  ConfusionMatrix first(4);
  first.add(a.data(), b.data(), a.size());
  ConfusionMatrix second(4);
  second.add(b.data(), b.data(), b.size());
  first.add(second);

  EXPECT_EQ(first.at(1, 1), 2u);
  EXPECT_EQ(first.at(2, 3), 1u);
  EXPECT_EQ(first.at(3, 3), 3u);
  EXPECT_EQ(first.total(), 6u);

  // Adding the same points twice as arrays gives the same matrix.
  ConfusionMatrix direct(4);
  direct.add(a.data(), b.data(), a.size());
  direct.add(b.data(), b.data(), b.size());
  EXPECT_TRUE(direct == first);
}

TEST(ConfusionMatrixTest, AddPointAddsCount)
{
  ConfusionMatrix matrix(3);
  matrix.addPoint(2, 1, 5);
  matrix.addPoint(2, 1);
  EXPECT_EQ(matrix.at(2, 1), 6u);
  EXPECT_EQ(matrix.total(), 6u);
  EXPECT_THROW(matrix.addPoint(3, 1), EngineError);
  EXPECT_THROW(matrix.addPoint(1, -1), EngineError);
}

TEST(ConfusionMatrixTest, OutOfRangeLabelsThrowNamingValueAndIndex)
{
  ConfusionMatrix matrix(20);
  const std::vector<std::uint8_t> good = {1, 2, 3, 4, 5};
  const std::vector<std::uint8_t> badPrediction = {1, 2, 3, 20, 5};
  const std::vector<std::uint8_t> badTruth = {1, 2, 255, 4, 5};

  const std::string predictedMessage =
    engineErrorOf([&] { matrix.add(badPrediction.data(), good.data(), good.size()); });
  EXPECT_TRUE(contains(predictedMessage, "20")) << predictedMessage;
  EXPECT_TRUE(contains(predictedMessage, "point 3")) << predictedMessage;
  EXPECT_TRUE(contains(predictedMessage, "predicted")) << predictedMessage;

  const std::string truthMessage = engineErrorOf([&] { matrix.add(good.data(), badTruth.data(), good.size()); });
  EXPECT_TRUE(contains(truthMessage, "255")) << truthMessage;
  EXPECT_TRUE(contains(truthMessage, "point 2")) << truthMessage;
  EXPECT_TRUE(contains(truthMessage, "ground-truth")) << truthMessage;

  // A rejected batch adds nothing, not even the valid points before the bad one.
  EXPECT_EQ(matrix.total(), 0u);
}

TEST(ConfusionMatrixTest, RejectsBadClassCountsAndMismatchedMatrices)
{
  EXPECT_THROW(ConfusionMatrix(0), EngineError);
  EXPECT_THROW(ConfusionMatrix(257), EngineError);
  EXPECT_NO_THROW(ConfusionMatrix(256));
  ConfusionMatrix twenty(20);
  const ConfusionMatrix four(4);
  EXPECT_THROW(twenty.add(four), EngineError);
  EXPECT_THROW(static_cast<void>(twenty.at(20, 0)), EngineError);
  EXPECT_THROW(static_cast<void>(twenty.at(0, -1)), EngineError);
  EXPECT_THROW(twenty.add(nullptr, nullptr, 3), EngineError);
  EXPECT_NO_THROW(twenty.add(nullptr, nullptr, 0));
}

TEST(DistanceBinnedConfusionTest, DefaultEdgesAndBinning)
{
  DistanceBinnedConfusion bins;
  ASSERT_EQ(bins.binCount(), 5u);
  EXPECT_EQ(bins.edges(), (std::vector<double>{0, 10, 20, 30, 40, 50}));
  EXPECT_EQ(bins.bin(0).classCount(), 20);

  const float nan = std::numeric_limits<float>::quiet_NaN();
  // Points at 5 m, 15 m, 55 m, exactly on the 10 m edge, exactly 50 m, below 0, NaN, and 0 m.
  const std::vector<float> range = {5.0f, 15.0f, 55.0f, 10.0f, 50.0f, -1.0f, nan, 0.0f};
  const std::vector<std::uint8_t> predicted = {1, 2, 3, 4, 5, 6, 7, 8};
  const std::vector<std::uint8_t> truth = {1, 9, 3, 4, 5, 6, 7, 0};
  bins.add(predicted.data(), truth.data(), range.data(), range.size());

  EXPECT_EQ(bins.bin(0).total(), 2u);  // 5 m and 0 m
  EXPECT_EQ(bins.bin(0).at(1, 1), 1u);
  EXPECT_EQ(bins.bin(0).at(8, 0), 1u);
  EXPECT_EQ(bins.bin(1).total(), 2u);  // 15 m and the 10 m edge
  EXPECT_EQ(bins.bin(1).at(2, 9), 1u);
  EXPECT_EQ(bins.bin(1).at(4, 4), 1u);
  EXPECT_EQ(bins.bin(2).total(), 0u);
  EXPECT_EQ(bins.bin(3).total(), 0u);
  EXPECT_EQ(bins.bin(4).total(), 0u);  // 50 m is the open end of the last bin
  EXPECT_THROW(static_cast<void>(bins.bin(5)), EngineError);

  bins.clear();
  EXPECT_EQ(bins.bin(0).total() + bins.bin(1).total(), 0u);
}

TEST(DistanceBinnedConfusionTest, CustomEdges)
{
  DistanceBinnedConfusion bins(3, {2.5, 7.5, 100});
  ASSERT_EQ(bins.binCount(), 2u);
  const std::vector<float> range = {1.0f, 2.5f, 7.49f, 7.5f, 99.0f};
  const std::vector<std::uint8_t> labels = {1, 1, 2, 2, 2};
  bins.add(labels.data(), labels.data(), range.data(), range.size());
  EXPECT_EQ(bins.bin(0).at(1, 1), 1u);
  EXPECT_EQ(bins.bin(0).at(2, 2), 1u);
  EXPECT_EQ(bins.bin(1).at(2, 2), 2u);
  EXPECT_EQ(bins.bin(0).total() + bins.bin(1).total(), 4u);
}

TEST(DistanceBinnedConfusionTest, Errors)
{
  EXPECT_THROW(DistanceBinnedConfusion(20, {10}), EngineError);
  EXPECT_THROW(DistanceBinnedConfusion(20, {0, 10, 10}), EngineError);
  EXPECT_THROW(DistanceBinnedConfusion(20, {0, 20, 10}), EngineError);
  EXPECT_THROW(DistanceBinnedConfusion(0, {0, 10}), EngineError);

  DistanceBinnedConfusion bins(4);
  const std::vector<float> range = {5.0f, 60.0f};
  const std::vector<std::uint8_t> good = {1, 1};
  const std::vector<std::uint8_t> bad = {1, 7};  // the bad label is on an unbinned point: still an error
  const std::string message = engineErrorOf([&] { bins.add(good.data(), bad.data(), range.data(), range.size()); });
  EXPECT_TRUE(contains(message, "7")) << message;
  EXPECT_TRUE(contains(message, "point 1")) << message;
  EXPECT_EQ(bins.bin(0).total(), 0u);
}

} // namespace
} // namespace quantlens
