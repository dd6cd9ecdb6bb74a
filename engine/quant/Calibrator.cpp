#include "quant/Calibrator.h"

#include "core/EngineError.h"
#include "quant/EncodingMath.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <tuple>
#include <vector>

namespace quantlens {

namespace {

struct Candidate
{
  double delta;
  double offset;
};

bool hasHistogram(const TensorStatistics& statistics)
{
  return !statistics.histogram.empty() && statistics.histogramMax > statistics.histogramMin &&
         std::accumulate(statistics.histogram.begin(), statistics.histogram.end(), 0.0) > 0.0;
}

/// AIMET's tf_enhanced cost of a grid: squared rounding error of the bins the
/// grid covers plus 3 × squared clipping error of the bins it saturates, each
/// bin represented by its midpoint and weighted by its count.
double gridCost(const TensorStatistics& statistics, const Candidate& candidate, double numSteps)
{
  const double low = candidate.delta * candidate.offset;
  const double high = low + candidate.delta * numSteps;
  const auto bins = statistics.histogram.size();
  const double binWidth = (statistics.histogramMax - statistics.histogramMin) / static_cast<double>(bins);
  double rounding = 0.0;
  double saturation = 0.0;
  for (std::size_t i = 0; i < bins; ++i) {
    const double count = statistics.histogram[i];
    if (count == 0.0)
      continue;
    const double mid = statistics.histogramMin + (static_cast<double>(i) + 0.5) * binWidth;
    if (mid < low || mid > high) {
      const double clipped = mid < low ? low : high;
      saturation += count * (mid - clipped) * (mid - clipped);
      continue;
    }
    const double q = std::nearbyint(mid / candidate.delta - candidate.offset);
    const double error = mid - candidate.delta * (q + candidate.offset);
    rounding += count * error * error;
  }
  return rounding + Calibrator::kSaturationWeight * saturation;
}

/// AIMET's _clampToObservedMinMax: a candidate grid that sticks out of the
/// observed range on one side is shrunk into it; one that covers it on both
/// sides is dropped (the plain min/max candidate already covers that case).
bool clampToObserved(double observedMin, double observedMax, double numSteps, Candidate& candidate)
{
  double testMin = candidate.delta * candidate.offset;
  double testMax = testMin + candidate.delta * numSteps;
  if (testMin < observedMin && testMax > observedMax)
    return false;
  testMin = std::max(observedMin, testMin);
  testMax = std::min(observedMax, testMax);
  if (!(testMax > testMin))
    return false;
  candidate.delta = (testMax - testMin) / numSteps;
  candidate.offset = std::round(testMin / candidate.delta);
  return true;
}

/// 17 deltas (1/16 … 17/16 of the min/max delta) × 21 offsets from −numSteps
/// to 0, plus the min/max grid itself. Unlike AIMET's C++ loop, which clamps
/// its delta in place so later offsets of the same row inherit the clamped
/// delta, every candidate here starts from its nominal delta.
std::vector<Candidate> asymmetricCandidates(double observedMin, double observedMax, double numSteps)
{
  const double observedDelta = (observedMax - observedMin) / numSteps;
  const double observedOffset = std::round(observedMin / observedDelta);
  observedMin = observedDelta * observedOffset;
  observedMax = observedMin + observedDelta * numSteps;

  std::vector<Candidate> candidates;
  for (int f = 1; f <= 17; ++f) {
    for (int i = 0; i <= 20; ++i) {
      // AIMET converts to int here: truncation toward zero.
      Candidate candidate{observedDelta * f / 16.0, std::trunc(-numSteps + numSteps / 20.0 * i)};
      if (clampToObserved(observedMin, observedMax, numSteps, candidate))
        candidates.push_back(candidate);
    }
  }
  candidates.push_back({observedDelta, observedOffset});
  return candidates;
}

/// 101 deltas (1/100 … 101/100 of the delta covering ±absmax), offset fixed.
std::vector<Candidate> symmetricCandidates(double deltaMax, double offset)
{
  std::vector<Candidate> candidates;
  for (int f = 1; f <= 101; ++f)
    candidates.push_back({deltaMax * f / 100.0, offset});
  return candidates;
}

/// The value below which `target` of the histogram's counts lie, linear
/// within its bin.
double histogramQuantile(const TensorStatistics& statistics, double target)
{
  const auto bins = statistics.histogram.size();
  const double binWidth = (statistics.histogramMax - statistics.histogramMin) / static_cast<double>(bins);
  double below = 0.0;
  for (std::size_t i = 0; i < bins; ++i) {
    const double count = statistics.histogram[i];
    if (count > 0.0 && below + count >= target) {
      const double fraction = std::clamp((target - below) / count, 0.0, 1.0);
      return statistics.histogramMin + (static_cast<double>(i) + fraction) * binWidth;
    }
    below += count;
  }
  return statistics.histogramMax;
}

} // namespace

Encoding Calibrator::encoding(const TensorStatistics& statistics, const QuantScheme& scheme, int bitwidth,
                              bool symmetric, bool unsignedSymmetric, bool strictSymmetric)
{
  if (statistics.empty())
    throw EngineError("quantizer has no calibration statistics: run calibration first");
  EncodingMath::validateBitwidth(bitwidth);
  std::pair<double, double> range{statistics.min, statistics.max};
  switch (scheme.kind) {
    case QuantScheme::Kind::Tf:
      break;
    case QuantScheme::Kind::TfEnhanced:
      range = tfEnhancedRange(statistics, bitwidth, symmetric, unsignedSymmetric, strictSymmetric);
      break;
    case QuantScheme::Kind::Percentile:
      range = percentileRange(statistics, scheme.percentile);
      break;
  }
  return EncodingMath::forQuantizer(range.first, range.second, bitwidth, symmetric, unsignedSymmetric,
                                    strictSymmetric);
}

std::pair<double, double> Calibrator::tfEnhancedRange(const TensorStatistics& statistics, int bitwidth,
                                                      bool symmetric, bool unsignedSymmetric, bool strictSymmetric)
{
  double numSteps = EncodingMath::stepCount(bitwidth);
  if (!hasHistogram(statistics))
    return {statistics.min, statistics.max};

  // The observed range: the data's own min/max where the histogram covers it
  // (AIMET takes the left edges of the outermost non-empty bins instead).
  double observedMin = std::max(statistics.min, statistics.histogramMin);
  double observedMax = std::min(statistics.max, statistics.histogramMax);
  observedMin = std::min(observedMin, 0.0);
  observedMax = std::max(observedMax, 0.0);
  observedMax = std::max(observedMax, observedMin + EncodingMath::kMinRange);

  const bool unsignedGrid = symmetric && unsignedSymmetric && observedMin == 0.0;
  if (symmetric && !unsignedGrid && strictSymmetric)
    numSteps -= 1.0;
  std::vector<Candidate> candidates;
  if (!symmetric) {
    candidates = asymmetricCandidates(observedMin, observedMax, numSteps);
  } else if (unsignedGrid) {
    candidates = symmetricCandidates(observedMax / numSteps, 0.0);
  } else {
    const double absMax = std::max(std::abs(observedMin), std::abs(observedMax));
    candidates = symmetricCandidates(2.0 * absMax / numSteps, std::floor(-numSteps / 2.0));
  }

  Candidate best = candidates.front();
  double bestCost = std::numeric_limits<double>::infinity();
  for (const Candidate& candidate : candidates) {
    const double cost = gridCost(statistics, candidate, numSteps);
    if (cost < bestCost) {
      bestCost = cost;
      best = candidate;
    }
  }

  // A range EncodingMath maps back onto the winning grid.
  if (symmetric && !unsignedGrid) {
    const double positiveSteps = std::floor(numSteps / 2.0);
    return {-positiveSteps * best.delta, positiveSteps * best.delta};
  }
  const double low = best.delta * best.offset;
  return {low, low + best.delta * numSteps};
}

std::pair<double, double> Calibrator::percentileRange(const TensorStatistics& statistics, double percentile)
{
  if (!(percentile >= 50.0 && percentile <= 100.0))
    throw EngineError("percentile " + std::to_string(percentile) + " is outside the valid range [50, 100]");
  if (percentile == 100.0 || !hasHistogram(statistics))
    return {statistics.min, statistics.max};
  const double total = std::accumulate(statistics.histogram.begin(), statistics.histogram.end(), 0.0);
  const double low = histogramQuantile(statistics, total * (1.0 - percentile / 100.0));
  const double high = histogramQuantile(statistics, total * (percentile / 100.0));
  return {std::clamp(low, statistics.min, statistics.max), std::clamp(high, statistics.min, statistics.max)};
}

std::pair<double, double> Calibrator::histogramRange(double batchMin, double batchMax)
{
  const double centre = 0.5 * (batchMin + batchMax);
  // A constant batch still needs bins wide enough to tell values apart.
  const double width = std::max(batchMax - batchMin, 1e-6 * std::max(1.0, std::abs(centre)));
  const double halfWidth = 0.5 * kHistogramWidening * width;
  return {centre - halfWidth, centre + halfWidth};
}

std::size_t Calibrator::binIndex(double value, double low, double high, int bins)
{
  const double scale = static_cast<double>(bins) / (high - low);
  const double position = std::floor((value - low) * scale);
  return static_cast<std::size_t>(std::clamp(position, 0.0, static_cast<double>(bins - 1)));
}

void Calibrator::accumulate(TensorStatistics& statistics, const float* values, std::size_t count, int bins)
{
  if (bins < 1)
    throw EngineError("histogram bin count " + std::to_string(bins) + " is not valid: it must be at least 1");
  if (count == 0)
    return;
  double batchMin = std::numeric_limits<double>::infinity();
  double batchMax = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < count; ++i) {
    const double value = values[i];
    if (!std::isfinite(value))
      throw EngineError("calibration data contains NaN or infinite values");
    batchMin = std::min(batchMin, value);
    batchMax = std::max(batchMax, value);
  }

  if (statistics.empty()) {
    statistics.min = batchMin;
    statistics.max = batchMax;
    std::tie(statistics.histogramMin, statistics.histogramMax) = histogramRange(batchMin, batchMax);
    statistics.histogram.assign(static_cast<std::size_t>(bins), 0.0);
  } else {
    statistics.min = std::min(statistics.min, batchMin);
    statistics.max = std::max(statistics.max, batchMax);
  }
  statistics.count += count;

  const auto histogramBins = static_cast<int>(statistics.histogram.size());
  if (histogramBins == 0)
    return;
  for (std::size_t i = 0; i < count; ++i) {
    const double value = values[i];
    if (value < statistics.histogramMin || value > statistics.histogramMax)
      continue;
    statistics.histogram[binIndex(value, statistics.histogramMin, statistics.histogramMax, histogramBins)] += 1.0;
  }
}

} // namespace quantlens
