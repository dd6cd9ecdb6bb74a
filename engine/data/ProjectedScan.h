#pragma once

#include "data/SensorConfig.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace quantlens {

/// A scan projected onto the range image: the network input and the maps back
/// to every point. Buffers are reused when the same object is projected into
/// again, so steady-state projection allocates nothing.
struct ProjectedScan
{
  int height = 0;
  int width = 0;

  /// Network input, planar C×H×W: range, x, y, z, remission, normalized by the
  /// sensor config's means and stds; exactly 0 at empty pixels.
  std::vector<float> input;
  /// Unnormalized range per pixel, -1 at empty pixels (KNN works on this).
  std::vector<float> range;
  /// Index of the point that owns each pixel (the closest), -1 when empty.
  std::vector<std::int32_t> pixelPoint;
  /// Per point: column u and row v of its pixel, -1 for points left out
  /// (non-finite coordinates or zero range).
  std::vector<std::int32_t> pointU;
  std::vector<std::int32_t> pointV;
  /// Per point: its range (distance to the sensor), NaN for points left out,
  /// so that no range-based statistic (distance bins) mistakes them for points
  /// at the sensor.
  std::vector<float> pointRange;
  /// Points left out of the projection (non-finite or at the sensor origin).
  std::size_t skippedPoints = 0;

  std::size_t pixelCount() const noexcept { return static_cast<std::size_t>(height) * width; }
  std::size_t pointCount() const noexcept { return pointU.size(); }
  bool isFilled(std::size_t pixel) const noexcept { return pixelPoint[pixel] >= 0; }
  /// Pixel index v·W+u of point i, or -1 when the point was left out.
  std::int64_t pointPixel(std::size_t i) const noexcept
  {
    return pointU[i] < 0 ? -1 : static_cast<std::int64_t>(pointV[i]) * width + pointU[i];
  }
};

} // namespace quantlens
