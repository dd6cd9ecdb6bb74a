#pragma once

#include "data/PointCloud.h"

#include <QMetaType>

#include <cstdint>
#include <memory>
#include <vector>

namespace quantlens {

/// A scan prepared on the engine thread for display: its points, one RGB
/// color per point, and its class histogram. Shared read-only with the GUI.
struct LoadedScan
{
  int index = 0;
  PointCloud points;
  std::vector<std::uint8_t> colors;      ///< RGB, 3 per point
  std::vector<std::size_t> classCounts;  ///< points per training class; empty without labels
  bool hasLabels = false;
  std::size_t nonFinitePoints = 0;
};

using LoadedScanPtr = std::shared_ptr<const LoadedScan>;

} // namespace quantlens

Q_DECLARE_METATYPE(quantlens::LoadedScanPtr)
