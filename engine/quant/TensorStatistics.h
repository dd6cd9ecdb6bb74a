#pragma once

#include <cstdint>
#include <vector>

namespace quantlens {

/// What calibration keeps per quantizer, so a new bitwidth or scheme gives
/// new encodings with no pass over data: the running min/max and a histogram.
/// The histogram's range is fixed by the first batch, widened 3× about its
/// centre (AIMET's TfEnhanced analyzer); later values outside it are dropped
/// from the histogram but still update min/max.
struct TensorStatistics
{
  static constexpr int kDefaultBins = 512;

  double min = 0.0;
  double max = 0.0;
  std::uint64_t count = 0;          ///< values observed; 0 = nothing observed yet
  double histogramMin = 0.0;
  double histogramMax = 0.0;
  std::vector<double> histogram;    ///< bin counts over [histogramMin, histogramMax]

  bool empty() const noexcept { return count == 0; }

  bool operator==(const TensorStatistics&) const = default;
};

} // namespace quantlens
