#include "quant/Calibrator.h"

#include "core/EngineError.h"
#include "quant/EncodingMath.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

// Bit-exactness with libpymo rests on every operation below being one IEEE
// operation in the type written: float where AIMET's analyzer computes in its
// DTYPE (float for aimet_torch), double where it converts to double. The build
// targets plain x86-64 SSE (no FMA), so nothing is contracted or kept in
// wider registers.

namespace quantlens {

namespace {

/// AIMET's MIN_RANGE as the analyzer uses it, cast to float.
constexpr float kMinRange = 0.01f;

/// One grid the tf_enhanced search tries: AIMET's (delta, offset) pair.
struct Grid
{
  float delta;
  std::int64_t offset;
};

/// libpymo converts float results to int with round() (half away from zero).
/// Offsets are held in 64 bits: AIMET's int would overflow at 32-bit grids.
std::int64_t roundedOffset(float value)
{
  return static_cast<std::int64_t>(std::round(value));
}

/// acc += weight · difference², as AIMET's float cost sums do: the square and
/// the product in double (pow(float, 2) promotes, and is exact), the sum
/// stored back in float.
float addWeightedSquare(float accumulated, double weight, float difference)
{
  const double d = static_cast<double>(difference);
  return static_cast<float>(static_cast<double>(accumulated) + weight * (d * d));
}

/// floor((value − start)/step) as a bin of the histogram, clamped into it.
/// Clamping in float first keeps out-of-range values from overflowing int
/// (AIMET converts first; NaN, where its conversion gives INT_MIN, becomes 0
/// here too).
std::size_t clampedBin(float position, std::size_t bins)
{
  if (!(position > 0.0f))
    return 0;
  if (position >= static_cast<float>(bins - 1))
    return bins - 1;
  return static_cast<std::size_t>(position);
}

/// AIMET's _findRangeOfAggregateStats: the positions of the outermost
/// non-empty bins (the top one's too is its xLeft, not its right end), gated
/// to contain 0 and to be at least MIN_RANGE wide.
std::pair<float, float> observedRange(const TensorStatistics& statistics)
{
  const auto& pdf = statistics.histogram;
  const std::size_t bins = pdf.size();
  float low = statistics.binPosition(0);
  float high = statistics.binPosition(bins - 1);
  for (std::size_t i = 0; i < bins; ++i) {
    if (pdf[i] > 0.0) {
      low = statistics.binPosition(i);
      break;
    }
  }
  for (std::size_t i = bins - 1; i > 0; --i) {
    if (pdf[i] > 0.0) {
      high = statistics.binPosition(i);
      break;
    }
  }
  low = std::min(low, 0.0f);
  high = std::max(high, 0.0f);
  high = std::max(high, low + kMinRange);
  return { low, high };
}

/// AIMET's _quantAndSatCost: the rounding error of the bins inside the grid
/// plus 3 × the clipping error of the bins outside, each bin represented by
/// its AIMET midpoint xLeft + step/2 and weighted by its share. The grid's top
/// is always delta·(2^bw − 1) above its bottom, strict grids included, as in
/// AIMET. The bin holding the grid's top counts as saturated (zero error).
float gridCost(const TensorStatistics& statistics, float fullSteps, const Grid& grid)
{
  const auto& pdf = statistics.histogram;
  const std::size_t bins = pdf.size();
  const float offset = static_cast<float>(grid.offset);
  const float low = grid.delta * offset;
  const float high = grid.delta * fullSteps + low;
  const float start = statistics.binPosition(0);
  const float step = statistics.binStep();
  const auto middle = [&](std::size_t i) { return start + static_cast<float>(i) * step + step / 2.0f; };
  const std::size_t lowBin = clampedBin(std::floor((low - start) / step), bins);
  const std::size_t highBin = clampedBin(std::floor((high - start) / step), bins);

  float saturatedBelow = 0.0f;
  const float lowMiddle = middle(lowBin);
  for (std::size_t i = 0; i < lowBin; ++i)
    saturatedBelow = addWeightedSquare(saturatedBelow, pdf[i], middle(i) - lowMiddle);
  float saturatedAbove = 0.0f;
  const float highMiddle = middle(highBin);
  for (std::size_t i = highBin; i < bins; ++i)
    saturatedAbove = addWeightedSquare(saturatedAbove, pdf[i], middle(i) - highMiddle);
  float rounding = 0.0f;
  for (std::size_t i = lowBin; i < highBin; ++i) {
    const float value = middle(i);
    const float level = std::round(value / grid.delta - offset);
    // AIMET adds the int level and offset exactly, then converts once.
    const float dequantized =
      grid.delta * static_cast<float>(static_cast<double>(level) + static_cast<double>(grid.offset));
    rounding = addWeightedSquare(rounding, pdf[i], value - dequantized);
  }
  return Calibrator::kSaturationWeight * (saturatedBelow + saturatedAbove) + rounding;
}

/// AIMET's _clampToObservedMinMax: a grid that sticks out of the observed
/// range on one side is shrunk into it (delta and offset recomputed in place,
/// and the caller carries the delta on); one that covers it on both sides is
/// rejected. A grid that lay wholly outside the range is left with no width:
/// delta becomes 0, as in AIMET, which keeps such a grid too (its offset then
/// comes from 0/0). QuantLens drops it: every value clips to 0 on it, so it
/// could only win where all values sit in the bin of 0, and its zero scale
/// could not be used.
bool clampToObserved(float observedLow, float observedHigh, float numSteps, float& delta, std::int64_t& offset)
{
  float testLow = delta * static_cast<float>(offset);
  float testHigh = testLow + delta * numSteps;
  if (testLow < observedLow && testHigh > observedHigh)
    return false;
  testLow = std::max(observedLow, testLow);
  testHigh = std::min(observedHigh, testHigh);
  delta = (testHigh - testLow) / numSteps;
  if (!(delta > 0.0f) || !std::isfinite(delta))
    return false;
  offset = roundedOffset(testLow / delta);
  return true;
}

/// AIMET's _pickTestCandidatesAsymmetric: 17 deltas (1/16 … 17/16 of the
/// observed grid's) × 21 offsets from −numSteps to 0, each clamped into the
/// observed range, then the observed grid itself. As in AIMET 1.2x, the
/// clamped delta carries on to the next offsets of the same row: the delta is
/// set once per row, not once per candidate.
std::vector<Grid> asymmetricGrids(float observedLow, float observedHigh, float numSteps)
{
  const float observedDelta = (observedHigh - observedLow) / numSteps;
  const std::int64_t observedOffset = roundedOffset(observedLow / observedDelta);
  observedLow = observedDelta * static_cast<float>(observedOffset);
  observedHigh = observedLow + observedDelta * numSteps;

  std::vector<Grid> grids;
  for (int sixteenths = 1; sixteenths <= 17; ++sixteenths) {
    float delta = static_cast<float>(sixteenths) / 16.0f * observedDelta;
    for (int i = 0; i <= 20; ++i) {
      // AIMET computes this in double and converts to int (truncation):
      // -255, -242, -229, … , -12, 0 at 8 bit.
      std::int64_t offset = static_cast<std::int64_t>(static_cast<double>(-numSteps) +
                                                      static_cast<double>(numSteps) / 20.0 * static_cast<double>(i));
      if (clampToObserved(observedLow, observedHigh, numSteps, delta, offset))
        grids.push_back({ delta, offset });
    }
  }
  grids.push_back({ observedDelta, observedOffset });
  return grids;
}

/// AIMET's _pickTestCandidatesSymmetric: fixed offset −floor(numSteps/2)
/// rounded down (−128 at 8 bit, −127 strict), or 0 for data with min 0 when
/// unsigned symmetric is on, and deltas f·deltaMax for f = 0.01, 0.02, … summed
/// in float, which gives 101 values (the last 1.0099994) where exact steps
/// would give 100.
std::vector<Grid> symmetricGrids(float low, float high, float numSteps, bool unsignedSymmetric)
{
  float deltaMax = 0.0f;
  std::int64_t offset = 0;
  if (low == 0.0f && unsignedSymmetric) {
    deltaMax = high / numSteps;
  } else {
    const float absMax = std::max(std::abs(high), std::abs(low));
    deltaMax = (2.0f * absMax) / numSteps;
    offset = static_cast<std::int64_t>(std::floor(-numSteps / 2.0f));
  }
  std::vector<Grid> grids;
  for (float f = static_cast<float>(1.0 / 100); static_cast<double>(f) <= 1.0 + 1.0 / 100;
       f = static_cast<float>(static_cast<double>(f) + 1.0 / 100))
    grids.push_back({ f * deltaMax, offset });
  return grids;
}

/// AIMET's encoding when updateStats only ever saw zeros (its histogram never
/// started): [−1, 1] mapped onto the grid, offset floor(−1/delta), in double.
/// tf_enhanced uses 2^bw − 1 steps even for strict grids; percentile one less
/// there.
Encoding allZeroEncoding(int bitwidth, bool symmetric, double numSteps)
{
  Encoding encoding;
  encoding.bitwidth = bitwidth;
  encoding.symmetric = symmetric;
  encoding.scale = 2.0 / numSteps;
  const double offset = std::floor(-1.0 / encoding.scale);
  encoding.offset = static_cast<std::int64_t>(offset);
  encoding.min = offset * encoding.scale;
  encoding.max = encoding.min + numSteps * encoding.scale;
  return encoding;
}

/// AIMET's binning: round(value/step − offset) in float, half away from zero,
/// with offset = xLeft[0]/step; −1 for a value outside the bins (AIMET drops
/// it). Comparing in float before converting keeps far values from
/// overflowing int; −0 (just below the first position) is bin 0, as AIMET's
/// int conversion makes it.
int aimetBin(float value, float step, float offset, std::size_t bins)
{
  const float bin = std::round(value / step - offset);
  if (!(bin >= 0.0f && bin < static_cast<float>(bins)))
    return -1;
  return static_cast<int>(bin);
}

bool onlyZerosSeen(const TensorStatistics& statistics)
{
  return statistics.min == 0.0 && statistics.max == 0.0;
}

/// The value below which `target` of the histogram's mass lies, linear within
/// the bin [position − step/2, position + step/2) where it is reached.
double histogramQuantile(const TensorStatistics& statistics, double target)
{
  const auto& pdf = statistics.histogram;
  const double step = statistics.binStep();
  double below = 0.0;
  for (std::size_t i = 0; i < pdf.size(); ++i) {
    if (pdf[i] > 0.0 && below + pdf[i] >= target) {
      const double fraction = std::clamp((target - below) / pdf[i], 0.0, 1.0);
      return static_cast<double>(statistics.binPosition(i)) + (fraction - 0.5) * step;
    }
    below += pdf[i];
  }
  return static_cast<double>(statistics.binPosition(pdf.size() - 1)) + 0.5 * step;
}

/// AIMET's first updateStats with data that are not all zeros: sets the range
/// and the bins. False, with nothing changed, for an all-zero batch (AIMET
/// waits for the next) and for a range float cannot bin (values so large
/// that the widened range overflows, or a constant so large that 0.01 and the
/// bins vanish next to it: AIMET would divide by a zero bin width there).
bool startHistogram(TensorStatistics& statistics, float batchMin, float batchMax, int bins)
{
  if (batchMin == 0.0f && batchMax == 0.0f)
    return false;
  const auto [low, high] = Calibrator::histogramRange(batchMin, batchMax);
  if (!std::isfinite(low) || !std::isfinite(high) || !(high > low))
    return false;
  TensorStatistics started = statistics;
  started.histogramMin = low;
  started.histogramMax = high;
  started.histogram.assign(static_cast<std::size_t>(bins), 0.0);
  started.histogramBatches = 0;
  const float step = started.binStep();
  if (!(step > 0.0f) || !std::isfinite(step) || !std::isfinite(started.binPosition(0) / step))
    return false;
  statistics = std::move(started);
  return true;
}

} // namespace

Encoding Calibrator::encoding(const TensorStatistics& statistics,
                              const QuantScheme& scheme,
                              int bitwidth,
                              bool symmetric,
                              bool unsignedSymmetric,
                              bool strictSymmetric)
{
  if (statistics.empty())
    throw EngineError("quantizer has no calibration statistics: run calibration first");
  EncodingMath::validateBitwidth(bitwidth);
  const double numSteps = EncodingMath::stepCount(bitwidth);
  switch (scheme.kind) {
    case QuantScheme::Kind::Tf:
      break;
    case QuantScheme::Kind::TfEnhanced:
      if (statistics.hasHistogram())
        return tfEnhancedEncoding(statistics, bitwidth, symmetric, unsignedSymmetric, strictSymmetric);
      if (onlyZerosSeen(statistics))
        return allZeroEncoding(bitwidth, symmetric, numSteps);
      break;
    case QuantScheme::Kind::Percentile: {
      const auto range = percentileRange(statistics, scheme.percentile);
      if (!statistics.hasHistogram() && onlyZerosSeen(statistics))
        return allZeroEncoding(bitwidth, symmetric, numSteps - (symmetric && strictSymmetric ? 1.0 : 0.0));
      return EncodingMath::forQuantizer(
        range.first, range.second, bitwidth, symmetric, unsignedSymmetric, strictSymmetric);
    }
  }
  return EncodingMath::forQuantizer(
    statistics.min, statistics.max, bitwidth, symmetric, unsignedSymmetric, strictSymmetric);
}

Encoding Calibrator::tfEnhancedEncoding(const TensorStatistics& statistics,
                                        int bitwidth,
                                        bool symmetric,
                                        bool unsignedSymmetric,
                                        bool strictSymmetric)
{
  if (!statistics.hasHistogram())
    throw EngineError("tf_enhanced needs a calibration histogram, and this quantizer has none");
  const float fullSteps = static_cast<float>(EncodingMath::stepCount(bitwidth));
  const auto [low, high] = observedRange(statistics);
  float numSteps = fullSteps;
  std::vector<Grid> grids;
  if (symmetric) {
    if (strictSymmetric)
      numSteps -= 1.0f;
    grids = symmetricGrids(low, high, numSteps, unsignedSymmetric);
  } else {
    grids = asymmetricGrids(low, high, numSteps);
  }

  // The first grid with the lowest cost wins (strictly less than the best so far).
  const Grid* best = nullptr;
  float bestCost = std::numeric_limits<float>::max();
  for (const Grid& grid : grids) {
    const float cost = gridCost(statistics, fullSteps, grid);
    if (cost < bestCost) {
      bestCost = cost;
      best = &grid;
    }
  }
  // Only a histogram of values near float's limits makes every cost overflow;
  // AIMET would return delta −1 there.
  if (!best)
    return EncodingMath::forQuantizer(
      statistics.min, statistics.max, bitwidth, symmetric, unsignedSymmetric, strictSymmetric);

  Encoding encoding;
  encoding.bitwidth = bitwidth;
  encoding.symmetric = symmetric;
  encoding.scale = best->delta;
  encoding.offset = best->offset;
  encoding.min = best->delta * static_cast<float>(best->offset);
  encoding.max = static_cast<double>(best->delta * numSteps) + encoding.min;
  return encoding;
}

std::pair<double, double> Calibrator::percentileRange(const TensorStatistics& statistics, double percentile)
{
  if (!(percentile >= 50.0 && percentile <= 100.0))
    throw EngineError("percentile " + std::to_string(percentile) + " is outside the valid range [50, 100]");
  if (percentile == 100.0 || !statistics.hasHistogram())
    return { statistics.min, statistics.max };
  const double total = std::accumulate(statistics.histogram.begin(), statistics.histogram.end(), 0.0);
  if (!(total > 0.0))
    return { statistics.min, statistics.max };
  const double low = histogramQuantile(statistics, total * (1.0 - percentile / 100.0));
  const double high = histogramQuantile(statistics, total * (percentile / 100.0));
  return { std::clamp(low, statistics.min, statistics.max), std::clamp(high, statistics.min, statistics.max) };
}

std::pair<float, float> Calibrator::histogramRange(float batchMin, float batchMax)
{
  if (batchMin == batchMax)
    batchMax = std::max(batchMax, batchMin + kMinRange);
  const float centre = (batchMax + batchMin) / 2.0f;
  return { centre - kHistogramWidening * (centre - batchMin), centre + kHistogramWidening * (batchMax - centre) };
}

int Calibrator::binIndex(const TensorStatistics& statistics, float value)
{
  const float step = statistics.binStep();
  return aimetBin(value, step, statistics.binPosition(0) / step, statistics.histogram.size());
}

void Calibrator::accumulate(TensorStatistics& statistics, const float* values, std::size_t count, int bins)
{
  if (bins < 2)
    throw EngineError("histogram bin count " + std::to_string(bins) + " is not valid: it must be at least 2");
  if (count == 0)
    return;
  float batchMin = std::numeric_limits<float>::infinity();
  float batchMax = -std::numeric_limits<float>::infinity();
  for (std::size_t i = 0; i < count; ++i) {
    if (!std::isfinite(values[i]))
      throw EngineError("calibration data contains NaN or infinite values");
    batchMin = std::min(batchMin, values[i]);
    batchMax = std::max(batchMax, values[i]);
  }

  // tf's running min/max sees every batch, all-zero ones included.
  if (statistics.empty()) {
    statistics.min = batchMin;
    statistics.max = batchMax;
  } else {
    statistics.min = std::min(statistics.min, static_cast<double>(batchMin));
    statistics.max = std::max(statistics.max, static_cast<double>(batchMax));
  }
  statistics.count += count;

  if (!statistics.hasHistogram() && !startHistogram(statistics, batchMin, batchMax, bins))
    return;
  // Values outside the range are dropped but still count in the batch's
  // size, so this batch's shares add up to less than 1.
  std::vector<std::uint64_t> binCounts(statistics.histogram.size(), 0);
  const float step = statistics.binStep();
  const float offset = statistics.binPosition(0) / step;
  for (std::size_t i = 0; i < count; ++i) {
    const int bin = aimetBin(values[i], step, offset, binCounts.size());
    if (bin >= 0)
      ++binCounts[static_cast<std::size_t>(bin)];
  }
  // The running mean of per-batch shares: every batch weighs the same.
  const double averaged = static_cast<double>(statistics.histogramBatches);
  const double size = static_cast<double>(count);
  for (std::size_t b = 0; b < binCounts.size(); ++b) {
    const double share = static_cast<double>(binCounts[b]) / size;
    statistics.histogram[b] = (statistics.histogram[b] * averaged + share) / (averaged + 1.0);
  }
  ++statistics.histogramBatches;
}

} // namespace quantlens
