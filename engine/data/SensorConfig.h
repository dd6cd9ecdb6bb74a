#pragma once

#include <array>
#include <string>

namespace quantlens {

/// The spherical projection and input normalization of a range-image network.
/// Defaults are the HDL-64E settings of RangeNet++ / SalsaNext (darknet21.yaml).
struct SensorConfig
{
  static constexpr int kChannels = 5; ///< range, x, y, z, remission

  int height = 64;
  int width = 2048;
  float fovUpDegrees = 3.0f;
  float fovDownDegrees = -25.0f;
  std::array<float, kChannels> means{12.12f, 10.88f, 0.23f, -1.04f, 0.21f};
  std::array<float, kChannels> stds{12.32f, 11.47f, 6.91f, 0.86f, 0.16f};

  /// Throws EngineError naming the first impossible field (e.g. fov_up <= fov_down).
  void validate() const;
};

} // namespace quantlens
