#pragma once

#include "model/QuantSim.h"

#include <string>
#include <vector>

namespace quantlens {

/// What the calibration data says about one quantizer under a variant: the
/// range it saw, the range its encoding covers, how much of the data falls
/// outside (clipped), and the signal-to-quantization-noise ratio.
struct QuantizerReport
{
  int id = -1;
  std::string name;
  bool enabled = false;
  int bitwidth = 0;
  std::size_t channels = 0;       ///< encodings (1, or one per channel)
  double observedMin = 0.0;
  double observedMax = 0.0;
  double encodingMin = 0.0;       ///< over all channels
  double encodingMax = 0.0;
  double clippedFraction = 0.0;   ///< of the histogram's values outside the encoding range
  double sqnrDb = 0.0;            ///< 10·log10(Σx² / Σ(x − q(x))²) over the histogram; +inf when lossless
  /// The values' statistics and histogram: an activation's calibration
  /// statistics, or a weight's per-tensor statistics (all channels together).
  TensorStatistics distribution;
};

/// Per-quantizer statistics from calibration histograms: no data pass. Values
/// are represented by their histogram bin midpoints, so SQNR is an estimate of
/// the quantizer's own error on its calibration data (not the network's).
class QuantizerStatistics
{
public:
  static std::vector<QuantizerReport> report(const QuantSim& sim, const std::vector<QuantizerSettings>& settings,
                                             const EncodingTable& encodings);

  /// Fraction of histogram counts in bins lying entirely outside [encoding.min, encoding.max].
  static double clippedFraction(const TensorStatistics& statistics, const Encoding& encoding);

  /// Signal and noise power of quantizing the histogram's midpoints with `encoding`.
  static void accumulateSqnr(const TensorStatistics& statistics, const Encoding& encoding, double& signal,
                             double& noise);

  /// Sums the histogram into `rows` groups of whole bins over the bins that
  /// matter: from the first to the last non-empty bin, widened to take in
  /// [from, to] (the encoding range) where the histogram reaches it. Each row's
  /// edges are bin edges, so counts are exact. Empty for an empty histogram;
  /// fewer rows when there are fewer bins.
  struct HistogramRow
  {
    double lower = 0.0;
    double upper = 0.0;
    double count = 0.0;
  };
  static std::vector<HistogramRow> coarseHistogram(const TensorStatistics& statistics, double from, double to,
                                                   std::size_t rows);
};

} // namespace quantlens
