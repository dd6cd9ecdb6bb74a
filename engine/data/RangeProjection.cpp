#include "data/RangeProjection.h"

#include "core/EngineError.h"
#include "data/FastAngles.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace quantlens {

namespace {

constexpr float kPi = std::numbers::pi_v<float>;

float degreesToRadians(float degrees)
{
  return degrees / 180.0f * kPi;
}

/// floor for the bounded coordinates of a range image. std::floor is a libm
/// call on baseline x86-64 (no SSE4.1) and dominated the projection's cost.
std::int32_t floorToInt(float coordinate)
{
  const auto truncated = static_cast<std::int32_t>(coordinate);
  return truncated - (coordinate < static_cast<float>(truncated) ? 1 : 0);
}

/// floor, then clamp into [0, size - 1], as laserscan.py does.
std::int32_t toPixel(float coordinate, int size)
{
  return std::clamp(floorToInt(coordinate), 0, size - 1);
}

/// Whether a continuous pixel coordinate is within `margin` of a pixel edge,
/// where an approximate angle might floor to the neighbouring pixel.
bool nearPixelEdge(float coordinate, float margin)
{
  const float fraction = coordinate - static_cast<float>(floorToInt(coordinate));
  return fraction < margin || fraction > 1.0f - margin;
}

/// Maps angles to pixels in float32, like the reference's numpy float32
/// arrays: u = 0.5·(1 − atan2(y, x)/π)·W, v = (1 − (asin(z/r) − fov_down)/fov)·H.
/// The fast polynomial angle is used unless the point lies so close to a
/// pixel edge that its error could matter; then libm decides, as in the reference.
class PixelGrid
{
public:
  explicit PixelGrid(const SensorConfig& config)
    : width_(config.width)
    , height_(config.height)
    , fovDown_(degreesToRadians(config.fovDownDegrees))
    , fov_(degreesToRadians(config.fovUpDegrees) - fovDown_)
    // Pixels per radian times the angle error bound, doubled for float rounding in the formulas.
    , marginU_(2.0f * FastAngles::kMaxError * static_cast<float>(config.width) / (2.0f * kPi) + 1e-3f)
    , marginV_(2.0f * FastAngles::kMaxError * static_cast<float>(config.height) / fov_ + 1e-3f)
    , columnsPerRadian_(static_cast<float>(config.width) / (2.0f * kPi))
    , rowsPerRadian_(static_cast<float>(config.height) / fov_)
    , fovUp_(fovDown_ + fov_)
  {
  }

  std::int32_t column(float x, float y) const
  {
    if (x == 0.0f && y == 0.0f) // straight above or below: the polynomial's ratio is 0/0
      return toPixel(columnCoordinate(std::atan2(y, x)), width_);
    // Multiplications instead of the reference's divisions: the margin covers the rounding.
    const float fast = 0.5f * static_cast<float>(width_) - FastAngles::atan2(y, x) * columnsPerRadian_;
    return toPixel(nearPixelEdge(fast, marginU_) ? columnCoordinate(std::atan2(y, x)) : fast, width_);
  }

  std::int32_t row(float z, float horizontal, float range) const
  {
    if (horizontal == 0.0f)
      return toPixel(rowCoordinate(std::asin(z / range)), height_);
    const float fast = (fovUp_ - FastAngles::atan2(z, horizontal)) * rowsPerRadian_;
    return toPixel(nearPixelEdge(fast, marginV_) ? rowCoordinate(std::asin(z / range)) : fast, height_);
  }

private:
  float columnCoordinate(float atan2yx) const
  {
    const float yaw = -atan2yx;
    return 0.5f * (yaw / kPi + 1.0f) * static_cast<float>(width_);
  }
  float rowCoordinate(float pitch) const
  {
    return (1.0f - (pitch - fovDown_) / fov_) * static_cast<float>(height_);
  }

  int width_;
  int height_;
  float fovDown_;
  float fov_;
  float marginU_;
  float marginV_;
  float columnsPerRadian_;
  float rowsPerRadian_;
  float fovUp_;
};

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

  const PixelGrid grid(config_);
  const float* xyzr = points.xyzr.data();
  for (std::size_t i = 0; i < count; ++i, xyzr += PointCloud::kFloatsPerPoint) {
    const float x = xyzr[0], y = xyzr[1], z = xyzr[2];
    const float horizontal = std::sqrt(x * x + y * y);
    const float range = std::sqrt(x * x + y * y + z * z);
    if (!std::isfinite(range) || range <= 0.0f) {
      out.pointU[i] = out.pointV[i] = -1;
      out.pointRange[i] = std::numeric_limits<float>::quiet_NaN();
      ++out.skippedPoints;
      continue;
    }
    const std::int32_t u = grid.column(x, y);
    const std::int32_t v = grid.row(z, horizontal, range);
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
  // Multiplying by 1/std is within one float ulp of the reference's division, and much cheaper.
  float inverseStds[SensorConfig::kChannels];
  for (int c = 0; c < SensorConfig::kChannels; ++c)
    inverseStds[c] = 1.0f / config_.stds[c];
  float* channels[SensorConfig::kChannels];
  for (int c = 0; c < SensorConfig::kChannels; ++c)
    channels[c] = out.input.data() + c * pixels;
  for (std::size_t pixel = 0; pixel < pixels; ++pixel) {
    const std::int32_t point = out.pixelPoint[pixel];
    if (point < 0) {
      for (int c = 0; c < SensorConfig::kChannels; ++c)
        channels[c][pixel] = 0.0f;
      continue;
    }
    const float* xyzr = points.xyzr.data() + static_cast<std::size_t>(point) * PointCloud::kFloatsPerPoint;
    channels[0][pixel] = (out.range[pixel] - config_.means[0]) * inverseStds[0];
    for (int c = 1; c < SensorConfig::kChannels; ++c)
      channels[c][pixel] = (xyzr[c - 1] - config_.means[c]) * inverseStds[c];
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
