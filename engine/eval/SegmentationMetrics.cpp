#include "eval/SegmentationMetrics.h"

#include <cstddef>

namespace quantlens {

namespace {

/// The reference evaluators add this to every denominator so that empty
/// classes give 0 instead of NaN.
constexpr double kEpsilon = 1e-15;

/// The matrix as doubles with the ignored row/column zeroed.
std::vector<std::vector<double>> ignoredZeroed(const ConfusionMatrix& matrix, IgnoreConvention convention)
{
  const int n = matrix.classCount();
  std::vector<std::vector<double>> m(static_cast<std::size_t>(n), std::vector<double>(static_cast<std::size_t>(n)));
  for (int p = 0; p < n; ++p) {
    for (int t = 0; t < n; ++t) {
      const bool ignored = t == 0 || (p == 0 && convention == IgnoreConvention::ZeroRowAndColumn);
      m[p][t] = ignored ? 0.0 : static_cast<double>(matrix.at(p, t));
    }
  }
  return m;
}

} // namespace

SegmentationMetrics SegmentationMetrics::compute(const ConfusionMatrix& matrix, IgnoreConvention convention)
{
  const int n = matrix.classCount();
  const auto m = ignoredZeroed(matrix, convention);

  SegmentationMetrics metrics;
  metrics.iou.assign(static_cast<std::size_t>(n), 0.0);
  metrics.present.assign(static_cast<std::size_t>(n), false);
  for (int p = 0; p < n; ++p) {
    for (int t = 1; t < n; ++t)
      metrics.points += matrix.at(p, t);
  }

  double totalTp = 0.0;
  double totalTpFp = 0.0;
  double iouSum = 0.0;
  double presentIouSum = 0.0;
  int presentCount = 0;
  for (int c = 1; c < n; ++c) {
    double rowSum = 0.0;
    double columnSum = 0.0;
    for (int k = 0; k < n; ++k) {
      rowSum += m[c][k];
      columnSum += m[k][c];
    }
    const double tp = m[c][c];
    const double fp = rowSum - tp;
    const double fn = columnSum - tp;
    const double iou = tp / (tp + fp + fn + kEpsilon);
    metrics.iou[c] = iou;
    metrics.present[c] = columnSum > 0.0;
    iouSum += iou;
    if (metrics.present[c]) {
      presentIouSum += iou;
      ++presentCount;
    }
    totalTp += tp;
    totalTpFp += tp + fp;
  }
  if (n > 1)
    metrics.miou = iouSum / (n - 1);
  if (presentCount > 0)
    metrics.miouPresent = presentIouSum / presentCount;
  metrics.accuracy = totalTp / (totalTpFp + kEpsilon);
  return metrics;
}

} // namespace quantlens
