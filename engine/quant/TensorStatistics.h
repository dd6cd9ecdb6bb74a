#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace quantlens {

/// What calibration keeps per quantizer, so a new bitwidth or scheme gives
/// new encodings with no pass over data: AIMET's (libpymo, 1.24–1.31) two
/// statistics, filled by Calibrator::accumulate.
///
/// - Running min/max over every batch, all-zero batches included (tf).
/// - A histogram (tf_enhanced, percentile): AIMET's PDF. Its range is fixed
///   by the first batch that is not all zeros, widened 3× about that batch's
///   centre in float; later values outside it are dropped. Each bin holds the
///   running mean over batches of that batch's share of its values in the
///   bin (AIMET averages per-batch PDFs, every batch weighing the same
///   whatever its size), so the bins add up to at most 1.
///
/// Bin layout (AIMET's, and every reader of `histogram` assumes it): bin i
/// sits at binPosition(i) = histogramMin + i·step0 in float, step0 =
/// (histogramMax − histogramMin)/bins in float. A value x goes to bin
/// round(x/step − histogramMin/step) in float with step = binStep(), so bin i
/// holds the values in [binPosition(i) − step/2, binPosition(i) + step/2).
/// AIMET calls binPosition "xLeft"; its tf_enhanced cost treats it as the
/// left edge of the bin (a known half-bin shift Calibrator reproduces).
struct TensorStatistics
{
  static constexpr int kDefaultBins = 512;

  double min = 0.0;
  double max = 0.0;
  std::uint64_t count = 0;       ///< values observed, dropped ones included; 0 = nothing observed yet
  double histogramMin = 0.0;     ///< the widened range's low end, a float value
  double histogramMax = 0.0;     ///< its high end, a float value
  std::vector<double> histogram; ///< per bin: mean share of a batch's values; empty until a batch is not all zeros
  /// Batches averaged into `histogram` (AIMET's PDF iterations): the calls of
  /// Calibrator::accumulate since the one that set the range, that one included.
  /// 0 beside a histogram marks statistics of a QuantLens before this layout
  /// (summed bin counts); QuantSim::restoreCalibration refuses those.
  std::uint64_t histogramBatches = 0;

  bool empty() const noexcept { return count == 0; }
  bool hasHistogram() const noexcept { return histogram.size() >= 2; }

  /// AIMET's xLeft[i], the value bin i is centred on (see above).
  float binPosition(std::size_t i) const noexcept
  {
    const float low = static_cast<float>(histogramMin);
    const float initialStep = (static_cast<float>(histogramMax) - low) / static_cast<float>(histogram.size());
    return low + static_cast<float>(i) * initialStep;
  }
  /// The bin width AIMET bins and costs with: xLeft[1] − xLeft[0] in double,
  /// then float (a few ulps off step0). Needs at least two bins.
  float binStep() const noexcept
  {
    return static_cast<float>(static_cast<double>(binPosition(1)) - static_cast<double>(binPosition(0)));
  }

  bool operator==(const TensorStatistics&) const = default;
};

} // namespace quantlens
