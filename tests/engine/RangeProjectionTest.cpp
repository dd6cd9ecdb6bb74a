#include "core/EngineError.h"
#include "data/RangeProjection.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

using namespace quantlens;

namespace {

/// A point at `range` metres, azimuth `yawDegrees` (0 = +x, 90 = +y) and
/// elevation `pitchDegrees`.
void appendPolar(PointCloud& points, double range, double yawDegrees, double pitchDegrees, float remission = 0.5f)
{
  const double yaw = yawDegrees * M_PI / 180.0, pitch = pitchDegrees * M_PI / 180.0;
  points.append(static_cast<float>(range * std::cos(pitch) * std::cos(yaw)),
                static_cast<float>(range * std::cos(pitch) * std::sin(yaw)),
                static_cast<float>(range * std::sin(pitch)), remission);
}

} // namespace

// Default sensor: 64×2048, fov 3° up, −25° down (28° in all).
// u = floor(0.5·(1 − yaw/π)·2048); v = floor((1 − (pitch + 25°)/28°)·64).
TEST(RangeProjection, HandPlacedPointsLandOnHandComputedPixels)
{
  PointCloud points;
  points.append(10, 0, 0, 0.5f);      // yaw 0, pitch 0: u 1024, v floor(3/28·64 = 6.86) = 6
  points.append(0, 10, 0, 0.5f);      // yaw +90° (left): u = 0.25·2048 = 512
  points.append(0, -10, 0, 0.5f);     // yaw −90° (right): u = 0.75·2048 = 1536
  points.append(-10, 0, 0, 0.5f);     // yaw 180°: u = 0
  appendPolar(points, 20, 0, -11.2);  // v = floor((1 − 13.8/28)·64 = 32.46) = 32
  appendPolar(points, 20, 0, 10.0);   // above the field of view: clamped to row 0
  appendPolar(points, 20, 0, -40.0);  // below: clamped to row 63
  appendPolar(points, 15, 45, -2.0);  // u = floor(0.5·(1 − 0.25)·2048) = 768, v = floor((1 − 23/28)·64 = 11.43) = 11

  const ProjectedScan projected = RangeProjection().project(points);
  const std::vector<std::pair<int, int>> expected = {{1024, 6}, {512, 6}, {1536, 6}, {0, 6},
                                                     {1024, 32}, {1024, 0}, {1024, 63}, {768, 11}};
  ASSERT_EQ(projected.pointCount(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(projected.pointU[i], expected[i].first) << "point " << i;
    EXPECT_EQ(projected.pointV[i], expected[i].second) << "point " << i;
  }
  EXPECT_FLOAT_EQ(projected.pointRange[0], 10.0f);
  EXPECT_EQ(projected.skippedPoints, 0u);
}

TEST(RangeProjection, ClosestPointWinsAndInputIsNormalized)
{
  PointCloud points;
  points.append(10, 0, 0, 0.9f); // far
  points.append(5, 0, 0, 0.3f);  // near, same pixel
  points.append(7, 0, 0, 0.1f);  // middle, same pixel
  const RangeProjection projection;
  const ProjectedScan projected = projection.project(points);
  const std::size_t pixel = 6 * 2048 + 1024;
  EXPECT_EQ(projected.pixelPoint[pixel], 1);
  EXPECT_FLOAT_EQ(projected.range[pixel], 5.0f);
  const auto& config = projection.config();
  const std::size_t plane = projected.pixelCount();
  EXPECT_FLOAT_EQ(projected.input[0 * plane + pixel], (5.0f - config.means[0]) / config.stds[0]);
  EXPECT_FLOAT_EQ(projected.input[1 * plane + pixel], (5.0f - config.means[1]) / config.stds[1]);
  EXPECT_FLOAT_EQ(projected.input[2 * plane + pixel], (0.0f - config.means[2]) / config.stds[2]);
  EXPECT_FLOAT_EQ(projected.input[4 * plane + pixel], (0.3f - config.means[4]) / config.stds[4]);
  // Every point still knows its pixel, winner or not.
  EXPECT_EQ(projected.pointPixel(0), static_cast<std::int64_t>(pixel));
}

TEST(RangeProjection, EmptyPixelsAreExactlyZeroAndMarkedEmpty)
{
  PointCloud points;
  points.append(10, 0, 0, 0.5f);
  const ProjectedScan projected = RangeProjection().project(points);
  std::size_t filled = 0;
  for (std::size_t pixel = 0; pixel < projected.pixelCount(); ++pixel) {
    if (projected.isFilled(pixel)) {
      ++filled;
      continue;
    }
    EXPECT_EQ(projected.range[pixel], -1.0f);
    for (int c = 0; c < SensorConfig::kChannels; ++c)
      ASSERT_EQ(projected.input[c * projected.pixelCount() + pixel], 0.0f);
  }
  EXPECT_EQ(filled, 1u);
}

TEST(RangeProjection, NonFiniteAndOriginPointsAreSkippedButStayAligned)
{
  PointCloud points;
  points.append(std::numeric_limits<float>::quiet_NaN(), 0, 0, 0.1f);
  points.append(0, 0, 0, 0.1f);
  points.append(10, 0, 0, 0.5f);
  points.append(1, std::numeric_limits<float>::infinity(), 0, 0.1f);
  const ProjectedScan projected = RangeProjection().project(points);
  EXPECT_EQ(projected.skippedPoints, 3u);
  ASSERT_EQ(projected.pointCount(), 4u);
  EXPECT_EQ(projected.pointU[0], -1);
  EXPECT_EQ(projected.pointU[1], -1);
  EXPECT_EQ(projected.pointU[2], 1024);
  EXPECT_EQ(projected.pointU[3], -1);
  EXPECT_EQ(projected.pointPixel(3), -1);
  // Left-out points have no range (not 0 m, which distance bins would count as near).
  EXPECT_TRUE(std::isnan(projected.pointRange[0]));
  EXPECT_TRUE(std::isnan(projected.pointRange[1]));
  EXPECT_FLOAT_EQ(projected.pointRange[2], 10.0f);
  EXPECT_TRUE(std::isnan(projected.pointRange[3]));

  std::vector<std::uint8_t> pixelLabels(projected.pixelCount(), 0);
  pixelLabels[static_cast<std::size_t>(projected.pointPixel(2))] = 9;
  std::vector<std::uint8_t> pointLabels;
  RangeProjection::unproject(projected, pixelLabels.data(), pointLabels, 255);
  EXPECT_EQ(pointLabels, (std::vector<std::uint8_t>{255, 255, 9, 255}));
}

TEST(RangeProjection, MatchesADoublePrecisionReimplementationAwayFromPixelEdges)
{
  SensorConfig config;
  config.height = 32;
  config.width = 512;
  config.fovUpDegrees = 10.0f;
  config.fovDownDegrees = -30.0f;
  const RangeProjection projection(config);
  std::mt19937 random(7);
  std::uniform_real_distribution<float> coordinate(-40.0f, 40.0f);
  PointCloud points;
  for (int i = 0; i < 5000; ++i)
    points.append(coordinate(random), coordinate(random), coordinate(random) / 8.0f, 0.2f);
  const ProjectedScan projected = projection.project(points);
  int compared = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double x = points.x(i), y = points.y(i), z = points.z(i);
    const double range = std::sqrt(x * x + y * y + z * z);
    const double u = 0.5 * (1.0 - std::atan2(y, x) / M_PI) * 512.0;
    const double v = (1.0 - (std::asin(z / range) + 30.0 * M_PI / 180.0) / (40.0 * M_PI / 180.0)) * 32.0;
    const bool nearEdge = std::abs(u - std::round(u)) < 1e-3 || std::abs(v - std::round(v)) < 1e-3;
    if (nearEdge)
      continue;
    ++compared;
    EXPECT_EQ(projected.pointU[i], std::clamp<int>(static_cast<int>(std::floor(u)), 0, 511)) << i;
    EXPECT_EQ(projected.pointV[i], std::clamp<int>(static_cast<int>(std::floor(v)), 0, 31)) << i;
  }
  EXPECT_GT(compared, 4900);
}

// The reference computes in float32 with libm's atan2 and asin; the projection
// uses a fast polynomial away from pixel edges. Pixels must be identical,
// including points exactly on pixel edges and straight above the sensor.
TEST(RangeProjection, IdenticalToAPlainFloat32LibmProjection)
{
  const RangeProjection projection;
  std::mt19937 random(11);
  std::uniform_real_distribution<float> coordinate(-60.0f, 60.0f);
  PointCloud points;
  for (int i = 0; i < 200000; ++i)
    points.append(coordinate(random), coordinate(random), coordinate(random) / 6.0f, 0.2f);
  // Points on exact azimuth edges (the axes, the diagonals) and on the sensor's vertical axis.
  for (float r : {0.5f, 3.0f, 70.0f}) {
    points.append(r, 0, 0, 0.1f);
    points.append(0, r, 0, 0.1f);
    points.append(-r, 0, 0, 0.1f);
    points.append(r, r, -0.3f * r, 0.1f);
    points.append(-r, -r, 0.02f * r, 0.1f);
    points.append(0, 0, r, 0.1f);
    points.append(0, 0, -r, 0.1f);
  }
  const ProjectedScan projected = projection.project(points);
  const float pi = static_cast<float>(M_PI);
  const float fovDown = -25.0f / 180.0f * pi;
  const float fov = 3.0f / 180.0f * pi - fovDown;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const float x = points.x(i), y = points.y(i), z = points.z(i);
    const float range = std::sqrt(x * x + y * y + z * z);
    const float u = std::floor(0.5f * (-std::atan2(y, x) / pi + 1.0f) * 2048.0f);
    const float v = std::floor((1.0f - (std::asin(z / range) - fovDown) / fov) * 64.0f);
    ASSERT_EQ(projected.pointU[i], static_cast<int>(std::clamp(u, 0.0f, 2047.0f))) << "point " << i;
    ASSERT_EQ(projected.pointV[i], static_cast<int>(std::clamp(v, 0.0f, 63.0f))) << "point " << i;
  }
}

TEST(RangeProjection, ReusesBuffersAcrossScans)
{
  const RangeProjection projection;
  ProjectedScan projected;
  PointCloud big, small;
  for (int i = 0; i < 100; ++i)
    big.append(5.0f + i, 1.0f, 0.0f, 0.1f);
  small.append(3.0f, 0.0f, 0.0f, 0.1f);
  projection.project(big, projected);
  const float* inputBuffer = projected.input.data();
  projection.project(small, projected);
  EXPECT_EQ(projected.input.data(), inputBuffer);
  EXPECT_EQ(projected.pointCount(), 1u);
  std::size_t filled = 0;
  for (std::size_t pixel = 0; pixel < projected.pixelCount(); ++pixel)
    filled += projected.isFilled(pixel) ? 1 : 0;
  EXPECT_EQ(filled, 1u);
}

TEST(RangeProjection, RejectsImpossibleSensorConfigs)
{
  SensorConfig config;
  config.fovUpDegrees = -30.0f;
  EXPECT_THROW(RangeProjection{config}, EngineError);
  config = {};
  config.height = 0;
  EXPECT_THROW(RangeProjection{config}, EngineError);
  config = {};
  config.stds[2] = 0.0f;
  EXPECT_THROW(RangeProjection{config}, EngineError);
}
