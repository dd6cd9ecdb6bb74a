#include "core/EngineError.h"
#include "quant/EncodingMath.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>

namespace quantlens {
namespace {

/// Independent quantize-dequantize: nearest grid point found by comparing the
/// two neighbours, ties to the even grid index; no nearbyint.
double referenceQuantizeDequantize(double x, double scale, std::int64_t offset, int bitwidth, double min, double max)
{
  const double clamped = x < min ? min : (x > max ? max : x);
  const double v = clamped / scale - static_cast<double>(offset);
  const double below = std::floor(v);
  const double fraction = v - below;
  double q = below;
  if (fraction > 0.5 || (fraction == 0.5 && std::fmod(below, 2.0) != 0.0))
    q = below + 1.0;
  const double top = std::pow(2.0, bitwidth) - 1.0;
  q = q < 0.0 ? 0.0 : (q > top ? top : q);
  return scale * (q + static_cast<double>(offset));
}

Encoding handMadeGrid(int bitwidth, double scale, std::int64_t offset)
{
  Encoding e;
  e.bitwidth = bitwidth;
  e.scale = scale;
  e.offset = offset;
  e.min = scale * static_cast<double>(offset);
  e.max = e.min + scale * (std::pow(2.0, bitwidth) - 1.0);
  return e;
}

TEST(EncodingMathTest, AsymmetricWorkedNumbers8Bit)
{
  const Encoding e = EncodingMath::asymmetric(-1.0, 3.0, 8);
  EXPECT_EQ(e.bitwidth, 8);
  EXPECT_FALSE(e.symmetric);
  EXPECT_EQ(e.dtype, QuantDtype::Int);
  EXPECT_DOUBLE_EQ(e.scale, 0.01568627450980392);
  EXPECT_EQ(e.offset, -64);
  EXPECT_DOUBLE_EQ(e.min, -1.003921568627451);
  EXPECT_DOUBLE_EQ(e.max, 2.996078431372549);
}

TEST(EncodingMathTest, AsymmetricWorkedNumbers16Bit)
{
  const Encoding e = EncodingMath::asymmetric(-1.0, 3.0, 16);
  EXPECT_DOUBLE_EQ(e.scale, 6.103608758678569e-05);
  EXPECT_EQ(e.offset, -16384);
  EXPECT_DOUBLE_EQ(e.min, -16384 * 4.0 / 65535.0);
}

TEST(EncodingMathTest, SignedSymmetricWorkedNumbers)
{
  const Encoding e = EncodingMath::signedSymmetric(-0.5, 0.4, 8, false);
  EXPECT_TRUE(e.symmetric);
  EXPECT_DOUBLE_EQ(e.scale, 0.003937007874015748);
  EXPECT_EQ(e.offset, -128);
  EXPECT_DOUBLE_EQ(e.min, -0.5039370078740157);
  EXPECT_DOUBLE_EQ(e.max, 0.5);
  EXPECT_EQ(EncodingMath::gridSteps(e), 255);
}

TEST(EncodingMathTest, StrictAndFourBitSymmetric)
{
  const Encoding strict = EncodingMath::signedSymmetric(-0.5, 0.4, 8, true);
  EXPECT_EQ(strict.offset, -127);
  EXPECT_DOUBLE_EQ(strict.scale, 0.5 / 127.0);
  EXPECT_DOUBLE_EQ(strict.min, -0.5);
  EXPECT_DOUBLE_EQ(strict.max, 0.5);
  EXPECT_EQ(EncodingMath::gridSteps(strict), 254);

  const Encoding four = EncodingMath::signedSymmetric(-0.2, 0.7, 4, false);
  EXPECT_EQ(four.offset, -8);
  EXPECT_DOUBLE_EQ(four.scale, 0.1);
  EXPECT_DOUBLE_EQ(four.min, -0.8);
  EXPECT_DOUBLE_EQ(four.max, 0.7);
}

TEST(EncodingMathTest, UnsignedSymmetricAndDispatch)
{
  const Encoding u = EncodingMath::forQuantizer(0.5, 6.0, 8, true, true, false);
  EXPECT_TRUE(u.symmetric);
  EXPECT_EQ(u.offset, 0);
  EXPECT_DOUBLE_EQ(u.min, 0.0);
  EXPECT_DOUBLE_EQ(u.scale, 6.0 / 255.0);
  EXPECT_DOUBLE_EQ(u.max, 6.0);

  // Signed data with the unsigned flag still get the signed grid.
  const Encoding s = EncodingMath::forQuantizer(-0.5, 0.4, 8, true, true, false);
  EXPECT_EQ(s.offset, -128);
  EXPECT_DOUBLE_EQ(s.scale, 0.5 / 127.0);

  const Encoding strict = EncodingMath::forQuantizer(-0.5, 0.4, 8, true, false, true);
  EXPECT_EQ(strict.offset, -127);
  const Encoding a = EncodingMath::forQuantizer(-1.0, 3.0, 8, false, true, true);
  EXPECT_FALSE(a.symmetric);
  EXPECT_EQ(a.offset, -64);
}

TEST(EncodingMathTest, GatesHandleDegenerateAndOneSidedRanges)
{
  const Encoding zero = EncodingMath::asymmetric(0.0, 0.0, 8);
  EXPECT_DOUBLE_EQ(zero.scale, 0.01 / 255.0);
  EXPECT_EQ(zero.offset, 0);
  EXPECT_DOUBLE_EQ(zero.min, 0.0);
  EXPECT_DOUBLE_EQ(zero.max, 0.01);

  const Encoding positive = EncodingMath::asymmetric(2.0, 5.0, 8);
  EXPECT_EQ(positive.offset, 0);
  EXPECT_DOUBLE_EQ(positive.min, 0.0);
  EXPECT_DOUBLE_EQ(positive.max, 5.0);

  const Encoding negative = EncodingMath::asymmetric(-3.0, -1.0, 8);
  EXPECT_EQ(negative.offset, -255);
  EXPECT_DOUBLE_EQ(negative.scale, 3.0 / 255.0);
  EXPECT_DOUBLE_EQ(negative.min, -3.0);
  EXPECT_NEAR(negative.max, 0.0, 1e-15);

  const Encoding symmetricZero = EncodingMath::signedSymmetric(0.0, 0.0, 8, false);
  EXPECT_DOUBLE_EQ(symmetricZero.scale, 0.01 / 127.0);
  EXPECT_EQ(symmetricZero.offset, -128);
}

TEST(EncodingMathTest, InvariantsOverRandomRanges)
{
  std::mt19937 random(1234);
  std::uniform_real_distribution<double> bound(-50.0, 50.0);
  for (int trial = 0; trial < 2000; ++trial) {
    double a = bound(random);
    double b = bound(random);
    if (a > b)
      std::swap(a, b);
    for (int bitwidth : {2, 4, 8, 16, 32}) {
      for (int kind = 0; kind < 3; ++kind) {
        const Encoding e = kind == 0 ? EncodingMath::asymmetric(a, b, bitwidth)
                                     : EncodingMath::signedSymmetric(a, b, bitwidth, kind == 2);
        SCOPED_TRACE("range [" + std::to_string(a) + ", " + std::to_string(b) + "] bw " + std::to_string(bitwidth));
        EXPECT_LE(e.offset, 0);
        EXPECT_GT(e.scale, 0.0);
        EXPECT_DOUBLE_EQ(e.min, e.scale * static_cast<double>(e.offset));
        EXPECT_LE(e.min, 0.0);
        // max' = max − min + min' can land a few ulps below 0 for all-negative data.
        EXPECT_GE(e.max, -1e-12 * (e.max - e.min));
        const double steps = static_cast<double>(EncodingMath::gridSteps(e));
        EXPECT_NEAR(e.max - e.min, e.scale * steps, 1e-9 * (e.max - e.min));
        // Zero is exactly representable.
        EXPECT_EQ(EncodingMath::quantizeDequantize(0.0, e), 0.0);
        if (kind == 0) {
          const double gatedMin = std::min(a, 0.0);
          const double gatedMax = std::max(std::max(b, 0.0), gatedMin + 0.01);
          EXPECT_NEAR(e.max - e.min, gatedMax - gatedMin, 1e-12 * (gatedMax - gatedMin));
          EXPECT_LE(std::abs(e.min - gatedMin), e.scale / 2 + 1e-12);
        }
      }
    }
  }
}

TEST(EncodingMathTest, QuantizeDequantizeHandChecked)
{
  // Grid 0..7 with offset -4: values -4..3, step 1.
  const Encoding grid = handMadeGrid(3, 1.0, -4);
  EXPECT_EQ(EncodingMath::quantizeDequantize(0.5, grid), 0.0);   // tie: 4.5 → 4
  EXPECT_EQ(EncodingMath::quantizeDequantize(1.5, grid), 2.0);   // tie: 5.5 → 6
  EXPECT_EQ(EncodingMath::quantizeDequantize(-0.5, grid), 0.0);  // tie: 3.5 → 4
  EXPECT_EQ(EncodingMath::quantizeDequantize(-2.5, grid), -2.0); // tie: 1.5 → 2
  EXPECT_EQ(EncodingMath::quantizeDequantize(1.2, grid), 1.0);
  EXPECT_EQ(EncodingMath::quantizeDequantize(9.0, grid), 3.0);
  EXPECT_EQ(EncodingMath::quantizeDequantize(-9.0, grid), -4.0);

  const Encoding worked = EncodingMath::asymmetric(-1.0, 3.0, 8);
  EXPECT_DOUBLE_EQ(EncodingMath::quantizeDequantize(10.0, worked), 191.0 * 4.0 / 255.0);
  EXPECT_DOUBLE_EQ(EncodingMath::quantizeDequantize(-5.0, worked), -64.0 * 4.0 / 255.0);
  EXPECT_DOUBLE_EQ(EncodingMath::quantizeDequantize(1.0, worked), 64.0 * 4.0 / 255.0); // 63.75 → 64
}

TEST(EncodingMathTest, QuantizeDequantizeMatchesIndependentReference)
{
  std::mt19937 random(99);
  std::normal_distribution<double> value(0.0, 3.0);
  for (int bitwidth : {2, 4, 8, 16, 24}) {
    for (const Encoding& e : {EncodingMath::asymmetric(-2.0, 5.0, bitwidth),
                              EncodingMath::signedSymmetric(-4.0, 1.0, bitwidth, false),
                              EncodingMath::signedSymmetric(-4.0, 1.0, bitwidth, true),
                              EncodingMath::unsignedSymmetric(0.0, 3.0, bitwidth)}) {
      for (int i = 0; i < 2000; ++i) {
        const double x = value(random);
        EXPECT_EQ(EncodingMath::quantizeDequantize(x, e),
                  referenceQuantizeDequantize(x, e.scale, e.offset, e.bitwidth, e.min, e.max))
          << "x " << x << " bitwidth " << bitwidth;
      }
      // Grid points themselves are fixed points.
      for (std::int64_t q : {std::int64_t{0}, std::int64_t{1}, -e.offset}) {
        const double point = e.scale * static_cast<double>(q + e.offset);
        EXPECT_NEAR(EncodingMath::quantizeDequantize(point, e), point, 1e-12);
      }
    }
  }
}

TEST(EncodingMathTest, RejectsBitwidthOutsideTwoToThirtyTwo)
{
  for (int bitwidth : {0, 1, 33, -8}) {
    try {
      EncodingMath::asymmetric(-1.0, 1.0, bitwidth);
      ADD_FAILURE() << "bitwidth " << bitwidth << " accepted";
    } catch (const EngineError& error) {
      EXPECT_NE(std::string(error.what()).find(std::to_string(bitwidth)), std::string::npos) << error.what();
    }
    EXPECT_THROW(EncodingMath::signedSymmetric(-1.0, 1.0, bitwidth, false), EngineError);
  }
  EXPECT_NO_THROW(EncodingMath::asymmetric(-1.0, 1.0, 2));
  const Encoding wide = EncodingMath::asymmetric(-1.0, 3.0, 32);
  EXPECT_DOUBLE_EQ(wide.scale, 4.0 / 4294967295.0);
  EXPECT_EQ(wide.offset, -1073741824);
}

TEST(EncodingMathTest, ValidateGridRejectsUnusableEncodings)
{
  Encoding e = EncodingMath::asymmetric(-1.0, 3.0, 8);
  EXPECT_NO_THROW(EncodingMath::validateGrid(e));
  Encoding zeroScale = e;
  zeroScale.scale = 0.0;
  EXPECT_THROW(EncodingMath::validateGrid(zeroScale), EngineError);
  Encoding positiveOffset = e;
  positiveOffset.offset = 3;
  EXPECT_THROW(EncodingMath::validateGrid(positiveOffset), EngineError);
  EXPECT_THROW(EncodingMath::asymmetric(-1.0, std::nan(""), 8), EngineError);
}

} // namespace
} // namespace quantlens
