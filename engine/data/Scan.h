#pragma once

#include "data/PointCloud.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace quantlens {

/// One scan of a sequence: its points and, when loaded, its raw labels.
/// A raw label packs the semantic label (lower 16 bits, a raw SemanticKITTI
/// id such as 40 = road) and the instance id (upper 16 bits).
struct Scan
{
  std::size_t index = 0;            ///< position in the sequence
  PointCloud points;
  std::vector<std::uint32_t> labels; ///< empty when loaded without labels
  std::size_t nonFinitePoints = 0;  ///< points with a NaN or infinite coordinate

  bool hasLabels() const noexcept { return !labels.empty(); }
  std::uint16_t semanticLabel(std::size_t i) const noexcept
  {
    return static_cast<std::uint16_t>(labels[i] & 0xFFFFu);
  }
  std::uint16_t instanceId(std::size_t i) const noexcept
  {
    return static_cast<std::uint16_t>(labels[i] >> 16);
  }

  static std::uint32_t packLabel(std::uint16_t semantic, std::uint16_t instance) noexcept
  {
    return static_cast<std::uint32_t>(semantic) | (static_cast<std::uint32_t>(instance) << 16);
  }
};

} // namespace quantlens
