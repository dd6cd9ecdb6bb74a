#include "ScanColoring.h"

#include "data/LabelMap.h"
#include "data/Scan.h"

#include <algorithm>

namespace quantlens {

LoadedScan ScanColoring::prepare(Scan scan, const LabelMap& labels)
{
  LoadedScan loaded;
  loaded.index = static_cast<int>(scan.index);
  loaded.hasLabels = scan.hasLabels();
  loaded.nonFinitePoints = scan.nonFinitePoints;
  const std::size_t count = scan.points.size();
  loaded.colors.resize(3 * count);
  if (loaded.hasLabels) {
    loaded.classCounts.assign(static_cast<std::size_t>(labels.classCount()), 0);
    for (std::size_t i = 0; i < count; ++i) {
      const auto color = labels.rawLabelColor(scan.semanticLabel(i));
      std::copy(color.begin(), color.end(), loaded.colors.begin() + 3 * i);
      ++loaded.classCounts[labels.toTrainId(scan.labels[i])];
    }
  } else {
    for (std::size_t i = 0; i < count; ++i) {
      // Remission is mostly below 0.5: stretch it so the scan is not all dark.
      const float remission = std::clamp(scan.points.remission(i) * 2.0f, 0.0f, 1.0f);
      const auto gray = static_cast<std::uint8_t>(60.0f + 195.0f * remission);
      std::fill_n(loaded.colors.begin() + 3 * i, 3, gray);
    }
  }
  loaded.points = std::move(scan.points);
  return loaded;
}

} // namespace quantlens
