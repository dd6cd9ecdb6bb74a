#pragma once

#include "eval/LayerSensitivity.h"
#include "session/CachedResults.h"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace quantlens {

/// CachedResults as JSON (a session file's "cached_results", see SessionFile):
///
///   { "format": "quantlens-results", "version": 1,
///     "model_fingerprint": "6912345:9f3a0c5e12d4b877|...", "sequence_fingerprint": "...",
///     "scheme": "tf_enhanced", "knn": false, "calibrated_on": "...", "calibration_passes": 4,
///     "activation_statistics": [ STATISTICS, ... ],            // by quantizer id
///     "scans": [ { "index": 12, "scan_id": "000012", "point_count": 121334,
///                  "predictions": [ { "key": "<VariantKey>", "name": "W8A8",
///                                     "pixel_labels": LABELS, "point_labels": LABELS,
///                                     "metrics": METRICS,  // optional: the scan has no labels
///                                     "inference_ms": 41.5 } ] } ],
///     "evaluations":     [ { "key": "...", "variants": [ EVALUATION, ... ] } ],
///     "sensitivities":   [ { "key": "...", SENSITIVITY's fields } ],
///     "mixed_precision": [ { "key": "...", MIXED_PRECISION's fields } ] }
///
///   LABELS      = { "size": 131072, "runs": [ label, count, label, count, ... ] }
///                 run-length encoded (a range image has long runs of one class: a
///                 64×2048 map takes a few thousand runs, not 131072 numbers);
///                 labels 0..255, counts ≥ 1 adding up to "size" (at most kMaxLabels).
///   STATISTICS  = { "count", "min", "max", "histogram_min", "histogram_max",
///                   "histogram": [per bin, the mean share of a batch's values],
///                   "histogram_batches" }  // TensorStatistics; "histogram_batches" absent
///                 in files of a QuantLens before AIMET's averaged histogram: read as 0
///   METRICS     = { "iou": [...], "present": [bool, ...], "miou", "miou_present", "accuracy", "points" }
///   MATRIX      = { "classes": 20, "counts": [ classes² counts, row-major: row = prediction ] }
///   EVALUATION  = { "name", "confusion": MATRIX, "metrics": METRICS, "per_scan": [METRICS, ...],
///                   "by_distance": { "edges": [0, 10, ...], "bins": [MATRIX, ...] },
///                   "changed_points", "compared_points", "changes": MATRIX,
///                   "flipped_indices": [ [ascending point indices], ... ] }
///   SENSITIVITY = { "mode": "only_this_layer" | "all_but_this_layer", "metric": "agreement" | "miou",
///                   "baseline_agreement", "fp32_miou", "baseline_miou", "inputs", "shard_index", "shard_count",
///                   "layers": [ { "module", "agreement", "sensitivity", "order", "miou" } ] }
///   MIXED_PRECISION = { "reference_score", "fp32_bit_ops", "chosen", "budget_met",
///                   "points": [ { "step", "module", "bit_ops", "score", "drop", "pareto" } ],
///                   "settings": [ { "enabled", "bitwidth", "dtype": "int" | "float", "symmetric",
///                                   "per_channel", "fixed_encodings": [ENC, ...] } ],  // ENC: EncodingsFile 0.6.1
///                   "overrides": { an OverridesFile document } }
///
/// Maps (predictions, evaluations, ...) are lists of entries with a "key" (a
/// key given twice is an error), so error messages name an entry by its
/// position rather than by a VariantKey a page long. Every prediction of a
/// scan has "point_count" point labels and as many pixel labels as the others.
/// Every key but "metrics" and "histogram_batches" is required and unknown keys
/// are errors. Numbers are written with round-trip precision, so
/// fromJson(toJson(x)) == x field for field. The text is compact (one line): it is for QuantLens, not for people.
/// Errors are EngineError "<source>: <field path>: <problem>", e.g.
/// "s.qlens: cached_results: scans[0].predictions[1].point_labels: the runs add up to 9 labels, \"size\" says 10".
class CachedResultsJson
{
public:
  /// Throws EngineError "<what>: <field>: <problem>" for results that fromJson
  /// would refuse (a number that is not finite, labels that do not fit their
  /// scan, an index out of range), so what is written can always be read back.
  static std::string toJson(const CachedResults& results, const std::string& what = "cannot write cached results");
  /// `sourceName` names the text in error messages.
  static CachedResults fromJson(std::string_view text, const std::string& sourceName);
  /// The same from a document already parsed (a session file's nested object),
  /// so a large cache is not turned back into text only to be parsed again.
  static CachedResults fromDocument(const nlohmann::json& document, const std::string& sourceName);

  /// The spellings of the sensitivity mode and metric, shared with the session file's "analyses".
  static const char* modeName(SensitivityMode mode);
  static std::optional<SensitivityMode> parseMode(std::string_view name);
  static const char* metricName(SensitivityMetric metric);
  static std::optional<SensitivityMetric> parseMetric(std::string_view name);

  static constexpr const char* kFormat = "quantlens-results";
  static constexpr int kVersion = 1;
  /// The most labels one LABELS may hold, so a damaged size cannot ask for gigabytes.
  static constexpr std::size_t kMaxLabels = std::size_t{ 1 } << 24;
};

} // namespace quantlens
