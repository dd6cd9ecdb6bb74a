#pragma once

#include "viewers/ViewCamera.h"

namespace quantlens {

/// Preset cameras for a LiDAR scan: the sensor at the origin, x forward,
/// y left, z up, units in metres.
enum class StandardView
{
  /// Behind and above the sensor, looking ahead along +x: what a driver sees.
  Driver,
  /// Bird's eye: straight down, x pointing up the screen.
  Top,
  /// From the right-hand side (-y), x pointing right, z up.
  Side,
};

/// The camera a standard view starts from.
ViewCamera standardCamera(StandardView view);

} // namespace quantlens
