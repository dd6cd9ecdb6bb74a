#include "data/SensorConfig.h"

#include "core/EngineError.h"

#include <cmath>

namespace quantlens {

void SensorConfig::validate() const
{
  if (height <= 0 || width <= 0)
    throw EngineError("sensor config: height and width must be positive (got " + std::to_string(height) + "x" +
                      std::to_string(width) + ")");
  if (!(fovUpDegrees > fovDownDegrees))
    throw EngineError("sensor config: fov_up (" + std::to_string(fovUpDegrees) + ") must be greater than fov_down (" +
                      std::to_string(fovDownDegrees) + ")");
  if (fovUpDegrees > 90.0f || fovDownDegrees < -90.0f)
    throw EngineError("sensor config: fov_up and fov_down must lie within [-90, 90] degrees");
  for (int c = 0; c < kChannels; ++c) {
    if (!std::isfinite(means[c]) || !std::isfinite(stds[c]) || !(stds[c] > 0.0f))
      throw EngineError("sensor config: channel " + std::to_string(c) +
                        " needs a finite mean and a positive std (img_stds)");
  }
}

} // namespace quantlens
