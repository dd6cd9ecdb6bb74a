#pragma once

#include <cstdint>
#include <vector>

namespace quantlens {

/// A float32 tensor crossing the engine's public API (no torch types there):
/// row-major values and their shape, e.g. {1, 5, 64, 2048}.
struct FloatTensor
{
  std::vector<std::int64_t> shape;
  std::vector<float> values;

  std::int64_t elementCount() const
  {
    std::int64_t count = 1;
    for (const auto extent : shape)
      count *= extent;
    return shape.empty() ? 0 : count;
  }
};

} // namespace quantlens
