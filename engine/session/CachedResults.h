#pragma once

#include "eval/LayerSensitivity.h"
#include "eval/MixedPrecision.h"
#include "eval/SequenceEvaluator.h"
#include "quant/TensorStatistics.h"
#include "session/ScanInference.h"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace quantlens {

/// One scan's predictions as InspectionSession caches them: by VariantKey.
struct CachedScanResults
{
  std::size_t index = 0;
  std::string scanId;          ///< checked on restore: the same file stem
  std::size_t pointCount = 0;  ///< checked on restore: the same scan
  std::map<std::string, VariantPrediction> predictions; ///< VariantKey::of(settings) -> prediction

  bool operator==(const CachedScanResults&) const = default;
};

/// Everything an InspectionSession computed that is worth keeping in a
/// session file, so reopening it shows the same results without computing
/// them again: calibration statistics, per-scan predictions, evaluations,
/// sensitivity sweeps and mixed-precision searches, keyed exactly as the
/// session's caches key them. The fingerprints tell whether the results
/// still belong to the model and sequence being opened.
struct CachedResults
{
  std::string modelFingerprint;    ///< FileFingerprint::of(model file) + quantizer table
  std::string sequenceFingerprint; ///< scan count and scan ids
  std::string scheme;              ///< QuantScheme::toString() the results were computed with
  bool knn = false;
  std::string calibratedOn;        ///< the session's calibration key; empty: not calibrated
  std::size_t calibrationPasses = 0;
  /// By quantizer id; parameter quantizers have empty statistics.
  std::vector<TensorStatistics> activationStatistics;
  std::vector<CachedScanResults> scans; ///< most recently viewed first
  std::map<std::string, std::vector<VariantEvaluation>> evaluations;
  std::map<std::string, SensitivityResult> sensitivities;
  std::map<std::string, MixedPrecisionResult> mixedPrecision;

  bool operator==(const CachedResults&) const = default;
};

} // namespace quantlens
