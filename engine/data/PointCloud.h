#pragma once

#include <cstddef>
#include <vector>

namespace quantlens {

/// A LiDAR scan's points, stored exactly as in a SemanticKITTI .bin file:
/// interleaved float32 x, y, z, remission. One buffer, read in one call,
/// never one allocation per point.
struct PointCloud
{
  static constexpr std::size_t kFloatsPerPoint = 4;

  std::vector<float> xyzr;

  std::size_t size() const noexcept { return xyzr.size() / kFloatsPerPoint; }
  bool empty() const noexcept { return xyzr.empty(); }

  float x(std::size_t i) const noexcept { return xyzr[i * kFloatsPerPoint]; }
  float y(std::size_t i) const noexcept { return xyzr[i * kFloatsPerPoint + 1]; }
  float z(std::size_t i) const noexcept { return xyzr[i * kFloatsPerPoint + 2]; }
  float remission(std::size_t i) const noexcept { return xyzr[i * kFloatsPerPoint + 3]; }

  void append(float px, float py, float pz, float premission)
  {
    xyzr.insert(xyzr.end(), {px, py, pz, premission});
  }
};

} // namespace quantlens
