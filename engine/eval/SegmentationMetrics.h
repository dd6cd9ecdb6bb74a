#pragma once

#include "eval/ConfusionMatrix.h"

#include <cstdint>
#include <vector>

namespace quantlens {

/// Which cells of the confusion matrix class 0 ("unlabeled", ignored) removes
/// before the metrics are computed.
enum class IgnoreConvention
{
  /// The SemanticKITTI reference evaluator (semantic-kitti-api np_ioueval.py):
  /// only the ground-truth column 0 is zeroed. A labelled point predicted as 0
  /// stays in row 0 and still counts as a miss (fn) of its true class.
  SemanticKittiApi,
  /// lidar-bonnetal / SalsaNext ioueval.py (used by the AIMET model zoo):
  /// row 0 and column 0 are both zeroed, so a point predicted as 0 is not
  /// counted at all. Differs from SemanticKittiApi only when a model predicts 0.
  ZeroRowAndColumn
};

/// IoU metrics of a confusion matrix, computed like the reference evaluators:
/// tp_c = M[c][c], fp_c = row sum − tp_c, fn_c = column sum − tp_c (after the
/// ignore rule), IoU_c = tp_c / (tp_c + fp_c + fn_c + 1e-15), so a class that is
/// neither predicted nor present gets 0.
struct SegmentationMetrics
{
  std::vector<double> iou;   ///< per class, size classCount; iou[0] = 0 (ignored)
  std::vector<bool> present; ///< class has ground-truth points after the ignore rule; present[0] = false
  double miou = 0.0;         ///< mean over classes 1..n-1, absent classes counting as 0 (the published figure)
  double miouPresent = 0.0;  ///< mean over present classes only (0 when none is present)
  /// Σ tp_c / Σ (tp_c + fp_c) over classes 1..n-1 (+1e-15 like the reference).
  /// Under SemanticKittiApi points predicted as 0 are left out of the denominator.
  double accuracy = 0.0;
  std::uint64_t points = 0;  ///< points with ground truth != 0 (under either convention)

  bool operator==(const SegmentationMetrics&) const = default;

  static SegmentationMetrics compute(const ConfusionMatrix& matrix,
                                     IgnoreConvention convention = IgnoreConvention::SemanticKittiApi);
};

} // namespace quantlens
