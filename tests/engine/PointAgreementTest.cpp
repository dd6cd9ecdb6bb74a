#include "eval/PointAgreement.h"

#include "core/EngineError.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace quantlens {
namespace {

TEST(PointAgreementTest, CountsChangedPointsAndTheirIndices)
{
  const std::vector<std::uint8_t> reference = {1, 2, 3, 0, 5, 5, 7};
  const std::vector<std::uint8_t> variant = {1, 2, 4, 0, 6, 5, 0};
  const auto agreement = PointAgreement::compare(variant.data(), reference.data(), variant.size(), 8);

  EXPECT_EQ(agreement.compared, 7u);
  EXPECT_EQ(agreement.changed, 3u);  // points 2, 4, 6
  EXPECT_DOUBLE_EQ(agreement.changedFraction, 3.0 / 7.0);
  EXPECT_EQ(agreement.flippedIndices, (std::vector<std::uint32_t>{2, 4, 6}));
  EXPECT_EQ(agreement.between.classCount(), 8);
  EXPECT_EQ(agreement.between.total(), 7u);
  EXPECT_EQ(agreement.between.at(4, 3), 1u);  // rows = variant, columns = reference
  EXPECT_EQ(agreement.between.at(3, 4), 0u);
  EXPECT_EQ(agreement.between.at(6, 5), 1u);
  EXPECT_EQ(agreement.between.at(0, 7), 1u);
  EXPECT_EQ(agreement.between.at(5, 5), 1u);
}

TEST(PointAgreementTest, SkipsUnlabelledPointsWhenTruthIsGiven)
{
  const std::vector<std::uint8_t> reference = {1, 2, 3, 0, 5, 5, 7};
  const std::vector<std::uint8_t> variant = {1, 2, 4, 0, 6, 5, 0};
  const std::vector<std::uint8_t> truth = {1, 0, 3, 2, 0, 5, 7};
  // Compared: points 0, 2, 3, 5, 6; changed among them: 2 and 6.
  const auto agreement = PointAgreement::compare(variant.data(), reference.data(), variant.size(), 8, truth.data());

  EXPECT_EQ(agreement.compared, 5u);
  EXPECT_EQ(agreement.changed, 2u);
  EXPECT_DOUBLE_EQ(agreement.changedFraction, 2.0 / 5.0);
  EXPECT_EQ(agreement.flippedIndices, (std::vector<std::uint32_t>{2, 6}));
  EXPECT_EQ(agreement.between.total(), 5u);
  EXPECT_EQ(agreement.between.at(6, 5), 0u);  // point 4 has GT 0
}

TEST(PointAgreementTest, IdenticalAndEmptyInputs)
{
  const std::vector<std::uint8_t> labels = {3, 1, 2};
  const auto same = PointAgreement::compare(labels.data(), labels.data(), labels.size(), 4);
  EXPECT_EQ(same.compared, 3u);
  EXPECT_EQ(same.changed, 0u);
  EXPECT_EQ(same.changedFraction, 0.0);
  EXPECT_TRUE(same.flippedIndices.empty());

  const std::vector<std::uint8_t> unlabelled = {0, 0, 0};
  const auto none = PointAgreement::compare(labels.data(), labels.data(), labels.size(), 4, unlabelled.data());
  EXPECT_EQ(none.compared, 0u);
  EXPECT_EQ(none.changedFraction, 0.0);
  EXPECT_EQ(none.between.total(), 0u);

  const auto empty = PointAgreement::compare(nullptr, nullptr, 0, 20);
  EXPECT_EQ(empty.compared, 0u);
  EXPECT_EQ(empty.between.classCount(), 20);
}

TEST(PointAgreementTest, OutOfRangeLabelsThrowNamingValueAndIndex)
{
  const std::vector<std::uint8_t> good = {1, 2, 3};
  const std::vector<std::uint8_t> bad = {1, 2, 9};
  try {
    PointAgreement::compare(bad.data(), good.data(), good.size(), 4);
    ADD_FAILURE() << "expected an EngineError";
  } catch (const EngineError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find('9'), std::string::npos) << message;
    EXPECT_NE(message.find("point 2"), std::string::npos) << message;
    EXPECT_NE(message.find("variant"), std::string::npos) << message;
  }
  EXPECT_THROW(PointAgreement::compare(good.data(), bad.data(), good.size(), 4), EngineError);
  EXPECT_THROW(PointAgreement::compare(good.data(), good.data(), good.size(), 0), EngineError);
  EXPECT_THROW(PointAgreement::compare(nullptr, good.data(), good.size(), 4), EngineError);
}

} // namespace
} // namespace quantlens
