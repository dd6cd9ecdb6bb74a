#pragma once

#include <array>

namespace quantlens {

/// A view's camera as plain numbers, so views can be saved and synchronized
/// without their users seeing VTK. Units are those of the points (metres for
/// LiDAR scans); the view angle is the vertical field of view in degrees.
struct ViewCamera
{
  std::array<double, 3> position{ 0.0, 0.0, 0.0 };
  std::array<double, 3> focalPoint{ 0.0, 0.0, -1.0 };
  std::array<double, 3> viewUp{ 0.0, 1.0, 0.0 };
  double viewAngle = 30.0;

  friend bool operator==(const ViewCamera&, const ViewCamera&) = default;
};

} // namespace quantlens
