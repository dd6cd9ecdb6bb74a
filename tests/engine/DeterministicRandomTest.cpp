#include "core/DeterministicRandom.h"

#include <gtest/gtest.h>

#include <cmath>

using quantlens::DeterministicRandom;

TEST(DeterministicRandomTest, RawOutputIsTheStandardMersenneTwister)
{
  // The C++ standard fixes the 10000th output of a default-seeded mt19937_64.
  DeterministicRandom rng(5489u);
  std::uint64_t value = 0;
  for (int i = 0; i < 10000; ++i)
    value = rng.nextU64();
  EXPECT_EQ(value, 9981545732273789042ull);
}

TEST(DeterministicRandomTest, UniformIsTheTop53BitsOfTheRawOutput)
{
  DeterministicRandom a(42);
  DeterministicRandom b(42);
  for (int i = 0; i < 100; ++i) {
    const double u = a.uniform();
    EXPECT_EQ(u, static_cast<double>(b.nextU64() >> 11) / 9007199254740992.0);
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
  }
}

TEST(DeterministicRandomTest, NormalHasZeroMeanAndUnitVariance)
{
  DeterministicRandom rng(3);
  const int n = 200000;
  double sum = 0.0;
  double sumSquares = 0.0;
  int beyondTwoSigma = 0;
  for (int i = 0; i < n; ++i) {
    const double x = rng.normal();
    sum += x;
    sumSquares += x * x;
    beyondTwoSigma += std::abs(x) > 2.0 ? 1 : 0;
  }
  const double mean = sum / n;
  EXPECT_NEAR(mean, 0.0, 0.01);
  EXPECT_NEAR(sumSquares / n - mean * mean, 1.0, 0.02);
  // P(|X| > 2) = 4.55 % for a normal distribution.
  EXPECT_NEAR(static_cast<double>(beyondTwoSigma) / n, 0.0455, 0.003);
}

TEST(DeterministicRandomTest, UniformIntCoversItsInclusiveRange)
{
  DeterministicRandom rng(9);
  int counts[4] = {0, 0, 0, 0};
  for (int i = 0; i < 4000; ++i) {
    const int v = rng.uniformInt(2, 5);
    ASSERT_GE(v, 2);
    ASSERT_LE(v, 5);
    ++counts[v - 2];
  }
  for (const int c : counts)
    EXPECT_GT(c, 850);
}

TEST(DeterministicRandomTest, SameSeedSameSequenceAndDerivedSeedsDiffer)
{
  DeterministicRandom a(11);
  DeterministicRandom b(11);
  for (int i = 0; i < 50; ++i)
    EXPECT_EQ(a.normal(), b.normal());
  EXPECT_NE(DeterministicRandom::deriveSeed(1, 2, 3), DeterministicRandom::deriveSeed(1, 2, 4));
  EXPECT_NE(DeterministicRandom::deriveSeed(1, 2, 3), DeterministicRandom::deriveSeed(2, 2, 3));
  EXPECT_EQ(DeterministicRandom::deriveSeed(1, 2, 3), DeterministicRandom::deriveSeed(1, 2, 3));
}
