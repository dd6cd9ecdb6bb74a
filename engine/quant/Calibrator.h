#pragma once

#include "quant/Encoding.h"
#include "quant/QuantScheme.h"
#include "quant/TensorStatistics.h"

#include <cstddef>
#include <utility>

namespace quantlens {

/// Turns calibration statistics into an encoding with AIMET's schemes, from
/// the stored statistics alone (no pass over data):
/// - tf: the running min/max;
/// - tf_enhanced: AIMET's grid search (TfEnhancedEncodingAnalyzer) for the grid
///   with the lowest rounding + 3 × saturation squared error over the histogram;
/// - percentile p: the (1 − p/100) and p/100 quantiles of the histogram.
/// The chosen range then goes through EncodingMath like tf's.
///
/// Also the plain C++ observer that fills statistics (the tensor observer in
/// torchimpl/FakeQuantKernel follows the same rules and must give the same result).
class Calibrator
{
public:
  /// AIMET's weight of saturation error against rounding error in tf_enhanced.
  static constexpr double kSaturationWeight = 3.0;
  /// How much wider than the first batch's range the histogram is.
  static constexpr double kHistogramWidening = 3.0;

  /// Throws EngineError when the statistics are empty, the bitwidth is outside
  /// [2, 32] or a percentile is outside [50, 100]. A scheme that needs the
  /// histogram falls back to min/max when the statistics have none.
  static Encoding encoding(const TensorStatistics& statistics, const QuantScheme& scheme, int bitwidth, bool symmetric,
                           bool unsignedSymmetric, bool strictSymmetric);

  /// Adds a batch: running min/max and count; the first batch fixes the
  /// histogram range (histogramRange), later values outside it are left out of
  /// the histogram. Throws EngineError on NaN or infinite values.
  static void accumulate(TensorStatistics& statistics, const float* values, std::size_t count,
                         int bins = TensorStatistics::kDefaultBins);

  /// The histogram range a first batch with this min/max gets: 3× as wide,
  /// same centre; a zero-width batch gets a small range around its value.
  static std::pair<double, double> histogramRange(double batchMin, double batchMax);
  /// Bin of a value inside [low, high] (the top edge belongs to the last bin),
  /// computed as floor((value − low) · (bins / (high − low))) in double.
  static std::size_t binIndex(double value, double low, double high, int bins);

  /// The (min, max) the scheme picks, before EncodingMath's gates.
  static std::pair<double, double> tfEnhancedRange(const TensorStatistics& statistics, int bitwidth, bool symmetric,
                                                   bool unsignedSymmetric, bool strictSymmetric);
  static std::pair<double, double> percentileRange(const TensorStatistics& statistics, double percentile);
};

} // namespace quantlens
