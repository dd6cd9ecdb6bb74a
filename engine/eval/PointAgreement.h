#pragma once

#include "eval/ConfusionMatrix.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace quantlens {

/// How a variant's per-point labels differ from a reference variant's (e.g.
/// W4A8 vs FP32), independent of the ground truth.
struct PointAgreement
{
  std::size_t compared = 0;       ///< points compared (all, or those with GT != 0 when truth is given)
  std::size_t changed = 0;        ///< compared points whose label differs
  double changedFraction = 0.0;   ///< changed / compared (0 when nothing was compared)
  ConfusionMatrix between{20};    ///< rows = variant, columns = reference (compared points only)
  std::vector<std::uint32_t> flippedIndices;  ///< ascending point indices whose label changed

  /// Labels must be below classCount (truth is only tested for 0); throws
  /// EngineError naming the value and index otherwise, and for more points
  /// than a uint32 index can name.
  static PointAgreement compare(const std::uint8_t* variant, const std::uint8_t* reference, std::size_t count,
                                int classCount, const std::uint8_t* truth = nullptr /* when given, skip GT==0 points */);
};

} // namespace quantlens
