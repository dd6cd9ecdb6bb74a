#include "eval/QuantizerStatistics.h"

#include "quant/EncodingMath.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace quantlens {

namespace {

/// Visits every bin with its edges, middle and share of the values, in the
/// layout TensorStatistics documents: bin b holds [position − step/2,
/// position + step/2), so its middle is its position (AIMET's xLeft).
template <typename Visit>
void forEachBin(const TensorStatistics& statistics, Visit visit)
{
  if (!statistics.hasHistogram())
    return;
  const double half = 0.5 * static_cast<double>(statistics.binStep());
  for (std::size_t b = 0; b < statistics.histogram.size(); ++b) {
    const double middle = statistics.binPosition(b);
    visit(middle - half, middle, middle + half, statistics.histogram[b]);
  }
}

double sqnrDb(double signal, double noise)
{
  if (noise <= 0.0)
    return std::numeric_limits<double>::infinity();
  return 10.0 * std::log10(std::max(signal, std::numeric_limits<double>::min()) / noise);
}

} // namespace

double QuantizerStatistics::clippedFraction(const TensorStatistics& statistics, const Encoding& encoding)
{
  double total = 0.0;
  double clipped = 0.0;
  // A bin straddling a range end is not clipped: values exactly at 0 (a ReLU's
  // zeros) sit in a bin whose middle may be just below the range.
  forEachBin(statistics, [&](double lower, double, double upper, double share) {
    total += share;
    if (upper <= encoding.min || lower >= encoding.max)
      clipped += share;
  });
  return total > 0.0 ? clipped / total : 0.0;
}

void QuantizerStatistics::accumulateSqnr(const TensorStatistics& statistics, const Encoding& encoding, double& signal,
                                         double& noise)
{
  forEachBin(statistics, [&](double, double middle, double, double share) {
    const double error = middle - EncodingMath::quantizeDequantize(middle, encoding);
    signal += share * middle * middle;
    noise += share * error * error;
  });
}

std::vector<QuantizerStatistics::HistogramRow> QuantizerStatistics::coarseHistogram(const TensorStatistics& statistics,
                                                                                   double from, double to,
                                                                                   std::size_t rows)
{
  const std::size_t bins = statistics.histogram.size();
  const auto& shares = statistics.histogram;
  const auto nonEmpty = [](double share) { return share > 0.0; };
  const auto first = std::find_if(shares.begin(), shares.end(), nonEmpty);
  if (!statistics.hasHistogram() || first == shares.end() || rows == 0)
    return {};
  std::size_t begin = static_cast<std::size_t>(first - shares.begin());
  std::size_t end =
    bins - static_cast<std::size_t>(std::find_if(shares.rbegin(), shares.rend(), nonEmpty) - shares.rbegin());
  const double position = statistics.binPosition(0);
  const double width = statistics.binStep();
  if (!(width > 0.0))
    return {};
  const auto lowerEdge = [&](std::size_t b) { return static_cast<double>(statistics.binPosition(b)) - 0.5 * width; };
  // Bins holding the range ends, clamped into the histogram.
  const auto binAt = [&](double value) {
    const double bin = std::round((value - position) / width);
    return static_cast<std::size_t>(std::clamp(bin, 0.0, static_cast<double>(bins - 1)));
  };
  if (std::isfinite(from) && std::isfinite(to) && from <= to) {
    begin = std::min(begin, binAt(from));
    end = std::max(end, binAt(to) + 1);
  }
  const std::size_t span = end - begin;
  const std::size_t perRow = (span + rows - 1) / rows;
  std::vector<HistogramRow> result;
  for (std::size_t row = begin; row < end; row += perRow) {
    const std::size_t rowEnd = std::min(end, row + perRow);
    HistogramRow entry;
    entry.lower = lowerEdge(row);
    entry.upper = lowerEdge(rowEnd - 1) + width;
    for (std::size_t b = row; b < rowEnd; ++b)
      entry.count += shares[b];
    result.push_back(entry);
  }
  return result;
}

std::vector<QuantizerReport> QuantizerStatistics::report(const QuantSim& sim,
                                                         const std::vector<QuantizerSettings>& settings,
                                                         const EncodingTable& encodings)
{
  std::vector<QuantizerReport> reports;
  for (const auto& quantizer : sim.quantizers()) {
    const auto id = static_cast<std::size_t>(quantizer.id);
    QuantizerReport report;
    report.id = quantizer.id;
    report.name = quantizer.name;
    report.enabled = settings[id].enabled;
    report.bitwidth = settings[id].bitwidth;
    const bool parameter = quantizer.kind == QuantizerKind::Parameter;
    const std::vector<TensorStatistics> single{parameter ? TensorStatistics{} : sim.activationStatistics(quantizer.id)};
    const auto& statistics = parameter ? sim.parameterStatistics(quantizer.id, settings[id].perChannel) : single;
    if (parameter) {
      const auto& whole = sim.parameterStatistics(quantizer.id, false);
      report.distribution = whole.empty() ? TensorStatistics{} : whole.front();
    } else {
      report.distribution = single.front();
    }
    report.observedMin = std::numeric_limits<double>::infinity();
    report.observedMax = -std::numeric_limits<double>::infinity();
    for (const auto& channel : statistics) {
      report.observedMin = std::min(report.observedMin, channel.min);
      report.observedMax = std::max(report.observedMax, channel.max);
    }
    const auto& quantizerEncodings = encodings.empty() ? std::vector<Encoding>{} : encodings[id];
    report.channels = quantizerEncodings.size();
    const bool comparable = report.enabled && quantizerEncodings.size() == statistics.size() &&
                            quantizerEncodings.front().dtype == QuantDtype::Int;
    if (comparable) {
      double signal = 0.0, noise = 0.0, clipped = 0.0, total = 0.0;
      report.encodingMin = std::numeric_limits<double>::infinity();
      report.encodingMax = -std::numeric_limits<double>::infinity();
      for (std::size_t c = 0; c < statistics.size(); ++c) {
        report.encodingMin = std::min(report.encodingMin, quantizerEncodings[c].min);
        report.encodingMax = std::max(report.encodingMax, quantizerEncodings[c].max);
        accumulateSqnr(statistics[c], quantizerEncodings[c], signal, noise);
        const double count = static_cast<double>(statistics[c].count);
        clipped += clippedFraction(statistics[c], quantizerEncodings[c]) * count;
        total += count;
      }
      report.sqnrDb = sqnrDb(signal, noise);
      report.clippedFraction = total > 0.0 ? clipped / total : 0.0;
    }
    reports.push_back(report);
  }
  return reports;
}

} // namespace quantlens
