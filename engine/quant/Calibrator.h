#pragma once

#include "quant/Encoding.h"
#include "quant/QuantScheme.h"
#include "quant/TensorStatistics.h"

#include <cstddef>
#include <utility>

namespace quantlens {

/// Turns calibration statistics into an encoding with AIMET's schemes, from
/// the stored statistics alone (no pass over data), as AIMET 1.24–1.31's
/// libpymo does for aimet_torch v1 (TfEncodingAnalyzer and
/// TfEnhancedEncodingAnalyzer with float arithmetic):
/// - tf: the running min/max through EncodingMath (quantization_utils);
/// - tf_enhanced: the grid search over the histogram for the grid with the
///   lowest rounding + 3 × saturation squared error; its winner is the
///   encoding (scale, offset, min = scale·offset, max = min + scale·steps);
/// - percentile p: the (1 − p/100) and p/100 quantiles of the histogram,
///   then EncodingMath like tf.
/// Offsets round half away from zero, as libpymo does.
///
/// Also the plain C++ observer that fills statistics; the tensor observer in
/// torchimpl/FakeQuantKernel hands its values to it.
class Calibrator
{
public:
  /// AIMET's weight of saturation error against rounding error in tf_enhanced.
  static constexpr float kSaturationWeight = 3.0f;
  /// How much wider than the first batch's range the histogram is.
  static constexpr float kHistogramWidening = 3.0f;

  /// Throws EngineError when the statistics are empty, the bitwidth is outside
  /// [2, 32] or a percentile is outside [50, 100]. When only all-zero batches
  /// were seen, the histogram schemes give AIMET's encoding for that case
  /// (min −1, max 1 mapped onto the grid, offset −2^(b−1)); when the
  /// histogram could not be built for other data (a range float cannot bin)
  /// they fall back to tf.
  static Encoding encoding(const TensorStatistics& statistics,
                           const QuantScheme& scheme,
                           int bitwidth,
                           bool symmetric,
                           bool unsignedSymmetric,
                           bool strictSymmetric);

  /// Adds one batch (one call is one AIMET updateStats, i.e. one calibration
  /// pass): running min/max and count always; the histogram as described in
  /// TensorStatistics (an all-zero batch before the first other one leaves it
  /// alone). Throws EngineError on NaN or infinite values, or fewer than 2 bins,
  /// and then leaves the statistics unchanged.
  static void accumulate(TensorStatistics& statistics,
                         const float* values,
                         std::size_t count,
                         int bins = TensorStatistics::kDefaultBins);

  /// The histogram range a first batch with this min/max gets: AIMET's, in
  /// float — a zero-width batch is first given max = min + 0.01, then the
  /// range is widened 3× about its centre.
  static std::pair<float, float> histogramRange(float batchMin, float batchMax);
  /// The bin AIMET's binning puts `value` in, or −1 when it falls outside the
  /// histogram (dropped). Needs a histogram with at least two bins.
  static int binIndex(const TensorStatistics& statistics, float value);

  /// AIMET's tf_enhanced encoding from the histogram. Throws EngineError when
  /// the statistics have no histogram.
  static Encoding tfEnhancedEncoding(const TensorStatistics& statistics,
                                     int bitwidth,
                                     bool symmetric,
                                     bool unsignedSymmetric,
                                     bool strictSymmetric);
  /// The (min, max) percentile p picks, before EncodingMath's gates: linear
  /// within the bin where the cumulative share reaches the target (bins as
  /// TensorStatistics lays them out), clamped into the observed min/max.
  static std::pair<double, double> percentileRange(const TensorStatistics& statistics, double percentile);
};

} // namespace quantlens
