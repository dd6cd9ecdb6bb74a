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
  double clippedFraction = 0.0; ///< of the histogram's values outside the encoding range (channels weighted by size)
  double sqnrDb = 0.0;          ///< 10·log10(Σ p·x² / Σ p·(x − q(x))²) over the histogram; +inf when lossless
  /// The values' statistics and histogram: an activation's calibration
  /// statistics, or a weight's per-tensor statistics (all channels together).
  TensorStatistics distribution;
};

/// Per-quantizer statistics from calibration histograms: no data pass. Values
/// are represented by their histogram bin middles (bins laid out as
/// TensorStatistics says) weighted by the bin's share, so SQNR is an estimate
/// of the quantizer's own error on its calibration data (not the network's).
/// The histogram averages per-batch shares (AIMET's PDF), so every batch
/// weighs the same, and values outside its range (fixed by the first batch)
/// are not in it.
class QuantizerStatistics
{
public:
  static std::vector<QuantizerReport> report(const QuantSim& sim, const std::vector<QuantizerSettings>& settings,
                                             const EncodingTable& encodings);

  /// The histogram's share in bins lying entirely outside [encoding.min,
  /// encoding.max], over the histogram's whole share (values it dropped left out).
  static double clippedFraction(const TensorStatistics& statistics, const Encoding& encoding);

  /// Signal and noise power, weighted by share, of quantizing the histogram's bin middles with `encoding`.
  static void accumulateSqnr(const TensorStatistics& statistics, const Encoding& encoding, double& signal,
                             double& noise);

  /// Sums the histogram into `rows` groups of whole bins over the bins that
  /// matter: from the first to the last non-empty bin, widened to take in
  /// [from, to] (the encoding range) where the histogram reaches it. Each row's
  /// edges are bin edges, so its share is exact. Empty for an empty histogram;
  /// fewer rows when there are fewer bins.
  struct HistogramRow
  {
    double lower = 0.0;
    double upper = 0.0;
    double count = 0.0; ///< the rows' share of the values (the histogram's bins summed), not a count
  };
  static std::vector<HistogramRow> coarseHistogram(const TensorStatistics& statistics, double from, double to,
                                                   std::size_t rows);
};

} // namespace quantlens
