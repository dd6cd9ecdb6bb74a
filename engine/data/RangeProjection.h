#pragma once

#include "data/PointCloud.h"
#include "data/ProjectedScan.h"
#include "data/SensorConfig.h"

#include <cstdint>
#include <vector>

namespace quantlens {

/// The spherical projection of RangeNet++ / SalsaNext (semantic-kitti-api
/// laserscan.py), computed in float32 like the reference:
///   u = floor(0.5·(1 − atan2(y, x)/π)·W),  v = floor((1 − (asin(z/r) + |fov_down|)/fov)·H),
/// both clamped into the image. When several points fall on one pixel the
/// closest wins (ties: the lower point index), which is what the reference's
/// "write in order of decreasing range" achieves, without sorting.
/// Unlike the reference, the pixel won by point 0 is not treated as empty, and
/// the vertical field of view is fov_up − fov_down (the reference's
/// |fov_up| + |fov_down| is the same whenever fov_up ≥ 0 ≥ fov_down).
class RangeProjection
{
public:
  explicit RangeProjection(SensorConfig config = {}); ///< validates the config

  const SensorConfig& config() const noexcept { return config_; }

  ProjectedScan project(const PointCloud& points) const;
  /// Projects into `out`, reusing its buffers.
  void project(const PointCloud& points, ProjectedScan& out) const;

  /// Per-point labels from per-pixel labels (H×W): each point takes its own
  /// pixel's label; points left out of the projection get `fallback`.
  static void unproject(const ProjectedScan& projected, const std::uint8_t* pixelLabels,
                        std::vector<std::uint8_t>& pointLabels, std::uint8_t fallback = 0);

private:
  /// Writes the normalized 5-channel input of the pixels `out` has assigned.
  void fillInput(const PointCloud& points, ProjectedScan& out) const;

  SensorConfig config_;
};

} // namespace quantlens
