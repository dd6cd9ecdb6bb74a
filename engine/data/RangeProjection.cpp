#include "data/RangeProjection.h"

#include "core/EngineError.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace quantlens {

namespace {

constexpr float kPi = std::numbers::pi_v<float>;

float degreesToRadians(float degrees)
{
  return degrees / 180.0f * kPi;
}

/// floor, then clamp into [0, size - 1], as laserscan.py does.
std::int32_t toPixel(float coordinate, int size)
{
  const float floored = std::floor(coordinate);
  return static_cast<std::int32_t>(std::clamp(floored, 0.0f, static_cast<float>(size - 1)));
}

} // namespace

RangeProjection::RangeProjection(SensorConfig config)
  : config_(config)
{
  config_.validate();
}

ProjectedScan RangeProjection::project(const PointCloud& points) const
{
  ProjectedScan projected;
  project(points, projected);
  return projected;
}

void RangeProjection::project(const PointCloud& points, ProjectedScan& out) const
{
  const int height = config_.height;
  const int width = config_.width;
  const std::size_t pixels = static_cast<std::size_t>(height) * width;
  const std::size_t count = points.size();
  out.height = height;
  out.width = width;
  out.range.assign(pixels, -1.0f);
  out.pixelPoint.assign(pixels, -1);
  out.pointU.resize(count);
  out.pointV.resize(count);
  out.pointRange.resize(count);
  out.skippedPoints = 0;

  // float32 throughout, like the reference's numpy float32 arrays.
  const float fovDown = degreesToRadians(config_.fovDownDegrees);
  const float fov = degreesToRadians(config_.fovUpDegrees) - fovDown;
  const float* xyzr = points.xyzr.data();
  for (std::size_t i = 0; i < count; ++i, xyzr += PointCloud::kFloatsPerPoint) {
    const float x = xyzr[0], y = xyzr[1], z = xyzr[2];
    const float range = std::sqrt(x * x + y * y + z * z);
    if (!std::isfinite(range) || range <= 0.0f) {
      out.pointU[i] = out.pointV[i] = -1;
      out.pointRange[i] = 0.0f;
      ++out.skippedPoints;
      continue;
    }
    const float yaw = -std::atan2(y, x);
    const float pitch = std::asin(z / range);
    const std::int32_t u = toPixel(0.5f * (yaw / kPi + 1.0f) * static_cast<float>(width), width);
    const std::int32_t v = toPixel((1.0f - (pitch - fovDown) / fov) * static_cast<float>(height), height);
    out.pointU[i] = u;
    out.pointV[i] = v;
    out.pointRange[i] = range;
    // The closest point owns the pixel; on equal ranges the first one stays.
    const std::size_t pixel = static_cast<std::size_t>(v) * width + u;
    float& owner = out.range[pixel];
    if (owner < 0.0f || range < owner) {
      owner = range;
      out.pixelPoint[pixel] = static_cast<std::int32_t>(i);
    }
  }
  fillInput(points, out);
}

void RangeProjection::fillInput(const PointCloud& points, ProjectedScan& out) const
{
  const std::size_t pixels = out.pixelCount();
  out.input.resize(SensorConfig::kChannels * pixels);
  float* rangeChannel = out.input.data();
  for (std::size_t pixel = 0; pixel < pixels; ++pixel) {
    const std::int32_t point = out.pixelPoint[pixel];
    if (point < 0) {
      for (int c = 0; c < SensorConfig::kChannels; ++c)
        rangeChannel[c * pixels + pixel] = 0.0f;
      continue;
    }
    const float* xyzr = points.xyzr.data() + static_cast<std::size_t>(point) * PointCloud::kFloatsPerPoint;
    const float values[SensorConfig::kChannels] = {out.range[pixel], xyzr[0], xyzr[1], xyzr[2], xyzr[3]};
    for (int c = 0; c < SensorConfig::kChannels; ++c)
      rangeChannel[c * pixels + pixel] = (values[c] - config_.means[c]) / config_.stds[c];
  }
}

void RangeProjection::unproject(const ProjectedScan& projected, const std::uint8_t* pixelLabels,
                                std::vector<std::uint8_t>& pointLabels, std::uint8_t fallback)
{
  const std::size_t count = projected.pointCount();
  pointLabels.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::int64_t pixel = projected.pointPixel(i);
    pointLabels[i] = pixel < 0 ? fallback : pixelLabels[pixel];
  }
}

} // namespace quantlens
